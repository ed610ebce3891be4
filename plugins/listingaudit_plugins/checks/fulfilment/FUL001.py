"""FUL001: a handling time longer than the configured number of business days."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing


class SlowHandling(Check):
    """What it checks:
        Listings whose handling time (eBay ``*DispatchTimeMax``; Amazon ``leadtime-to-ship``,
        ``fulfillment_latency`` or "Handling Time") is longer than ``max_business_days``
        (default 3): the business days between the order and the parcel leaving.

    Why it matters:
        Buyers are promised a delivery date that starts after the handling time, and slow
        dispatch shows in search and in late-shipment rates. eBay's Top Rated Plus needs
        same-day or one-day handling; Amazon's standard transit alone is 4-15 business days,
        so every handling day makes the promise later still.

    Bad:
        ``*DispatchTimeMax = 10``

    Good:
        ``*DispatchTimeMax = 1`` (or 2-3 for made-to-order goods, with
        ``[rules.FUL001] max_business_days`` raised for them).

    Source:
        eBay announcement "Effective May 1: Offer at least 30-day returns to earn Top Rated
        Plus benefits" (community.ebay.com, 2016: "The handling requirement (same-day or
        one-day handling) still applies") [OFFICIAL, staff post]; shared/reference/
        carrier-rates.md §5.1 (Amazon transit times); export-formats.md §2.1, §3.3, §3.5
        (the handling-time columns). The default of 3 days is listingaudit's own.
    """

    code = "FUL001"
    family = "fulfilment"
    severity = Severity.WARNING
    title = "Handling time too long"
    # listingaudit's own default; Top Rated Plus asks for 1 (see Source).
    defaults: ClassVar[dict[str, Any]] = {"max_business_days": 3}

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        days = listing.handling_days
        if days is None:
            return
        limit = int(ctx.settings(self, listing.marketplace)["max_business_days"])
        if days <= limit:
            return
        yield self.finding(
            f"Handling time is {days} business days; ship within {limit} "
            "(eBay's Top Rated Plus asks for same-day or one-day handling)",
            handling_days=days,
            max_business_days=limit,
        )
