"""The JSON report: ``Report.to_dict()``, the machine contract (``schemas/report.schema.json``).

Streamed: the listings are written one at a time (``Report.lazy_dict``), so writing a catalog
of any size costs the memory of one listing's JSON, not of the whole document.
"""

from __future__ import annotations

from typing import IO

from listingaudit import hookimpl
from listingaudit.report import Report
from listingaudit.reporting import Reporter

from ._safe import write_json


class JsonReporter(Reporter):
    name = "json"
    extension = ".json"
    description = "the full report as JSON (schemas/report.schema.json)"

    def write(self, report: Report, out: IO[str]) -> None:
        write_json(report.lazy_dict(), out)


@hookimpl
def listingaudit_reporters() -> list[type[Reporter]]:
    return [JsonReporter]
