"""The JUnit XML report: one test case per listing, so any CI server can show the catalog.

A listing fails when it has an error or warning finding; info findings go to its output. Each
export file is a test suite (its name is the class name); an unreadable file is a test error.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import IO

from listingaudit import hookimpl
from listingaudit.checks import Severity
from listingaudit.report import ListingResult, Report
from listingaudit.reporting import Reporter

from ._safe import visible

_FAILING = (Severity.ERROR, Severity.WARNING)


def _finding_lines(result: ListingResult, severities: tuple[Severity, ...]) -> str:
    return "\n".join(
        visible(f"{f.severity.value} {f.rule} ({f.family}): {f.message}")
        for f in result.findings
        if f.severity in severities
    )


def _testcase(suite: ET.Element, result: ListingResult) -> bool:
    """Add the listing's test case; True when it fails."""
    listing = result.listing
    case = ET.SubElement(
        suite,
        "testcase",
        name=visible(f"{listing.id} {listing.title or ''}".strip()),
        classname=visible(listing.source.file),
        time="0",
    )
    failing = [f for f in result.findings if f.severity in _FAILING]
    if failing:
        worst = max(failing, key=lambda f: f.severity.rank)
        failure = ET.SubElement(
            case,
            "failure",
            message=visible(
                f"score {result.score:.1f} ({result.grade}): {len(failing)} finding(s), "
                + ", ".join(sorted({f.rule for f in failing}))
            ),
            type=worst.severity.value,
        )
        failure.text = _finding_lines(result, _FAILING)
    info = _finding_lines(result, (Severity.INFO,))
    if info:
        ET.SubElement(case, "system-out").text = info
    return bool(failing)


class JunitReporter(Reporter):
    name = "junit"
    extension = ".xml"
    description = "JUnit XML, one test case per listing"

    def write(self, report: Report, out: IO[str]) -> None:
        root = ET.Element("testsuites", name=visible(report.title))
        by_file: dict[str, list[ListingResult]] = {}
        for result in report.listings:
            by_file.setdefault(result.listing.source.file, []).append(result)
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for name in dict.fromkeys([*(f.file for f in report.files), *by_file]):
            suite = ET.SubElement(root, "testsuite", name=visible(name))
            results = by_file.get(name, [])
            failures = sum(_testcase(suite, r) for r in results)
            errors = self._file_error(suite, report, name)
            problems = [visible(p) for p in report.problems if p.file == name]
            if problems:
                ET.SubElement(suite, "system-err").text = "\n".join(problems)
            counts = {"tests": len(results) + errors, "failures": failures, "errors": errors}
            suite.attrib.update({k: str(v) for k, v in counts.items()}, skipped="0", time="0")
            totals = {k: totals[k] + counts[k] for k in totals}
        root.attrib.update({k: str(v) for k, v in totals.items()}, time="0")
        ET.indent(root)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(ET.tostring(root, encoding="unicode") + "\n")

    @staticmethod
    def _file_error(suite: ET.Element, report: Report, name: str) -> int:
        """A test case in error for a file that could not be read at all."""
        summary = next((f for f in report.files if f.file == name and f.error), None)
        if summary is None:
            return 0
        case = ET.SubElement(suite, "testcase", name="read", classname=visible(name), time="0")
        ET.SubElement(case, "error", message=visible(summary.error), type="input-error")
        return 1


@hookimpl
def listingaudit_reporters() -> list[type[Reporter]]:
    return [JunitReporter]
