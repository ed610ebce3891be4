"""A one-line progress report on stderr for long photo runs: done, cached and failed."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

#: Seconds between redraws, so a fast run does not flood the terminal.
_INTERVAL = 0.2


class Progress:
    """Counts photos as they finish and redraws ``photos 12/50 (3 cached, 1 failed)``."""

    def __init__(self, total: int, enabled: bool, stream: TextIO | None = None) -> None:
        self.total = total
        self.enabled = enabled and total > 0
        self.stream = stream or sys.stderr
        self.done = self.cached = self.failed = 0
        self._drawn = 0.0
        self._lock = threading.Lock()

    def step(self, *, cached: bool = False, failed: bool = False) -> None:
        with self._lock:
            self.done += 1
            self.cached += cached
            self.failed += failed
            now = time.monotonic()
            if self.enabled and (now - self._drawn >= _INTERVAL or self.done == self.total):
                self._drawn = now
                self._draw()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self) -> None:
        self.stream.write(
            f"\rphotos {self.done}/{self.total} ({self.cached} cached, {self.failed} failed)"
        )
        self.stream.flush()
