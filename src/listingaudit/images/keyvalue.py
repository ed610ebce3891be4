"""Small cache entries in one SQLite file instead of one file each.

A warm run looks up two small entries per photo (its HTTP validators and its measures). As
files, each lookup was an open, a read and a close: a third of the cost of a photo answered
``304``, and a million photos made two million files. A table in one SQLite file answers a
lookup in microseconds, and SQLite keeps each write whole, so an interrupted run leaves every
entry written or absent, as the rename-into-place files did.

The file is opened on first use, in WAL mode (readers never wait for the writer; another run on
the same cache waits up to :data:`BUSY_SECONDS` for its turn to write). Durability is SQLite's
``synchronous=NORMAL``: a crash of the audit loses nothing committed, a power cut may lose the
last entries, which is the right trade for a cache. A cache that cannot be opened or read
(read-only, full, damaged, not a database) costs the cache, never the audit: every call then
answers "absent".
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

#: Seconds a write waits for another run writing to the same cache.
BUSY_SECONDS = 5.0


class KeyValueFile:
    """Text values by text key in the table ``table`` of the SQLite file ``path``.

    One connection is shared by the run's threads, one statement at a time: each takes
    microseconds, and the connection's own lock would serialise them anyway.
    """

    def __init__(self, path: Path, table: str = "entries") -> None:
        if not table.isidentifier():
            raise ValueError(f"not a table name: {table!r}")
        self.path = path
        self.table = table
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._broken = False

    def get(self, key: str) -> str | None:
        row = self._run(f"SELECT value FROM {self.table} WHERE key = ?", (key,))
        return None if row is None else str(row[0])

    def put(self, key: str, value: str) -> bool:
        """Keep ``value`` under ``key``; False when the cache could not be written."""
        sql = f"INSERT OR REPLACE INTO {self.table} (key, value) VALUES (?, ?)"
        return self._run(sql, (key, value), write=True) is not None

    def delete(self, key: str) -> None:
        self._run(f"DELETE FROM {self.table} WHERE key = ?", (key,), write=True)

    def keys(self) -> list[str]:
        """Every key (for tests and maintenance; a run never lists the cache)."""
        with self._lock:
            connection = self._connect()
            if connection is None:
                return []
            try:
                return [str(k) for (k,) in connection.execute(f"SELECT key FROM {self.table}")]
            except sqlite3.Error:
                return []

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def _run(
        self, sql: str, parameters: tuple[str, ...], *, write: bool = False
    ) -> tuple[object, ...] | None:
        """The first row of ``sql`` (``()`` for a write that worked); None on any failure."""
        with self._lock:
            connection = self._connect()
            if connection is None:
                return None
            try:
                cursor = connection.execute(sql, parameters)
                return () if write else cursor.fetchone()
            except sqlite3.Error:  # damaged, full, read-only or locked for too long
                return None

    def _connect(self) -> sqlite3.Connection | None:
        """The open connection, opened (and the table made) on first use; None if it cannot be."""
        if self._connection is not None or self._broken:
            return self._connection
        connection = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(
                self.path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False
            )
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, value TEXT)"
            )
        except (OSError, sqlite3.Error):
            if connection is not None:
                connection.close()
            self._broken = True  # tried once per run, not once per photo
            return None
        self._connection = connection
        return connection
