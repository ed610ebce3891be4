"""The JSON report is a contract: ``Report.to_dict()`` validates against its versioned schema."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from listingaudit.config import load_schema

from .conftest import CliResult
from .fixtures.reports import catalog


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = load_schema("report.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture
def report_dict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.chdir(tmp_path)
    data: dict[str, Any] = json.loads(json.dumps(catalog.build(tmp_path).to_dict()))
    return data


def test_the_fixture_report_validates(
    validator: jsonschema.Draft202012Validator, report_dict: dict[str, Any]
) -> None:
    validator.validate(report_dict)


def test_required_names_are_the_issue_contract() -> None:
    """The names scripts written today rely on (issue 5, "The JSON report")."""
    schema = load_schema("report.schema.json")
    defs, props = schema["$defs"], schema["properties"]
    assert schema["$id"].endswith("/report/1.json")
    assert schema["required"] == ["tool", "summary", "listings", "problems"]
    assert props["tool"]["required"] == ["name", "version"]
    assert props["summary"]["required"] == ["listings", "score", "grade", "findings", "problems"]
    assert props["summary"]["properties"]["findings"]["required"] == ["error", "warning", "info"]
    assert defs["listing"]["required"] == [
        "id",
        "marketplace",
        "title",
        "source",
        "score",
        "grade",
        "scores",
        "findings",
    ]
    assert defs["listing"]["properties"]["source"]["required"] == ["file", "lines"]
    assert defs["finding"]["required"] == ["rule", "family", "severity", "message", "evidence"]
    assert defs["problem"]["required"] == ["file", "line", "column", "message"]


@pytest.mark.parametrize(
    "break_it",
    [
        lambda d: d["summary"].pop("grade"),
        lambda d: d["listings"][0].pop("scores"),
        lambda d: d["listings"][0]["findings"][0].pop("evidence"),
        lambda d: d["listings"][0]["source"].update(lines=[0, 4]),  # lines are 1-based
        lambda d: d["listings"][0].update(score=101),
        lambda d: d["listings"][0]["findings"][0].update(severity="fatal"),
        lambda d: d["problems"][0].pop("column"),
        lambda d: d.update(schema="2.0"),
    ],
)
def test_a_broken_report_does_not_validate(
    validator: jsonschema.Draft202012Validator,
    report_dict: dict[str, Any],
    break_it: Callable[[dict[str, Any]], object],
) -> None:
    broken = copy.deepcopy(report_dict)
    break_it(broken)
    assert list(validator.iter_errors(broken))


def test_a_later_minor_version_with_new_fields_still_validates(
    validator: jsonschema.Draft202012Validator, report_dict: dict[str, Any]
) -> None:
    report_dict["schema"] = "1.7"
    report_dict["listings"][0]["photo_scores"] = {"1": 80}
    validator.validate(report_dict)


def test_a_real_audit_validates(
    samples: Path,
    run_cli: Callable[..., CliResult],
    validator: jsonschema.Draft202012Validator,
) -> None:
    result = run_cli("audit", samples, "--format", "json", "--offline")
    assert result.code in (0, 1), result.err
    data = result.json()
    validator.validate(data)
    assert data["summary"]["listings"] == len(data["listings"]) > 0
