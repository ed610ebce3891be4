"""What changed between two audits: ``listingaudit diff OLD.json NEW.json``.

Listings are matched by source file and id (repeated ids in one file pair up in file order).
Monthly exports are often named by date, so a listing left unmatched is then matched by id
alone when that id is unmatched exactly once on each side. Findings on a matched listing are
compared by rule: a rule that fires on both sides is the same finding even if its message
changed (a markup of 35% that is now 32%), and a rule firing twice counts twice.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from listingaudit.config import load_schema
from listingaudit.safetext import visible

#: How many listings each section of the text rendering shows.
RENDER_LIMIT = 25

Listing = Mapping[str, Any]


class DiffError(Exception):
    """A report cannot be read or is not a listingaudit JSON report. One line for the user."""


@dataclass(frozen=True)
class FindingRef:
    rule: str
    family: str
    severity: str
    message: str

    @classmethod
    def of(cls, finding: Mapping[str, Any]) -> FindingRef:
        return cls(
            str(finding["rule"]),
            str(finding["family"]),
            str(finding["severity"]),
            str(finding["message"]),
        )


@dataclass(frozen=True)
class ListingDiff:
    """One listing across the two audits. A score is None on the side it is missing from."""

    id: str
    file: str
    title: str
    old_score: float | None
    new_score: float | None
    new_findings: tuple[FindingRef, ...]
    gone_findings: tuple[FindingRef, ...]

    @property
    def delta(self) -> float | None:
        if self.old_score is None or self.new_score is None:
            return None
        return round(self.new_score - self.old_score, 1)

    @property
    def status(self) -> str:
        """new, gone, improved, regressed, changed (same score, other findings) or unchanged."""
        if self.old_score is None:
            return "new"
        if self.new_score is None:
            return "gone"
        if self.delta:
            return "improved" if self.delta > 0 else "regressed"
        return "changed" if self.new_findings or self.gone_findings else "unchanged"


@dataclass(frozen=True)
class FamilyDiff:
    """A family's catalog average on each side, and the findings it gained and lost."""

    family: str
    old_score: float | None
    new_score: float | None
    new_findings: int
    gone_findings: int

    @property
    def delta(self) -> float | None:
        if self.old_score is None or self.new_score is None:
            return None
        return round(self.new_score - self.old_score, 1)


@dataclass(frozen=True)
class ReportDiff:
    old_score: float
    new_score: float
    old_grade: str
    new_grade: str
    listings: tuple[ListingDiff, ...]
    families: tuple[FamilyDiff, ...]

    @property
    def delta(self) -> float:
        return round(self.new_score - self.old_score, 1)

    def with_status(self, status: str) -> list[ListingDiff]:
        return [d for d in self.listings if d.status == status]

    @property
    def new_findings(self) -> int:
        return sum(len(d.new_findings) for d in self.listings)

    @property
    def gone_findings(self) -> int:
        return sum(len(d.gone_findings) for d in self.listings)


def load_report(path: Path) -> dict[str, Any]:
    """A JSON report from disk, checked against ``schemas/report.schema.json``."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as error:
        raise DiffError(f"{path}: cannot read report ({error.strerror})") from None
    except ValueError as error:
        raise DiffError(f"{path}: not JSON ({error})") from None
    validator = jsonschema.Draft202012Validator(load_schema("report.schema.json"))
    problem = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if problem is not None:
        where = "/".join(str(p) for p in problem.absolute_path) or "top level"
        raise DiffError(f"{path}: not a listingaudit JSON report ({where}: {problem.message})")
    report: dict[str, Any] = data
    return report


def _pair(
    old: Iterable[Listing], new: Iterable[Listing]
) -> list[tuple[Listing | None, Listing | None]]:
    """Old and new listings side by side: by (file, id), then by id alone when unambiguous."""
    by_key: dict[tuple[str, str], list[Listing]] = defaultdict(list)
    for listing in old:
        by_key[(listing["source"]["file"], str(listing["id"]))].append(listing)
    pairs: list[tuple[Listing | None, Listing | None]] = []
    unmatched: list[Listing] = []
    for listing in new:
        candidates = by_key.get((listing["source"]["file"], str(listing["id"])))
        if candidates:
            pairs.append((candidates.pop(0), listing))
        else:
            unmatched.append(listing)
    leftovers = [listing for group in by_key.values() for listing in group]
    old_ids = Counter(str(listing["id"]) for listing in leftovers)
    new_ids = Counter(str(listing["id"]) for listing in unmatched)
    by_id = {str(listing["id"]): listing for listing in leftovers}
    for listing in unmatched:
        key = str(listing["id"])
        unique = old_ids[key] == 1 and new_ids[key] == 1
        pairs.append((by_id[key] if unique else None, listing))
    paired = {id(o) for o, _ in pairs if o is not None}
    pairs += [(listing, None) for listing in leftovers if id(listing) not in paired]
    return pairs


def _finding_changes(
    old: Listing | None, new: Listing | None
) -> tuple[tuple[FindingRef, ...], tuple[FindingRef, ...]]:
    """Findings only on the new side, and findings only on the old side, matched by rule."""
    before = [FindingRef.of(f) for f in (old or {}).get("findings", [])]
    after = [FindingRef.of(f) for f in (new or {}).get("findings", [])]
    remaining = list(before)
    added: list[FindingRef] = []
    # Exact matches first, so a rule firing twice pairs each message with its own.
    for finding in sorted(after, key=lambda f: f not in before):
        same = next((f for f in remaining if f == finding), None)
        same = same or next((f for f in remaining if f.rule == finding.rule), None)
        if same is None:
            added.append(finding)
        else:
            remaining.remove(same)
    return tuple(added), tuple(remaining)


def _listing_diff(old: Listing | None, new: Listing | None) -> ListingDiff:
    either = new or old
    assert either is not None
    added, gone = _finding_changes(old, new)
    return ListingDiff(
        id=str(either["id"]),
        file=str(either["source"]["file"]),
        title=str(either.get("title") or ""),
        old_score=float(old["score"]) if old else None,
        new_score=float(new["score"]) if new else None,
        new_findings=added,
        gone_findings=gone,
    )


_ORDER = {"regressed": 0, "new": 1, "changed": 2, "improved": 3, "gone": 4, "unchanged": 5}


def diff_reports(old: Mapping[str, Any], new: Mapping[str, Any]) -> ReportDiff:
    """Compare two JSON reports (``Report.to_dict()``, as written by ``--format json``)."""
    listings = [_listing_diff(o, n) for o, n in _pair(old["listings"], new["listings"])]
    listings.sort(key=lambda d: (_ORDER[d.status], d.delta or 0.0, d.file, d.id))
    gained: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    for d in listings:
        gained.update(f.family for f in d.new_findings)
        lost.update(f.family for f in d.gone_findings)
    old_families = old["summary"].get("families", {})
    new_families = new["summary"].get("families", {})
    families = tuple(
        FamilyDiff(
            family,
            old_families.get(family),
            new_families.get(family),
            gained[family],
            lost[family],
        )
        for family in sorted({*old_families, *new_families, *gained, *lost})
    )
    return ReportDiff(
        old_score=float(old["summary"]["score"]),
        new_score=float(new["summary"]["score"]),
        old_grade=str(old["summary"]["grade"]),
        new_grade=str(new["summary"]["grade"]),
        listings=tuple(listings),
        families=families,
    )


def _signed(value: float | None) -> str:
    return "" if value is None else f"{value:+.1f}"


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _finding(f: FindingRef) -> str:
    return visible(f"{f.severity:<7} {f.rule}  {f.message}")


def _listing_lines(d: ListingDiff) -> list[str]:
    title = f'  "{visible(d.title)}"' if d.title else ""
    scores = f"{_score(d.old_score)} -> {_score(d.new_score)}  {_signed(d.delta)}".rstrip()
    lines = [f"  {visible(d.id)}{title}  {visible(d.file)}  {scores}"]
    lines += [f"      + {_finding(f)}" for f in d.new_findings]
    lines += [f"      - {_finding(f)}" for f in d.gone_findings]
    return lines


def render_diff(d: ReportDiff) -> str:
    """The diff as text for a terminal: catalog, families, then listings by what happened."""
    counts = Counter(x.status for x in d.listings)
    lines = [
        f"Catalog score {d.old_score:.1f} ({visible(d.old_grade)}) -> {d.new_score:.1f} "
        f"({visible(d.new_grade)})  {_signed(d.delta)}",
        "Listings: " + ", ".join(f"{counts[s]} {s}" for s in _ORDER),
        f"Findings: {d.gone_findings} gone, {d.new_findings} new",
    ]
    if d.families:
        lines += ["", "Families"]
        width = max(len(f.family) for f in d.families)
        lines += [
            f"  {visible(f.family):<{width}}  {_score(f.old_score)} -> {_score(f.new_score)}"
            f"  {_signed(f.delta):>6}  {f.gone_findings} gone, {f.new_findings} new"
            for f in d.families
        ]
    for status in ("regressed", "improved", "changed", "new", "gone"):
        section = d.with_status(status)
        if status == "improved":
            section.sort(key=lambda x: -(x.delta or 0.0))
        if not section:
            continue
        lines += ["", f"{status.capitalize()} ({len(section)})"]
        for item in section[:RENDER_LIMIT]:
            lines += _listing_lines(item)
        if len(section) > RENDER_LIMIT:
            lines.append(f"  ... and {len(section) - RENDER_LIMIT} more")
    return "\n".join(lines) + "\n"
