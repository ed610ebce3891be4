"""DIS002: the condition disclosure is stock wording that describes nothing."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing

from .disclosed import DESCRIPTION
from .facts import facts


class DisclosureBoilerplate(Check):
    """What it checks:
        Condition notes (or, in formats without a note column, the description's sentences
        about condition) made only of stock phrases: "see photos", "as pictured", "used
        condition", "good condition", "N/A". Whatever is left after removing those phrases
        and filler words must say something about this item. Conditions that owe no
        description (brand new) are not judged.

    Why it matters:
        Stock wording leaves the buyer to guess, and guesses turn into "not as described"
        returns. eBay asks that the condition description "more clearly describe the
        condition"; Amazon asks sellers to explain the grade in the condition notes.

    Bad:
        "Used condition. Please see photos."

    Good:
        "Used, works perfectly. Small scuff on the left corner (photo 4); no original box."

    Source:
        shared/reference/marketplace-rules.md §2.1 (conditionDescription "used by the seller to
        more clearly describe the condition of used items"), §2.2 (explain the grade in the
        condition-details field). The phrase list is in data/<language>.json.
    """

    code = "DIS002"
    family = "disclosure"
    severity = Severity.WARNING
    title = "Condition disclosure says nothing specific"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        found = facts(listing, ctx)
        text = found.disclosure.text
        if found.condition is None or not found.owed or not text:
            return
        phrases = found.vocabulary.boilerplate_only(text)
        if phrases is None:
            return
        where = found.disclosure.where
        place = (
            "description's sentences about condition (this format has no condition-note column)"
            if where == DESCRIPTION
            else "condition note"
        )
        yield self.finding(
            f'Only stock wording in the {place}, nothing about this item: "{text[:120]}"',
            text=text,
            where=where,
            stock_phrases=phrases,
            condition=found.condition.label,
            condition_source=found.condition.source,
        )
