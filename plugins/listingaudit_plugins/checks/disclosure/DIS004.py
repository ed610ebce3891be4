"""DIS004: an item listed as new whose own text reports flaws or use."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing

from .condition import contradicts, tolerates
from .facts import facts
from .quote import quote


class NewWithDefects(Check):
    """What it checks:
        Listings whose condition is New (or Open Box) while the title, description or
        condition note reports a flaw or use: "scratch", "dent", "stain", "missing",
        "not working", "as is", "for parts", "cracked", "used once". Open Box tolerates
        cosmetic and packaging flaws but not damage. Negation is understood: "no scratches",
        "never used", "without any dents", "free of stains" and "scratch-resistant" are not
        flaws. New With Defects is exempt.

    Why it matters:
        New means unused and undamaged on every marketplace. eBay requires that condition,
        condition description, description and pictures "do not contradict one another"; a
        damaged item sold as New is the textbook "not as described" case.

    Bad:
        ConditionID 1000 (New), description "Brand new, small dent on the side from storage."

    Good:
        ConditionID 1750 (New with defects) for the same text, or ConditionID 1000 with
        "Brand new, sealed, no dents or scratches."

    Source:
        shared/reference/marketplace-rules.md §2.1 (eBay 1000 NEW, 1750 NEW_WITH_DEFECTS "scuffs,
        hanging threads, missing buttons", conditions must not contradict one another), §2.3
        (Google: new is "brand new, original, unopened packaging"). Flaw words and negations:
        data/<language>.json.
    """

    code = "DIS004"
    family = "disclosure"
    severity = Severity.ERROR
    title = "New item described with flaws"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        found = facts(listing, ctx)
        condition = found.condition
        if condition is None or condition.kind != "new" or tolerates(condition) == "any":
            return
        for field, text in listing.text_fields.items():
            clashing = [
                d for d in found.vocabulary.defects_in(text) if contradicts(condition, d.severity)
            ]
            if not clashing:
                continue
            first = clashing[0].match
            excerpt = quote(text, first)
            yield self.finding(
                f"Listed as {condition.label} but the {field.replace('_', ' ')} says "
                f'"{first.written}": "{excerpt}"',
                condition=condition.label,
                condition_source=condition.source,
                field=field,
                terms=[d.match.written for d in clashing],
                text=excerpt,
            )
            return
