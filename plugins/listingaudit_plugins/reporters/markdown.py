"""The Markdown report, sized for a pull-request comment: summary first, details folded away."""

from __future__ import annotations

from itertools import chain, islice
from typing import IO

from listingaudit import hookimpl
from listingaudit.report import ListingResult, Report
from listingaudit.reporting import Reporter

from ._safe import markdown

#: GitHub refuses comments over 65,536 characters; stay clear of it with room for the footer.
MAX_CHARS = 60_000
WORST_LISTINGS = 10
_SEVERITY_MARK = {"error": "🔴", "warning": "🟠", "info": "🔵"}


def _where(result: ListingResult) -> str:
    source = result.listing.source
    lines = f"{source.first_line}" + (
        f"-{source.last_line}" if source.last_line != source.first_line else ""
    )
    return f"{markdown(source.file)}:{lines}"


class MarkdownReporter(Reporter):
    name = "markdown"
    extension = ".md"
    description = "Markdown for a pull-request comment"

    def write(self, report: Report, out: IO[str]) -> None:
        parts = [*self._summary(report), *self._worst(report)]
        used = sum(len(p) + 1 for p in parts)
        parts += self._details(report, MAX_CHARS - used)
        out.write("\n".join(parts) + "\n")

    def _summary(self, report: Report) -> list[str]:
        counts = report.severity_counts()
        lines = [
            f"## {markdown(report.title)}",
            "",
            f"**Catalog score {report.score:.1f} ({report.grade or '-'})** · "
            f"{len(report.listings)} listings · "
            + " · ".join(f"{n} {s}" for s, n in counts.items())
            + f" · {report.problem_count} problems",
            "",
            "| File | Format | Listings | Score | Problems |",
            "|---|---|---:|---:|---:|",
        ]
        for f in report.files:
            score = "-" if f.score is None else f"{f.score:.1f}"
            if f.error:
                score = "could not be read"
            lines.append(
                f"| {markdown(f.file)} | {markdown(f.format or '-')} | {f.listings} | {score} "
                f"| {f.problems} |"
            )
        families = report.summary()["families"]
        if families:
            lines += ["", "| Family | Average score |", "|---|---:|"]
            lines += [f"| {markdown(name)} | {value:.1f} |" for name, value in families.items()]
        return lines

    def _worst(self, report: Report) -> list[str]:
        judged = list(islice((r for r in report.worst_first() if r.findings), WORST_LISTINGS))
        if not judged:
            return []
        lines = [
            "",
            "### Worst listings",
            "",
            "| Grade | Score | Listing | Title | Where | Findings |",
            "|---|---:|---|---|---|---:|",
        ]
        for r in judged:
            lines.append(
                f"| {r.grade} | {r.score:.1f} | {markdown(r.listing.id)} "
                f"| {markdown(r.listing.title or '')} | {_where(r)} | {len(r.findings)} |"
            )
        return lines

    def _details(self, report: Report, budget: int) -> list[str]:
        """Blocks until the comment's size budget is spent; the rest are only counted."""
        blocks = chain(
            (self._listing_block(r) for r in report.worst_first() if r.findings),
            (f"- {markdown(p)}" for p in report.problems),
        )
        kept: list[str] = []
        for block in blocks:
            if len(block) + 1 > budget - 200:
                break  # the rest are only counted
            kept.append(block)
            budget -= len(block) + 1
        left = report.listings.tally.with_findings + len(report.problems) - len(kept)
        if not kept and not left:
            return []
        lines = ["", "<details><summary>All findings and problems</summary>", "", *kept]
        if left:
            lines += ["", f"_{left} more not shown: see the full report._"]
        return [*lines, "", "</details>"]

    def _listing_block(self, result: ListingResult) -> str:
        listing = result.listing
        title = f" {markdown(listing.title)}" if listing.title else ""
        head = (
            f"**{markdown(listing.id)}**{title} — {result.score:.1f} ({result.grade}), "
            f"{_where(result)}"
        )
        findings = [
            f"  - {_SEVERITY_MARK[f.severity.value]} {f.severity.value} "
            f"`{f.rule}` ({markdown(f.family)}): {markdown(f.message)}"
            for f in sorted(result.findings, key=lambda f: -f.severity.rank)
        ]
        return "\n".join([f"- {head}", *findings])


@hookimpl
def listingaudit_reporters() -> list[type[Reporter]]:
    return [MarkdownReporter]
