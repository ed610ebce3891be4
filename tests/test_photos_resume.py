"""An audit killed mid-run resumes from the cache: what it finished is neither fetched nor decoded
again.

The first run is a real ``listingaudit`` process auditing photos from a server on 127.0.0.1.
Two of the photos are held by the server (their answers never come), so the run cannot end; once
some photos are finished (their measures are in the analysis cache) the process is killed
(``SIGKILL``: no clean-up of any kind). The second run, in this process, must revalidate each
finished photo (``If-None-Match``, answered ``304``) without decoding it, and fetch and decode
only the rest. Nothing here is timed: the waits are bounded only so a broken run fails instead of
hanging.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from listingaudit.images import service as service_module
from listingaudit.images.cache import AnalysisCache
from listingaudit.images.measures import PhotoMeasures, measure_photo

from .conftest import CliResult
from .fixtures.photos.images import encode, product_shot
from .fixtures.photos.server import Server, send, serve

HEADER = "Handle,Title,Body (HTML),Variant SKU,Variant Price,Image Src,Image Position\n"
#: Photos answered at once, and photos whose answers the server holds back during the first run
#: (fewer than the fetcher's 4 connections per host, so the others are never starved).
READY, HELD = 6, 2
#: Upper bound on any wait below: reached only when something is broken.
PATIENCE = 120.0


class Photo:
    """One photo URL: an ETag, ``Cache-Control: no-cache`` (so every run revalidates), a 304
    when the ETag matches; ``held`` photos wait for ``release`` before answering."""

    def __init__(self, number: int, release: threading.Event | None) -> None:
        self.body = encode(product_shot(360 + 8 * number, number))
        self.digest = hashlib.sha256(self.body).hexdigest()
        self.etag = f'"p{number}"'
        self.release = release
        self.statuses: list[int] = []

    def __call__(self, handler: BaseHTTPRequestHandler) -> None:
        if self.release is not None and not self.release.wait(PATIENCE):
            return  # the test gave up: never answer
        status = 304 if handler.headers.get("If-None-Match") == self.etag else 200
        self.statuses.append(status)
        headers = {"ETag": self.etag, "Cache_Control": "no-cache", "Content_Type": "image/jpeg"}
        send(handler, status, b"" if status == 304 else self.body, **headers)


@pytest.fixture
def release() -> Iterator[threading.Event]:
    event = threading.Event()
    yield event
    event.set()  # never leave a server thread waiting


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """SHA-256 of every photo decoded and measured in this process."""
    digests: list[str] = []

    def counting(data: bytes, content_type: str | None = None) -> PhotoMeasures:
        digests.append(hashlib.sha256(data).hexdigest())
        return measure_photo(data, content_type)

    monkeypatch.setattr(service_module, "measure_photo", counting)
    return digests


def finished(cache: Path) -> set[str]:
    """Digests whose measures the analysis cache holds."""
    return {path.stem for path in AnalysisCache(cache).folder.rglob("*.json")}


def wait_for(condition: Callable[[], bool], what: str) -> None:
    give_up = time.monotonic() + PATIENCE
    while not condition():
        if time.monotonic() > give_up:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def audit_args(export: Path, cache: Path, report: Path) -> list[str]:
    return [
        "audit", str(export), "--select", "photos", "--allow-host", "127.0.0.1",
        "--cache-dir", str(cache), "--executor", "threads", "-f", "json", "-o", str(report),
    ]  # fmt: skip


def write_export(folder: Path, server: Server, paths: list[str]) -> Path:
    export = folder / "products.csv"
    rows = [
        f"p{n},Mug {n},<p>Mug</p>,M-{n},12.00,{server.url(path)},1\n"
        for n, path in enumerate(paths)
    ]
    export.write_text(HEADER + "".join(rows), encoding="utf-8")
    return export


def test_a_killed_run_resumes_without_fetching_or_decoding_again(
    tmp_path: Path,
    run_cli: Callable[..., CliResult],
    release: threading.Event,
    decoded: list[str],
) -> None:
    photos = {f"/ready-{n}.jpg": Photo(n, None) for n in range(READY)}
    photos |= {f"/held-{n}.jpg": Photo(READY + n, release) for n in range(HELD)}
    cache = tmp_path / "cache"
    with serve() as server:
        server.routes.update(photos)
        export = write_export(tmp_path, server, list(photos))
        first = subprocess.Popen(
            [sys.executable, "-m", "listingaudit", *audit_args(export, cache, tmp_path / "1.json")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            wait_for(lambda: len(finished(cache)) >= 1 or first.poll() is not None, "a photo")
            assert first.poll() is None, first.communicate()[1].decode()
            first.send_signal(signal.SIGKILL)
            first.wait(PATIENCE)
        finally:
            if first.poll() is None:
                first.kill()
        done = finished(cache)  # the killed run's work, as it left it
        assert done, "the first run finished no photo before it was killed"
        assert not {photo.digest for photo in photos.values()} <= done, "it was not interrupted"
        for photo in photos.values():  # what the first run saw, before the second starts
            photo.statuses.clear()
        release.set()

        second = run_cli(*audit_args(export, cache, tmp_path / "2.json"))
        assert second.code in (0, 1), second.err

    for path, photo in photos.items():
        if photo.digest in done:
            assert photo.statuses == [304], path  # revalidated, not downloaded
            assert photo.digest not in decoded, path  # and not decoded again
        else:
            assert decoded.count(photo.digest) == 1, path
    assert len(decoded) == len(photos) - len(done)
