"""The run's photo service: each photo once, cached by content, failures contained, progress."""

from __future__ import annotations

import os
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from listingaudit.checks import CheckContext
from listingaudit.config import Config
from listingaudit.images import PhotoFailure, PhotoMeasures, PhotoService, photo_service
from listingaudit.images import cache as cache_module
from listingaudit.images import httpcache as httpcache_module
from listingaudit.images import service as service_module
from listingaudit.images.cache import AnalysisCache
from listingaudit.images.fetch import Fetcher, FetchSettings
from listingaudit.images.measures import measure_photo
from listingaudit.images.safety import UrlPolicy
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.PHO014 import FormatMismatch

from .fixtures.photos.images import encode, product_shot
from .fixtures.photos.server import Route, send, serve

PHOTO = encode(product_shot(500, 1))
OTHER = encode(product_shot(500, 2))


class Hook:
    """Stands in for the plugin hook relay: serves ``photos`` and counts what it was asked."""

    def __init__(self, photos: dict[str, bytes]) -> None:
        self.photos = photos
        self.asked: list[str] = []

    def listingaudit_fetch_image(self, ref: str, base_dir: str | None) -> bytes | None:
        self.asked.append(ref)
        return self.photos.get(ref)


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Sizes of the photos actually decoded and measured (not answered from the cache)."""
    sizes: list[int] = []
    real = measure_photo

    def counting(data: bytes, content_type: str | None = None) -> PhotoMeasures:
        sizes.append(len(data))
        return real(data, content_type)

    monkeypatch.setattr(service_module, "measure_photo", counting)
    return sizes


def test_each_distinct_photo_is_fetched_and_measured_once(measured: list[int]) -> None:
    hook = Hook({"https://cdn.example.com/a.jpg": PHOTO, "https://cdn.example.com/b.jpg": PHOTO})
    service = PhotoService.from_options({"hook": hook, "no_cache": True})
    refs: list[tuple[str, str | None]] = [("https://cdn.example.com/a.jpg", "/shop")]
    refs += [("https://cdn.example.com/a.jpg", "/ebay")]
    refs += [(" https://cdn.example.com/a.jpg ", "/shop"), ("https://cdn.example.com/b.jpg", None)]
    service.analyse(refs)
    service.analyse(refs)  # a second check asks again: nothing more happens
    assert hook.asked == ["https://cdn.example.com/a.jpg", "https://cdn.example.com/b.jpg"]
    assert len(measured) == 2
    assert isinstance(service.result("https://cdn.example.com/a.jpg", "/other"), PhotoMeasures)


def test_local_paths_are_distinct_per_export_folder(tmp_path: Path) -> None:
    for folder, data in (("a", PHOTO), ("b", OTHER)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "front.jpg").write_bytes(data)
    service = PhotoService.from_options({"no_cache": True})
    first = service.result("front.jpg", str(tmp_path / "a"))
    second = service.result("front.jpg", str(tmp_path / "b"))
    assert isinstance(first, PhotoMeasures) and isinstance(second, PhotoMeasures)
    assert first.dhash != second.dhash


def test_an_unchanged_photo_is_not_decoded_again(tmp_path: Path, measured: list[int]) -> None:
    (tmp_path / "a.jpg").write_bytes(PHOTO)
    (tmp_path / "copy.jpg").write_bytes(PHOTO)
    options = {"cache_dir": tmp_path / "cache"}
    first = PhotoService.from_options(options)
    first.analyse([("a.jpg", str(tmp_path))])
    second = PhotoService.from_options(options)  # the next run
    second.analyse([("a.jpg", str(tmp_path)), ("copy.jpg", str(tmp_path))])
    assert measured == [len(PHOTO)]  # same bytes, another name: answered by content hash
    assert second.result("copy.jpg", str(tmp_path)) == first.result("a.jpg", str(tmp_path))
    (tmp_path / "a.jpg").write_bytes(OTHER)
    PhotoService.from_options(options).analyse([("a.jpg", str(tmp_path))])
    assert measured == [len(PHOTO), len(OTHER)]


def test_a_damaged_cache_entry_is_measured_again(tmp_path: Path, measured: list[int]) -> None:
    (tmp_path / "a.jpg").write_bytes(PHOTO)
    PhotoService.from_options({"cache_dir": tmp_path / "cache"}).analyse([("a.jpg", str(tmp_path))])
    for entry in AnalysisCache(tmp_path / "cache").folder.rglob("*.json"):
        entry.write_text('{"width": 1', "utf-8")  # an interrupted write from an old version
    again = PhotoService.from_options({"cache_dir": tmp_path / "cache"})
    assert isinstance(again.result("a.jpg", str(tmp_path)), PhotoMeasures)
    assert len(measured) == 2


def test_a_crash_costs_one_photo_not_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.jpg").write_bytes(PHOTO)
    (tmp_path / "b.jpg").write_bytes(OTHER)
    real = measure_photo

    def flaky(data: bytes, content_type: str | None = None) -> PhotoMeasures:
        if data == OTHER:
            raise RuntimeError("decoder bug")
        return real(data, content_type)

    monkeypatch.setattr(service_module, "measure_photo", flaky)
    service = PhotoService.from_options({"no_cache": True})
    service.analyse([("a.jpg", str(tmp_path)), ("b.jpg", str(tmp_path))])
    assert isinstance(service.result("a.jpg", str(tmp_path)), PhotoMeasures)
    failure = service.result("b.jpg", str(tmp_path))
    assert isinstance(failure, PhotoFailure) and failure.reason == "error"
    assert "decoder bug" in failure.detail


def test_progress_counts_done_cached_and_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.jpg").write_bytes(PHOTO)
    (tmp_path / "b.jpg").write_bytes(OTHER)
    options: dict[str, Any] = {"cache_dir": tmp_path / "cache", "progress": True}
    PhotoService.from_options(options).analyse([("a.jpg", str(tmp_path))])
    refs = [(name, str(tmp_path)) for name in ("a.jpg", "b.jpg", "missing.jpg")]
    PhotoService.from_options(options).analyse(refs)
    last = capsys.readouterr().err.strip().split("\r\x1b[K")[-1]
    assert last == "photos 3/3 (1 cached, 1 failed)"


def test_options_and_network_configuration_reach_the_fetcher() -> None:
    service = PhotoService.from_options(
        {"offline": True, "no_cache": True, "allow_hosts": ["10.0.0.0/8"], "workers": 3},
        {"timeout_seconds": 2, "max_image_bytes": 5_000_000},
    )
    settings = service.fetcher.settings
    assert (settings.deadline, settings.connect_timeout, settings.max_bytes) == (2, 2, 5_000_000)
    assert service.fetcher.offline and service.cache is None and service.workers == 3
    assert service.fetcher.policy.check("http://10.1.1.1:8080/a.jpg").address == "10.1.1.1"


def test_the_service_is_shared_through_the_context() -> None:
    ctx = CheckContext(Config({}), {"offline": True, "no_cache": True})
    assert photo_service(ctx) is photo_service(ctx) is ctx.services["photos"]


def test_the_content_type_reaches_the_format_check() -> None:
    fetcher = Fetcher(UrlPolicy(["127.0.0.1"]), FetchSettings())
    ctx = CheckContext(Config({}), {"photos": PhotoService(fetcher)})
    check = FormatMismatch()
    with serve() as server:
        server.routes["/mug.jpg"] = lambda h: send(
            h, 200, PHOTO, Content_Type="text/html; charset=utf-8"
        )
        photo = {"ref": server.url("/mug.jpg"), "position": 1}
        listing = Listing.from_dict({"marketplace": "shopify", "photos": [photo]})
        check.prepare([listing], ctx)
    (finding,) = check.check(listing, ctx)
    assert finding.message.endswith("is really JPEG, but the server says text/html; charset=utf-8")


def serving(data: bytes) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 200, data, Content_Type="image/jpeg")

    return route


def test_photos_from_a_real_server(tmp_path: Path) -> None:
    with serve() as server:
        for n, data in enumerate((PHOTO, OTHER, b"<html>login</html>")):
            server.routes[f"/{n}.jpg"] = serving(data)
        options = {"allow_hosts": ["127.0.0.1"], "cache_dir": tmp_path}
        service = PhotoService.from_options(options)
        service.analyse([(server.url(f"/{n}.jpg"), None) for n in range(4)])
        results = [service.result(server.url(f"/{n}.jpg"), None) for n in range(4)]
    assert [type(r).__name__ for r in results[:2]] == ["PhotoMeasures", "PhotoMeasures"]
    assert [r.reason for r in results[2:] if isinstance(r, PhotoFailure)] == [
        "not-an-image",
        "not-found",
    ]


def test_fetching_threads_are_only_as_many_as_the_hosts_take_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[int] = []
    real_pool = service_module.ThreadPoolExecutor

    def counted(max_workers: int, **options: Any) -> Any:
        started.append(max_workers)
        return real_pool(max_workers, **options)

    monkeypatch.setattr(service_module, "ThreadPoolExecutor", counted)
    with serve() as server:
        server.routes.update({f"/{n}.jpg": serving(PHOTO) for n in range(12)})
        fetcher = Fetcher(UrlPolicy(["127.0.0.1"]), FetchSettings(per_host=2))
        service = PhotoService(fetcher, workers=4)  # would start 12 threads, one a photo
        service.analyse([(server.url(f"/{n}.jpg"), None) for n in range(12)])
        results = [service.result(server.url(f"/{n}.jpg"), None) for n in range(12)]
    assert started == [2]  # one host, two photos at a time
    assert all(isinstance(r, PhotoMeasures) for r in results)


def test_every_photo_is_recorded_once_whichever_thread_records_it(
    tmp_path: Path, measured: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    """Fetching threads record what needs no decoding (cached, failed) and the analysis
    records what was decoded, at the same time: every photo ends with its own result."""
    photos = {f"/{n}.jpg": encode(product_shot(200, n)) for n in range(24)}
    options: dict[str, Any] = {"allow_hosts": ["127.0.0.1"], "cache_dir": tmp_path}
    with serve() as server:
        server.routes.update({path: serving(data) for path, data in photos.items()})
        first = [(server.url(path), None) for path in list(photos)[:12]]
        PhotoService.from_options(options).analyse(first)
        refs = [(server.url(p), None) for p in [*photos, "/missing-1.jpg", "/missing-2.jpg"]]
        service = PhotoService.from_options({**options, "workers": 2, "progress": True})
        service.analyse(refs)
        results = {ref: service.result(ref, None) for ref, _ in refs}
    assert len(measured) == 24  # 12 the first run, the 12 new ones the second
    for path, data in photos.items():
        found = results[server.url(path)]
        assert isinstance(found, PhotoMeasures) and found.bytes == len(data)
    assert [r.reason for r in results.values() if isinstance(r, PhotoFailure)] == ["not-found"] * 2
    last = capsys.readouterr().err.strip().split("\r\x1b[K")[-1]
    assert last == "photos 26/26 (12 cached, 2 failed)"


def test_an_unusable_cache_folder_costs_the_cache_not_the_photos(tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(PHOTO)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    with serve() as server:
        server.routes["/a.jpg"] = serving(PHOTO)
        service = PhotoService.from_options({"allow_hosts": ["127.0.0.1"], "cache_dir": blocked})
        assert isinstance(service.result(server.url("/a.jpg"), None), PhotoMeasures)
        assert isinstance(service.result("a.jpg", str(tmp_path)), PhotoMeasures)


def test_a_failure_while_recording_in_a_fetching_thread_stops_the_analysis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a hang: the error a fetching thread meets is raised in the audit's thread."""
    (tmp_path / "a.jpg").write_bytes(PHOTO)

    def full(self: object, key: object, result: object) -> None:
        raise OSError(28, "No space left on device")

    first = PhotoService.from_options({"cache_dir": tmp_path / "cache"})
    first.analyse([("a.jpg", str(tmp_path))])  # measured, and its analysis cached
    monkeypatch.setattr(service_module.PhotoResults, "add", full)
    raised: list[BaseException] = []

    def analyse_again() -> None:
        try:
            # Answered from the analysis cache, so a fetching thread records it.
            PhotoService.from_options({"cache_dir": tmp_path / "cache"}).analyse(
                [("a.jpg", str(tmp_path))]
            )
        except OSError as error:
            raised.append(error)

    worker = threading.Thread(target=analyse_again, daemon=True)
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "the analysis hung"
    assert [str(e) for e in raised] == ["[Errno 28] No space left on device"]


def test_after_a_failure_while_recording_no_more_photos_are_fetched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options: dict[str, Any] = {"allow_hosts": ["127.0.0.1"], "cache_dir": tmp_path}
    with serve() as server:
        server.routes.update({f"/{n}.jpg": serving(PHOTO) for n in range(40)})
        refs = [(server.url(f"/{n}.jpg"), None) for n in range(40)]
        PhotoService.from_options(options).analyse(refs)  # every analysis cached

        def full(self: object, key: object, result: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(service_module.PhotoResults, "add", full)
        with pytest.raises(OSError, match="No space left"):
            PhotoService.from_options(options).analyse(refs)
    revalidated = len(server.seen) - 40
    assert 1 <= revalidated <= 8  # the photos already in hand, not the 39 others


def revalidated(data: bytes) -> Route:
    """A photo with an ETag, answered ``304`` when asked about it with that ETag."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == '"v1"':
            send(handler, 304, ETag='"v1"')
        else:
            send(handler, 200, data, Content_Type="image/jpeg", ETag='"v1"')

    return route


@pytest.mark.parametrize("read_ahead", [16, 3])
def test_fetching_threads_read_no_cache_file_for_an_unchanged_photo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_ahead: int
) -> None:
    """The audit's thread reads a warm batch's cache entries before the fetching threads
    start (a file read in a fetching thread hands the GIL back and forth between them), up to
    ``_READ_AHEAD`` photos so that memory stays bounded: the threads read the others."""
    monkeypatch.setattr(service_module, "_READ_AHEAD", read_ahead)
    options: dict[str, Any] = {"allow_hosts": ["127.0.0.1"], "cache_dir": tmp_path}
    readers: list[str] = []
    with serve() as server:
        photos = {f"/{n}.jpg": revalidated(encode(product_shot(200, n))) for n in range(8)}
        server.routes.update(photos)
        refs = [(server.url(path), None) for path in photos]
        PhotoService.from_options(options).analyse(refs)
        for module in (cache_module, httpcache_module):
            real = module.read_start

            def reading(name: str, size: int, real: Any = real) -> bytes:
                readers.append(threading.current_thread().name)
                return real(name, size)

            monkeypatch.setattr(module, "read_start", reading)
        service = PhotoService.from_options(options)
        service.analyse(refs)
        results = [service.result(ref, None) for ref, _ in refs]
    assert all(isinstance(r, PhotoMeasures) for r in results)
    ahead = min(read_ahead, 8)
    here = threading.current_thread().name
    assert readers[: 2 * ahead] == [here] * (2 * ahead)  # responses, then their analyses
    assert len(readers) == 16 and here not in readers[2 * ahead :]
    assert [headers.get("If-None-Match") for _, headers in server.seen[8:]] == ['"v1"'] * 8


def _cpus() -> set[int]:
    return set(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else set()


def _can_pin_a_thread() -> bool:
    """Whether this machine lets a thread be held to one of two or more CPUs (Linux, and not
    a sandbox that refuses ``sched_setaffinity``)."""
    cpus = _cpus()
    if len(cpus) < 2:
        return False
    allowed: list[bool] = []

    def pin() -> None:
        try:
            os.sched_setaffinity(0, {min(cpus)})
            allowed.append(True)
        except OSError:
            allowed.append(False)

    worker = threading.Thread(target=pin)
    worker.start()
    worker.join()
    return allowed == [True]


needs_cpus = pytest.mark.skipif(
    not _can_pin_a_thread(), reason="needs Linux thread affinity and at least two CPUs"
)


@needs_cpus
def test_a_thread_kept_to_one_cpu_leaves_the_others_alone() -> None:
    seen: list[set[int]] = []

    def pinned() -> None:
        service_module._keep_to_one_cpu()
        seen.append(set(os.sched_getaffinity(0)))

    worker = threading.Thread(target=pinned)
    worker.start()
    worker.join()
    assert seen == [{service_module._fetching_cpu()}]
    assert set(os.sched_getaffinity(0)) == _cpus()  # this thread, and the process, unchanged


@needs_cpus
def test_fetching_threads_share_one_cpu_only_when_nothing_is_left_to_decode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Revalidating, the threads are GIL-bound: one CPU. Downloading photos to decode, they
    must be free to use a CPU the decoders leave."""
    cpus_seen: list[set[int]] = []
    real = PhotoService._fetch_one

    def fetch_one(self: PhotoService, key: Any) -> Any:
        cpus_seen.append(set(os.sched_getaffinity(0)))
        return real(self, key)

    monkeypatch.setattr(PhotoService, "_fetch_one", fetch_one)

    options: dict[str, Any] = {"allow_hosts": ["127.0.0.1"], "cache_dir": tmp_path}
    with serve() as server:
        photos = {f"/{n}.jpg": revalidated(encode(product_shot(200, n))) for n in range(8)}
        server.routes.update(photos)
        refs = [(server.url(path), None) for path in photos]
        PhotoService.from_options(options).analyse(refs)
        cold, cpus_seen[:] = list(cpus_seen), []
        PhotoService.from_options(options).analyse(refs)
        warm = list(cpus_seen)
    assert cold == [_cpus()] * 8
    assert warm == [{service_module._fetching_cpu()}] * 8
