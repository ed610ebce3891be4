"""The CI quality gate: score floor, severity, baseline; and the scoring model behind it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from listingaudit.checks import Finding, Severity
from listingaudit.gate import BaselineError, Gate, load_baseline
from listingaudit.model import Listing, SourceRef
from listingaudit.report import ListingResult, Report
from listingaudit.scoring import ScoringModel


def _finding(rule: str, family: str, severity: Severity) -> Finding:
    return Finding(rule, family, severity, f"{rule} fired")


def _report(*per_listing: list[Finding]) -> Report:
    model = ScoringModel()
    results = []
    for number, findings in enumerate(per_listing, 1):
        listing = Listing(f"SKU-{number}", "ebay", SourceRef("f.csv", (number + 1,)))
        score, scores = model.score_listing(findings, ["photos", "returns"])
        results.append(ListingResult(listing, findings, score, model.grade(score), scores))
    return Report("1", results, [], 0, [], {}, grade_of=model.grade)


def test_worked_example_from_the_readme() -> None:
    # One photo error (25) and one returns warning (10): 100 - 35 = 65, grade D.
    model = ScoringModel()
    findings = [
        _finding("PHO003", "photos", Severity.ERROR),
        _finding("RET002", "returns", Severity.WARNING),
    ]
    score, scores = model.score_listing(findings, ["photos", "returns", "shipping"])
    assert (score, model.grade(score)) == (65.0, "D")
    assert scores == {"photos": 75.0, "returns": 90.0, "shipping": 100.0}


def test_scores_are_floored_and_weights_apply() -> None:
    model = ScoringModel.from_config({"family_weights": {"photos": 0.5}})
    findings = [_finding(f"PHO00{n}", "photos", Severity.ERROR) for n in range(1, 7)]
    score, scores = model.score_listing(findings, ["photos"])
    assert scores["photos"] == 0.0
    assert score == 25.0  # 100 - 6 * 25 * 0.5


def test_a_rule_costs_once_per_listing_at_its_worst_severity() -> None:
    model = ScoringModel()
    repeated = [_finding("IMP005", "readiness", Severity.WARNING)] * 14
    assert model.score_listing(repeated, ["readiness"])[0] == 90.0
    mixed = [*repeated, _finding("IMP005", "readiness", Severity.ERROR)]
    assert model.score_listing(mixed, ["readiness"])[0] == 75.0


def test_catalog_score_is_the_mean() -> None:
    report = _report([], [_finding("PHO003", "photos", Severity.ERROR)])
    assert report.score == 87.5
    assert report.summary()["distribution"] == {"A": 1, "B": 0, "C": 1, "D": 0, "F": 0}
    assert report.summary()["families"] == {"photos": 87.5, "returns": 100.0}


def test_fail_under() -> None:
    report = _report([_finding("PHO003", "photos", Severity.ERROR)])
    assert Gate(fail_under=80).failures(report) == ["catalog score 75.0 is under 80"]
    assert Gate(fail_under=75).failures(report) == []


def test_fail_on_counts_that_severity_or_worse() -> None:
    report = _report([_finding("RET002", "returns", Severity.WARNING)])
    assert Gate(fail_on=Severity.ERROR).failures(report) == []
    assert Gate(fail_on=Severity.WARNING).failures(report) == [
        "1 finding(s) at severity warning or worse"
    ]


def test_baseline_fails_only_on_new_findings(tmp_path: Path) -> None:
    old = {"listings": [{"id": "SKU-1", "findings": [{"rule": "RET002"}]}]}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    baseline = load_baseline(path)
    known = _report([_finding("RET002", "returns", Severity.WARNING)])
    assert Gate(fail_on=Severity.WARNING, baseline=baseline).failures(known) == []
    new = _report(
        [
            _finding("RET002", "returns", Severity.WARNING),
            _finding("PHO003", "photos", Severity.ERROR),
        ]
    )
    assert Gate(fail_on=Severity.WARNING, baseline=baseline).failures(new) == [
        "1 new finding(s) at severity warning or worse"
    ]


def test_unreadable_baseline_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text("{not json")
    with pytest.raises(BaselineError, match="not a listingaudit JSON report"):
        load_baseline(path)
