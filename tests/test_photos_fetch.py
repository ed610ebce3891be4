"""Fetching photos from a real server on 127.0.0.1: HTTP, redirects, retries, the cache, files."""

from __future__ import annotations

import gzip
import socket
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pluggy
import pytest

from listingaudit import hookimpl, hookspecs
from listingaudit.images.fetch import Fetcher, FetchError, FetchSettings, locate
from listingaudit.images.safety import UrlPolicy

from .fixtures.photos.images import encode, product_shot
from .fixtures.photos.server import Route, Server, send, serve
from .test_photos_safety import Resolver

PHOTO = encode(product_shot(400, 3))
FAST = FetchSettings(connect_timeout=1, read_timeout=1, deadline=5, backoff=0)
#: Names the tests' resolver sends to the server on 127.0.0.1, allowed as a public CDN would be.
CDN, IMG = "cdn.example.com", "img.example.net"


def fetcher(tmp_path: Path | None = None, **options: object) -> Fetcher:
    """A fetcher for which the CDN names reach the test server and internal.example is private."""
    table = {CDN: ["127.0.0.1"], IMG: ["127.0.0.1"], "internal.example": ["10.0.0.5"]}
    policy = UrlPolicy([CDN, IMG], resolver=Resolver(table))
    cache = tmp_path / "http" if tmp_path else None
    return Fetcher(policy, options.pop("settings", FAST), http_cache=cache, **options)  # type: ignore[arg-type]


@pytest.fixture
def cdn() -> Iterator[Server]:
    with serve() as server:
        yield server


def serving(status: int, body: bytes = b"", **headers: str) -> Route:
    return lambda handler: send(handler, status, body, **headers)


def reason_of(fetch: Fetcher, url: str) -> tuple[str, str]:
    with pytest.raises(FetchError) as error:
        fetch.fetch(url, None)
    return error.value.reason, error.value.detail


def test_a_photo_is_fetched_with_identity_encoding_and_no_environment(
    cdn: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine {CDN} login seller password hunter2\n")
    monkeypatch.setenv("NETRC", str(netrc))
    for proxy in ("HTTP_PROXY", "http_proxy", "ALL_PROXY"):  # a proxy would not answer
        monkeypatch.setenv(proxy, "http://10.0.0.9:3128")
    cdn.routes["/a.jpg"] = serving(200, PHOTO, Content_Type="image/jpeg")
    fetched = fetcher().fetch(cdn.url("/a.jpg", CDN), None)
    assert (fetched.data, fetched.content_type) == (PHOTO, "image/jpeg")
    sent = cdn.seen[0][1]
    assert sent["Accept-Encoding"] == "identity" and sent["Host"] == f"{CDN}:{cdn.port}"
    assert "Authorization" not in sent  # .netrc credentials are never sent


def test_redirects_are_followed(cdn: Server) -> None:
    cdn.routes["/old.jpg"] = serving(301, Location=cdn.url("/new.jpg", IMG))
    cdn.routes["/new.jpg"] = serving(200, PHOTO)
    assert fetcher().fetch(cdn.url("/old.jpg", CDN), None).data == PHOTO
    assert [(path, sent["Host"]) for path, sent in cdn.seen] == [
        ("/old.jpg", f"{CDN}:{cdn.port}"),
        ("/new.jpg", f"{IMG}:{cdn.port}"),
    ]


def test_a_relative_redirect_is_resolved_against_the_url(cdn: Server) -> None:
    cdn.routes["/photos/old.jpg"] = serving(302, Location="../new.jpg")
    cdn.routes["/new.jpg"] = serving(200, PHOTO)
    assert fetcher().fetch(cdn.url("/photos/old.jpg", CDN), None).data == PHOTO


def test_a_redirect_to_a_private_address_is_refused(cdn: Server) -> None:
    cdn.routes["/a.jpg"] = serving(302, Location="http://internal.example/a.jpg")
    reason, detail = reason_of(fetcher(), cdn.url("/a.jpg", CDN))
    assert reason == "refused"
    assert "internal.example resolves to 10.0.0.5, a private-network address" in detail
    assert len(cdn.seen) == 1


def test_a_redirect_loop_stops(cdn: Server) -> None:
    cdn.routes["/a.jpg"] = serving(302, Location=cdn.url("/b.jpg", CDN))
    cdn.routes["/b.jpg"] = serving(302, Location=cdn.url("/a.jpg", CDN))
    assert reason_of(fetcher(), cdn.url("/a.jpg", CDN))[0] == "too-many-redirects"
    assert len(cdn.seen) == 6  # the first request and 5 redirects


@pytest.mark.parametrize(
    ("status", "reason"),
    [(404, "not-found"), (410, "not-found"), (403, "forbidden"), (401, "forbidden")],
)
def test_http_errors_name_the_status(cdn: Server, status: int, reason: str) -> None:
    cdn.routes["/a.jpg"] = serving(status, b"no photo here")
    got, detail = reason_of(fetcher(), cdn.url("/a.jpg", CDN))
    assert got == reason and detail.startswith(f"HTTP {status}")


def test_429_then_success_is_retried(cdn: Server) -> None:
    answers = iter([serving(429, Retry_After="0"), serving(200, PHOTO)])
    cdn.routes["/a.jpg"] = lambda handler: next(answers)(handler)
    assert fetcher().fetch(cdn.url("/a.jpg", CDN), None).data == PHOTO
    assert len(cdn.seen) == 2


def test_server_errors_are_retried_then_reported(cdn: Server) -> None:
    cdn.routes["/a.jpg"] = serving(503)
    assert reason_of(fetcher(), cdn.url("/a.jpg", CDN)) == (
        "http-error",
        "HTTP 503 Service Unavailable",
    )
    assert len(cdn.seen) == 4  # the first try and 3 retries


def test_a_connect_timeout_is_reported(cdn: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback always answers a connect at once, so the socket layer is made to time out."""
    tries: list[tuple[str, int]] = []

    def unanswered(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        tries.append(address)
        raise TimeoutError("timed out")

    monkeypatch.setattr("listingaudit.images.safety.create_connection", unanswered)
    assert reason_of(fetcher(), cdn.url("/a.jpg", CDN)) == (
        "timeout",
        "the server did not answer in time",
    )
    assert tries == [("127.0.0.1", cdn.port)] * 4  # retried like any failed connection
    assert cdn.seen == []


def test_dns_failure_is_reported() -> None:
    reason, detail = reason_of(fetcher(), "https://gone.example.org/a.jpg")
    assert reason == "dns-failure" and "gone.example.org does not resolve" in detail


def test_a_compressed_body_is_refused_not_inflated(cdn: Server) -> None:
    cdn.routes["/a.jpg"] = serving(200, gzip.compress(PHOTO), Content_Encoding="gzip")
    assert reason_of(fetcher(), cdn.url("/a.jpg", CDN))[0] == "compressed-body"


def test_a_declared_size_over_the_cap_is_refused_unread(cdn: Server) -> None:
    cdn.routes["/a.jpg"] = serving(200, PHOTO)
    small = fetcher(settings=FetchSettings(max_bytes=len(PHOTO) - 1, backoff=0))
    assert reason_of(small, cdn.url("/a.jpg", CDN))[0] == "too-large"


def test_cookies_are_never_kept(cdn: Server) -> None:
    cdn.routes["/a.jpg"] = serving(200, PHOTO, Set_Cookie="session=abc; Path=/")
    cdn.routes["/b.jpg"] = serving(200, PHOTO)
    fetch = fetcher()
    fetch.fetch(cdn.url("/a.jpg", CDN), None)
    fetch.fetch(cdn.url("/b.jpg", CDN), None)
    assert "Cookie" not in cdn.seen[1][1]


def test_connections_are_reused_after_a_body_or_a_304_but_not_after_an_unread_one(
    cdn: Server, tmp_path: Path
) -> None:
    """A read body (or a 304's empty one) frees its connection for the next photo; a redirect
    whose body was not read closes it, so no stale bytes reach the next answer."""
    cdn.routes["/a.jpg"] = Versioned('"1"')
    cdn.routes["/moved.jpg"] = serving(302, b"x" * 5000, Location=cdn.url("/a.jpg", CDN))
    fetch = fetcher(tmp_path)
    for path in ("/a.jpg", "/a.jpg", "/moved.jpg", "/a.jpg"):
        assert fetch.fetch(cdn.url(path, CDN), None).data == PHOTO
    assert [path for path, _ in cdn.seen] == ["/a.jpg", "/a.jpg", "/moved.jpg", "/a.jpg", "/a.jpg"]
    assert cdn.clients == [1, 1, 1, 2, 2]  # the connection each request came on


def test_a_reused_connection_that_drips_is_cut_at_the_photo_deadline(cdn: Server) -> None:
    """Each read gets a byte within the read timeout, so only the deadline can stop it; the
    connection was opened for the photo before, so it is watched from the pool."""

    def drip(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(PHOTO)))
        handler.end_headers()
        for start in range(0, 40):  # ~8 s in all, if nothing cuts it
            handler.wfile.write(PHOTO[start : start + 1])
            handler.wfile.flush()
            time.sleep(0.2)

    cdn.routes["/a.jpg"] = serving(200, PHOTO)
    cdn.routes["/drip.jpg"] = drip
    fetch = fetcher(settings=FetchSettings(connect_timeout=1, read_timeout=1, deadline=0.8))
    assert fetch.fetch(cdn.url("/a.jpg", CDN), None).data == PHOTO
    started = time.monotonic()
    assert reason_of(fetch, cdn.url("/drip.jpg", CDN))[0] == "timeout"
    assert time.monotonic() - started < 3
    assert fetch.fetch(cdn.url("/a.jpg", CDN), None).data == PHOTO  # on a new connection
    assert cdn.clients == [1, 1, 2]


def test_a_connection_the_fetcher_closes_is_closed_for_the_server(cdn: Server) -> None:
    """The duplicate socket a deadline watches must not keep the connection open, even while
    the connection object lives on."""
    cdn.routes["/a.jpg"] = serving(200, PHOTO)
    fetch = fetcher()
    fetch.fetch(cdn.url("/a.jpg", CDN), None)
    assert fetch.pools is not None
    connection = fetch.pools.connection_from_url(cdn.url("/a.jpg", CDN))._get_conn()
    connection.close()
    waited = time.monotonic()
    while not cdn.closed and time.monotonic() - waited < 3:
        time.sleep(0.01)
    assert cdn.closed == [1]


def test_local_paths_resolve_against_the_export_folder(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "a.jpg").write_bytes(PHOTO)
    fetch = fetcher()
    assert fetch.fetch("photos/a.jpg", str(tmp_path)).data == PHOTO
    assert fetch.fetch((tmp_path / "photos" / "a.jpg").as_uri(), None).data == PHOTO
    assert reason_of_local(fetch, "photos/missing.jpg", tmp_path)[0] == "missing-file"
    assert reason_of_local(fetch, "photos", tmp_path)[0] == "unreadable-file"
    assert locate(r"C:\photos\a.jpg", None) == Path(r"C:\photos\a.jpg")
    with pytest.raises(FetchError, match="another machine"):
        locate("file://fileserver/share/a.jpg", None)
    with pytest.raises(FetchError, match="'data:' references are not fetched"):
        locate("data:image/png;base64,AAAA", None)


def reason_of_local(fetch: Fetcher, ref: str, folder: Path) -> tuple[str, str]:
    with pytest.raises(FetchError) as error:
        fetch.fetch(ref, str(folder))
    return error.value.reason, error.value.detail


def test_a_plugin_hook_is_asked_first() -> None:
    class Hook:
        def __init__(self) -> None:
            self.asked: list[tuple[str, str | None]] = []

        def listingaudit_fetch_image(self, ref: str, base_dir: str | None) -> bytes | None:
            self.asked.append((ref, base_dir))
            return PHOTO if ref.startswith("dam://") else None

    hook = Hook()
    fetch = Fetcher(UrlPolicy(resolver=Resolver({})), FAST, hook=hook)
    assert fetch.fetch("dam://asset/42", "/exports").data == PHOTO
    assert reason_of(fetch, "https://nowhere.example/a.jpg")[0] == "dns-failure"
    assert hook.asked == [("dam://asset/42", "/exports"), ("https://nowhere.example/a.jpg", None)]


# --- a real server on 127.0.0.1 -------------------------------------------------------------


def local_fetcher(**settings: object) -> Fetcher:
    return Fetcher(UrlPolicy(["127.0.0.1"]), FetchSettings(**{"backoff": 0, **settings}))  # type: ignore[arg-type]


def test_retry_after_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr("urllib3.util.retry.time.sleep", slept.append)
    answers = iter([429, 200])

    def flaky(handler: BaseHTTPRequestHandler) -> None:
        status = next(answers)
        send(handler, status, PHOTO if status == 200 else b"slow down", Retry_After="3")

    with serve() as server:
        server.routes["/a.jpg"] = flaky
        assert local_fetcher().fetch(server.url("/a.jpg"), None).data == PHOTO
    assert slept == [3.0]


def test_a_long_retry_after_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr("urllib3.util.retry.time.sleep", slept.append)
    with serve() as server:
        server.routes["/a.jpg"] = lambda h: send(h, 429, b"", Retry_After="3600")
        fetch = local_fetcher(retries=1)
        assert reason_of(fetch, server.url("/a.jpg"))[0] == "rate-limited"
    assert slept == [10.0]


def test_a_slow_server_times_out() -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(1.0)
        send(handler, 200, PHOTO)

    with serve() as server:
        server.routes["/a.jpg"] = slow
        fetch = local_fetcher(read_timeout=0.2, retries=0)
        assert reason_of(fetch, server.url("/a.jpg"))[0] == "timeout"


def test_an_endless_body_stops_at_the_cap() -> None:
    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "image/jpeg")
        handler.end_headers()
        try:
            while True:
                handler.wfile.write(b"\xff" * 65536)
        except OSError:  # the client hung up: what the test wants
            return

    with serve() as server:
        server.routes["/a.jpg"] = endless
        reason, detail = reason_of(local_fetcher(max_bytes=1_000_000), server.url("/a.jpg"))
    assert reason == "too-large" and "1 MB" in detail


def test_a_body_shorter_than_its_content_length_is_caught() -> None:
    def short(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(PHOTO)))
        handler.end_headers()
        handler.wfile.write(PHOTO[:1000])
        handler.close_connection = True

    with serve() as server:
        server.routes["/a.jpg"] = short
        reason, detail = reason_of(local_fetcher(retries=0), server.url("/a.jpg"))
    assert reason == "connection-failed" and "after 1000 bytes" in detail


def test_a_refused_connection_is_reported() -> None:
    with serve() as server:
        url = server.url("/a.jpg")
    reason, detail = reason_of(local_fetcher(retries=0), url)  # the server is gone
    assert reason == "connection-failed" and "refused" in detail.lower()


class Versioned:
    """A photo URL whose content and ETag the test changes; answers 304 when the ETag matches."""

    def __init__(self, etag: str) -> None:
        self.etag, self.body = etag, PHOTO
        self.statuses: list[int] = []

    def __call__(self, handler: BaseHTTPRequestHandler) -> None:
        # Served a day ago with no-cache: the next run has to revalidate.
        handler.date_time_string = lambda timestamp=None: "Sun, 22 Nov 2026 10:00:00 GMT"  # type: ignore[method-assign]
        status = 304 if handler.headers.get("If-None-Match") == self.etag else 200
        self.statuses.append(status)
        body = b"" if status == 304 else self.body
        headers = {"ETag": self.etag, "Cache_Control": "no-cache", "Content_Type": "image/jpeg"}
        send(handler, status, body, **headers)


def cached_fetcher(tmp_path: Path, **options: object) -> Fetcher:
    return Fetcher(UrlPolicy(["127.0.0.1"]), FAST, http_cache=tmp_path / "http", **options)  # type: ignore[arg-type]


def test_an_unchanged_photo_is_revalidated_not_downloaded(tmp_path: Path) -> None:
    photo = Versioned('"v1"')
    with serve() as server:
        server.routes["/a.jpg"] = photo
        first = cached_fetcher(tmp_path).fetch(server.url("/a.jpg"), None)
        second = cached_fetcher(tmp_path).fetch(server.url("/a.jpg"), None)  # a new run
    assert not first.from_cache and second.from_cache
    assert second.data == PHOTO and second.content_type == "image/jpeg"
    assert photo.statuses == [200, 304]
    assert server.seen[1][1]["If-None-Match"] == '"v1"'


def test_a_changed_photo_replaces_the_cached_one(tmp_path: Path) -> None:
    photo = Versioned('"v1"')
    with serve() as server:
        server.routes["/a.jpg"] = photo
        cached_fetcher(tmp_path).fetch(server.url("/a.jpg"), None)
        photo.etag, photo.body = '"v2"', encode(product_shot(400, 4))  # the CDN reused the URL
        again = cached_fetcher(tmp_path).fetch(server.url("/a.jpg"), None)
    assert again.data == photo.body and not again.from_cache
    assert photo.statuses == [200, 200]


def test_offline_answers_from_the_cache_only(tmp_path: Path) -> None:
    photo = Versioned('"v1"')
    with serve() as server:
        server.routes["/a.jpg"] = photo
        cached_fetcher(tmp_path).fetch(server.url("/a.jpg"), None)
        offline = cached_fetcher(tmp_path, offline=True)
        assert offline.fetch(server.url("/a.jpg"), None).data == PHOTO  # stale: still served
        assert reason_of(offline, server.url("/never-seen.jpg"))[0] == "offline"
        no_cache = Fetcher(UrlPolicy(["127.0.0.1"]), FAST, offline=True)
        assert reason_of(no_cache, server.url("/a.jpg"))[0] == "offline"
    assert len(server.seen) == 1


def test_concurrency_is_per_host_slots_unless_some_photo_has_no_host_limit(tmp_path: Path) -> None:
    """The service starts no more fetching threads than this: the others would only wait."""
    fetch = fetcher(settings=FetchSettings(per_host=3))
    urls = [f"https://{CDN}/a.jpg", f"https://{CDN.upper()}/b.jpg", f"http://{IMG}:8080/c.jpg"]
    assert fetch.concurrency(urls) == 6  # two hosts, however their names are written
    assert fetch.concurrency(urls[:2]) == 3
    assert fetch.concurrency([]) == 0
    assert fetch.concurrency([*urls, "photos/d.jpg"]) is None  # a file has no host limit
    assert fetcher(offline=True).concurrency(urls) is None  # the cache answers, no slots

    class Hook:
        def listingaudit_fetch_image(self, ref: str, base_dir: str | None) -> bytes | None:
            return None

    assert fetcher(hook=Hook()).concurrency(urls) is None  # a plugin may serve any of them


def test_the_plugin_relay_counts_as_a_photo_source_only_when_a_plugin_serves_photos() -> None:
    manager = pluggy.PluginManager("listingaudit")
    manager.add_hookspecs(hookspecs)
    urls = [f"https://{CDN}/a.jpg"]
    plain = fetcher(hook=manager.hook)
    assert plain.hook is None and plain.concurrency(urls) == 4  # asked nothing, bounded

    class Serving:
        @hookimpl
        def listingaudit_fetch_image(self, ref: str) -> bytes | None:
            return PHOTO if ref == "dam://42" else None

    manager.register(Serving())
    served = fetcher(hook=manager.hook)
    assert served.hook is manager.hook and served.concurrency(urls) is None
    assert served.fetch("dam://42", None).data == PHOTO
