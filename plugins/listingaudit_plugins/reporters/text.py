"""The terminal report: what to fix first, worst listings on top, findings grouped by family."""

from __future__ import annotations

from itertools import groupby, islice
from typing import IO

from listingaudit import hookimpl
from listingaudit.checks import Finding
from listingaudit.report import Report
from listingaudit.reporting import Reporter

from ._safe import visible

#: A terminal report is read, not searched: the worst listings and the first problems suffice.
MAX_LISTINGS = 25
MAX_PROBLEMS = 20

_STYLES = {
    "bold": "1",
    "dim": "2",
    "error": "31;1",
    "warning": "33",
    "info": "36",
    "A": "32;1",
    "B": "32",
    "C": "33",
    "D": "33;1",
    "F": "31;1",
}


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


class TextReporter(Reporter):
    name = "text"
    extension = ".txt"
    description = "plain text for the terminal (colour when it is one)"

    def _paint(self, style: str, text: str) -> str:
        if not self.options.get("color") or style not in _STYLES:
            return text
        return f"\x1b[{_STYLES[style]}m{text}\x1b[0m"

    def write(self, report: Report, out: IO[str]) -> None:
        lines = [*self._summary(report), "", *self._files(report)]
        if report.listings.tally.with_findings:
            lines += ["", *self._listings(report)]
        if report.problems:
            lines += ["", *self._problems(report)]
        if report.unmatched_ignores:
            lines += ["", self._paint("bold", "Ignores in the configuration that matched nothing")]
            lines += [
                f"  {visible(entry['listing'])}: {visible(', '.join(entry['rules']))}"
                f"  ({visible(entry['reason'])})"
                for entry in report.unmatched_ignores
            ]
        out.write("\n".join(lines) + "\n")

    def _summary(self, report: Report) -> list[str]:
        counts = report.severity_counts()
        score = self._paint(report.grade, f"{report.score:.1f} ({report.grade or '-'})")
        lines = [
            self._paint("bold", visible(report.title)),
            f"Catalog score {score}   {_count(len(report.listings), 'listing')} in "
            f"{_count(len(report.files), 'file')}",
            "Findings: "
            + ", ".join(
                self._paint(s, f"{n} info" if s == "info" else _count(n, s))
                for s, n in counts.items()
            )
            + f"   problems: {report.problem_count}",
        ]
        if not report.rules:
            lines.append("No checks were loaded: listings were read but not judged.")
        return lines

    def _files(self, report: Report) -> list[str]:
        lines = [self._paint("bold", "Files")]
        for f in report.files:
            if f.error:
                lines.append(f"  {visible(f.file)}: could not be read: {visible(f.error)}")
                continue
            score = f"score {f.score:.1f}" if f.score is not None else "no listings"
            lines.append(
                f"  {visible(f.file)}  {visible(f.format or f.marketplace or '?')}  "
                f"{_count(f.listings, 'listing')}  {score}  {_count(f.problems, 'problem')}"
            )
        return lines

    def _listings(self, report: Report) -> list[str]:
        lines = [self._paint("bold", "Worst listings")]
        judged = report.listings.tally.with_findings
        for result in islice((r for r in report.worst_first() if r.findings), MAX_LISTINGS):
            listing = result.listing
            where = f"{listing.source.file}:{listing.source.first_line}"
            if listing.source.last_line != listing.source.first_line:
                where += f"-{listing.source.last_line}"
            grade = self._paint(result.grade, f"{result.grade} {result.score:5.1f}")
            title = f'  "{visible(listing.title)}"' if listing.title else ""
            lines.append(f"  {grade}  {visible(listing.id)}{title}  {visible(where)}")
            by_family = sorted(result.findings, key=lambda f: (f.family, -f.severity.rank))
            for family, findings in groupby(by_family, key=lambda f: f.family):
                lines.append(f"      {visible(family)}")
                lines += [f"        {self._finding(f)}" for f in findings]
        if judged > MAX_LISTINGS:
            lines.append(
                f"  ... and {judged - MAX_LISTINGS} more listings with findings "
                "(the html, json and csv reports list them all)"
            )
        return lines

    def _finding(self, finding: Finding) -> str:
        severity = self._paint(finding.severity.value, f"{finding.severity.value:<7}")
        return f"{severity}  {visible(finding.rule)}  {visible(finding.message)}"

    def _problems(self, report: Report) -> list[str]:
        lines = [self._paint("bold", f"Problems ({report.problem_count})")]
        lines += [f"  {visible(p)}" for p in report.problems[:MAX_PROBLEMS]]
        if len(report.problems) > MAX_PROBLEMS:
            lines.append(
                f"  ... and {len(report.problems) - MAX_PROBLEMS} more in the other reports"
            )
        return lines


@hookimpl
def listingaudit_reporters() -> list[type[Reporter]]:
    return [TextReporter]
