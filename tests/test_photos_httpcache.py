"""The HTTP cache of photos, against a real server: what is kept, when the server is asked again,
and that a 304 costs no read of the body."""

from __future__ import annotations

import hashlib
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from listingaudit.images.fetch import Fetcher, FetchError, FetchSettings
from listingaudit.images.httpcache import ResponseCache
from listingaudit.images.safety import UrlPolicy

from .fixtures.photos.images import encode, product_shot
from .fixtures.photos.server import send, serve

PHOTO = encode(product_shot(300, 5))
DIGEST = hashlib.sha256(PHOTO).hexdigest()
FAST = FetchSettings(connect_timeout=1, read_timeout=1, deadline=5, backoff=0)


def fetcher(tmp_path: Path, *, offline: bool = False) -> Fetcher:
    """A new run's fetcher over the same cache folder."""
    return Fetcher(UrlPolicy(["127.0.0.1"]), FAST, http_cache=tmp_path / "http", offline=offline)


class Served:
    """A photo with the response headers a test picks; a 304 when a validator matches."""

    def __init__(self, **headers: str) -> None:
        self.headers = {"Content_Type": "image/jpeg", **headers}
        self.asked: list[dict[str, str]] = []

    def __call__(self, handler: BaseHTTPRequestHandler) -> None:
        self.asked.append(dict(handler.headers))
        etag, modified = self.headers.get("ETag"), self.headers.get("Last_Modified")
        unchanged = (etag and handler.headers.get("If-None-Match") == etag) or (
            modified and handler.headers.get("If-Modified-Since") == modified
        )
        send(handler, 304 if unchanged else 200, b"" if unchanged else PHOTO, **self.headers)


def test_a_304_answers_with_the_digest_and_reads_no_body(tmp_path: Path) -> None:
    photo = Served(ETag='"v1"', Cache_Control="no-cache")
    with serve() as server:
        server.routes["/a.jpg"] = photo
        first = fetcher(tmp_path).fetch(server.url("/a.jpg"), None)
        for kept in (tmp_path / "http").rglob("*.http"):  # the body is now unreadable
            kept.write_bytes(kept.read_bytes()[: -len(PHOTO) // 2])
        again = fetcher(tmp_path).fetch(server.url("/a.jpg"), None, body=False)
    assert (first.digest, first.from_cache) == (DIGEST, False)
    assert (again.data, again.digest, again.from_cache) == (None, DIGEST, True)
    assert again.content_type == "image/jpeg"
    assert photo.asked[1]["If-None-Match"] == '"v1"'


def test_a_body_the_cache_lost_is_fetched_again_in_full(tmp_path: Path) -> None:
    photo = Served(ETag='"v1"', Cache_Control="no-cache")
    with serve() as server:
        server.routes["/a.jpg"] = photo
        fetcher(tmp_path).fetch(server.url("/a.jpg"), None)
        for kept in (tmp_path / "http").rglob("*.http"):
            kept.write_bytes(kept.read_bytes()[:-10])  # cut short: fails its digest
        again = fetcher(tmp_path).fetch(server.url("/a.jpg"), None)
    assert again.data == PHOTO and not again.from_cache
    assert "If-None-Match" not in photo.asked[1]  # asked in full, not revalidated


def test_a_fresh_response_is_used_without_asking(tmp_path: Path) -> None:
    photo = Served(ETag='"v1"', Cache_Control="max-age=3600")
    with serve() as server:
        server.routes["/a.jpg"] = photo
        fetcher(tmp_path).fetch(server.url("/a.jpg"), None)
        again = fetcher(tmp_path).fetch(server.url("/a.jpg"), None)
    assert again.data == PHOTO and again.from_cache
    assert len(photo.asked) == 1


def test_an_etag_is_asked_about_without_the_date(tmp_path: Path) -> None:
    photo = Served(ETag='"v1"', Last_Modified="Sun, 01 Nov 2026 10:00:00 GMT")
    with serve() as server:
        server.routes["/a.jpg"] = photo
        fetcher(tmp_path).fetch(server.url("/a.jpg"), None)
        again = fetcher(tmp_path).fetch(server.url("/a.jpg"), None, body=False)
    assert (again.digest, again.from_cache) == (DIGEST, True)
    assert photo.asked[1]["If-None-Match"] == '"v1"'
    assert "If-Modified-Since" not in photo.asked[1]  # ignored by the server when both are sent


def test_last_modified_alone_is_revalidated(tmp_path: Path) -> None:
    stamp = "Sun, 01 Nov 2026 10:00:00 GMT"
    photo = Served(Last_Modified=stamp)
    with serve() as server:
        server.routes["/a.jpg"] = photo
        fetcher(tmp_path).fetch(server.url("/a.jpg"), None)
        again = fetcher(tmp_path).fetch(server.url("/a.jpg"), None)
    assert again.data == PHOTO and again.from_cache
    assert photo.asked[1]["If-Modified-Since"] == stamp


@pytest.mark.parametrize("headers", [{"Cache_Control": "no-store", "ETag": '"v1"'}, {}])
def test_what_may_not_or_cannot_be_revalidated_is_not_kept(
    tmp_path: Path, headers: dict[str, str]
) -> None:
    photo = Served(**headers)
    with serve() as server:
        server.routes["/a.jpg"] = photo
        fetcher(tmp_path).fetch(server.url("/a.jpg"), None)
        again = fetcher(tmp_path).fetch(server.url("/a.jpg"), None)
    assert not again.from_cache and len(photo.asked) == 2
    assert "If-None-Match" not in photo.asked[1]
    assert not list((tmp_path / "http").rglob("*.http"))


def test_a_redirected_photo_is_revalidated_at_its_target_and_kept_for_offline(
    tmp_path: Path,
) -> None:
    photo = Served(ETag='"v1"', Cache_Control="no-cache")
    with serve() as server:
        server.routes["/old.jpg"] = lambda h: send(h, 302, Location=server.url("/new.jpg"))
        server.routes["/new.jpg"] = photo
        fetcher(tmp_path).fetch(server.url("/old.jpg"), None)
        again = fetcher(tmp_path).fetch(server.url("/old.jpg"), None)
        paths = [path for path, _ in server.seen]
        offline = fetcher(tmp_path, offline=True).fetch(server.url("/old.jpg"), None)
    assert paths == ["/old.jpg", "/new.jpg", "/old.jpg", "/new.jpg"]  # the redirect asked again
    assert again.from_cache and photo.asked[1]["If-None-Match"] == '"v1"'
    assert offline.data == PHOTO and len(server.seen) == 4


def test_an_unwritable_cache_costs_the_cache_not_the_photo(tmp_path: Path) -> None:
    (tmp_path / "http").write_text("a file where the cache folder should be")
    with serve() as server:
        server.routes["/a.jpg"] = Served(ETag='"v1"')
        assert fetcher(tmp_path).fetch(server.url("/a.jpg"), None).data == PHOTO
        with pytest.raises(FetchError) as error:
            fetcher(tmp_path, offline=True).fetch(server.url("/a.jpg"), None)
    assert error.value.reason == "offline"
    assert ResponseCache(tmp_path / "http").get(server.url("/a.jpg")) is None
