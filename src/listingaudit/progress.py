"""One progress line on stderr for a long run: listings judged, and photos analysed.

A million-listing audit takes minutes and a first photo run longer; a terminal that stays
silent that long looks hung. The line is redrawn in place (at most every ``_INTERVAL``)
and only when asked (the command line asks when stderr is a terminal, so CI logs stay clean):

    listings 120,000 (2,310/s) · photos 1,840/2,000 (1,200 cached, 3 failed)
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

#: Seconds between redraws, so a fast run does not flood the terminal.
_INTERVAL = 0.2
#: Back to the line's start and clear it (a shorter line leaves nothing of a longer one).
_REDRAW = "\r\x1b[K"


class Progress:
    """Counts listings judged and photos finished (fetching threads count too)."""

    def __init__(self, enabled: bool, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.listings = 0
        self.photos = self.photos_total = self.cached = self.failed = 0
        self._started = time.monotonic()
        self._drawn = 0.0
        self._lock = threading.Lock()

    def judged(self, listings: int) -> None:
        with self._lock:
            self.listings += listings
            self._draw_now()

    def expect_photos(self, count: int) -> None:
        """``count`` more photos are to be analysed."""
        with self._lock:
            self.photos_total += count

    def photo(self, *, cached: bool = False, failed: bool = False) -> None:
        with self._lock:
            self.photos += 1
            self.cached += cached
            self.failed += failed
            self._draw_now(final=self.photos == self.photos_total)

    def close(self) -> None:
        """The last figures, and the end of the line."""
        if self.enabled and self._drawn:
            with self._lock:
                self._draw()
                self.stream.write("\n")
                self.stream.flush()

    def line(self) -> str:
        parts = []
        if self.listings:
            rate = self.listings / max(time.monotonic() - self._started, 1e-9)
            parts.append(f"listings {self.listings:,} ({rate:,.0f}/s)")
        if self.photos_total:
            parts.append(
                f"photos {self.photos:,}/{self.photos_total:,} "
                f"({self.cached:,} cached, {self.failed:,} failed)"
            )
        return " · ".join(parts)

    def _draw_now(self, final: bool = False) -> None:
        now = time.monotonic()
        if self.enabled and (final or now - self._drawn >= _INTERVAL):
            self._drawn = now
            self._draw()

    def _draw(self) -> None:
        self.stream.write(_REDRAW + self.line())
        self.stream.flush()
