"""RET001: an eBay listing file whose return policy is left empty."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.model import Listing

from .base import ReturnsCheck
from .policy import MISSING, resolve


class ReturnPolicyMissing(ReturnsCheck):
    """What it checks:
        eBay listing files (File Exchange / Seller Hub templates) whose return columns are
        there but empty: no ``ReturnsAcceptedOption`` and no return business-policy profile.

    Why it matters:
        "A return policy is required for auction and fixed-price listings in most categories.
        Sellers can choose not to accept returns, but they must still specify this policy
        clearly." An upload without one is refused, or the listing shows no policy to buyers.

    Bad:
        ``*ReturnsAcceptedOption`` empty, ``ReturnProfileName`` empty.

    Good:
        ``ReturnsAccepted``, ``Days_30``, ``MoneyBack``, ``Seller``; or a return profile name.

    Source:
        shared/reference/marketplace-rules.md §3.1 (eBay Trading API user guide, "specify
        return policy" [OFFICIAL]); export-formats.md §2.1 (the return columns).
    """

    code = "RET001"
    severity = Severity.ERROR
    title = "Return policy missing"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        if resolve(listing, ctx).status != MISSING:
            return
        yield self.finding(
            "No return policy: ReturnsAcceptedOption is empty and no return profile is named. "
            "eBay requires one (ReturnsAccepted or ReturnsNotAccepted) in most categories",
            ReturnsAcceptedOption="",
            ReturnProfileName="",
        )
