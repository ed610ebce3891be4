"""``listingaudit diff``: what improved and what regressed between two JSON reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from listingaudit.diff import DiffError, FindingRef, diff_reports, load_report, render_diff

from .fixtures.reports import catalog


def _listing(
    listing_id: str, file: str, score: float, *findings: tuple[str, str, str, str]
) -> dict[str, Any]:
    return {
        "id": listing_id,
        "marketplace": "shopify",
        "title": f"Title of {listing_id}",
        "source": {"file": file, "lines": [2, 2]},
        "score": score,
        "grade": "A",
        "scores": {},
        "findings": [
            {"rule": r, "family": f, "severity": s, "message": m, "evidence": {}}
            for r, f, s, m in findings
        ],
    }


def _report(score: float, families: dict[str, float], *listings: dict[str, Any]) -> dict[str, Any]:
    return {
        "tool": {"name": "listingaudit", "version": "1"},
        "summary": {
            "listings": len(listings),
            "score": score,
            "grade": "B",
            "findings": {"error": 0, "warning": 0, "info": 0},
            "problems": 0,
            "families": families,
        },
        "listings": list(listings),
        "problems": [],
    }


SMALL = ("PHO003", "photos", "error", "main photo is 500 px")
SHORT = ("RET002", "returns", "warning", "return window is 14 days")
SHORTER = ("RET002", "returns", "warning", "return window is 21 days")
VAGUE = ("DIS001", "disclosure", "warning", "no condition note")

OLD = _report(
    80.0,
    {"photos": 80.0, "returns": 95.0},
    _listing("mug", "shop.csv", 65.0, SMALL, SHORT),
    _listing("kettle", "shop.csv", 100.0),
    _listing("lamp", "shop.csv", 90.0, VAGUE),
    _listing("SKU-9", "2024-01.csv", 75.0, SMALL),
    _listing("retired", "shop.csv", 80.0, SHORT),
    _listing("dup", "shop.csv", 100.0),
    _listing("dup", "shop.csv", 75.0, SMALL),
)
NEW = _report(
    84.5,
    {"photos": 87.5, "returns": 96.0, "shipping": 100.0},
    _listing("mug", "shop.csv", 90.0, SHORTER),
    _listing("kettle", "shop.csv", 75.0, SMALL),
    _listing("lamp", "shop.csv", 90.0, VAGUE),
    _listing("SKU-9", "2024-02.csv", 75.0, SMALL),
    _listing("fresh", "shop.csv", 100.0),
    _listing("dup", "shop.csv", 100.0),
    _listing("dup", "shop.csv", 100.0),
)


def test_each_listing_gets_what_happened_to_it() -> None:
    d = diff_reports(OLD, NEW)
    status = {(x.id, x.file, x.old_score): x.status for x in d.listings}
    assert status == {
        ("kettle", "shop.csv", 100.0): "regressed",
        ("fresh", "shop.csv", None): "new",
        ("mug", "shop.csv", 65.0): "improved",
        ("dup", "shop.csv", 75.0): "improved",  # repeated ids pair up in file order
        ("retired", "shop.csv", 80.0): "gone",
        ("lamp", "shop.csv", 90.0): "unchanged",
        ("SKU-9", "2024-02.csv", 75.0): "unchanged",  # file renamed: matched by its id
        ("dup", "shop.csv", 100.0): "unchanged",
    }
    assert [x.status for x in d.listings][:2] == ["regressed", "new"]  # worst news first


def test_findings_are_matched_by_rule() -> None:
    d = diff_reports(OLD, NEW)
    mug = next(x for x in d.listings if x.id == "mug")
    # The return window changed wording but is the same finding; the small photo was fixed.
    assert mug.new_findings == () and mug.gone_findings == (FindingRef(*SMALL),)
    assert mug.delta == 25.0
    kettle = next(x for x in d.listings if x.id == "kettle")
    assert kettle.new_findings == (FindingRef(*SMALL),) and kettle.delta == -25.0


def test_families_and_catalog() -> None:
    d = diff_reports(OLD, NEW)
    assert (d.old_score, d.new_score, d.delta) == (80.0, 84.5, 4.5)
    families = {
        f.family: (f.old_score, f.new_score, f.delta, f.new_findings, f.gone_findings)
        for f in d.families
    }
    assert families == {
        "photos": (80.0, 87.5, 7.5, 1, 2),  # kettle's is new; mug's and a dup's are gone
        "returns": (95.0, 96.0, 1.0, 0, 1),  # the retired listing's
        "shipping": (None, 100.0, None, 0, 0),
    }
    assert (d.new_findings, d.gone_findings) == (1, 3)


def test_render_reads_as_a_summary() -> None:
    text = render_diff(diff_reports(OLD, NEW))
    assert text.startswith("Catalog score 80.0 (B) -> 84.5 (B)  +4.5\n")
    assert "Listings: 1 regressed, 1 new, 0 changed, 2 improved, 1 gone, 3 unchanged" in text
    assert "Findings: 3 gone, 1 new" in text
    assert "  photos    80.0 -> 87.5    +7.5  2 gone, 1 new" in text
    regressed = text.split("Regressed (1)\n", 1)[1]
    assert regressed.startswith('  kettle  "Title of kettle"  shop.csv  100.0 -> 75.0  -25.0\n')
    assert "      + error   PHO003  main photo is 500 px" in regressed
    assert "Gone (1)\n  retired" in text


def test_render_shows_hostile_text_without_obeying_it() -> None:
    hostile = _listing("\u202eevil\x1b[2J", "shop.csv", 100.0)
    text = render_diff(diff_reports(_report(100.0, {}), _report(100.0, {}, hostile)))
    assert "<U+202E>evil␛[2J" in text
    assert "\x1b" not in text and "\u202e" not in text


def test_an_audit_compared_with_itself_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "report.json"
    path.write_text(json.dumps(catalog.build().to_dict()), encoding="utf-8")
    report = load_report(path)
    d = diff_reports(report, report)
    assert {x.status for x in d.listings} == {"unchanged"} and len(d.listings) == 4
    assert d.delta == 0 and all(f.delta == 0 for f in d.families)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read report"),
        ("{not json", "not JSON"),
        ('{"listings": []}', "not a listingaudit JSON report (top level: 'tool' is a required"),
    ],
)
def test_unreadable_reports_are_one_line_errors(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "old.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DiffError, match=r"^.*old\.json: ") as error:
        load_report(path)
    assert message in str(error.value) and "\n" not in str(error.value)
