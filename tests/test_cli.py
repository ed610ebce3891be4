"""The command line end to end on the bundled examples: reports, exit codes, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema

from listingaudit import __version__
from listingaudit.config import load_schema

from .conftest import EXAMPLES, CliResult

Run = Callable[..., CliResult]
OFFLINE = ("--offline", "--no-cache")


def test_version_and_module_entry_point() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "listingaudit", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout.strip() == f"listingaudit {__version__}"


def test_examples_audit_writes_every_format(tmp_path: Path, run_cli: Run) -> None:
    formats = ["json", "sarif", "junit", "csv", "markdown", "html", "text"]
    args: list[str | Path] = ["audit", EXAMPLES, *OFFLINE]
    for name in formats:
        args += ["--format", name, "-o", tmp_path / f"report.{name}"]
    result = run_cli(*args)
    assert result.code == 0, result.err
    report = json.loads((tmp_path / "report.json").read_text())
    jsonschema.validate(report, load_schema("report.schema.json"))
    assert report["summary"]["listings"] == len(report["listings"]) > 30
    assert {item["marketplace"] for item in report["listings"]} == {"shopify", "ebay", "amazon"}
    families = {f["family"] for item in report["listings"] for f in item["findings"]}
    assert families >= {"photos", "disclosure", "returns", "shipping", "readiness", "fulfilment"}
    for name in formats:
        assert (tmp_path / f"report.{name}").stat().st_size > 0


def test_gate_exit_codes(tmp_path: Path, run_cli: Run) -> None:
    base = ("audit", EXAMPLES, *OFFLINE, "-o", tmp_path / "out.txt")
    assert run_cli(*base).code == 0
    failed = run_cli(*base, "--fail-under", "99")
    assert failed.code == 1 and "quality gate failed: catalog score" in failed.err
    assert run_cli(*base, "--fail-on", "error").code == 1
    assert run_cli(*base, "--fail-on", "error", "--exit-zero").code == 0


def test_baseline_passes_when_nothing_is_new(tmp_path: Path, run_cli: Run) -> None:
    baseline = tmp_path / "baseline.json"
    assert run_cli("audit", EXAMPLES, *OFFLINE, "-f", "json", "-o", baseline).code == 0
    again = run_cli("audit", EXAMPLES, *OFFLINE, "--baseline", baseline, "-o", tmp_path / "t")
    assert again.code == 0, again.err
    diff = run_cli("diff", baseline, baseline)
    assert diff.code == 0 and "Catalog score" in diff.out


def test_usage_and_input_errors_exit_2_with_one_line(tmp_path: Path, run_cli: Run) -> None:
    header_only = tmp_path / "header.csv"
    header_only.write_text("Handle,Title,Variant Price\n")
    unknown = tmp_path / "notes.csv"
    unknown.write_text("colour,size\nred,M\n")
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    cases = {
        "no such file": ("audit", tmp_path / "missing.csv"),
        "no export files": ("audit", empty),
        "unknown report format": ("audit", EXAMPLES, "--format", "pdf"),
        "no listings could be read": ("audit", header_only),
        "not a listing export": ("audit", unknown),
        "unknown rule": ("rules", "XYZ999"),
        "not JSON": ("diff", header_only, header_only),
    }
    for expected, args in cases.items():
        result = run_cli(*args)
        assert result.code == 2, (args, result.err)
        assert expected in result.err
        assert "Traceback" not in result.err
        assert len(result.err.strip().splitlines()) == 1, result.err


def test_rules_lists_and_explains(run_cli: Run) -> None:
    listed = run_cli("rules")
    assert listed.code == 0
    assert len(listed.out.splitlines()) >= 40
    shown = run_cli("rules", "dis001")
    for section in ("What it checks", "Why it matters", "Bad", "Good", "Source"):
        assert section in shown.out


def test_listing_ignores_hide_findings_and_stale_ones_are_reported(
    tmp_path: Path, run_cli: Run
) -> None:
    config = tmp_path / "listingaudit.toml"
    config.write_text(
        '[[listing_ignores]]\nlisting = "brass-desk-lamp"\nrules = ["PHO008"]\n'
        'reason = "Reshoot booked"\n'
        '[[listing_ignores]]\nlisting = "gone-listing"\nrules = ["PHO004"]\nreason = "Old"\n'
    )
    shopify = EXAMPLES / "shopify"
    result = run_cli("audit", shopify, "--config", config, *OFFLINE, "-f", "json")
    report = result.json()
    lamp = next(item for item in report["listings"] if item["id"] == "brass-desk-lamp")
    assert "PHO008" not in {f["rule"] for f in lamp["findings"]}
    assert lamp["ignored"] == ["PHO008"]
    assert [e["listing"] for e in report["unmatched_ignores"]] == ["gone-listing"]
    text = run_cli("audit", shopify, "--config", config, *OFFLINE)
    assert "Ignores in the configuration that matched nothing" in text.out
    assert "gone-listing: PHO004  (Old)" in text.out
