"""Cache files written whole or not at all, and read ahead of the threads that need them.

Each file is written under a temporary name in its own folder and renamed into place, so a
reader (another thread, another run, the next run after a kill) sees the old file or the new
one, never half of one. The temporary name is this process's and thread's, so no two writers
share it and no random name has to be drawn. A folder is created once per run, not per file.

A warm run reads two small cache files a photo. Read by the fetching threads, every ``open``,
``read`` and ``close`` hands Python's GIL to another thread and back: with four threads that
cost more CPU than the reads. :class:`ReadAhead` lets one thread read a batch's files first,
with no other thread running, and the fetching threads then find them in memory.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


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


def read_start(name: str, size: int) -> bytes:
    """The first ``size`` bytes of a file (all of a shorter one) in three system calls. A
    buffered file object adds an ``fstat``, an ``ioctl`` and a ``seek``, and each call hands
    the GIL to another thread and back when others are running."""
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        return os.read(fd, size)  # a regular file answers in full, up to its end
    finally:
        os.close(fd)


class ReadAhead(Generic[K, V]):
    """What ``read`` answers for a batch of keys, read at once and handed out once each.

    ``take`` answers a key read ahead from memory (and forgets it), any other by calling
    ``read``. Values read ahead live only for the ``batch`` block, so memory follows the batch.
    """

    def __init__(self, read: Callable[[K], V | None]) -> None:
        self._read = read
        self._values: dict[K, V] = {}

    @contextmanager
    def batch(self, keys: Iterable[K]) -> Iterator[list[V]]:
        """Read ``keys`` now; yields the values found."""
        found = []
        for key in keys:
            value = self._read(key)
            if value is not None:
                self._values[key] = value
                found.append(value)
        try:
            yield found
        finally:
            self._values.clear()

    def take(self, key: K) -> V | None:
        value = self._values.pop(key, None)  # one step under the GIL: safe between threads
        return value if value is not None else self._read(key)
