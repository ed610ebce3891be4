"""Fetching photos: HTTP (with ``responses`` and a real server), the cache, local files."""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import requests
import responses

from listingaudit.images.fetch import Fetcher, FetchError, FetchSettings, locate
from listingaudit.images.safety import UrlPolicy

from .fixtures.photos.images import encode, product_shot
from .fixtures.photos.server import send, serve
from .test_photos_safety import PUBLIC, Resolver

CDN = "https://cdn.example.com"
PHOTO = encode(product_shot(400, 3))
FAST = FetchSettings(connect_timeout=1, read_timeout=1, deadline=5, backoff=0)


def fetcher(tmp_path: Path | None = None, **options: object) -> Fetcher:
    """A fetcher for which example.com names are public and internal.example is private."""
    table = {"cdn.example.com": [PUBLIC], "img.example.net": [PUBLIC]}
    table["internal.example"] = ["10.0.0.5"]
    policy = UrlPolicy(resolver=Resolver(table))
    cache = tmp_path / "http" if tmp_path else None
    return Fetcher(policy, options.pop("settings", FAST), http_cache=cache, **options)  # type: ignore[arg-type]


@pytest.fixture
def mocked() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def reason_of(fetch: Fetcher, url: str) -> tuple[str, str]:
    with pytest.raises(FetchError) as error:
        fetch.fetch(url, None)
    return error.value.reason, error.value.detail


def test_a_photo_is_fetched_with_identity_encoding_and_no_environment(
    mocked: responses.RequestsMock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine cdn.example.com login seller password hunter2\n")
    monkeypatch.setenv("NETRC", str(netrc))
    mocked.get(f"{CDN}/a.jpg", body=PHOTO, content_type="image/jpeg")
    fetched = fetcher().fetch(f"{CDN}/a.jpg", None)
    assert (fetched.data, fetched.content_type) == (PHOTO, "image/jpeg")
    sent = mocked.calls[0].request.headers
    assert sent["Accept-Encoding"] == "identity"
    assert "Authorization" not in sent  # .netrc credentials are never sent


def test_redirects_are_followed(mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{CDN}/old.jpg", status=301, headers={"Location": "https://img.example.net/new.jpg"}
    )
    mocked.get("https://img.example.net/new.jpg", body=PHOTO)
    assert fetcher().fetch(f"{CDN}/old.jpg", None).data == PHOTO


def test_a_redirect_to_a_private_address_is_refused(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{CDN}/a.jpg", status=302, headers={"Location": "http://internal.example/a.jpg"})
    reason, detail = reason_of(fetcher(), f"{CDN}/a.jpg")
    assert reason == "refused"
    assert "internal.example resolves to 10.0.0.5, a private-network address" in detail
    assert len(mocked.calls) == 1


def test_a_redirect_loop_stops(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{CDN}/a.jpg", status=302, headers={"Location": f"{CDN}/b.jpg"})
    mocked.get(f"{CDN}/b.jpg", status=302, headers={"Location": f"{CDN}/a.jpg"})
    assert reason_of(fetcher(), f"{CDN}/a.jpg")[0] == "too-many-redirects"
    assert len(mocked.calls) == 6  # the first request and 5 redirects


@pytest.mark.parametrize(
    ("status", "reason"),
    [(404, "not-found"), (410, "not-found"), (403, "forbidden"), (401, "forbidden")],
)
def test_http_errors_name_the_status(
    mocked: responses.RequestsMock, status: int, reason: str
) -> None:
    mocked.get(f"{CDN}/a.jpg", status=status)
    got, detail = reason_of(fetcher(), f"{CDN}/a.jpg")
    assert got == reason and detail.startswith(f"HTTP {status}")


def test_429_then_success_is_retried(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{CDN}/a.jpg", status=429, headers={"Retry-After": "0"})
    mocked.get(f"{CDN}/a.jpg", body=PHOTO)
    assert fetcher().fetch(f"{CDN}/a.jpg", None).data == PHOTO
    assert len(mocked.calls) == 2


def test_server_errors_are_retried_then_reported(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{CDN}/a.jpg", status=503)
    assert reason_of(fetcher(), f"{CDN}/a.jpg") == ("http-error", "HTTP 503 Service Unavailable")
    assert len(mocked.calls) == 4  # the first try and 3 retries


@pytest.mark.parametrize("timeout", [requests.ConnectTimeout, requests.ReadTimeout])
def test_timeouts_are_reported(mocked: responses.RequestsMock, timeout: type) -> None:
    mocked.get(f"{CDN}/a.jpg", body=timeout())
    assert reason_of(fetcher(), f"{CDN}/a.jpg")[0] == "timeout"


def test_dns_failure_is_reported() -> None:
    reason, detail = reason_of(fetcher(), "https://gone.example.org/a.jpg")
    assert reason == "dns-failure" and "gone.example.org does not resolve" in detail


def test_a_compressed_body_is_refused_not_inflated(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{CDN}/a.jpg", body=gzip.compress(PHOTO), headers={"Content-Encoding": "gzip"})
    assert reason_of(fetcher(), f"{CDN}/a.jpg")[0] == "compressed-body"


def test_a_declared_size_over_the_cap_is_refused_unread(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{CDN}/a.jpg", body=PHOTO)
    small = fetcher(settings=FetchSettings(max_bytes=len(PHOTO) - 1, backoff=0))
    assert reason_of(small, f"{CDN}/a.jpg")[0] == "too-large"


def test_cookies_are_never_kept(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{CDN}/a.jpg", body=PHOTO, headers={"Set-Cookie": "session=abc; Path=/"})
    mocked.get(f"{CDN}/b.jpg", body=PHOTO)
    fetch = fetcher()
    fetch.fetch(f"{CDN}/a.jpg", None)
    fetch.fetch(f"{CDN}/b.jpg", None)
    assert "Cookie" not in mocked.calls[1].request.headers


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


# The cache is tested against the real server: the HTTP cache stores a body when the response
# reports it is finished, which a socket-backed response does and ``responses``' stand-in
# body never does.


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
