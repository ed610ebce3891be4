"""The JUnit XML report: one test case per listing, so any CI server can show the catalog.

A listing fails when it has an error or warning finding; info findings go to its output. Each
export file is a test suite (its name is the class name); an unreadable file is a test error.

Streamed: the counts every suite's start tag carries are taken first, then each test case is
built, indented and written on its own, laid out exactly as ``ET.indent`` lays out a whole tree.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

from listingaudit import hookimpl
from listingaudit.checks import Finding, Severity
from listingaudit.report import ListingResult, Report
from listingaudit.reporting import Reporter
from listingaudit.results import Results

from ._safe import visible

_FAILING = (Severity.ERROR, Severity.WARNING)
_INDENT = "  "


def _failing(result: ListingResult) -> list[Finding]:
    return [f for f in result.findings if f.severity in _FAILING]


def _finding_lines(result: ListingResult, severities: tuple[Severity, ...]) -> str:
    return "\n".join(
        visible(f"{f.severity.value} {f.rule} ({f.family}): {f.message}")
        for f in result.findings
        if f.severity in severities
    )


def _testcase(result: ListingResult) -> ET.Element:
    listing = result.listing
    case = ET.Element(
        "testcase",
        name=visible(f"{listing.id} {listing.title or ''}".strip()),
        classname=visible(listing.source.file),
        time="0",
    )
    failing = _failing(result)
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
    return case


@dataclass
class _Suite:
    """One export file's test suite: what it holds, counted before any of it is written."""

    name: str
    results: Results
    error: str | None
    problems: list[str]

    def counts(self) -> dict[str, int]:
        errors = int(self.error is not None)
        worst = self.results.tally.worst_by_file.get(self.name, Counter())
        failures = sum(worst[s.value] for s in _FAILING)
        return {"tests": worst.total() + errors, "failures": failures, "errors": errors}

    def cases(self) -> Iterator[ET.Element]:
        """Its children, one at a time: the listings, a read error, then the input problems."""
        yield from map(_testcase, self.results.in_file(self.name))
        if self.error is not None:
            case = ET.Element("testcase", name="read", classname=visible(self.name), time="0")
            ET.SubElement(case, "error", message=visible(self.error), type="input-error")
            yield case
        if self.problems:
            err = ET.Element("system-err")
            err.text = "\n".join(self.problems)
            yield err

    def empty(self) -> bool:
        has_listings = self.name in self.results.tally.worst_by_file
        return not (has_listings or self.error is not None or self.problems)


def _suites(report: Report) -> list[_Suite]:
    """A suite per export file: the files read (in order), then any other file a listing names."""
    return [
        _Suite(
            name,
            report.listings,
            next((f.error for f in report.files if f.file == name and f.error), None),
            [visible(p) for p in report.problems if p.file == name],
        )
        for name in dict.fromkeys([*(f.file for f in report.files), *report.listings.files()])
    ]


@contextmanager
def _element(out: IO[str], element: ET.Element, level: int, empty: bool) -> Iterator[None]:
    """Write ``element`` at ``level`` around the children the caller writes inside the block;
    an element without children is written whole (``<testsuite ... />``)."""
    pad = "\n" + _INDENT * level
    if empty:
        out.write(pad + ET.tostring(element, encoding="unicode"))
        yield
        return
    end = f"</{element.tag}>"
    whole = ET.tostring(element, encoding="unicode", short_empty_elements=False)
    out.write(pad + whole.removesuffix(end))
    yield
    out.write(pad + end)


def _write_child(out: IO[str], element: ET.Element, level: int) -> None:
    ET.indent(element, _INDENT, level)
    out.write("\n" + _INDENT * level + ET.tostring(element, encoding="unicode"))


class JunitReporter(Reporter):
    name = "junit"
    extension = ".xml"
    description = "JUnit XML, one test case per listing"

    def write(self, report: Report, out: IO[str]) -> None:
        suites = _suites(report)
        counts = [suite.counts() for suite in suites]
        totals = {k: sum(c[k] for c in counts) for k in ("tests", "failures", "errors")}
        root = ET.Element("testsuites", name=visible(report.title))
        root.attrib.update({k: str(v) for k, v in totals.items()}, time="0")
        # The declaration's line break is the one _element writes before the root.
        out.write('<?xml version="1.0" encoding="UTF-8"?>')
        with _element(out, root, 0, empty=not suites):
            for suite, count in zip(suites, counts, strict=True):
                tag = ET.Element("testsuite", name=visible(suite.name))
                tag.attrib.update({k: str(v) for k, v in count.items()}, skipped="0", time="0")
                with _element(out, tag, 1, empty=suite.empty()):
                    for case in suite.cases():
                        _write_child(out, case, 2)
        out.write("\n")


@hookimpl
def listingaudit_reporters() -> list[type[Reporter]]:
    return [JunitReporter]
