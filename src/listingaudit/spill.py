"""An anonymous temporary file that records are appended to and read back from anywhere.

What a run keeps for every listing or photo (``listingaudit.results.Results``,
``listingaudit.images.results.PhotoResults``) goes to disk here rather than into memory. The file
is unlinked as soon as it is made, so it is gone when the run ends, even after a crash.
"""

from __future__ import annotations

import os
import tempfile


class SpillFile:
    """Bytes appended at the end, read back by offset and size."""

    def __init__(self, prefix: str, buffering: int = 1 << 18) -> None:
        self._file = tempfile.TemporaryFile(prefix=prefix, buffering=buffering)  # noqa: SIM115
        self.size = 0
        self._unwritten = False

    def append(self, data: bytes) -> int:
        """Write ``data`` at the end; its offset."""
        offset = self.size
        self._file.write(data)
        self.size += len(data)
        self._unwritten = True
        return offset

    def read(self, offset: int, size: int) -> bytes:
        if self._unwritten:
            self._file.flush()
            self._unwritten = False
        descriptor = self._file.fileno()
        if hasattr(os, "pread"):
            return os.pread(descriptor, size, offset)
        # Windows has no pread: read there, then leave the position at the end for appends.
        os.lseek(descriptor, offset, os.SEEK_SET)
        data = os.read(descriptor, size)
        os.lseek(descriptor, 0, os.SEEK_END)
        return data

    def close(self) -> None:
        self._file.close()
