"""What condition a listing states, and whether that condition owes the buyer a description.

Adapters put a marketplace's condition field in ``listing.condition``. Shopify has no such field:
when its ``Google Shopping / Condition`` column or metafield is empty too, the condition is
inferred here from tags, then title words, and the finding says where it came from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from listingaudit import conditions
from listingaudit.model import Listing

from .vocabulary import PACKAGE, Vocabulary


@cache
def rules() -> dict[str, Any]:
    text = resources.files(PACKAGE).joinpath("data/rules.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(frozen=True, slots=True)
class Stated:
    """The condition a listing states: normalized code and kind, and where it was read."""

    code: str
    kind: str
    #: The marketplace's own value ("3000", "used_good", "Pre-owned").
    raw: str
    #: Where it came from, for evidence: "ConditionID 3000", "tag 'Used'", "title word 'vintage'".
    source: str

    @property
    def ebay_id(self) -> int | None:
        digits = self.raw.strip().split(".")[0]
        return int(digits) if digits.isdigit() else None

    @property
    def label(self) -> str:
        return conditions.label(self.code)


def stated(listing: Listing, vocabulary: Vocabulary) -> Stated | None:
    """The listing's condition: its condition field, else (no field) its tags, then its title."""
    if listing.condition is not None:
        found = listing.condition
        origin = found.origin or "condition"
        return Stated(found.code, conditions.kind(found.code), found.raw, f"{origin} '{found.raw}'")
    for tag in listing.tags:
        inferred = vocabulary.condition_in(tag)
        if inferred:
            return Stated(inferred[1], conditions.kind(inferred[1]), tag, f"tag '{tag}'")
    inferred = vocabulary.condition_in(listing.title or "")
    if inferred:
        word = inferred[0].written
        return Stated(inferred[1], conditions.kind(inferred[1]), word, f"title word '{word}'")
    return None


def _in_ranges(number: int, ranges: list[list[int]]) -> bool:
    return any(low <= number <= high for low, high in ranges)


def owes_description(listing: Listing, condition: Stated) -> bool:
    """Whether the marketplace expects a condition description for this condition."""
    owed = rules()["owed"]
    if listing.marketplace == "ebay":
        ranges = owed["ebay"]["condition_id_ranges"]
        ebay_id = condition.ebay_id  # parsed from the raw value on each read
        if ebay_id is not None:
            return _in_ranges(ebay_id, ranges)
        # A condition written out (Seller Hub report): judge by the IDs of its code, if any.
        ids = [
            int(i)
            for i, c in conditions.vocabulary()["ebay_condition_id"].items()
            if c == condition.code
        ]
        if ids:
            return any(_in_ranges(i, ranges) for i in ids)
    if listing.marketplace == "amazon":
        return condition.kind in owed["amazon"]["kinds"]
    return condition.kind in owed["other"]["kinds"] or condition.code in owed["other"]["codes"]


def ebay_ignores_description(condition: Stated) -> bool:
    """eBay drops the condition description of new items (ConditionID 1000-1499)."""
    low, high = rules()["ebay_ignored_condition_ids"]["range"]
    ebay_id = condition.ebay_id
    return ebay_id is not None and low <= ebay_id <= high


def tolerates(condition: Stated) -> str:
    """Which reported flaws fit the grade: ``none``, ``minor`` (cosmetic) or ``any``."""
    return str(rules()["tolerates"].get(condition.code, "any"))


def contradicts(condition: Stated, severity: str) -> bool:
    """Whether a flaw of ``severity`` (minor/major) contradicts the grade."""
    tolerance = tolerates(condition)
    return tolerance == "none" or (tolerance == "minor" and severity == "major")
