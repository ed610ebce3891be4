"""RET003: a return window shorter than the configured minimum (30 days by default)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.model import Listing

from .base import ReturnsCheck
from .policy import KNOWN, resolve


class ReturnWindowShort(ReturnsCheck):
    """What it checks:
        Listings that accept returns within fewer days than ``min_window_days`` (default 30),
        wherever the policy was found.

    Why it matters:
        eBay's Top Rated Plus seal and fee discount require "at least a 30-day money-back
        return policy"; Amazon sellers must match its 30-day policy; buyers read a 14-day
        window as a seller expecting problems.

    Bad:
        ``ReturnsWithinOption = Days_14``

    Good:
        ``ReturnsWithinOption = Days_30`` (or ``Days_60``).

    Source:
        shared/reference/marketplace-rules.md §3.1 (ReturnsWithinOption: "Top-Rated Plus
        requires a return period of 30 days or more" [OFFICIAL]), §3.2 (Amazon: within 30
        days of delivery [OFFICIAL]); eBay announcement "Effective May 1: Offer at least
        30-day returns to earn Top Rated Plus benefits" (community.ebay.com, 2016).
    """

    code = "RET003"
    severity = Severity.WARNING
    title = "Return window shorter than the minimum"
    # Top Rated Plus bar and Amazon's own window (marketplace-rules.md §3.1, §3.2).
    defaults: ClassVar[dict[str, Any]] = {"min_window_days": 30}

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        found = resolve(listing, ctx)
        terms = found.terms
        if found.status != KNOWN or terms is None or not terms.accepted:
            return
        minimum = int(ctx.settings(self, listing.marketplace)["min_window_days"])
        if terms.window_days is None or terms.window_days >= minimum:
            return
        yield self.finding(
            f"Return window is {terms.window_days} days, under {minimum} (per {found.source})",
            window_days=terms.window_days,
            min_window_days=minimum,
            policy_source=found.source,
        )
