"""DIS006: a condition description on a new eBay item, which eBay ignores."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing

from .condition import ebay_ignores_description
from .facts import facts


class ConditionNoteIgnored(Check):
    """What it checks:
        eBay listings with a new ConditionID (1000-1499) that carry a condition description.
        eBay ignores that field for new items, so buyers never see it.

    Why it matters:
        Whatever the seller wrote there (a missing accessory, a dented box) is lost, and eBay
        answers the upload with a warning. If the note matters, the item is probably not
        New: choose New Other (1500) or New With Defects (1750), or move the text to the
        description.

    Bad:
        ConditionID 1000 with ConditionDescription "Box has a small dent."

    Good:
        ConditionID 1500 (New other) with the same note; or ConditionID 1000 and no note.

    Source:
        shared/reference/marketplace-rules.md §2.1: "If used with an item in a new condition
        (Condition IDs 1000-1499), eBay will simply ignore this field… and return a warning."
    """

    code = "DIS006"
    family = "disclosure"
    severity = Severity.INFO
    title = "eBay ignores the condition description of new items"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        note = (listing.condition_note or "").strip()
        if listing.marketplace != "ebay" or not note:
            return
        condition = facts(listing, ctx).condition
        if condition is None or not ebay_ignores_description(condition):
            return
        yield self.finding(
            f"ConditionID {condition.raw} is new, so eBay ignores the condition description "
            f'"{note[:80]}"; move it to the description or pick a condition that shows it',
            condition=condition.label,
            condition_id=condition.raw,
            text=note,
        )
