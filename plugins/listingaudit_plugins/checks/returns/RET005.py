"""RET005: the return policy could not be verified from what the audit was given."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.model import Listing

from .base import ReturnsCheck
from .policy import UNVERIFIED, resolve


class ReturnPolicyUnverified(ReturnsCheck):
    """What it checks:
        Listings whose return policy is not in the audited data, so no other returns rule
        could judge it: an eBay business-policy profile the user has not resolved ("policy by
        reference, not checked"); an eBay report that has no return columns; Amazon and
        Shopify, which keep the policy at account or store level, when it is not declared in
        ``[returns.store]`` and (Shopify) the store's refund-policy page was not named or
        could not be read. The finding says which, and how to supply it.

    Why it matters:
        An audit that says nothing about returns would look like a pass. Saying "not
        verified" keeps the report honest and tells the seller what to add.

    Bad:
        An eBay upload with ``ReturnProfileName = "Returns 30d"`` and no policies file; a
        Shopify export audited without ``--shop``.

    Good:
        ``[returns] policies_file = "ebay-policies.json"``; ``[returns.store.shopify]
        accepted = true, window_days = 30``; or ``--shop https://example.com``.

    Source:
        shared/reference/export-formats.md §5 ("where only a policy or template name is
        present, report 'policy by reference'"; return policy on Amazon and Shopify is not
        listing data); marketplace-rules.md §3.2-§3.3.
    """

    code = "RET005"
    severity = Severity.INFO
    title = "Return policy could not be verified"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        found = resolve(listing, ctx)
        if found.status != UNVERIFIED:
            return
        yield self.finding(
            f"Return policy could not be verified: {found.source}",
            reason=found.reason,
        )
