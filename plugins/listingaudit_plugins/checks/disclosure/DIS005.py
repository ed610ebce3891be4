"""DIS005: an eBay condition description longer than eBay accepts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing


class ConditionNoteTooLong(Check):
    """What it checks:
        eBay listings whose condition description (``ConditionDescription``) is longer than
        eBay's limit of 1,000 characters (``max_chars``).

    Why it matters:
        eBay's API documents a maximum length of 1000 for the condition description; text
        beyond it is refused or cut, and what gets cut is usually the last flaw listed.
        Put long explanations in the item description and keep the note to the flaws.

    Bad:
        A 1,400-character ConditionDescription that copies the whole item description.

    Good:
        "Light wear on the corners, one 2 cm scratch on the back, all buttons work."

    Source:
        shared/reference/marketplace-rules.md §2.1 (conditionDescription "Maximum length:
        1000", eBay API docs [OFFICIAL]).
    """

    code = "DIS005"
    family = "disclosure"
    severity = Severity.ERROR
    title = "eBay condition description too long"
    # eBay API conditionDescription: "Maximum length: 1000" (marketplace-rules.md §2.1).
    defaults: ClassVar[dict[str, Any]] = {"max_chars": 1000}

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        note = listing.condition_note
        if listing.marketplace != "ebay" or not note:
            return
        limit = int(ctx.settings(self, listing.marketplace)["max_chars"])
        if len(note) <= limit:
            return
        yield self.finding(
            f"Condition description is {len(note)} characters; eBay accepts {limit}. "
            f'It would end at "…{note[max(0, limit - 40) : limit]}"',
            length=len(note),
            max_chars=limit,
            cut_after=note[max(0, limit - 40) : limit],
        )
