"""The SARIF 2.1.0 report, so code scanning annotates the catalog file itself.

Each finding is a result located at the export file (relative, forward slashes) and the lines
of its listing. Rule metadata comes from the checks' own documentation (the same text as
``listingaudit rules CODE``). Fingerprints hash the file, listing id and rule, so an alert
keeps its identity when other rows move. Input problems are results of one synthetic rule per
problem code; files that could not be read are tool notifications.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePath
from typing import IO, Any
from urllib.parse import quote

from listingaudit import __version__, hookimpl
from listingaudit.problems import Problem
from listingaudit.report import ListingResult, Report, RuleInfo
from listingaudit.reporting import Reporter

from ._safe import export_path, json_text, visible

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
    disk = PurePath(path)
    if disk.is_absolute():
        try:
            disk = Path(path).relative_to(Path.cwd())
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


class SarifReporter(Reporter):
    name = "sarif"
    extension = ".sarif"
    description = "SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps)"

    def write(self, report: Report, out: IO[str]) -> None:
        rules = {code: _rule(info) for code, info in sorted(report.rules.items())}
        results = [r for listing in report.listings for r in self._findings(listing, rules)]
        results += [self._problem(p, rules) for p in report.problems]
        index = {code: n for n, code in enumerate(rules)}
        for result in results:
            result["ruleIndex"] = index[result["ruleId"]]
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
        out.write(json_text({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}))

    @staticmethod
    def _findings(result: ListingResult, rules: dict[str, Any]) -> list[dict[str, Any]]:
        listing = result.listing
        seen: dict[str, int] = {}
        out = []
        for finding in result.findings:
            if finding.rule not in rules:  # a finding from a rule the report does not describe
                rules[finding.rule] = _rule(
                    RuleInfo(finding.rule, finding.family, finding.severity.value, finding.rule, "")
                )
            seen[finding.rule] = seen.get(finding.rule, 0) + 1
            occurrence = () if seen[finding.rule] == 1 else (seen[finding.rule],)
            out.append(
                {
                    "ruleId": finding.rule,
                    "level": _LEVELS[finding.severity.value],
                    "message": {"text": visible(finding.message)},
                    "locations": [
                        _location(
                            listing.source.file,
                            listing.source.first_line,
                            listing.source.last_line,
                        )
                    ],
                    "partialFingerprints": _fingerprint(
                        _uri(listing.source.file), listing.id, finding.rule, *occurrence
                    ),
                    "properties": {
                        "listing": listing.id,
                        "title": listing.title or "",
                        "marketplace": listing.marketplace,
                        "family": finding.family,
                        "score": result.score,
                    },
                }
            )
        return out

    @staticmethod
    def _problem(problem: Problem, rules: dict[str, Any]) -> dict[str, Any]:
        rule_id = f"input/{problem.code}"
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
        column = f" [{visible(problem.column)}]" if problem.column else ""
        return {
            "ruleId": rule_id,
            "level": "warning",
            "message": {"text": visible(problem.message) + column},
            "locations": [_location(problem.file, problem.line, problem.line)],
            "partialFingerprints": _fingerprint(
                _uri(problem.file), problem.line, problem.code, problem.message
            ),
        }


@hookimpl
def listingaudit_reporters() -> list[type[Reporter]]:
    return [SarifReporter]
