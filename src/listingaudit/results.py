"""Scored listings kept on disk as they are scored, so memory does not grow with the catalog.

An audit of a million listings cannot keep a million listings in memory for its report writers.
``Results`` writes each scored listing to an anonymous temporary file (gone when the run ends,
even after a crash) as one small pickled record, and keeps in memory only what ordering and the
summary need: the record's end offset and score (16 bytes a listing) and running totals. Writers
read the records back one at a time, in the order read or worst first.

A record holds what reports show of a listing: its identity, title, source lines, condition and
photos, with the findings and scores. The rest of the listing was judged and is not kept.
"""

from __future__ import annotations

import pickle
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from listingaudit.checks import Finding, Severity
from listingaudit.model import Condition, Listing, Photo, SourceRef
from listingaudit.spill import SpillFile

#: ``Severity(value)`` without the enum machinery (read back once per finding).
_SEVERITIES = {severity.value: severity for severity in Severity}
#: Severities from the worst down.
_WORST_FIRST = sorted(Severity, key=lambda severity: -severity.rank)
#: Bytes read at a time when records are read in order (and the write buffer).
_BLOCK = 1 << 18


@dataclass
class ListingResult:
    """One listing as judged: its findings and scores."""

    listing: Listing
    findings: list[Finding]
    score: float
    grade: str
    scores: dict[str, float]
    #: Findings hidden by a per-listing ignore, kept so the report can say what was ignored.
    ignored: list[Finding] = field(default_factory=list)

    @property
    def worst(self) -> Severity | None:
        found = {f.severity for f in self.findings}
        return next((s for s in _WORST_FIRST if s in found), None)

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


def _pack_finding(finding: Finding) -> tuple[Any, ...]:
    return (finding.rule, finding.family, finding.severity.value, finding.message, finding.evidence)


def _unpack_finding(packed: tuple[Any, ...]) -> Finding:
    rule, family, severity, message, evidence = packed
    return Finding(rule, family, _SEVERITIES[severity], message, evidence)


def _pack(result: ListingResult) -> bytes:
    listing = result.listing
    source = listing.source
    condition = listing.condition
    record = (
        listing.id,
        listing.marketplace,
        listing.title,
        (source.file, source.lines, source.format),
        (condition.code, condition.raw, condition.origin) if condition else None,
        [(p.ref, p.position, p.alt, p.variant_sku) for p in listing.photos],
        [_pack_finding(f) for f in result.findings],
        result.score,
        result.grade,
        result.scores,
        [_pack_finding(f) for f in result.ignored],
    )
    return pickle.dumps(record, pickle.HIGHEST_PROTOCOL)


def _unpack(data: bytes | memoryview) -> ListingResult:
    (id_, market, title, source, condition, photos, found, score, grade, scores, ignored) = (
        pickle.loads(data)
    )
    listing = Listing(
        id_,
        market,
        SourceRef(*source),
        title=title,
        condition=Condition(*condition) if condition else None,
        photos=[Photo(*photo) for photo in photos],
    )
    return ListingResult(
        listing,
        [_unpack_finding(f) for f in found],
        score,
        grade,
        scores,
        [_unpack_finding(f) for f in ignored],
    )


class Tally:
    """Running totals over the scored listings, for the summary, without reading them back."""

    def __init__(self) -> None:
        self.severities: Counter[str] = Counter()
        self.grades: Counter[str] = Counter()
        # Every listing's score in each family, in tenths (scores have one decimal): 2 bytes.
        self._family_tenths: dict[str, array[int]] = {}
        self.with_findings = 0
        #: Per file, how many listings have each worst severity ("" for none).
        self.worst_by_file: dict[str, Counter[str]] = {}
        #: The first finding of each rule, in order of first use (SARIF describes unknown rules).
        self.first_finding: dict[str, Finding] = {}

    def add(self, result: ListingResult) -> None:
        self.grades[result.grade] += 1
        for family, score in result.scores.items():
            self._family_tenths.setdefault(family, array("H")).append(round(score * 10))
        if result.findings:
            self.with_findings += 1
        worst = result.worst
        file_counts = self.worst_by_file.setdefault(result.listing.source.file, Counter())
        file_counts[worst.value if worst else ""] += 1
        for finding in result.findings:
            self.severities[finding.severity.value] += 1
            self.first_finding.setdefault(finding.rule, finding)

    def family_scores(self) -> dict[str, Iterator[float]]:
        """Each family's listing scores, as the listings were scored."""
        return {family: (t / 10 for t in tenths) for family, tenths in self._family_tenths.items()}

    @property
    def families_found(self) -> list[str]:
        """The families that have at least one finding, sorted."""
        return sorted({f.family for f in self.first_finding.values()})


class Results:
    """The scored listings of one run, on disk, in the order they were read."""

    def __init__(self, results: Iterable[ListingResult] = ()) -> None:
        self._file = SpillFile("listingaudit-results-", buffering=_BLOCK)
        self._ends = array("q")
        self._scores = array("d")
        self._by_file: dict[str, array[int]] = {}
        self.tally = Tally()
        for result in results:
            self.append(result)

    def append(self, result: ListingResult) -> None:
        data = _pack(result)
        self._file.append(data)
        self._ends.append(self._file.size)
        number = len(self._ends) - 1
        self._scores.append(result.score)
        self._by_file.setdefault(result.listing.source.file, array("q")).append(number)
        self.tally.add(result)

    def close(self) -> None:
        self._file.close()

    def __len__(self) -> int:
        return len(self._ends)

    def __bool__(self) -> bool:
        return bool(self._ends)

    def __getitem__(self, number: int) -> ListingResult:
        if not -len(self) <= number < len(self):
            raise IndexError(number)
        number %= len(self)
        start = self._ends[number - 1] if number else 0
        return _unpack(self._file.read(start, self._ends[number] - start))

    def __iter__(self) -> Iterator[ListingResult]:
        """Every listing in the order read, reading the file a block at a time."""
        number, count = 0, len(self)
        while number < count:
            start = self._ends[number - 1] if number else 0
            # The records that fit in one block (at least one, however large it is).
            last = max(bisect_right(self._ends, start + _BLOCK, lo=number), number + 1)
            block = memoryview(self._file.read(start, self._ends[last - 1] - start))
            for each in range(number, last):
                begin = (self._ends[each - 1] if each else 0) - start
                yield _unpack(block[begin : self._ends[each] - start])
            number = last

    def worst_first(self) -> Iterator[ListingResult]:
        """The listings by score, lowest first; equal scores in the order read."""
        order = np.argsort(np.frombuffer(self._scores, dtype=np.float64), kind="stable")
        return (self[int(number)] for number in order)

    def in_file(self, name: str) -> Iterator[ListingResult]:
        """The listings read from one file, in the order read."""
        return (self[number] for number in self._by_file.get(name, ()))

    def files(self) -> list[str]:
        """The files listings came from, in the order first read."""
        return list(self._by_file)

    def scores(self) -> array[float]:
        return self._scores

    def file_scores(self, name: str) -> list[float]:
        return [self._scores[number] for number in self._by_file.get(name, ())]
