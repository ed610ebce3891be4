"""The CSV report: one row per finding and per input problem, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from typing import IO

from listingaudit import hookimpl
from listingaudit.report import Report
from listingaudit.reporting import Reporter

from ._safe import cell

HEADER = (
    "kind",
    "file",
    "line",
    "column",
    "listing_id",
    "marketplace",
    "title",
    "rule",
    "family",
    "severity",
    "message",
    "score",
)


class CsvReporter(Reporter):
    name = "csv"
    extension = ".csv"
    description = "one row per finding and problem, for spreadsheets (UTF-8 with BOM)"

    def write(self, report: Report, out: IO[str]) -> None:
        # Excel reads a CSV as the system code page unless it starts with a BOM.
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(HEADER)
        for result in report.worst_first():
            listing = result.listing
            for finding in result.findings:
                writer.writerow(
                    [
                        "finding",
                        cell(listing.source.file),
                        listing.source.first_line,
                        "",
                        cell(listing.id),
                        cell(listing.marketplace),
                        cell(listing.title or ""),
                        cell(finding.rule),
                        cell(finding.family),
                        finding.severity.value,
                        cell(finding.message),
                        result.score,
                    ]
                )
        for problem in report.problems:
            writer.writerow(
                [
                    "problem",
                    cell(problem.file),
                    "" if problem.line is None else problem.line,
                    cell(problem.column or ""),
                    "",
                    "",
                    "",
                    cell(problem.code),
                    "",
                    "",
                    cell(problem.message),
                    "",
                ]
            )


@hookimpl
def listingaudit_reporters() -> list[type[Reporter]]:
    return [CsvReporter]
