"""The audit's result: scored listings, located problems and the catalog summary.

``Report.to_dict`` is the JSON contract (``schemas/report.schema.json``). Its field names are
public: extend them, never rename them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from listingaudit.checks import Severity
from listingaudit.problems import Problem
from listingaudit.results import ListingResult, Results
from listingaudit.scoring import catalog_score, distribution, family_averages

__all__ = ["FileSummary", "ListingResult", "Report", "RuleInfo"]

REPORT_SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class RuleInfo:
    """A rule as reports describe it (SARIF rule metadata, ``listingaudit rules``)."""

    code: str
    family: str
    severity: str
    title: str
    doc: str
    plugin: str = ""


@dataclass(frozen=True)
class FileSummary:
    file: str
    format: str
    marketplace: str
    encoding: str
    listings: int
    problems: int
    score: float | None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Report:
    tool_version: str
    #: The scored listings, kept on disk (a plain list given here is moved there).
    listings: Results
    problems: list[Problem]
    problem_count: int
    files: list[FileSummary]
    rules: dict[str, RuleInfo]
    unmatched_ignores: list[dict[str, Any]] = field(default_factory=list)
    title: str = "listingaudit report"
    #: The scoring model's grade for a score (A-F).
    grade_of: Callable[[float], str] | None = None
    #: Bytes of a remote photo the run already holds (cache), for thumbnails; never fetches.
    photo_bytes: Callable[[str], bytes | None] | None = None

    def __post_init__(self) -> None:
        given: object = self.listings
        if not isinstance(given, Results):  # a plain list (tests, a plugin's own report)
            self.listings = Results(cast(Iterable[ListingResult], given))

    @property
    def score(self) -> float:
        return catalog_score(self.listings.scores())

    @property
    def grade(self) -> str:
        return self.grade_of(self.score) if self.grade_of else ""

    def severity_counts(self) -> dict[str, int]:
        counts = self.listings.tally.severities
        return {s.value: counts.get(s.value, 0) for s in Severity}

    def worst_first(self) -> Iterator[ListingResult]:
        """The listings by score, lowest first; equal scores in the order they were read."""
        return self.listings.worst_first()

    def summary(self) -> dict[str, Any]:
        return {
            "listings": len(self.listings),
            "score": self.score,
            "grade": self.grade,
            "findings": self.severity_counts(),
            "problems": self.problem_count,
            "distribution": distribution(self.listings.tally.grades.elements()),
            "families": family_averages(self.listings.tally.family_scores()),
            "files": [f.to_dict() for f in self.files],
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            key: list(value) if isinstance(value, Iterator) else value
            for key, value in self.lazy_dict().items()
        }

    def lazy_dict(self) -> dict[str, Any]:
        """``to_dict()`` with the listings and problems as generators, so a writer that streams
        holds one of them as a dict at a time, whatever the size of the catalog."""
        return {
            "schema": REPORT_SCHEMA_VERSION,
            "tool": {"name": "listingaudit", "version": self.tool_version},
            "title": self.title,
            "summary": self.summary(),
            "listings": (r.to_dict() for r in self.listings),
            "problems": (_problem_dict(p) for p in self.problems),
            "rules": {
                code: {"family": r.family, "severity": r.severity, "title": r.title}
                for code, r in sorted(self.rules.items())
            },
            "unmatched_ignores": self.unmatched_ignores,
        }


def _problem_dict(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "code": problem.code,
        "message": problem.message,
    }
