"""IMP002: a listing with no price, or a price that is not a number."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing
from listingaudit.values import parse_money
from listingaudit_plugins.checks.readiness.columns import (
    carries,
    cells,
    exemption,
    required_and_empty,
    texts,
)


def _usable(text: str) -> bool:
    amount = parse_money(text)
    return amount is not None and amount >= 0


class MissingOrInvalidPrice(Check):
    """Price missing, or not a number.

    What it checks:
        Price cells the marketplace cannot read as an amount (``N/A``, ``call``, ``-5.00``),
        shown as the file wrote them with their line, and listings with no price at all on the
        listing or any variant, in formats that have a price column. Rows that name an existing
        item or delete an offer, and Amazon parent rows (which carry no price), need no price; an
        eBay ``*StartPrice`` left empty is reported by IMP007.
        Currency signs, thousands separators and decimal commas are accepted, as the
        marketplaces accept them.

    Why it matters:
        A row without a usable price fails the import (eBay ``*StartPrice`` is required) or, on
        Shopify, creates a variant priced 0.00 that sells for nothing.

    Bad:
        ``Variant Price`` = ``TBD``; an eBay row with ``*StartPrice`` left empty.

    Good:
        ``Variant Price`` = ``19.99`` (or ``$19.99``, or ``19,99`` in an EU file).

    Source:
        Price columns by format (export-formats.md §1.3, §2.6, §3.5); ``$`` prefixes and decimal
        commas as real exports write them (§4 item 7); Amazon parent rows (§3.3).
    """

    code = "IMP002"
    family = "readiness"
    severity = Severity.ERROR
    title = "Missing price, or a price that is not a number"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        written = [text for text in texts(listing, "price") if text.strip()]
        if not all(map(_usable, written)):
            # Rare: the cells again, with their lines and columns, to say which are wrong.
            unreadable = [
                c for c in cells(listing, "price") if c.text.strip() and not _usable(c.text)
            ]
            first = unreadable[0]
            yield self.finding(
                f"price is not an amount: '{first.text.strip()}' "
                f"({first.column}, line {first.line})",
                text=first.text.strip(),
                column=first.column,
                line=first.line,
                cells=[f"line {c.line} {c.column}: {c.text.strip()}" for c in unreadable],
            )
            return
        priced = listing.price is not None or any(v.price is not None for v in listing.variants)
        if priced or written or not carries(listing, "price"):
            return
        if exemption(listing, "price") or required_and_empty(listing, "price"):
            return
        yield self.finding(
            f"listing {listing.id} has no price",
            listing=listing.id,
            line=listing.source.first_line,
        )
