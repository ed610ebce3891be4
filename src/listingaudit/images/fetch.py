"""Getting a photo's bytes: a plugin's hook, a local file, or HTTP through one guarded transport.

Every photo of a run comes through :class:`Fetcher`, so its limits apply to all of them. HTTP
requests go straight to urllib3's connection pools (:class:`~listingaudit.images.safety.
GuardedPoolManager`), not through requests: nothing reads the environment (no ``.netrc``
credentials, no proxies), there is no cookie jar, and a photo revalidated with a 304 costs a
fifth fewer instructions (requests' request and response objects). Every request and redirect
is checked by :class:`~listingaudit.images.safety.UrlPolicy`; connect and read timeouts bound
each wait and a :class:`~listingaudit.images.safety.Deadline` the whole photo, retries and
redirects included; 429 and 5xx are retried with backoff and ``Retry-After`` honoured (capped,
and only while it fits in the deadline); a per-host limit keeps the run polite; bodies are
streamed under a size cap and never inflated (``Accept-Encoding: identity``; a compressed body
is refused). Redirects are followed here, without reading their bodies (a session would read,
and inflate, a redirect's whole body into memory even when told not to follow it).
:mod:`~listingaudit.images.httpcache` keeps responses on disk and revalidates them with ETag /
Last-Modified; a photo it answers (fresh, or confirmed by a 304) comes with its SHA-256, and its
bytes are read only if asked for. Offline, only the cache and local files answer.
"""

from __future__ import annotations

import hashlib
import http.client
import stat
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import certifi
from urllib3 import BaseHTTPResponse
from urllib3.connectionpool import ConnectionPool
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import (
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    ResponseError,
)
from urllib3.exceptions import TimeoutError as Urllib3Timeout
from urllib3.util import Timeout
from urllib3.util.retry import Retry

from listingaudit import __version__
from listingaudit.images.httpcache import Entry, ResponseCache
from listingaudit.images.safety import (
    Deadline,
    DeadlineExceeded,
    GuardedPoolManager,
    HostNotFound,
    RefusedURL,
    UrlPolicy,
)

USER_AGENT = f"listingaudit/{__version__} (listing photo audit)"
#: No WebP/AVIF in Accept: CDNs that negotiate would otherwise serve a format the seller never
#: uploaded, and the format checks would judge the CDN instead of the photo.
ACCEPT = "image/jpeg, image/png, image/gif, image/*;q=0.8, */*;q=0.1"
#: Sent with every request, and nothing else but ``Host`` and the validators.
_HEADERS = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "identity"}
_CHUNK = 64 * 1024
_STATUS_REASONS = {401: "forbidden", 403: "forbidden", 404: "not-found", 410: "not-found"}


class FetchError(Exception):
    """The photo's bytes could not be had. ``reason`` is a stable code, ``detail`` for people."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class FetchSettings:
    """Limits for one photo. The defaults suit a public CDN; see ``[network]`` configuration."""

    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    #: Seconds for one photo in all: retries, redirects and a slow body included.
    deadline: float = 60.0
    #: Above every marketplace's maximum (Shopify 20 MB), so an oversize photo is still measured.
    max_bytes: int = 40_000_000
    max_redirects: int = 5
    per_host: int = 4
    retries: int = 3
    backoff: float = 0.5
    #: A longer ``Retry-After`` is cut to this, so one slow host cannot stall the audit.
    max_retry_after: int = 10


@dataclass(frozen=True)
class Fetched:
    #: The bytes; ``None`` only when the cache answered a ``body=False`` fetch (see ``digest``).
    data: bytes | None
    #: The ``Content-Type`` the server sent; ``None`` for local files and hooks.
    content_type: str | None
    #: Served from the HTTP cache (fresh, or revalidated with a 304).
    from_cache: bool
    #: SHA-256 of the bytes, when HTTP fetching already knows it; ``None`` for files and hooks.
    digest: str | None = None
    #: The URL whose response this is (after redirects), for :meth:`Fetcher.body`.
    url: str | None = None


def locate(ref: str, base_dir: str | None) -> str | Path:
    """The URL to fetch, or the local file, for a ref as an export writes it."""
    parts = urlsplit(ref)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return ref
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise FetchError("refused", f"file URL on another machine ({parts.netloc})")
        path = Path(url2pathname(parts.path))
    elif len(scheme) > 1:  # one letter is a Windows drive, not a scheme
        raise FetchError("refused", f"'{scheme}:' references are not fetched (http, https, files)")
    else:
        path = Path(ref)
    if not path.is_absolute() and base_dir is not None:
        path = Path(base_dir) / path
    return path


def is_remote(ref: str) -> bool:
    return urlsplit(ref).scheme.lower() in ("http", "https")


class _DeadlineRetry(Retry):
    """Retries only while the wait before the next try ends within the photo's deadline."""

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        retry = super().increment(method, url, response, error, _pool, _stacktrace)
        deadline = Deadline.current()
        if deadline is None:
            return retry
        # What ``sleep`` will wait: Retry-After when the server sent one, else the backoff.
        retry_after = retry.get_retry_after(response) if response is not None else None
        if (retry_after or retry.get_backoff_time()) >= deadline.remaining():
            # As when the retries run out: a status is answered, an error raised.
            cause = error or ResponseError("no time left to retry within the photo's deadline")
            raise MaxRetryError(_pool, url, cause)  # type: ignore[arg-type]
        return retry


def _status_error(response: BaseHTTPResponse) -> FetchError:
    status = response.status
    reason = _STATUS_REASONS.get(status)
    if reason is None:
        reason = "rate-limited" if status == 429 else "http-error"
    detail = f"HTTP {status} {response.reason or ''}".strip()
    if "Retry-After" in response.headers:
        detail += f" (Retry-After: {response.headers['Retry-After'][:40]})"
    return FetchError(reason, detail)


class Fetcher:
    """Serves the bytes of photo refs, each through the first source that has them."""

    def __init__(
        self,
        policy: UrlPolicy,
        settings: FetchSettings | None = None,
        *,
        http_cache: Path | None = None,
        offline: bool = False,
        hook: Any = None,
        ca_bundle: str | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        self.policy = policy
        self.offline = offline
        self.hook = hook if _serves_photos(hook) else None
        self._store = None if http_cache is None else ResponseCache(http_cache)
        #: Certificates are checked against Mozilla's CAs (``certifi``, as requests does) unless
        #: ``ca_bundle`` names other ones.
        self.pools = None if offline else self._pools(ca_bundle or certifi.where())
        s = self.settings
        self._timeout = Timeout(connect=s.connect_timeout, read=s.read_timeout)
        self._retry = _DeadlineRetry(
            total=s.retries,
            connect=s.retries,
            read=1,
            other=0,  # a certificate or protocol failure does not fix itself
            status=s.retries,
            backoff_factor=s.backoff,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=frozenset({"GET"}),
            respect_retry_after_header=True,
            retry_after_max=s.max_retry_after,
            raise_on_status=False,
        )
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def _pools(self, ca_bundle: str) -> GuardedPoolManager:
        """Up to 32 hosts' pools, each keeping ``per_host`` connections open for reuse."""
        return GuardedPoolManager(
            self.policy, num_pools=32, maxsize=self.settings.per_host, ca_certs=ca_bundle
        )

    def fetch(self, ref: str, base_dir: str | None, *, body: bool = True) -> Fetched:
        """The bytes of ``ref``; :class:`FetchError` says why not.

        With ``body=False`` a response the HTTP cache answers comes without its bytes, only
        their digest: a caller that already knows what those bytes measure reads nothing.
        """
        served = self._from_hook(ref, base_dir)
        if served is not None:
            return served
        target = locate(ref, base_dir)
        if isinstance(target, Path):
            return self._from_file(target)
        return self._from_http(target, body)

    @contextmanager
    def read_ahead(self, refs: Iterable[str]) -> Iterator[list[str]]:
        """Read the HTTP cache's entries for ``refs`` now, in this thread, for the fetches of
        the block (see :class:`~listingaudit.images.files.ReadAhead`); yields their digests."""
        if self._store is None or self.hook is not None:  # a plugin may serve them instead
            yield []
            return
        with self._store.ahead.batch(ref for ref in refs if is_remote(ref)) as entries:
            yield [entry.digest for entry in entries]

    def body(self, fetched: Fetched, ref: str, base_dir: str | None) -> bytes:
        """The bytes of what ``fetch(ref, base_dir, body=False)`` returned: from the cache,
        or fetched again in full if the cache lost them meanwhile."""
        if fetched.data is not None:
            return fetched.data
        if self._store is not None and fetched.url is not None:
            entry = self._store.get(fetched.url)
            data = None if entry is None else self._store.body(entry)
            if entry is not None and entry.digest == fetched.digest and data is not None:
                return data
        data = self.fetch(ref, base_dir).data
        if data is None:  # a fetch that wants the body always has it: a bug if reached
            raise FetchError("error", "the photo's bytes were not returned")
        return data

    def _from_hook(self, ref: str, base_dir: str | None) -> Fetched | None:
        if self.hook is None:
            return None
        try:
            data = self.hook.listingaudit_fetch_image(ref=ref, base_dir=base_dir)
        except Exception as error:  # a plugin's bug costs this photo, not the run
            raise FetchError(
                "hook-error", f"a plugin failed to serve the photo: {error!r}"
            ) from None
        if data is None:
            return None
        if len(data) > self.settings.max_bytes:
            raise FetchError("too-large", self._too_large())
        return Fetched(bytes(data), None, False)

    def _too_large(self) -> str:
        return f"larger than {self.settings.max_bytes / 1e6:.0f} MB; not read further"

    def _from_file(self, path: Path) -> Fetched:
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise FetchError("unreadable-file", f"{path} is not a regular file")
            if info.st_size > self.settings.max_bytes:
                raise FetchError("too-large", self._too_large())
            with path.open("rb") as source:
                data = source.read(self.settings.max_bytes + 1)
        except FileNotFoundError:
            raise FetchError("missing-file", f"{path} does not exist") from None
        except OSError as error:
            raise FetchError("unreadable-file", f"{path}: {error.strerror}") from None
        if len(data) > self.settings.max_bytes:
            raise FetchError("too-large", self._too_large())
        return Fetched(data, None, False)

    def concurrency(self, refs: Iterable[str]) -> int | None:
        """How many of ``refs`` can be fetched at once: ``per_host`` a host, when every one is
        an HTTP URL this fetcher will ask for; ``None`` (no bound) when some are files, when a
        plugin may serve them or when offline."""
        if self.pools is None or self.hook is not None:
            return None
        hosts = set()
        for ref in refs:
            host = _remote_host(ref)  # one parse a ref: a batch may name many thousands
            if host is None:
                return None
            hosts.add(host)
        return len(hosts) * self.settings.per_host

    @contextmanager
    def _slot(self, url: str) -> Iterator[None]:
        """At most ``per_host`` photos in flight per host."""
        host = _remote_host(url) or ""
        with self._lock:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(self.settings.per_host))
        with slot:
            yield

    def _kept(
        self, url: str, body: bool, *, offline: bool = False
    ) -> tuple[Entry, bytes | None] | None:
        """The cache's entry for ``url`` (with its bytes when ``body``); ``None`` when the cache
        cannot answer. An entry stored under the URL a redirect started from serves offline only.
        """
        store = self._store
        entry = None if store is None else store.get(url)
        if store is None or entry is None or (entry.redirected and not offline):
            return None
        data = store.body(entry) if body else None
        return None if body and data is None else (entry, data)

    def _from_http(self, url: str, body: bool) -> Fetched:
        if self.pools is None:
            if self._store is None:
                raise FetchError("offline", "offline, and the photo cache is off")
            kept = self._kept(url, body, offline=True)
            if kept is None:
                raise FetchError("offline", "offline, and the photo is not in the cache")
            return _cached(*kept)
        limit = self.settings.deadline
        with self._slot(url), Deadline(limit) as deadline:
            try:
                return self._follow(self.pools, url, deadline, body)
            except FetchError:
                if not deadline.expired:
                    raise
            except DeadlineExceeded:
                pass
        raise FetchError("timeout", f"not complete within {limit:g} s, the time allowed a photo")

    def _follow(
        self, pools: GuardedPoolManager, url: str, deadline: Deadline, body: bool
    ) -> Fetched:
        """Fetch ``url``, following redirects without reading their bodies; at each hop the
        cache answers a fresh entry itself and has a stale one revalidated."""
        start = url
        for _ in range(self.settings.max_redirects + 1):
            entry, data = self._kept(url, body) or (None, None)
            if entry is not None and entry.fresh(time.time()):
                return _cached(entry, data)
            asked = entry.validators() if entry is not None else {}
            response = self._request(pools, url, asked)
            try:
                if entry is not None and self._store is not None and response.status == 304:
                    response.read(decode_content=False)  # none: frees the connection
                    return _cached(self._store.refresh(entry, response.headers), data)
                if not response.get_redirect_location():
                    return self._body(response, deadline, url, start)
                url = urljoin(url, _location(response))
            finally:  # a body left unread closes its connection: it is not reused
                response.close()
            if not is_remote(url):
                raise FetchError("refused", "redirected to a URL that is not http(s)")
        raise FetchError("too-many-redirects", f"more than {self.settings.max_redirects}")

    def _request(
        self, pools: GuardedPoolManager, url: str, headers: dict[str, str]
    ) -> BaseHTTPResponse:
        """One GET, its body left unread; retried as :class:`_DeadlineRetry` allows."""
        try:
            return pools.urlopen(
                "GET",
                url,
                headers={**_HEADERS, **headers},
                timeout=self._timeout,
                retries=self._retry,
                preload_content=False,
                decode_content=False,
            )
        except RefusedURL as error:
            raise FetchError("refused", str(error)) from None
        except HostNotFound as error:
            raise FetchError("dns-failure", str(error)) from None
        except Urllib3Error as error:
            raise _request_error(error) from None

    def _body(
        self, response: BaseHTTPResponse, deadline: Deadline, url: str, start: str
    ) -> Fetched:
        """Read a 200's body under the caps and keep it in the cache (also under ``start``, the
        URL before redirects, for offline use)."""
        if response.status != 200:
            raise _status_error(response)
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding not in ("", "identity"):
            raise FetchError("compressed-body", f"sent {encoding}-compressed; not inflated")
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.settings.max_bytes:
            raise FetchError("too-large", self._too_large())
        chunks: list[bytes] = []
        size = 0
        digest = hashlib.sha256()
        try:
            for chunk in response.stream(_CHUNK, decode_content=False):
                size += len(chunk)
                if size > self.settings.max_bytes:
                    raise FetchError("too-large", self._too_large())
                digest.update(chunk)
                chunks.append(chunk)
        except ReadTimeoutError:
            raise FetchError("timeout", f"the download stalled after {size} bytes") from None
        except Urllib3Error as error:
            detail = f"the download broke after {size} bytes: {_describe(error)}"
            raise FetchError("connection-failed", detail) from None
        if deadline.expired:
            # Cut short with no Content-Length to show it: it looks complete, but is not kept.
            raise DeadlineExceeded(f"cut off after {size} bytes")
        data, hexdigest = b"".join(chunks), digest.hexdigest()
        if self._store is not None:
            self._store.put(url, response.headers, data, hexdigest)
            if start != url:
                self._store.put(start, response.headers, data, hexdigest, redirected=True)
        return Fetched(data, response.headers.get("Content-Type"), False, hexdigest, url)


def _serves_photos(hook: Any) -> bool:
    """Whether ``hook`` may serve photos: pluggy's relay only when a plugin implements
    ``listingaudit_fetch_image`` (else asking it costs a call a photo, and unbounds
    :meth:`Fetcher.concurrency`); any other object with that method, always."""
    if hook is None:
        return False
    implementations = getattr(hook.listingaudit_fetch_image, "get_hookimpls", None)
    return implementations is None or bool(implementations())


def _remote_host(ref: str) -> str | None:
    """The host whose ``per_host`` limit an http(s) ref counts against; None for any other."""
    parts = urlsplit(ref)
    return (parts.hostname or "").lower() if parts.scheme.lower() in ("http", "https") else None


def _cached(entry: Entry, data: bytes | None) -> Fetched:
    return Fetched(data, entry.content_type, True, entry.digest, entry.url)


def _location(response: BaseHTTPResponse) -> str:
    """A redirect's ``Location``: its bytes arrive as Latin-1 text but are UTF-8 (as browsers
    and requests read them)."""
    location = response.headers["Location"]
    try:
        return location.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return location


def _describe(error: BaseException) -> str:
    """A broken connection in words for the seller, not urllib3's nested reprs."""
    cause = error.args[1] if isinstance(error, ProtocolError) and len(error.args) > 1 else error
    if isinstance(cause, ConnectionResetError):
        return "the server reset the connection"
    if isinstance(cause, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(cause, http.client.IncompleteRead):
        missing = f" ({cause.expected} bytes missing)" if isinstance(cause.expected, int) else ""
        return f"the body ended before the length the server announced{missing}"
    return str(cause)


def _request_error(error: Urllib3Error) -> FetchError:
    """A timeout or a failed connection, however urllib3 wrapped it: once the retries are used
    up, the reason arrives inside a ``MaxRetryError``, and the reason is what counts."""
    reason = error.reason if isinstance(error, MaxRetryError) and error.reason else error
    if isinstance(reason, NewConnectionError):  # a subclass of urllib3's timeout, oddly
        return FetchError("connection-failed", str(reason))
    if isinstance(reason, TimeoutError | Urllib3Timeout):
        return FetchError("timeout", "the server did not answer in time")
    return FetchError("connection-failed", _describe(reason))
