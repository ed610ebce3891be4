"""The JSON report: ``Report.to_dict()``, the machine contract (``schemas/report.schema.json``)."""

from __future__ import annotations

from typing import IO

from listingaudit import hookimpl
from listingaudit.report import Report
from listingaudit.reporting import Reporter

from ._safe import json_text


class JsonReporter(Reporter):
    name = "json"
    extension = ".json"
    description = "the full report as JSON (schemas/report.schema.json)"

    def write(self, report: Report, out: IO[str]) -> None:
        out.write(json_text(report.to_dict()))


@hookimpl
def listingaudit_reporters() -> list[type[Reporter]]:
    return [JsonReporter]
