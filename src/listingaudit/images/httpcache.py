"""The HTTP half of the photo cache: each photo URL's last good response, kept for revalidation.

A warm run asks the server, for every photo, "still this one?" (``If-None-Match`` /
``If-Modified-Since``) and is answered ``304 Not Modified``. What matters then is how little the
answer costs here. An entry is one file: a first line of JSON with the few response headers that
revalidation and freshness need plus the body's SHA-256 and length, then the body. A 304 reads
only that first line, and its digest leads straight to the analysis cache (keyed by the same
SHA-256): the body is neither read, hashed nor rewritten. The entry is rewritten only when the
304 changed something that counts.

What is kept follows HTTP's rules for a private cache, as far as a photo needs them: only a
complete ``200``, never one marked ``no-store`` or ``Vary: *``, and only when it can be
revalidated (``ETag``, ``Last-Modified``) or has a freshness lifetime (``max-age``,
``Expires``). A fresh entry is used without asking; ``no-cache`` always asks.

Writes go to a temporary file renamed into place, so an interrupted run leaves entries whole or
absent, and a body is checked against its digest before use. An unreadable or unwritable cache
costs the cache, never the photo.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import asdict, dataclass, fields, replace
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from listingaudit.images.files import AtomicWriter, ReadAhead, read_start


def directives(cache_control: str | None) -> dict[str, str]:
    """``Cache-Control`` as ``{name: argument}`` (``""`` for a directive with none)."""
    found: dict[str, str] = {}
    for part in (cache_control or "").split(","):
        name, _, argument = part.partition("=")
        if name.strip():
            found[name.strip().lower()] = argument.strip().strip('"')
    return found


def http_time(value: str | None) -> float | None:
    """Seconds since the epoch for an HTTP date, or ``None`` when absent or unreadable."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


@dataclass(frozen=True)
class Entry:
    """What is kept of one response: enough to reuse it, revalidate it, and find its body."""

    url: str
    digest: str
    length: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    cache_control: str | None
    expires: str | None
    #: When the response was made: its ``Date``, else when it arrived (epoch seconds).
    date: float
    #: Stored under the URL a redirect started from, for offline use only: online, the
    #: redirect is asked again, since it may lead elsewhere now.
    redirected: bool = False

    def lifetime(self) -> float:
        """Seconds the response stays fresh after ``date``; 0 means ask every time."""
        cc = directives(self.cache_control)
        if "no-cache" in cc:
            return 0.0
        if "max-age" in cc:
            try:
                return float(int(cc["max-age"]))
            except ValueError:
                return 0.0  # an unreadable max-age is taken as stale, never as forever
        expires = http_time(self.expires)
        return max(0.0, expires - self.date) if expires is not None else 0.0

    def fresh(self, now: float) -> bool:
        return self.lifetime() > now - self.date

    def validators(self) -> dict[str, str]:
        """The conditional header that asks whether this response is still current.

        ``If-None-Match`` alone when there is an ETag: a server must then ignore
        ``If-Modified-Since`` (RFC 9110, 13.1.3), which is sent only for old intermediaries,
        and the fetcher goes through none.
        """
        if self.etag:
            return {"If-None-Match": self.etag}
        if self.last_modified:
            return {"If-Modified-Since": self.last_modified}
        return {}


#: The fields of :class:`Entry` that come from response headers, and those headers.
_KEPT_HEADERS = {
    "content_type": "Content-Type",
    "etag": "ETag",
    "last_modified": "Last-Modified",
    "cache_control": "Cache-Control",
    "expires": "Expires",
}


def _entry(
    url: str, headers: Mapping[str, str], *, digest: str = "", length: int = 0, **more: Any
) -> Entry:
    """An entry with the headers of ``headers`` that revalidation and freshness need."""
    kept: dict[str, Any] = {field: headers.get(name) for field, name in _KEPT_HEADERS.items()}
    return Entry(url, digest, length, **kept, date=_date(headers), **more)


def _date(headers: Mapping[str, str]) -> float:
    """When the response was made: its ``Date``, else now."""
    return http_time(headers.get("Date")) or time.time()


#: Longest first line read as an entry's head (a longer one is a damaged entry).
_MAX_HEAD = 64 * 1024
#: What is read first: a head is a few hundred bytes, unless its URL is very long.
_FIRST_READ = 4096
#: Every field of :class:`Entry`, in order (``fields`` builds them anew on each call).
_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def storable(headers: Mapping[str, str]) -> bool:
    """Whether a ``200`` with these headers may be kept (see the module docstring)."""
    if "no-store" in directives(headers.get("Cache-Control")):
        return False
    if "*" in headers.get("Vary", ""):
        return False
    if headers.get("ETag") or headers.get("Last-Modified"):
        return True
    return _entry("", headers).lifetime() > 0


class ResponseCache:
    """Entries by URL under ``folder``: ``<2 hex>/<SHA-256 of the URL>.http``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._folder = str(folder)
        self._files = AtomicWriter()
        #: ``with cache.ahead.batch(urls):`` reads their entries before threads ask ``get``.
        self.ahead = ReadAhead(self._read)

    def _path(self, url: str) -> str:
        """The entry's file, as a string: a warm run looks up every photo, and joining
        ``Path`` objects cost more than reading the entry's head."""
        key = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
        return os.path.join(self._folder, key[:2], f"{key}.http")

    def get(self, url: str) -> Entry | None:
        """The entry for ``url``; ``None`` when absent, damaged or another URL's."""
        return self.ahead.take(url)

    def _read(self, url: str) -> Entry | None:
        path = self._path(url)
        try:
            head = read_start(path, _FIRST_READ)
            if b"\n" not in head:
                head = read_start(path, _MAX_HEAD)
            data = json.loads(head.partition(b"\n")[0])
            entry = Entry(**{name: data[name] for name in _ENTRY_FIELDS})
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return entry if entry.url == url else None

    def body(self, entry: Entry) -> bytes | None:
        """The entry's bytes, or ``None`` unless they are whole and the ones it describes."""
        try:
            with open(self._path(entry.url), "rb") as kept:
                kept.readline(_MAX_HEAD)
                data = kept.read(entry.length + 1)
        except OSError:
            return None
        if len(data) != entry.length or hashlib.sha256(data).hexdigest() != entry.digest:
            return None
        return data

    def put(
        self,
        url: str,
        headers: Mapping[str, str],
        data: bytes,
        digest: str,
        *,
        redirected: bool = False,
    ) -> Entry | None:
        """Keep a complete ``200`` for ``url`` if HTTP allows it; the entry, or ``None``."""
        if not storable(headers):
            self.delete(url)
            return None
        entry = _entry(url, headers, digest=digest, length=len(data), redirected=redirected)
        return entry if self._write(entry, data) else None

    def refresh(self, entry: Entry, headers: Mapping[str, str]) -> Entry:
        """The entry after a ``304`` that sent ``headers``: what it sent replaces what was kept.

        Written back, with the 304's date, only when a kept header changed or when the entry's
        freshness counts from its date: a ``no-cache`` photo answered 304 costs no write (and
        its date, which only freshness reads, is left as it was).
        """
        changed: dict[str, Any] = {
            field: sent
            for field, name in _KEPT_HEADERS.items()
            if (sent := headers.get(name)) and sent != getattr(entry, field)
        }
        updated = replace(entry, **changed) if changed else entry
        if changed or updated.lifetime() > 0:
            updated = replace(updated, date=_date(headers))
            data = self.body(entry)
            if data is None or not self._write(updated, data):
                self.delete(entry.url)  # better asked again in full than kept out of date
        return updated

    def delete(self, url: str) -> None:
        with suppress(OSError):  # absent, or a read-only cache
            os.unlink(self._path(url))

    def _write(self, entry: Entry, data: bytes) -> bool:
        """Write the entry whole or not at all; False when the disk refused."""
        head = json.dumps(asdict(entry), separators=(",", ":")).encode("utf-8")
        # JSON escapes newlines: the head is exactly the first line.
        return self._files.write(self._path(entry.url), head, b"\n", data)
