"""Getting a photo's bytes: a plugin's hook, a local file, or HTTP through one guarded session.

Every photo of a run comes through :class:`Fetcher`, so its limits apply to all of them. HTTP
goes through one ``requests`` session that never reads the environment (no ``.netrc``
credentials, no proxies) and never stores cookies; every request and redirect is checked by
:class:`~listingaudit.images.safety.UrlPolicy`; connect and read timeouts bound each wait and a
:class:`~listingaudit.images.safety.Deadline` the whole photo, retries and redirects included;
429 and 5xx are retried with backoff and ``Retry-After`` honoured (capped, and only while it fits
in the deadline); a per-host limit keeps the run polite; bodies are streamed under a size cap and
never inflated (``Accept-Encoding: identity``; a compressed body is refused). Redirects are
followed here rather than by requests, which reads (and inflates) a redirect's whole body into
memory, even when told not to follow it. CacheControl keeps responses on disk and revalidates
them with ETag / Last-Modified. Offline, only the cache and local files answer.
"""

from __future__ import annotations

import http.client
import stat
import threading
from collections.abc import Generator, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import requests
from cachecontrol import CacheControlAdapter, CacheController
from cachecontrol.caches import FileCache
from requests.adapters import HTTPAdapter
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
from urllib3.util.retry import Retry

from listingaudit import __version__
from listingaudit.images.safety import (
    Deadline,
    DeadlineExceeded,
    GuardedAdapter,
    HostNotFound,
    RefusedURL,
    UrlPolicy,
)

USER_AGENT = f"listingaudit/{__version__} (listing photo audit)"
#: No WebP/AVIF in Accept: CDNs that negotiate would otherwise serve a format the seller never
#: uploaded, and the format checks would judge the CDN instead of the photo.
ACCEPT = "image/jpeg, image/png, image/gif, image/*;q=0.8, */*;q=0.1"
#: Sent offline so every cached response counts as fresh, however old.
_ANY_AGE = "max-age=315360000"
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
    data: bytes
    #: The ``Content-Type`` the server sent; ``None`` for local files and hooks.
    content_type: str | None
    #: Served from the HTTP cache (fresh, or revalidated with a 304).
    from_cache: bool


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


class _TolerantFileCache(FileCache):
    """An unreadable or unwritable cache (read-only or full disk) costs the cache, not photos."""

    def get(self, key: str) -> bytes | None:
        try:
            data: bytes | None = super().get(key)
        except OSError:
            return None
        return data

    def set(self, key: str, value: bytes, expires: Any = None) -> None:
        with suppress(OSError):
            super().set(key, value, expires)

    def delete(self, key: str) -> None:
        with suppress(OSError):
            super().delete(key)


class _OfflineTransport(HTTPAdapter):
    """Stands where the network would be, offline: whatever reaches it was not in the cache."""

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        raise FetchError("offline", "offline, and the photo is not in the cache")


class _CachingGuardedAdapter(CacheControlAdapter, GuardedAdapter):
    """The cache answers first; only what it cannot answer is checked and fetched."""


class _CachingOfflineAdapter(CacheControlAdapter, _OfflineTransport):
    """The cache answers; anything else is an offline miss."""


class _Session(requests.Session):
    """A session that leaves redirects to :class:`Fetcher`.

    requests reads the whole body of a redirect (inflating it if compressed) before following
    it, and does so even with ``allow_redirects=False``, to fill ``Response.next``: an endless or
    gzip-bomb body on a 302 would fill memory. Here there is nothing to follow, so nothing is read.
    """

    def resolve_redirects(self, *args: Any, **kwargs: Any) -> Generator[Any, None, None]:
        yield from ()


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


def _status_error(response: requests.Response) -> FetchError:
    status = response.status_code
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
    ) -> None:
        self.settings = settings or FetchSettings()
        self.policy = policy
        self.offline = offline
        self.hook = hook
        self._http_cache = None if http_cache is None else _TolerantFileCache(http_cache)
        self.session = self._session()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def _session(self) -> requests.Session | None:
        cache = self._http_cache
        if self.offline and cache is None:
            return None
        s = self.settings
        options: dict[str, Any] = {
            "pool_connections": 32,
            "pool_maxsize": s.per_host,
            "max_retries": _DeadlineRetry(
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
            ),
        }
        adapter: HTTPAdapter
        if cache is None:
            adapter = GuardedAdapter(self.policy, **options)
        elif self.offline:
            adapter = _CachingOfflineAdapter(cache=cache, **options)
        else:
            adapter = _CachingGuardedAdapter(cache=cache, policy=self.policy, **options)
        session = _Session()
        session.trust_env = False
        session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        session.headers.update(
            {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "identity"}
        )
        if self.offline:
            session.headers["Cache-Control"] = _ANY_AGE
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def fetch(self, ref: str, base_dir: str | None) -> Fetched:
        """The bytes of ``ref``; :class:`FetchError` says why not."""
        served = self._from_hook(ref, base_dir)
        if served is not None:
            return served
        target = locate(ref, base_dir)
        if isinstance(target, Path):
            return self._from_file(target)
        return self._from_http(target)

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

    @contextmanager
    def _slot(self, url: str) -> Iterator[None]:
        """At most ``per_host`` photos in flight per host."""
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(self.settings.per_host))
        with slot:
            yield

    def _from_http(self, url: str) -> Fetched:
        if self.session is None:
            raise FetchError("offline", "offline, and the photo cache is off")
        limit = self.settings.deadline
        with self._slot(url), Deadline(limit) as deadline:
            try:
                return self._follow(self.session, url, deadline)
            except FetchError:
                if not deadline.expired:
                    raise
            except DeadlineExceeded:
                pass
        raise FetchError("timeout", f"not complete within {limit:g} s, the time allowed a photo")

    def _follow(self, session: requests.Session, url: str, deadline: Deadline) -> Fetched:
        """Fetch ``url``, following redirects without reading their bodies."""
        for _ in range(self.settings.max_redirects + 1):
            with self._request(session, url) as response:
                if not response.is_redirect:
                    return self._body(response, deadline)
                url = urljoin(response.url, session.get_redirect_target(response))
            if not is_remote(url):
                raise FetchError("refused", "redirected to a URL that is not http(s)")
        raise FetchError("too-many-redirects", f"more than {self.settings.max_redirects}")

    def _request(self, session: requests.Session, url: str) -> requests.Response:
        s = self.settings
        try:
            return session.get(
                url,
                stream=True,
                allow_redirects=False,
                timeout=(s.connect_timeout, s.read_timeout),
            )
        except RefusedURL as error:
            raise FetchError("refused", str(error)) from None
        except HostNotFound as error:
            raise FetchError("dns-failure", str(error)) from None
        except requests.RequestException as error:
            raise _request_error(error) from None

    def _body(self, response: requests.Response, deadline: Deadline) -> Fetched:
        if response.status_code != 200:
            raise _status_error(response)
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding not in ("", "identity"):
            raise FetchError("compressed-body", f"sent {encoding}-compressed; not inflated")
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.settings.max_bytes:
            raise FetchError("too-large", self._too_large())
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.raw.stream(_CHUNK, decode_content=False):
                size += len(chunk)
                if size > self.settings.max_bytes:
                    raise FetchError("too-large", self._too_large())
                chunks.append(chunk)
        except ReadTimeoutError:
            raise FetchError("timeout", f"the download stalled after {size} bytes") from None
        except Urllib3Error as error:
            detail = f"the download broke after {size} bytes: {_describe(error)}"
            raise FetchError("connection-failed", detail) from None
        if deadline.expired:
            # Cut short with no Content-Length to show it, the body looked complete to the cache.
            if self._http_cache is not None:
                self._http_cache.delete(CacheController.cache_url(response.url))
            raise DeadlineExceeded(f"cut off after {size} bytes")
        return Fetched(
            b"".join(chunks),
            response.headers.get("Content-Type"),
            bool(getattr(response, "from_cache", False)),
        )


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


def _request_error(error: requests.RequestException) -> FetchError:
    """A timeout or a failed connection, however requests and urllib3 wrapped it.

    A read timeout that used up the retries arrives as a ConnectionError around urllib3's
    MaxRetryError around the ReadTimeoutError: the reason is what counts.
    """
    inner = error.args[0] if error.args else error
    reason = getattr(inner, "reason", None) or inner
    if isinstance(reason, NewConnectionError):  # a subclass of urllib3's timeout, oddly
        return FetchError("connection-failed", str(reason))
    if isinstance(error, requests.Timeout) or isinstance(reason, TimeoutError | Urllib3Timeout):
        return FetchError("timeout", "the server did not answer in time")
    return FetchError("connection-failed", _describe(reason))
