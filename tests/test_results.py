"""Scored listings on disk: what goes in comes back, in both orders, and memory stays flat."""

from __future__ import annotations

import gc
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest

from listingaudit import audit
from listingaudit.audit import AuditOptions, run_audit
from listingaudit.checks import Finding, Severity
from listingaudit.config import Config
from listingaudit.model import Condition, Listing, Photo, SourceRef
from listingaudit.plugins import LoadedPlugins
from listingaudit.results import ListingResult, Results
from listingaudit.scoring import ScoringModel

MODEL = ScoringModel()


def _result(
    number: int, file: str = "a.csv", severity: Severity = Severity.WARNING
) -> ListingResult:
    findings = [
        Finding("RET001", "returns", severity, f"no returns on {number}", {"limit": Decimal("2.5")})
    ] * (number % 3)
    score, scores = MODEL.score_listing(findings, ["photos", "returns"])
    listing = Listing(
        f"SKU-{number}",
        "ebay",
        SourceRef(file, (number + 2, number + 3), "ebay-fx"),
        title=f"Lamp {number}",
        condition=Condition("used", "3000", "ConditionID") if number % 2 else None,
        photos=[Photo(f"https://i.ebayimg.com/{number}.jpg", 1, alt="front")],
    )
    hidden = [Finding("PHO001", "photos", Severity.INFO, "ignored")] if number == 4 else []
    return ListingResult(listing, findings, score, MODEL.grade(score), scores, hidden)


def test_what_goes_in_comes_back_in_the_order_read() -> None:
    given = [_result(n, "a.csv" if n < 5 else "b.csv") for n in range(9)]
    results = Results(given)
    assert len(results) == 9
    assert list(results) == given
    assert results[4] == given[4] and results[-1] == given[-1]
    with pytest.raises(IndexError):
        results[9]
    assert list(results.in_file("b.csv")) == given[5:]
    assert results.files() == ["a.csv", "b.csv"]


def test_worst_first_keeps_the_order_read_among_equal_scores() -> None:
    results = Results(_result(n) for n in range(7))
    ordered = [r.listing.id for r in results.worst_first()]
    # number % 3 == 2: two warnings of one rule, penalised once (90); 1: 90; 0: 100.
    assert ordered == ["SKU-1", "SKU-2", "SKU-4", "SKU-5", "SKU-0", "SKU-3", "SKU-6"]


def test_records_larger_than_a_read_block_come_back_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("listingaudit.results._BLOCK", 64)
    given = [_result(n) for n in range(5)]
    assert list(Results(given)) == given


def test_reading_between_appends_without_pread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr("os.pread", raising=False)  # as on Windows
    given = [_result(n) for n in range(6)]
    results = Results(given[:3])
    assert list(results) == given[:3]
    for result in given[3:]:
        results.append(result)
    assert list(results) == given
    assert next(results.worst_first()).listing.id == "SKU-1"


def test_the_tally_counts_without_reading_back() -> None:
    results = Results(
        _result(n, severity=Severity.ERROR if n == 2 else Severity.WARNING) for n in range(6)
    )
    tally = results.tally
    assert tally.severities == {"warning": 1 + 1 + 2, "error": 2}
    assert tally.with_findings == 4
    assert tally.grades == {"A": 5, "C": 1}  # the error costs 25
    assert tally.families_found == ["returns"]
    assert tally.worst_by_file == {"a.csv": {"": 2, "warning": 3, "error": 1}}
    assert list(tally.family_scores()["returns"]) == [r.scores["returns"] for r in results]


def _ebay_catalog(path: Path, listings: int, duplicate_of: int | None = None) -> Path:
    header = (
        "*Action(SiteID=US|Country=US|Currency=USD|Version=1193),CustomLabel,*Category,*Title,"
        "*ConditionID,PicURL,*Description,*Format,*Duration,*StartPrice,*Quantity\n"
    )
    rows = [
        f"Add,LAMP-{n},112581,Brass desk lamp number {n},1000,,<p>A lamp.</p>,FixedPrice,GTC,"
        f"45.00,1\n"
        for n in range(listings)
    ]
    if duplicate_of is not None:
        rows.append(rows[duplicate_of])
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


def _retained_after_audit(plugins: LoadedPlugins, path: Path) -> int:
    options = AuditOptions(ignore=["photos"], services={"offline": True, "progress": False})
    gc.collect()
    tracemalloc.start()
    try:
        result = run_audit(plugins, Config({}), [path], options)
        gc.collect()
        retained, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not result.file_errors
    return retained


def test_memory_held_after_an_audit_does_not_grow_with_the_catalog(
    plugins: LoadedPlugins, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit, "BATCH", 200)  # several batches in a small catalog
    small = _retained_after_audit(plugins, _ebay_catalog(tmp_path / "small.csv", 1_000))
    large = _retained_after_audit(plugins, _ebay_catalog(tmp_path / "large.csv", 3_000))
    # The report keeps an offset, a score and a few per-family figures per listing on disk
    # (about 50 bytes); a listing kept in memory costs kilobytes.
    assert (large - small) / 2_000 < 200


def test_a_duplicate_found_at_the_end_rescores_a_listing_already_on_disk(
    plugins: LoadedPlugins, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit, "BATCH", 10)
    # IMP003's memory moves its ids to arrays every 5: the first LAMP-3 is in the arrays.
    monkeypatch.setattr("listingaudit.digestmap.FLUSH", 5)
    path = _ebay_catalog(tmp_path / "dup.csv", 30, duplicate_of=3)
    options = AuditOptions(ignore=["photos"], services={"offline": True, "progress": False})
    report = run_audit(plugins, Config({}), [path], options).report
    by_line = {r.listing.source.first_line: r for r in report.listings}
    first, repeat = by_line[5], by_line[32]
    assert first.listing.id == repeat.listing.id == "LAMP-3"
    assert [f.rule for f in repeat.findings if f.rule == "IMP003"] == ["IMP003"]
    assert "IMP003" not in {f.rule for f in first.findings}
    assert repeat.score == first.score - 25  # an error, scored once the catalog was read
    assert report.listings.tally.severities["error"] >= 1
    assert report.score == round(sum(r.score for r in report.listings) / 31, 1)
