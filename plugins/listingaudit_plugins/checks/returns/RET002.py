"""RET002: the listing's return policy refuses returns."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.model import Listing

from .base import ReturnsCheck
from .policy import KNOWN, resolve


class ReturnsNotAccepted(ReturnsCheck):
    """What it checks:
        Listings whose return policy, wherever it was found (eBay's ``ReturnsNotAccepted``, a
        business-policy profile, the store's declared policy or its refund-policy page),
        does not accept returns.

    Why it matters:
        Buyers filter on returns and pay more for the option; Top Rated Plus requires 30-day
        returns; Google asks stores to say clearly if they take no returns, and Amazon sellers
        must match Amazon's 30-day policy. Refusing returns does not remove the marketplace's
        money-back guarantee for items not as described.

    Bad:
        ``*ReturnsAcceptedOption = ReturnsNotAccepted``

    Good:
        ``ReturnsAccepted`` with ``Days_30``.

    Source:
        shared/reference/marketplace-rules.md §3.1 (eBay: "Sellers can choose not to accept
        returns"; Top-Rated Plus needs 30 days or more), §3.2 (Amazon: match or exceed its
        policy), §3.4 (Google: state clearly if returns are not accepted).
    """

    code = "RET002"
    severity = Severity.WARNING
    title = "Returns not accepted"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        found = resolve(listing, ctx)
        if found.status != KNOWN or found.terms is None or found.terms.accepted:
            return
        yield self.finding(
            f"Returns are not accepted (per {found.source})",
            policy_source=found.source,
        )
