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
from functools import lru_cache
from itertools import chain
from pathlib import Path, PurePath
from typing import IO, Any
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


def _uri(path: str) -> str:
    """A relative, forward-slash URI where possible (what code scanning matches to the repo)."""
    return _uri_from(path, os.getcwd())


# A report names few files, each in thousands of results: the path arithmetic is done once.
@lru_cache(maxsize=1024)
def _uri_from(path: str, cwd: str) -> str:
    disk = PurePath(path)
    if disk.is_absolute():
        try:
            disk = Path(path).relative_to(cwd)
        except ValueError:
            return Path(path).as_uri()
    return quote(disk.as_posix(), safe="/")


def _fingerprint(*parts: object) -> dict[str, str]:
    digest = hashlib.sha256("\0".join(map(str, parts)).encode("utf-8", "surrogatepass"))
    return {FINGERPRINT: digest.hexdigest()[:32]}


def _location(file: str, first: int | None, last: int | None) -> dict[str, Any]:
    path, member = export_path(file)
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(path)}}
    # Lines inside an archive member are not lines of the archive: locate the file only.
    if member is None and first:
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


def _findings(result: ListingResult, index: dict[str, int]) -> Iterator[dict[str, Any]]:
    listing = result.listing
    source = listing.source
    # Every finding of a listing points at the same rows.
    location = _location(source.file, source.first_line, source.last_line)
    uri = _uri(source.file)
    seen: dict[str, int] = {}
    for finding in result.findings:
        seen[finding.rule] = seen.get(finding.rule, 0) + 1
        occurrence = () if seen[finding.rule] == 1 else (seen[finding.rule],)
        yield {
            "ruleId": finding.rule,
            "level": _LEVELS[finding.severity.value],
            "message": {"text": visible(finding.message)},
            "locations": [location],
            "partialFingerprints": _fingerprint(uri, listing.id, finding.rule, *occurrence),
            "properties": {
                "listing": listing.id,
                "title": listing.title or "",
                "marketplace": listing.marketplace,
                "family": finding.family,
                "score": result.score,
            },
            "ruleIndex": index[finding.rule],
        }


def _input_rule_id(problem: Problem) -> str:
    return f"input/{problem.code}"


def _problem(problem: Problem, index: dict[str, int]) -> dict[str, Any]:
    rule_id = _input_rule_id(problem)
    column = f" [{visible(problem.column)}]" if problem.column else ""
    return {
        "ruleId": rule_id,
        "level": "warning",
        "message": {"text": visible(problem.message) + column},
        "locations": [_location(problem.file, problem.line, problem.line)],
        "partialFingerprints": _fingerprint(
            _uri(problem.file), problem.line, problem.code, problem.message
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
        # Streamed: each result is built as it is written (the rules come first, from a pass
        # over the findings' rule codes only).
        results = chain(
            (found for result in report.listings for found in _findings(result, index)),
            (_problem(p, index) for p in report.problems),
        )
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
                            "locations": [_location(f.file, None, None)],
                        }
                        for f in failed
                    ],
                }
            ],
            "results": results,
        }
        write_json({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, out)


@hookimpl
def listingaudit_reporters() -> list[type[Reporter]]:
    return [SarifReporter]
