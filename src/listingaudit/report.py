"""The audit's result: scored listings, located problems and the catalog summary.

``Report.to_dict`` is the JSON contract (``schemas/report.schema.json``). Its field names are
public: extend them, never rename them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from listingaudit.checks import Finding, Severity
from listingaudit.model import Listing
from listingaudit.problems import Problem
from listingaudit.scoring import catalog_score, distribution, family_averages

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


@dataclass
class ListingResult:
    listing: Listing
    findings: list[Finding]
    score: float
    grade: str
    scores: dict[str, float]
    #: Findings hidden by a per-listing ignore, kept so the report can say what was ignored.
    ignored: list[Finding] = field(default_factory=list)

    @property
    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def to_dict(self) -> dict[str, Any]:
        listing = self.listing
        data: dict[str, Any] = {
            "id": listing.id,
            "marketplace": listing.marketplace,
            "title": listing.title or "",
            "source": {
                "file": listing.source.file,
                "lines": [listing.source.first_line, listing.source.last_line],
                "format": listing.source.format,
            },
            "score": self.score,
            "grade": self.grade,
            "scores": self.scores,
            "findings": [f.to_dict() for f in self.findings],
            "photos": [p.ref for p in listing.photos],
        }
        if listing.condition:
            data["condition"] = listing.condition.code
        if self.ignored:
            data["ignored"] = [f.rule for f in self.ignored]
        return data


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
    listings: list[ListingResult]
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

    @property
    def score(self) -> float:
        return catalog_score([r.score for r in self.listings])

    @property
    def grade(self) -> str:
        return self.grade_of(self.score) if self.grade_of else ""

    def severity_counts(self) -> dict[str, int]:
        counts = Counter(f.severity.value for r in self.listings for f in r.findings)
        return {s.value: counts.get(s.value, 0) for s in Severity}

    def worst_first(self) -> list[ListingResult]:
        """The listings by score, then file, then id.

        Three stable sorts on attributes the listings already hold, not one on a key tuple per
        listing: the writers that stream hold no more than the list while they write.
        """
        ordered = sorted(self.listings, key=lambda r: r.listing.id)
        ordered.sort(key=lambda r: r.listing.source.file)
        ordered.sort(key=lambda r: r.score)
        return ordered

    def summary(self) -> dict[str, Any]:
        return {
            "listings": len(self.listings),
            "score": self.score,
            "grade": self.grade,
            "findings": self.severity_counts(),
            "problems": self.problem_count,
            "distribution": distribution(r.grade for r in self.listings),
            "families": family_averages([r.scores for r in self.listings]),
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
