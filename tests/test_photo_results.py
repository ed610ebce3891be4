"""The run's photo results kept mostly on disk: every result comes back, memory stays flat."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from listingaudit.images import results as photo_results
from listingaudit.images.measures import PhotoMeasures
from listingaudit.images.results import PhotoResults
from listingaudit.images.service import PhotoFailure, PhotoKey, PhotoResult

from .conftest import EXAMPLES, CliResult


def measures(number: int) -> PhotoMeasures:
    return PhotoMeasures(
        sharpness=100.0 + number,
        mean_luminance=200.5,
        dark_clipped=0.01,
        bright_clipped=0.3,
        region="product",
        border_white=0.97,
        corner_min=250,
        product_fill=0.8,
        product_area=0.5,
        uniformity=0.6,
        dhash=(1 << 63) + number,
        width=2000,
        height=1500,
        format="JPEG",
        bytes=150_000 + number,
        content_type="image/jpeg",
        animated=False,
    )


def key(number: int) -> PhotoKey:
    return f"https://cdn.example.com/products/photo-{number:07d}.jpg?v=17", None


def test_results_come_back_the_same_from_memory_and_from_disk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(photo_results, "RECENT", 4)
    store = PhotoResults()
    given: dict[PhotoKey, PhotoResult] = {key(n): measures(n) for n in range(10)}
    # One ref as a URL, a path relative to an export's folder, and the same path elsewhere.
    given[("front.jpg", None)] = PhotoFailure("not-found", "HTTP 404 Not Found")
    given[("front.jpg", "/exports/a")] = measures(97)
    given[("front.jpg", "/exports/b")] = PhotoFailure("unsupported-format", "a HEIC", "HEIC")
    for photo, result in given.items():
        assert photo not in store
        store.add(photo, result)
        assert photo in store
    assert len(store) == len(given)
    assert len(store._recent) < 4  # the rest moved to disk
    assert {photo: store.get(photo) for photo in given} == given
    assert store.get(key(10)) is None
    assert key(10) not in store
    store.close()


def test_memory_per_photo_does_not_grow_with_the_photos(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(photo_results, "RECENT", 1_000)
    monkeypatch.setattr("listingaudit.digestmap.FLUSH", 1_000)

    def retained(count: int) -> int:
        store = PhotoResults()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        for number in range(count):
            store.add(key(number), measures(number))
        kept = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        store.close()
        return kept

    # What 12,000 more photos add: in a dict of results it was ~630 bytes a photo.
    per_photo = (retained(16_000) - retained(4_000)) / 12_000
    assert per_photo < 100, per_photo


def test_a_run_whose_results_go_to_disk_reports_the_same(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    """The bundled examples' photo findings (PHO013 included) whether results stay in memory
    or go to disk after every second photo."""

    def report(name: str) -> dict[str, object]:
        out = tmp_path / f"{name}.json"
        config = EXAMPLES / "listingaudit.toml"
        args = ["audit", EXAMPLES, "--config", config, "--no-cache", "--select", "photos"]
        run_cli(*args, "-f", "json", "-o", out)
        listings = json.loads(out.read_text(encoding="utf-8"))["listings"]
        return {item["id"]: (item["score"], item["findings"]) for item in listings}

    in_memory = report("memory")
    monkeypatch.setattr(photo_results, "RECENT", 2)
    assert report("disk") == in_memory
    rules = {f["rule"] for _, findings in in_memory.values() for f in findings}  # type: ignore[attr-defined]
    assert {"PHO013", "PHO008", "PHO010"} <= rules
