"""Cache files written whole or not at all, cheaply enough to write one per photo.

Each file is written under a temporary name in its own folder and renamed into place, so a
reader (another thread, another run, the next run after a kill) sees the old file or the new
one, never half of one. The temporary name is this process's and thread's, so no two writers
share it and no random name has to be drawn. A folder is created once per run, not per file.
"""

from __future__ import annotations

import os
import threading
from contextlib import suppress


class AtomicWriter:
    """Writes files under one cache folder; remembers the subfolders it has made."""

    def __init__(self) -> None:
        self._made: set[str] = set()

    def write(self, path: str | os.PathLike[str], *parts: bytes) -> bool:
        """Write ``parts`` to ``path``; False when the disk refused (read-only, full)."""
        folder = os.path.dirname(path)
        tmp = f"{path}.{os.getpid()}-{threading.get_ident()}.tmp"
        try:
            if folder not in self._made:
                os.makedirs(folder, exist_ok=True)
                self._made.add(folder)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # private, as mkstemp
            with open(fd, "wb") as out:
                for part in parts:
                    out.write(part)
            os.replace(tmp, path)
        except OSError:  # a read-only or full disk costs the cache, not the audit
            with suppress(OSError):
                os.unlink(tmp)
            return False
        return True
