"""DIS001: a condition that owes the buyer a description has none."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing

from .facts import facts


class DisclosureMissing(Check):
    """What it checks:
        Listings whose condition calls for a description of the item's actual state (eBay
        ConditionIDs 1500, 1750, 2010-2500 and 2990-7000; Amazon used, collectible and
        refurbished offers; anything not brand new elsewhere) but whose condition note is
        empty. In formats with no condition-note column (Shopify, eBay's 2026 templates) the
        description must hold at least one sentence about condition instead. On Shopify the
        condition is inferred from ``Google Shopping / Condition``, tags or title words.

    Why it matters:
        A used item's flaws are what buyers dispute. eBay asks for a condition description for
        these IDs; Amazon says condition notes "protect you from A-to-z claims and
        chargebacks". An undisclosed flaw becomes a "not as described" return on the seller's
        account.

    Bad:
        eBay ConditionID 3000 (Used) with an empty ConditionDescription; a Shopify product
        tagged "pre-owned" whose description only lists features.

    Good:
        ConditionDescription "Light scratches on the back cover, screen perfect, battery
        health 87%."

    Source:
        shared/reference/marketplace-rules.md §2.1 (eBay ConditionEnum, conditionDescription),
        §2.2 (Amazon condition guidelines), §2.4 (Shopify has no condition field);
        export-formats.md §5 (which formats carry a note).
    """

    code = "DIS001"
    family = "disclosure"
    severity = Severity.WARNING
    title = "Condition disclosure missing"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        found = facts(listing, ctx)
        if not found.owed or found.condition is None or not found.disclosure.missing:
            return
        condition = found.condition
        missing = found.disclosure.missing
        severity = None
        if missing == "not-in-file":
            severity = Severity.INFO
            message = (
                f"{condition.label} item: this file carries neither a condition note nor a "
                "description, so the disclosure could not be checked"
            )
        elif missing == "empty-note":
            message = (
                f"{condition.label} item ({condition.source}) has an empty condition note: "
                "describe its wear and flaws"
            )
        else:
            message = (
                f"{condition.label} item ({condition.source}): no condition note, and no sentence "
                "of the description says what state the item is in"
            )
        yield self.finding(
            message,
            severity=severity,
            reason=missing,
            condition=condition.label,
            condition_source=condition.source,
        )
