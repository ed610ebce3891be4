"""The quality gate a CI job uses to pass or block a catalog import, and its exit codes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from listingaudit.checks import Severity
from listingaudit.report import Report


class ExitCode(IntEnum):
    """0: passed. 1: the quality gate failed. 2: usage error or unreadable input."""

    OK = 0
    GATE_FAILED = 1
    USAGE_ERROR = 2


class BaselineError(Exception):
    """The baseline report cannot be read. One line for the user."""


@dataclass(frozen=True)
class Gate:
    fail_under: float | None = None
    fail_on: Severity | None = None
    baseline: frozenset[tuple[str, str]] | None = None

    def failures(self, report: Report) -> list[str]:
        """Why the gate fails (empty when it passes)."""
        reasons = []
        if self.fail_under is not None and report.score < self.fail_under:
            reasons.append(f"catalog score {report.score} is under {self.fail_under}")
        if self.fail_on is not None:
            count = self._failing(report, self.fail_on)
            if count:
                new = " new" if self.baseline is not None else ""
                reasons.append(f"{count}{new} finding(s) at severity {self.fail_on.value} or worse")
        return reasons

    def _failing(self, report: Report, level: Severity) -> int:
        """Findings at ``level`` or worse (not in the baseline): counted, never collected."""
        if self.baseline is None:  # the report's running totals; no need to read it back
            counts = report.severity_counts()
            return sum(counts[s.value] for s in Severity if s.rank >= level.rank)
        baseline = self.baseline
        return sum(
            1
            for result in report.listings
            for finding in result.findings
            if finding.severity.rank >= level.rank
            and (result.listing.id, finding.rule) not in baseline
        )


def load_baseline(path: Path) -> frozenset[tuple[str, str]]:
    """(listing id, rule) pairs of an earlier JSON report."""
    try:
        data: dict[str, Any] = json.loads(path.read_text("utf-8"))
        return frozenset(
            (str(listing["id"]), str(finding["rule"]))
            for listing in data["listings"]
            for finding in listing["findings"]
        )
    except OSError as error:
        raise BaselineError(f"{path}: cannot read baseline ({error.strerror})") from None
    except (ValueError, KeyError, TypeError) as error:
        raise BaselineError(f"{path}: not a listingaudit JSON report ({error})") from None
