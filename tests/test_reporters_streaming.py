"""The report writers stream: writing a report costs memory that does not grow with the catalog.

A generated report of 5,000 listings is written to a file by each streaming writer with
``tracemalloc`` on. A writer that builds its document first (a dict, an XML tree, one string)
holds more than the whole file at once; one that streams holds one listing's worth, so the peak
traced during the write must stay under a third of the file's size. The streamed text must
also be exactly what the whole-document serialisers give (``json.dumps`` with ``indent=2``,
``ET.indent``), which the snapshots check on the fixture catalog and these tests check here.
"""

from __future__ import annotations

import csv
import json
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from listingaudit.checks import Finding, Severity
from listingaudit.model import Listing, Photo, SourceRef
from listingaudit.plugins import LoadedPlugins
from listingaudit.problems import Problem
from listingaudit.report import FileSummary, ListingResult, Report
from listingaudit.reporting import Reporter, write_report
from listingaudit.scoring import ScoringModel
from listingaudit_plugins.reporters._safe import write_json

from .fixtures.reports import catalog
from .test_reporters import validate_sarif

# Enough for a document built in memory to show (about 6 to 9 times the file while it is
# written); tracemalloc makes each allocation slow, so not more.
LISTINGS = 5_000
STREAMING = ("json", "sarif", "junit", "csv")
FILES = ("exports/shop.csv", "exports/more.csv")
# What the JSON writers escape (a bidi override, a line separator, a lone surrogate), in text
# every listing keeps exactly.
ESCAPED = ("\u202e", "\u2028", "\ud800")
UNSAFE = "exe.txt ".join(ESCAPED)


def _result(model: ScoringModel, number: int) -> ListingResult:
    rules = list(catalog.RULES.values())
    findings = [
        Finding(
            info.code,
            info.family,
            Severity(info.severity),
            f"listing {number}: {info.title.lower()}",
            {"value": number % 97, "limit": Decimal("12.50")},
        )
        for info in rules[number % 3 : number % 3 + 2]
    ]
    if number % 1000 == 0:  # a rule the report does not describe
        findings.append(Finding("XYZ001", "photos", Severity.WARNING, "from a newer plugin"))
    score, scores = model.score_listing(findings, catalog.FAMILIES)
    listing = Listing(
        f"SKU-{number:06d}",
        "shopify",
        SourceRef(FILES[number % 2], (number + 2, number + 3), "shopify-products"),
        title=f"Stoneware mug no. {number}" + (f" {UNSAFE}" if number % 500 == 0 else ""),
        photos=[Photo(f"https://cdn.example.com/{number}-{k}.jpg", k) for k in (1, 2)],
    )
    return ListingResult(listing, findings, score, model.grade(score), scores)


def _big_report() -> Report:
    model = ScoringModel()
    results = [_result(model, number) for number in range(LISTINGS)]
    problems = [Problem(FILES[0], 7, "Variant Price", "type-error", f"bad price {UNSAFE}")]
    files = [
        FileSummary(name, "shopify-products", "shopify", "utf-8", 0, 0, 80.0) for name in FILES
    ]
    broken = FileSummary("bad.csv", "", "", "", 0, 0, None, error="bad.csv: not an export")
    return Report(
        "1.0",
        results,
        problems,
        len(problems),
        [*files, broken],
        dict(catalog.RULES),
        title="Streaming catalog",
        grade_of=model.grade,
    )


@pytest.fixture(scope="module")
def big_report() -> Report:
    return _big_report()


@pytest.fixture(scope="module")
def written(
    plugins: LoadedPlugins, big_report: Report, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, int]]:
    """Each streaming writer's file for the big report, and the peak memory traced writing it."""
    writers = {r.name: r for group in plugins.hook.listingaudit_reporters() for r in group}
    folder = tmp_path_factory.mktemp("streamed")
    found: dict[str, tuple[Path, int]] = {}
    for name in STREAMING:
        writer: type[Reporter] = writers[name]
        target = folder / f"report{writer.extension}"
        tracemalloc.start()
        try:
            write_report(writer({}), big_report, str(target))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        found[name] = (target, peak)
    return found


@pytest.mark.parametrize("name", STREAMING)
def test_writing_holds_less_than_a_third_of_the_output(
    name: str, written: dict[str, tuple[Path, int]]
) -> None:
    target, peak = written[name]
    size = target.stat().st_size
    assert size > 1_000_000
    assert peak < size / 3, f"{name}: peak {peak:,} bytes while writing {size:,}"


def test_streamed_json_is_the_report_dict(
    written: dict[str, tuple[Path, int]], big_report: Report
) -> None:
    text = written["json"][0].read_text("utf-8")
    assert json.loads(text) == json.loads(json.dumps(big_report.to_dict(), default=str))
    assert "\u202e" not in text and "\u2028" not in text and "\\u202e" in text
    # Laid out as json.dumps lays out the whole document.
    assert text == _dumped(json.loads(text))


def test_streamed_sarif_has_every_result_in_rule_order(
    written: dict[str, tuple[Path, int]], big_report: Report
) -> None:
    data = json.loads(written["sarif"][0].read_text("utf-8"))
    run = data["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    # The report's rules by code, then the one only findings name, then the input problem's.
    assert rules == [*sorted(catalog.RULES), "XYZ001", "input/type-error"]
    results = run["results"]
    assert len(results) == sum(len(r.findings) for r in big_report.listings) + 1
    assert all(r["ruleIndex"] == rules.index(r["ruleId"]) for r in results)
    # The schema check on every result would take long; the results are all built alike.
    validate_sarif({**data, "runs": [{**run, "results": results[:100] + results[-2:]}]})


def test_streamed_junit_is_laid_out_as_a_whole_tree(
    written: dict[str, tuple[Path, int]], big_report: Report
) -> None:
    text = written["junit"][0].read_text("utf-8")
    root = ET.fromstring(text)
    failing = sum(
        any(f.severity is not Severity.INFO for f in r.findings) for r in big_report.listings
    )
    assert root.get("tests") == str(LISTINGS + 1) and root.get("errors") == "1"
    assert root.get("failures") == str(failing)
    assert [s.get("tests") for s in root] == [str(LISTINGS // 2), str(LISTINGS // 2), "1"]
    assert _reindented(text) == text


def test_streamed_csv_has_a_row_per_finding_and_problem(
    written: dict[str, tuple[Path, int]], big_report: Report
) -> None:
    with written["csv"][0].open(encoding="utf-8-sig", newline="") as stored:
        rows = list(csv.reader(stored))
    kinds = [row[0] for row in rows[1:]]
    assert kinds.count("finding") == sum(len(r.findings) for r in big_report.listings)
    assert kinds.count("problem") == 1


@pytest.mark.parametrize(
    "report",
    [
        Report("1", [], [], 0, [], {}),
        # A file read without listings or problems is an empty suite: <testsuite ... />.
        Report("1", [], [], 0, [FileSummary("empty.csv", "", "", "", 0, 0, None)], {}),
        Report("1", [], [Problem("p.csv", None, None, "extra-cell", "x")], 1, [], {}),
    ],
    ids=["empty", "empty-suite", "problem-only"],
)
def test_junit_edge_cases_are_laid_out_as_a_whole_tree(
    plugins: LoadedPlugins, report: Report, tmp_path: Path
) -> None:
    writer = next(
        r for group in plugins.hook.listingaudit_reporters() for r in group if r.name == "junit"
    )
    target = tmp_path / "report.xml"
    write_report(writer({}), report, str(target))
    text = target.read_text("utf-8")
    assert _reindented(text) == text
    if report.files:
        assert (
            '<testsuite name="empty.csv" tests="0" failures="0" errors="0" skipped="0" time="0" />'
            in text
        )


def _reindented(text: str) -> str:
    """``text`` parsed, laid out again by ``ET.indent`` as a whole tree, and written back."""
    declaration, body = text.split("\n", 1)
    root = ET.fromstring(body)
    ET.indent(root)
    return f"{declaration}\n{ET.tostring(root, encoding='unicode')}\n"


def _values(count: int) -> Iterator[dict[str, object]]:
    for number in range(count):
        yield {"n": number, "text": UNSAFE, "empty": [], "none": {}, "price": Decimal("1.5")}


@pytest.mark.parametrize("count", [0, 1, 3])
def test_write_json_streams_iterators_as_arrays(count: int, tmp_path: Path) -> None:
    data: dict[str, object] = {
        "head": {"a": [1, {"b": None}], "c": ()},
        "items": list(_values(count)),
    }
    lazy = {**data, "items": _values(count), "nested": [{"more": _values(count)}]}
    eager = {**data, "nested": [{"more": list(_values(count))}]}
    out = tmp_path / "out.json"
    with out.open("w", encoding="utf-8") as stream:
        write_json(lazy, stream)
    assert out.read_text("utf-8") == _dumped(eager)


def _dumped(data: object) -> str:
    """The whole-document JSON text the writers used to build, escapes included."""
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    for char in ESCAPED:
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text + "\n"
