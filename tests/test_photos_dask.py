"""Photos decoded on a real Dask cluster (a LocalCluster on 127.0.0.1): the same results as a
local run, and a worker lost mid-run costs nothing but the time to redo its unfinished photos."""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from listingaudit.images import PhotoMeasures, PhotoService
from listingaudit.images.measures import measure_photo

from .fixtures.photos.images import blurred, encode, exposed, product_shot, scene_shot

dask = pytest.importorskip(
    "dask", reason="Dask is an optional extra: pip install listingaudit[dask]"
)
distributed = pytest.importorskip(
    "dask.distributed", reason="Dask is an optional extra: pip install listingaudit[dask]"
)

Refs = list[tuple[str, str | None]]


def dies_once(marker: Path, data: bytes, content_type: str | None = None) -> PhotoMeasures:
    """Kills the worker process that decodes the first photo; every later try decodes."""
    try:
        marker.touch(exist_ok=False)
    except FileExistsError:
        return measure_photo(data, content_type)
    os._exit(1)


def crashes_on_html(data: bytes, content_type: str | None = None) -> PhotoMeasures:
    """A decoder that kills its worker on one input, however often it is tried."""
    if data.startswith(b"<!DOCTYPE"):
        os._exit(1)
    return measure_photo(data, content_type)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    # One task per worker at a time, so only the task that killed a worker is suspected of it;
    # a task that kills two workers is given up (KilledWorker) rather than tried four times.
    limits = {
        "distributed.scheduler.worker-saturation": 1.0,
        "distributed.scheduler.allowed-failures": 1,
    }
    with (
        dask.config.set(limits),
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
    ):
        yield cluster.scheduler_address


@pytest.fixture
def photos(tmp_path: Path) -> Refs:
    """JPEG, PNG and WebP photos, sharp and blurred, and two that fail."""
    files = {
        "sharp.jpg": encode(product_shot(600, 1)),
        "soft.jpg": encode(blurred(product_shot(600, 2), 5)),
        "dark.jpg": encode(exposed(product_shot(500, 3), 0.3)),
        "scene.png": encode(scene_shot(400, 4), "PNG"),
        "item.webp": encode(product_shot(400, 5), "WEBP"),
        "login.jpg": b"<!DOCTYPE html><title>Sign in</title>",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return [(name, str(tmp_path)) for name in [*files, "missing.jpg"]]


def analysed(service: PhotoService, refs: Refs) -> dict[tuple[str, str | None], Any]:
    service.analyse(refs)
    return {ref: service.result(*ref) for ref in refs}


def test_a_dask_run_gives_the_same_results_as_a_local_run(scheduler: str, photos: Refs) -> None:
    local = analysed(PhotoService.from_options({"no_cache": True, "workers": 2}), photos)
    options = {"no_cache": True, "executor": "dask", "scheduler": scheduler}
    on_dask = analysed(PhotoService.from_options(options), photos)
    assert on_dask == local
    kinds = [getattr(r, "reason", r.format) for r in local.values()]
    assert kinds == ["JPEG", "JPEG", "JPEG", "PNG", "WEBP", "not-an-image", "missing-file"]


def test_a_worker_lost_mid_run_costs_only_its_unfinished_photo(
    scheduler: str, photos: Refs, tmp_path: Path
) -> None:
    local = analysed(PhotoService.from_options({"no_cache": True, "workers": 2}), photos)
    service = PhotoService.from_options(
        {"no_cache": True, "executor": "dask", "scheduler": scheduler}
    )
    marker = tmp_path / "a-worker-died"
    service.measure = partial(dies_once, marker)
    assert analysed(service, photos) == local  # the lost photo was decoded again elsewhere
    assert marker.exists()  # and a worker really died
    with distributed.Client(scheduler, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=30)  # its nanny restarted it for the next test


def test_a_decoder_that_keeps_killing_workers_costs_its_photo(scheduler: str, photos: Refs) -> None:
    local = analysed(PhotoService.from_options({"no_cache": True, "workers": 2}), photos)
    service = PhotoService.from_options(
        {"no_cache": True, "executor": "dask", "scheduler": scheduler}
    )
    service.measure = crashes_on_html
    results = analysed(service, photos)
    login = results.pop(photos[-2])
    assert (login.reason, login.detail) == (
        "decoder-crashed",
        "the decoder crashed (its Dask workers died)",
    )
    assert results == {ref: local[ref] for ref in results}
