"""The SARIF 2.1.0 report, so code scanning annotates the catalog file itself.

Each finding is a result located at the export file (relative, forward slashes) and the lines
of its listing. Rule metadata comes from the checks' own documentation (the same text as
``listingaudit rules CODE``). Fingerprints hash the file, listing id and rule, so an alert
keeps its identity when other rows move. Input problems are results of one synthetic rule per
problem code; files that could not be read are tool notifications.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import IO, Any, NamedTuple
from urllib.parse import quote

from listingaudit import __version__, hookimpl
from listingaudit.problems import Problem
from listingaudit.report import ListingResult, Report, RuleInfo
from listingaudit.reporting import Reporter

from ._safe import export_path, visible, write_json

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT = "listingaudit/v1"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_SECTION = re.compile(r"^([A-Z][A-Za-z ]+):$")


def _sections(doc: str) -> dict[str, str]:
    """A check docstring's sections (*What it checks*, *Why it matters*...) as plain text."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in doc.splitlines():
        heading = _SECTION.match(line)
        if heading:
            current = found.setdefault(heading.group(1), [])
        elif current is not None:
            current.append(line.strip())
    return {name: " ".join(" ".join(lines).split()) for name, lines in found.items()}


def _help_markdown(doc: str) -> str:
    """The docstring with its section headings in bold and reST literals as Markdown code."""
    lines = [
        f"**{m.group(1)}**\n" if (m := _SECTION.match(line)) else line.strip()
        for line in doc.splitlines()
    ]
    return "\n".join(lines).replace("``", "`")


def _rule(info: RuleInfo) -> dict[str, Any]:
    doc = info.doc or info.title
    what = _sections(doc).get("What it checks") or doc.splitlines()[0]
    return {
        "id": info.code,
        "shortDescription": {"text": info.title},
        "fullDescription": {"text": what},
        "help": {"text": doc, "markdown": _help_markdown(doc)},
        "defaultConfiguration": {"level": _LEVELS.get(info.severity, "warning")},
        "properties": {"tags": [info.family], "family": info.family, "plugin": info.plugin},
    }


class _Artifact(NamedTuple):
    """What a result needs of the file its listing came from."""

    #: The file on disk, which results are located at.
    uri: str
    #: The source name (an archive member's included), which fingerprints hash.
    name_uri: str
    #: Whether results name lines (lines of an archive member are not lines of the archive).
    has_lines: bool


class _Artifacts(dict[str, _Artifact]):
    """The export files of one report by source name, each worked out on first lookup: a report
    names few files, each in thousands of results, so the path arithmetic (and reading the
    working directory) is done once per file, not once per result."""

    def __init__(self) -> None:
        super().__init__()
        self.cwd = os.getcwd()

    def __missing__(self, file: str) -> _Artifact:
        path, member = export_path(file)
        found = self[file] = _Artifact(_uri(path, self.cwd), _uri(file, self.cwd), member is None)
        return found


def _uri(path: str, cwd: str) -> str:
    """A relative, forward-slash URI where possible (what code scanning matches to the repo)."""
    disk = PurePath(path)
    if disk.is_absolute():
        try:
            disk = Path(path).relative_to(cwd)
        except ValueError:
            return Path(path).as_uri()
    return quote(disk.as_posix(), safe="/")


def _fingerprint(*parts: object) -> dict[str, str]:
    return _fingerprint_of("\0".join(map(str, parts)))


def _fingerprint_of(joined: str) -> dict[str, str]:
    """The fingerprint of identifying parts already joined by NUL (as ``_fingerprint`` does)."""
    digest = hashlib.sha256(joined.encode("utf-8", "surrogatepass"))
    return {FINGERPRINT: digest.hexdigest()[:32]}


def _location(artifact: _Artifact, first: int | None, last: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact.uri}}
    if artifact.has_lines and first:
        physical["region"] = {"startLine": first, "endLine": max(last or first, first)}
    return {"physicalLocation": physical}


def _rules(report: Report) -> dict[str, dict[str, Any]]:
    """Every rule a result names, in ``ruleIndex`` order: the report's rules by code, then rules
    only a finding names (a rule the report does not describe), then one synthetic rule per
    input problem code, each in order of first use."""
    rules = {code: _rule(info) for code, info in sorted(report.rules.items())}
    for finding in report.listings.tally.first_finding.values():
        if finding.rule not in rules:
            rules[finding.rule] = _rule(
                RuleInfo(finding.rule, finding.family, finding.severity.value, finding.rule, "")
            )
    for problem in report.problems:
        rule_id = _input_rule_id(problem)
        if rule_id not in rules:
            rules[rule_id] = {
                "id": rule_id,
                "shortDescription": {"text": f"Input problem: {problem.code}"},
                "fullDescription": {
                    "text": "A part of the export file that could not be read as a listing."
                },
                "defaultConfiguration": {"level": "warning"},
                "properties": {"tags": ["input"]},
            }
    return rules


def _findings(
    result: ListingResult, index: dict[str, int], artifacts: _Artifacts
) -> Iterator[dict[str, Any]]:
    listing = result.listing
    source = listing.source
    artifact = artifacts[source.file]
    # Every finding of a listing points at the same rows and hashes the same file and listing.
    location = _location(artifact, source.first_line, source.last_line)
    prefix = f"{artifact.name_uri}\0{listing.id}\0"
    seen: dict[str, int] = {}
    for finding in result.findings:
        rule = finding.rule
        count = seen[rule] = seen.get(rule, 0) + 1
        # The second finding of a rule on a listing also hashes its occurrence, to stay distinct.
        fingerprint = prefix + rule if count == 1 else f"{prefix}{rule}\0{count}"
        yield {
            "ruleId": rule,
            # A Severity is a StrEnum, equal to its value: no `.value` lookup per finding.
            "level": _LEVELS[finding.severity],
            "message": {"text": visible(finding.message)},
            "locations": [location],
            "partialFingerprints": _fingerprint_of(fingerprint),
            "properties": {
                "listing": listing.id,
                "title": listing.title or "",
                "marketplace": listing.marketplace,
                "family": finding.family,
                "score": result.score,
            },
            "ruleIndex": index[rule],
        }


def _results(
    report: Report, index: dict[str, int], artifacts: _Artifacts
) -> Iterator[dict[str, Any]]:
    """Streamed: each result is built as it is written (the rules come first, from a pass over
    the findings' rule codes only)."""
    for result in report.listings:
        yield from _findings(result, index, artifacts)
    for problem in report.problems:
        yield _problem(problem, index, artifacts)


def _input_rule_id(problem: Problem) -> str:
    return f"input/{problem.code}"


def _problem(problem: Problem, index: dict[str, int], artifacts: _Artifacts) -> dict[str, Any]:
    artifact = artifacts[problem.file]
    rule_id = _input_rule_id(problem)
    column = f" [{visible(problem.column)}]" if problem.column else ""
    return {
        "ruleId": rule_id,
        "level": "warning",
        "message": {"text": visible(problem.message) + column},
        "locations": [_location(artifact, problem.line, problem.line)],
        "partialFingerprints": _fingerprint(
            artifact.name_uri, problem.line, problem.code, problem.message
        ),
        "ruleIndex": index[rule_id],
    }


class SarifReporter(Reporter):
    name = "sarif"
    extension = ".sarif"
    description = "SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps)"

    def write(self, report: Report, out: IO[str]) -> None:
        rules = _rules(report)
        index = {code: n for n, code in enumerate(rules)}
        artifacts = _Artifacts()
        failed = [f for f in report.files if f.error]
        run = {
            "tool": {
                "driver": {
                    "name": "listingaudit",
                    "version": report.tool_version or __version__,
                    "rules": list(rules.values()),
                }
            },
            "invocations": [
                {
                    "executionSuccessful": not failed,
                    "toolExecutionNotifications": [
                        {
                            "level": "error",
                            "message": {"text": visible(f.error)},
                            "locations": [_location(artifacts[f.file], None, None)],
                        }
                        for f in failed
                    ],
                }
            ],
            "results": _results(report, index, artifacts),
        }
        write_json({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, out)


@hookimpl
def listingaudit_reporters() -> list[type[Reporter]]:
    return [SarifReporter]
