"""RET004: the buyer pays for return postage."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.model import Listing

from .base import ReturnsCheck
from .policy import KNOWN, resolve


class BuyerPaysReturns(ReturnsCheck):
    """What it checks:
        Listings that accept returns but make the buyer pay the return postage (eBay
        ``ShippingCostPaidByOption = Buyer``, a profile with ``returnShippingCostPayer =
        BUYER``, or a declared or published store policy saying so). Reported for
        information.

    Why it matters:
        Free returns are what buyers compare, and since 2020 eBay's Top Rated Plus has asked
        for free 30-day returns. A seller who charges for returns should know it is a choice
        that costs visibility.

    Bad:
        ``ReturnsAccepted``, ``Days_30``, ``ShippingCostPaidByOption = Buyer``

    Good:
        ``ShippingCostPaidByOption = Seller``

    Source:
        shared/reference/marketplace-rules.md §3.1 (eBay return columns and business policies);
        free returns for Top Rated Plus from July 2020: return-policy.org "ebay top rated seller
        return policy" [THIRD-PARTY].
    """

    code = "RET004"
    severity = Severity.INFO
    title = "Buyer pays return postage"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        found = resolve(listing, ctx)
        terms = found.terms
        if found.status != KNOWN or terms is None or not terms.accepted:
            return
        if terms.paid_by != "buyer":
            return
        yield self.finding(
            f"The buyer pays return postage (per {found.source})",
            paid_by="buyer",
            policy_source=found.source,
        )
