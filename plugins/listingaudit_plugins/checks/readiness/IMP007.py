"""IMP007: eBay required (*) columns left empty."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing


class EbayRequiredEmpty(Check):
    """eBay required column left empty.

    What it checks:
        eBay upload rows where a column whose header starts with ``*`` (``*Title``,
        ``*ConditionID``, ``*DispatchTimeMax``, ``*ReturnsAcceptedOption``...) is empty, as the
        eBay adapter records them in ``empty_required``.

    Why it matters:
        eBay marks required columns with ``*`` in its own templates; an ``Add`` row missing one
        is rejected in the upload results file, and the listing never goes live.

    Bad:
        ``Add,,24541,,Penn State Button,...`` with ``*DispatchTimeMax`` empty.

    Good:
        The same row with ``*DispatchTimeMax`` = ``3``.

    Source:
        eBay File Exchange / Seller Hub category template: "A leading ``*`` marks a required
        column" (export-formats.md §2.1).
    """

    code = "IMP007"
    family = "readiness"
    severity = Severity.ERROR
    title = "eBay required column left empty"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        empty = listing.extra.get("empty_required") or []
        if listing.marketplace != "ebay" or not empty:
            return
        yield self.finding(
            f"required column(s) left empty: {', '.join(empty)} (line {listing.source.first_line})",
            columns=list(empty),
            line=listing.source.first_line,
        )
