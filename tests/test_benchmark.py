"""The benchmark harness runs end to end on a tiny catalog and reports every figure.

Not a timed test: it checks that each figure exists and is positive, and that the warm run
revalidated (304) instead of downloading and decoding again.
"""

from __future__ import annotations

import importlib
import io
import json
import sys
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PIL import Image

from .conftest import ROOT

BENCHMARKS = ROOT / "benchmarks"
MARKETPLACES = ("shopify", "ebay", "amazon")


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    """``benchmarks/bench.py``, importing its sibling modules as running the script would."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        yield importlib.import_module("bench")
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture(scope="module")
def ran(bench: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Any]:
    """One tiny run: 200 listings per catalog, 6 small photos. Its printout and its JSON."""
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    printed = io.StringIO()
    with redirect_stdout(printed):
        code = bench.main(
            ["--listings", "200", "--photos", "6", "--megapixels", "0.2,0.4", "--json", str(out)]
        )
    assert code == 0
    return printed.getvalue(), json.loads(out.read_text(encoding="utf-8"))


def test_each_catalog_is_read_audited_and_reported(ran: tuple[str, Any]) -> None:
    _, results = ran
    for marketplace in MARKETPLACES:
        figures = results["listings"][marketplace]
        assert figures["listings"] == figures["listings_read"] == 200
        assert figures["rows"] >= 200
        for key in ("read_seconds", "audit_seconds", "listings_per_second", "peak_rss_mb"):
            assert figures[key] > 0, (marketplace, key)
        assert figures["report_seconds_by_format"], "no report writer was timed"
        assert figures["findings"] > 0
    total = results["listings_total"]
    assert total["listings"] == 600 and total["listings_per_second"] > 0


def test_photo_runs_are_measured_cold_warm_and_against_both_references(
    ran: tuple[str, Any],
) -> None:
    _, results = ran
    assert results["photo_checks"], "the built-in photo checks should be loaded"
    photos = results["photos"]
    assert photos["count"] == 6 and photos["bytes"] > 0
    cold, warm = photos["audit_cold"], photos["audit_warm"]
    assert cold["http"]["status_200"] == 6 and "status_304" not in cold["http"]
    assert cold["decodes"] == 6
    assert all(seconds > 0 for seconds in cold["phases_thread_seconds"].values())
    # Warm: every photo revalidated and answered 304; nothing decoded again.
    assert warm["http"]["status_304"] == 6 and "status_200" not in warm["http"]
    assert warm["decodes"] == 0
    assert photos["naive"]["http"]["status_200"] == 6
    for run in ("audit_cold", "audit_warm", "naive", "decode_floor", "analysis_floor"):
        assert photos[run]["photos_per_second"] > 0, run
        assert photos[run]["cpu_seconds"] > 0, run
    for floor in ("decode_floor", "analysis_floor"):
        assert photos[floor]["threads_seconds"] > 0 and photos[floor]["processes_seconds"] > 0
    assert all(seconds > 0 for seconds in cold["phases_cpu_seconds"].values())
    assert all(ratio > 0 for ratio in photos["ratios"].values())


def test_the_decode_floor_decodes_at_the_audits_scale(bench: ModuleType) -> None:
    """The floor decodes a JPEG at the DCT scale the audit's ``draft`` gets, no larger: a 4:3
    photo of 2309×1732 analysed at 512 px is decoded at 1/4 (578×433), not 1/2 (1155×866)."""
    references = importlib.import_module("bench_references")
    out = io.BytesIO()
    Image.new("RGB", (2309, 1732), (200, 120, 40)).save(out, "JPEG")
    assert references.decode_at(out.getvalue(), 512) == (578, 433)
    assert references.analysis_size(2309, 1732, 512) == (512, 384)


def test_the_table_is_printed(ran: tuple[str, Any]) -> None:
    printed, _ = ran
    for text in (*MARKETPLACES, "listings/s", "audit, cold cache", "audit, warm cache"):
        assert text in printed
    assert "cold / decode floor" in printed and "warm / cold" in printed
    assert "cold / analysis floor" in printed and "CPU ms/photo" in printed


def test_without_photo_checks_the_photo_runs_are_skipped_and_said_so(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    canned = {"listings": 1, "audit_seconds": 1.0, "listings_per_second": 1.0}
    canned |= {"read_seconds": 0.5, "check_seconds": 0.5, "report_seconds": 0.1}
    canned |= {"peak_rss_mb": 50.0}
    monkeypatch.setattr(bench, "available_checks", lambda plugins: {})
    monkeypatch.setattr(bench, "bench_listings", lambda args, workdir: {"shopify": canned})
    monkeypatch.setattr(bench, "bench_photos", lambda args, workdir: pytest.fail("photos ran"))
    results = bench.run(bench.build_parser().parse_args(["--photos", "6"]))
    assert results["photos"] is None
    assert bench.NO_PHOTOS in bench.table(results)


def test_photo_runs_in_worker_processes_judge_the_photos_as_threads_do(
    bench: ModuleType, tmp_path: Path
) -> None:
    """The phase clock must not reach the decoding in worker processes: its wrapper cannot be
    pickled to them, and every photo then failed instead of being measured."""
    served = importlib.import_module("bench_photos")
    catalogs = importlib.import_module("bench_catalogs")
    photos = served.make_photos(4, [0.2], ["jpeg"], bench.SEED)
    runs = {}
    with served.PhotoServer(photos) as server:
        catalog = tmp_path / "photos.csv"
        catalogs.write_photo_catalog(catalog, [server.url(photo.name) for photo in photos])
        for executor in ("threads", "processes"):
            job = {"kind": "photos", "path": str(catalog), "cache_dir": str(tmp_path / executor)}
            job.update(photos=len(photos), workers=2, executor=executor, scheduler=None)
            runs[executor] = bench.run_child(job, tmp_path)
    assert runs["threads"]["findings"], "nothing found: the comparison would prove nothing"
    assert runs["processes"]["findings"] == runs["threads"]["findings"]
    assert runs["processes"]["decodes"] is None  # out of this process's sight, not counted
