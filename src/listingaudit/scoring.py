"""Scores: 0-100 per listing and per family, a grade A-F, and the catalog's average.

The model is deliberately simple so a seller can redo it by hand:

* each rule that fires on a listing costs a penalty by the severity of its worst finding there
  (error 25, warning 10, info 0 by default), once: fourteen variants with the same bad barcode
  are one problem to fix, not fourteen;
* a family's sub-score is 100 minus the penalties of its findings, floored at 0;
* a listing's score is 100 minus the family-weighted sum of all penalties, floored at 0;
* grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F;
* the catalog's score is the mean of its listings' scores.

Every number is configurable under ``[scoring]``. The same findings always give the same score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from listingaudit.checks import Finding

DEFAULT_PENALTIES = {"error": 25.0, "warning": 10.0, "info": 0.0}
DEFAULT_GRADES = {"A": 90.0, "B": 80.0, "C": 70.0, "D": 60.0}


@dataclass(frozen=True)
class ScoringModel:
    penalties: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_PENALTIES))
    family_weights: Mapping[str, float] = field(default_factory=dict)
    grades: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_GRADES))

    @classmethod
    def from_config(cls, table: Mapping[str, Any] | None) -> ScoringModel:
        table = table or {}
        return cls(
            penalties={**DEFAULT_PENALTIES, **table.get("penalties", {})},
            family_weights=dict(table.get("family_weights", {})),
            grades={**DEFAULT_GRADES, **table.get("grades", {})},
        )

    def penalty(self, finding: Finding) -> float:
        # A Severity is a StrEnum: it finds its value's key without ``.value``.
        return self.penalties.get(finding.severity, 0.0)

    def grade(self, score: float) -> str:
        for letter in ("A", "B", "C", "D"):
            if score >= self.grades[letter]:
                return letter
        return "F"

    def score_listing(
        self, findings: Iterable[Finding], families: Iterable[str]
    ) -> tuple[float, dict[str, float]]:
        """The listing's score and its per-family sub-scores (every family named appears)."""
        # Each rule's largest penalty, with the family of the finding that first carried it.
        worst: dict[str, tuple[float, str]] = {}
        for finding in findings:
            penalty = self.penalty(finding)
            kept = worst.get(finding.rule)
            if kept is None or penalty > kept[0]:
                worst[finding.rule] = (penalty, finding.family)
        lost: dict[str, float] = dict.fromkeys(families, 0.0)
        total = 0.0
        for penalty, family in worst.values():
            lost[family] = lost.get(family, 0.0) + penalty
            total += penalty * self.family_weights.get(family, 1.0)
        scores = {family: _clamp(100.0 - value) for family, value in sorted(lost.items())}
        return _clamp(100.0 - total), scores


def _clamp(value: float) -> float:
    return round(min(100.0, max(0.0, value)), 1)


def catalog_score(scores: Sequence[float]) -> float:
    """Mean of the listing scores; an empty catalog scores 100 (nothing is wrong with it)."""
    return round(fmean(scores), 1) if scores else 100.0


def family_averages(per_family: Mapping[str, Iterable[float]]) -> dict[str, float]:
    """The mean listing score in each family, by family name."""
    return {family: round(fmean(scores), 1) for family, scores in sorted(per_family.items())}


def distribution(grades: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys(("A", "B", "C", "D", "F"), 0)
    for grade in grades:
        counts[grade] += 1
    return counts
