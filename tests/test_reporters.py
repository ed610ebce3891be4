"""The report writers: one snapshot each on a fixed catalog, and hostile listing text in all.

Snapshots live in ``tests/snapshots/``; run with ``UPDATE_SNAPSHOTS=1`` to rewrite them after an
intended change, then read the diff before committing it.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from PIL import Image

from listingaudit import __version__
from listingaudit.checks import Finding, Severity
from listingaudit.model import Listing, SourceRef
from listingaudit.plugins import LoadedPlugins
from listingaudit.problems import Problem
from listingaudit.report import FileSummary, ListingResult, Report
from listingaudit.reporting import Reporter, write_report
from listingaudit.results import Results
from listingaudit.scoring import ScoringModel

from .conftest import ROOT, CliResult
from .fixtures.reports import catalog

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
FORMATS = {
    "text": "report.txt",
    "json": "report.json",
    "csv": "report.csv",
    "markdown": "report.md",
    "junit": "report.xml",
    "sarif": "report.sarif",
    "html": "report.html",
}
_DATA_URI = re.compile(r"data:image/(jpeg|png);base64,[A-Za-z0-9+/=]+")


@pytest.fixture(scope="module")
def writers(plugins: LoadedPlugins) -> dict[str, type[Reporter]]:
    return {r.name: r for group in plugins.hook.listingaudit_reporters() for r in group}


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    """The fixture catalog, with the current folder where its photos are."""
    monkeypatch.chdir(tmp_path)
    return catalog.build(tmp_path)


def render(writer: type[Reporter], report: Report, **options: object) -> str:
    out = io.StringIO()
    writer(options).write(report, out)
    return out.getvalue()


def test_every_format_is_a_plugin(writers: dict[str, type[Reporter]]) -> None:
    assert set(FORMATS) <= set(writers)
    for name in FORMATS:
        assert writers[name].name == name
        assert writers[name].description
        assert writers[name].extension.startswith(".")


@pytest.mark.parametrize("name", FORMATS)
def test_snapshot(name: str, writers: dict[str, type[Reporter]], report: Report) -> None:
    text = render(writers[name], report).replace(__version__, "VERSION")
    text = _DATA_URI.sub(r"data:image/\1;base64,...", text)
    snapshot = SNAPSHOTS / FORMATS[name]
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        with snapshot.open("w", encoding="utf-8", newline="") as out:
            out.write(text)
    with snapshot.open(encoding="utf-8", newline="") as stored:
        assert stored.read() == text


# --- Hostile listing text -------------------------------------------------------------------


@pytest.mark.parametrize("name", FORMATS)
def test_listing_text_cannot_run_in_any_report(
    name: str, writers: dict[str, type[Reporter]], report: Report
) -> None:
    text = render(writers[name], report)
    # No control character (BEL, ANSI escape) and no bidi override reaches any report...
    assert "\x07" not in text and "\x1b" not in text and "\u202e" not in text
    # ...and in the formats read as markup, no script of the listing's survives as markup.
    if name in ("html", "markdown", "junit"):
        assert "<script>alert" not in text
    if name != "json":
        assert re.search(r"U\\?\+202E", text)  # the override is shown, not obeyed


def test_json_keeps_hostile_text_exactly(
    writers: dict[str, type[Reporter]], report: Report
) -> None:
    data = json.loads(render(writers["json"], report))
    hostile = next(item for item in data["listings"] if item["marketplace"] == "ebay")
    assert hostile["title"] == catalog.HOSTILE
    assert data["problems"][1]["message"].endswith("\x1b[31m")


def test_csv_cells_never_run_as_formulas(
    writers: dict[str, type[Reporter]], report: Report
) -> None:
    text = render(writers["csv"], report)
    assert text.startswith("\ufeffkind,file,line,")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    cells = [value for row in rows for value in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert '\'=HYPERLINK("http://evil.example","x")' in " ".join(cells)
    findings = [row for row in rows[1:] if row[0] == "finding"]
    assert len(findings) == sum(len(r.findings) for r in report.listings)
    assert len([row for row in rows[1:] if row[0] == "problem"]) == len(report.problems)
    assert "\r\n" in text  # RFC 4180 line ends, as Excel writes them


def test_csv_neutralises_each_formula_start() -> None:
    from listingaudit_plugins.reporters._safe import cell

    for start in ("=", "+", "-", "@", "＝"):
        assert cell(f"{start}1+1") == f"'{start}1+1"
    # Tab and CR are shown as symbols, so the cell no longer starts with them.
    assert cell("\t=1+1") == "␉=1+1" and cell("\r=1+1") == "␍=1+1"
    assert cell("Blue mug") == "Blue mug"


def test_html_escapes_and_runs_only_its_own_script(
    writers: dict[str, type[Reporter]], report: Report
) -> None:
    text = render(writers["html"], report)
    assert text.count("<script") == 1
    assert "=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;) &lt;script&gt;" in text
    script = text.split("<script>", 1)[1].split("</script>", 1)[0]
    pin = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{pin}'" in text
    # Nothing is fetched when the page opens: no remote source of any kind.
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", text)


# --- text -----------------------------------------------------------------------------------


def test_text_colour_only_when_asked(writers: dict[str, type[Reporter]], report: Report) -> None:
    assert "\x1b[" not in render(writers["text"], report, color=False)
    coloured = render(writers["text"], report, color=True)
    assert "\x1b[31;1m1 error\x1b[0m, \x1b[33m3 warnings\x1b[0m" in coloured


def test_text_without_checks_lists_what_was_read(writers: dict[str, type[Reporter]]) -> None:
    listing = Listing("SKU-1", "ebay", SourceRef("a.csv", (2,)))
    report = Report(
        "1",
        [ListingResult(listing, [], 100.0, "A", {})],
        [Problem("a.csv", 3, None, "extra-cell", "row has 5 cells; the header has 4")],
        1,
        [FileSummary("a.csv", "ebay-file-exchange", "ebay", "utf-8", 1, 1, 100.0)],
        {},
        grade_of=ScoringModel().grade,
    )
    text = render(writers["text"], report)
    assert "No checks were loaded" in text
    assert "a.csv  ebay-file-exchange  1 listing  score 100.0  1 problem" in text
    assert "a.csv:3: row has 5 cells; the header has 4 (extra-cell)" in text


# --- markdown -------------------------------------------------------------------------------


def _big_report(listings: int) -> Report:
    model = ScoringModel()
    results = []
    for number in range(listings):
        findings = [
            Finding("PHO003", "photos", Severity.ERROR, f"photo {n} is too small " + "x" * 80)
            for n in range(3)
        ]
        score, scores = model.score_listing(findings, ["photos"])
        listing = Listing(f"SKU-{number}", "shopify", SourceRef("big.csv", (number + 2,)))
        results.append(ListingResult(listing, findings, score, model.grade(score), scores))
    return Report("1", results, [], 0, [], dict(catalog.RULES), grade_of=model.grade)


def test_markdown_fits_a_pull_request_comment(writers: dict[str, type[Reporter]]) -> None:
    text = render(writers["markdown"], _big_report(2000))
    assert len(text) < 65_536  # GitHub's limit for a comment
    assert "more not shown: see the full report" in text
    assert text.count("<details>") == text.count("</details>") == 1


# --- junit ----------------------------------------------------------------------------------


def test_junit_has_one_case_per_listing(writers: dict[str, type[Reporter]], report: Report) -> None:
    root = ET.fromstring(render(writers["junit"], report))
    cases = [c for c in root.iter("testcase") if c.get("name") != "read"]
    assert len(cases) == len(report.listings)
    failed = {c.get("name", "").split()[0] for c in cases if c.find("failure") is not None}
    assert failed == {"blue-mug", "203948571234"}  # error/warning; info alone passes
    assert root.get("tests") == "5" and root.get("failures") == "2" and root.get("errors") == "1"
    assert {c.get("classname") for c in cases} == {catalog.SHOP, catalog.EBAY, catalog.AMAZON}


# --- sarif ----------------------------------------------------------------------------------


def _sarif(writers: dict[str, type[Reporter]], report: Report) -> dict[str, object]:
    data: dict[str, object] = json.loads(render(writers["sarif"], report))
    return data


def validate_sarif(data: object) -> None:
    schema = json.loads((ROOT / "schemas" / "sarif-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(data)


def test_sarif_validates_and_locates_each_finding(
    writers: dict[str, type[Reporter]], report: Report
) -> None:
    data = _sarif(writers, report)
    validate_sarif(data)
    run = data["runs"][0]  # type: ignore[index]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["PHO003"]["fullDescription"]["text"].startswith("The main photo's shorter side")
    assert rules["PHO003"]["defaultConfiguration"]["level"] == "error"
    mug = [r for r in run["results"] if r.get("properties", {}).get("listing") == "blue-mug"]
    assert [r["ruleId"] for r in mug] == ["PHO003", "RET002", "RET002"]
    location = mug[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "exports/shop.csv"
    assert location["region"] == {"startLine": 2, "endLine": 4}
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["SHP003"] == "note" and levels["input/extra-cell"] == "warning"
    assert all(r["ruleIndex"] == list(rules).index(r["ruleId"]) for r in run["results"])
    assert run["invocations"][0]["executionSuccessful"] is False  # bad.csv could not be read


def test_sarif_fingerprints_are_stable(writers: dict[str, type[Reporter]], report: Report) -> None:
    def prints(rep: Report) -> list[str]:
        results = _sarif(writers, rep)["runs"][0]["results"]  # type: ignore[index]
        return [next(iter(r["partialFingerprints"].values())) for r in results]

    before = prints(report)
    assert len(set(before)) == len(before)  # the same rule twice on one listing stays distinct
    moved = list(report.listings)
    moved[0].listing.source = SourceRef(catalog.SHOP, (40, 41, 42), "shopify-products")
    moved.reverse()
    after = prints(replace(report, listings=Results(moved)))
    assert sorted(after) == sorted(before)  # rows moved, listings reordered: same identities


def test_sarif_uris_are_relative_with_forward_slashes(
    writers: dict[str, type[Reporter]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "all.zip").write_bytes(b"PK")
    names = [str(tmp_path / "feeds" / "my shop.csv"), "feeds/all.zip!inner/products.csv"]
    results = []
    for number, name in enumerate(names):
        finding = Finding("PHO003", "photos", Severity.ERROR, "too small")
        listing = Listing(f"L{number}", "shopify", SourceRef(name, (3,)))
        results.append(ListingResult(listing, [finding], 75.0, "D", {}))
    data = _sarif(writers, Report("1", results, [], 0, [], dict(catalog.RULES)))
    validate_sarif(data)
    locations = [r["locations"][0]["physicalLocation"] for r in data["runs"][0]["results"]]  # type: ignore[index]
    assert locations[0] == {
        "artifactLocation": {"uri": "feeds/my%20shop.csv"},
        "region": {"startLine": 3, "endLine": 3},
    }
    # Lines of an archive member are not lines of the archive: the archive, without a region.
    assert locations[1] == {"artifactLocation": {"uri": "feeds/all.zip"}}


# --- html -----------------------------------------------------------------------------------


def _images(text: str) -> list[Image.Image]:
    found = re.findall(r'<img src="data:image/(?:jpeg|png);base64,([A-Za-z0-9+/=]+)"', text)
    return [Image.open(io.BytesIO(base64.b64decode(b))) for b in found]


def test_html_embeds_only_photos_beside_the_export(
    writers: dict[str, type[Reporter]], report: Report
) -> None:
    text = render(writers["html"], report)
    images = _images(text)
    # mug.png is embedded, downscaled; ../private.png and /etc/passwd are not read.
    assert [(i.format, max(i.size)) for i in images] == [("JPEG", 160)]
    assert 'title="../private.png">private.png</span>' in text
    assert 'title="/etc/passwd">passwd</span>' in text
    # A remote photo the pipeline did not keep is named, not fetched.
    assert 'title="https://cdn.example.com/mug-side.jpg">mug-side.jpg</span>' in text
    assert "+2 more" in text


def test_html_uses_photo_bytes_the_pipeline_kept(
    writers: dict[str, type[Reporter]], report: Report
) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (10, 150, 60)).save(buffer, "JPEG")
    kept = {"https://cdn.example.com/mug-side.jpg": buffer.getvalue()}
    report.photo_bytes = kept.get
    images = _images(render(writers["html"], report))
    assert [i.size for i in images] == [(160, 120), (160, 120)]


def test_html_logo_is_embedded_and_downscaled(
    writers: dict[str, type[Reporter]], report: Report, tmp_path: Path
) -> None:
    Image.new("RGBA", (2000, 400), (0, 0, 0, 0)).save(tmp_path / "logo.png")
    text = render(writers["html"], report, logo=tmp_path / "logo.png", title="Client & Co")
    logo = _images(text.split("</header>", 1)[0])
    assert [(i.format, i.size, i.mode) for i in logo] == [("PNG", (320, 64), "RGBA")]
    assert "<title>Client &amp; Co</title>" in text
    missing = render(writers["html"], report, logo=tmp_path / "missing.png")
    assert "<img" not in missing.split("</header>", 1)[0]


# --- every writer ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", FORMATS)
def test_empty_report(name: str, writers: dict[str, type[Reporter]], tmp_path: Path) -> None:
    report = Report("1", [], [], 0, [], {}, grade_of=ScoringModel().grade)
    target = tmp_path / f"empty{writers[name].extension}"
    write_report(writers[name]({}), report, str(target))
    assert target.read_text(encoding="utf-8-sig").strip()
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


def test_a_real_audit_in_every_format(
    samples: Path, run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    args: list[str | Path] = ["audit", samples, "--offline"]
    for name, file in FORMATS.items():
        args += ["--format", name, "-o", tmp_path / file]
    result = run_cli(*args)
    assert result.code in (0, 1), result.err
    validate_sarif(json.loads((tmp_path / "report.sarif").read_text("utf-8")))
    listings = json.loads((tmp_path / "report.json").read_text("utf-8"))["listings"]
    cases = ET.parse(tmp_path / "report.xml").getroot().iter("testcase")
    assert len([c for c in cases if c.get("name") != "read"]) == len(listings) > 0
    assert (tmp_path / "report.html").read_text("utf-8").count("<article") == min(
        len(listings), 1000
    )
