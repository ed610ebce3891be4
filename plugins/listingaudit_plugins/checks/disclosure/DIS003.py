"""DIS003: the condition note reports flaws the condition grade rules out."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing

from .condition import contradicts, tolerates
from .facts import facts
from .quote import quote


class NoteContradictsGrade(Check):
    """What it checks:
        Pre-owned, refurbished and collectible listings whose condition note (or, without a
        note column, the description's sentences about condition) reports a flaw their grade
        rules out: any flaw on a Like New or Certified Refurbished item; damage or failure
        ("cracked", "not working", "torn") on an Excellent or Very Good one. Negated mentions
        ("no scratches", "free of stains") are not flaws. New items are DIS004's.

    Why it matters:
        eBay requires that "the condition value, condition description, listing description,
        and the item's pictures do not contradict one another". A buyer who paid for Like New
        and reads "crack on the lid" after delivery opens a return; Amazon's rule is to grade
        by the worst attribute.

    Bad:
        Used - Like New, note: "Hairline crack on the lid, otherwise perfect."

    Good:
        Used - Good, note: "Hairline crack on the lid, otherwise perfect."

    Source:
        shared/reference/marketplace-rules.md §2.1 (conditions must not contradict one another),
        §2.2 (Amazon: Like New means "no scratches or scuffs"; Very Good allows "limited signs
        of wear"; pick the worst column). Grade tolerances: data/rules.json; flaw words:
        data/<language>.json.
    """

    code = "DIS003"
    family = "disclosure"
    severity = Severity.WARNING
    title = "Condition note contradicts the condition grade"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        found = facts(listing, ctx)
        condition = found.condition
        text = found.disclosure.text
        if condition is None or condition.kind == "new" or not text:
            return
        if tolerates(condition) == "any":
            return
        clashing = [
            d for d in found.vocabulary.defects_in(text) if contradicts(condition, d.severity)
        ]
        if not clashing:
            return
        first = clashing[0].match
        excerpt = quote(text, first)
        yield self.finding(
            f"Listed as {condition.label} but the {found.disclosure.where} reports "
            f'"{first.written}": "{excerpt}"',
            condition=condition.label,
            condition_source=condition.source,
            where=found.disclosure.where,
            terms=[d.match.written for d in clashing],
            text=excerpt,
        )
