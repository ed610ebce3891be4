"""The JUnit XML report: one test case per listing, so any CI server can show the catalog.

A listing fails when it has an error or warning finding; info findings go to its output. Each
export file is a test suite (its name is the class name); an unreadable file is a test error.

Streamed: the counts every suite's start tag carries are taken first, then the test cases are
built and written a batch at a time, laid out exactly as ``ET.indent`` lays out a whole tree.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import IO

from listingaudit import hookimpl
from listingaudit.checks import Finding, Severity
from listingaudit.report import ListingResult, Report
from listingaudit.reporting import Reporter
from listingaudit.results import Results

from ._safe import visible

_FAILING = (Severity.ERROR, Severity.WARNING)
_INDENT = "  "
# Test cases serialized together: one serializer call per batch instead of per case (its setup
# costs as much as a small case), while only this many cases are ever held in memory.
_BATCH = 32


def _finding_lines(findings: list[Finding]) -> str:
    return "\n".join(
        visible(f"{f.severity.value} {f.rule} ({f.family}): {f.message}") for f in findings
    )


def _testcase(result: ListingResult, classname: str) -> ET.Element:
    """A listing's test case; ``classname`` is its file's name, made visible once per suite."""
    listing = result.listing
    case = ET.Element(
        "testcase",
        name=visible(f"{listing.id} {listing.title or ''}".strip()),
        classname=classname,
        time="0",
    )
    failing: list[Finding] = []
    info: list[Finding] = []
    for finding in result.findings:
        if finding.severity in _FAILING:
            failing.append(finding)
        elif finding.severity == Severity.INFO:
            info.append(finding)
    if failing:
        errors = any(f.severity == Severity.ERROR for f in failing)
        failure = ET.SubElement(
            case,
            "failure",
            message=visible(
                f"score {result.score:.1f} ({result.grade}): {len(failing)} finding(s), "
                + ", ".join(sorted({f.rule for f in failing}))
            ),
            type=(Severity.ERROR if errors else Severity.WARNING).value,
        )
        failure.text = _finding_lines(failing)
    if info:
        ET.SubElement(case, "system-out").text = _finding_lines(info)
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
        classname = visible(self.name)
        for result in self.results.in_file(self.name):
            yield _testcase(result, classname)
        if self.error is not None:
            case = ET.Element("testcase", name="read", classname=classname, time="0")
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


def _lay_out(children: list[ET.Element], level: int) -> None:
    """Give ``children`` of one parent the whitespace ``ET.indent`` gives them at ``level``,
    but for the last child's tail: the next batch or the parent's end tag follows it.

    Set here rather than by ``ET.indent``: these children nest one level at most (a test case
    holds a failure and its output), and each ``ET.indent`` call walks the tree and leaves a
    reference cycle for the garbage collector, which cost both time and memory per batch.
    """
    pad = "\n" + _INDENT * level
    inner = pad + _INDENT
    for child in children:
        if len(child):
            child.text = inner
            for grandchild in child:
                grandchild.tail = inner
            child[-1].tail = pad
        child.tail = pad
    children[-1].tail = None


def _write_children(out: IO[str], children: Iterable[ET.Element], level: int) -> None:
    """Write each child on a line of its own at ``level``, as ``ET.indent`` lays out a tree.

    The children are serialized a batch at a time, as the children of a holder element whose
    own two tags are then cut off: one serializer call per child cost as much as building it.
    Only a batch is ever held, so memory stays bounded.
    """
    children = iter(children)
    while batch := list(islice(children, _BATCH)):
        _lay_out(batch, level)
        holder = ET.Element("batch")
        holder.text = "\n" + _INDENT * level  # the line break before the batch's first child
        holder.extend(batch)
        text = ET.tostring(holder, encoding="unicode")
        out.write(text.removeprefix("<batch>").removesuffix("</batch>"))


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
                    _write_children(out, suite.cases(), 2)
        out.write("\n")


@hookimpl
def listingaudit_reporters() -> list[type[Reporter]]:
    return [JunitReporter]
