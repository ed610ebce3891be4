"""PHO002: fewer photos than the marketplace's minimum, or than a used item deserves."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.conditions import kind
from listingaudit.conditions import label as condition_label
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import PhotoRule
from listingaudit_plugins.checks.photos.thresholds import Limit, label

#: Conditions whose wear a buyer needs to see.
_SHOWS_WEAR = frozenset({"used", "for_parts", "refurbished", "collectible"})


class TooFewPhotos(PhotoRule):
    """Fewer photos than the marketplace's minimum, or too few for a used item.

    What it checks
        The number of photos against the marketplace's ``min_photos`` (an error), and, for
        used, refurbished, collectible and for-parts items, against ``recommended_photos_used``
        (a warning; 4 by default: front, back, label or maker's mark, and the flaws).

    Why it matters
        A used item sold on one photo hides its condition: eBay asks sellers to "include
        pictures of any flaws so that buyers can see what they are getting", and Amazon
        recommends "uploading images that demonstrate the condition". Photos that show the
        flaws are what protects the seller in a "not as described" dispute.

    Bad
        A ``USED_GOOD`` camera with a single front shot.

    Good
        The same camera with front, back, lens and a close-up of the scuffed corner.

    Source
        ebay.in/pages/help/policies/picture.html [OFFICIAL]; sellercentral.amazon.co.jp/gp/help/
        external/200339950 [OFFICIAL]. The count of 4 is listingaudit's default [UNVERIFIED]:
        no marketplace publishes a number; set ``[rules.PHO002] recommended_photos_used``.
    """

    code = "PHO002"
    title = "Too few photos"
    severity = Severity.WARNING
    defaults: ClassVar[dict[str, Any]] = {"min_photos": 1, "recommended_photos_used": 4}

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        count = len(listing.photos)
        if count == 0:  # PHO001's finding
            return
        minimum = limits["min_photos"]
        if count < minimum.value:
            yield self.finding(
                f"{count} photo(s); {label(market)} requires at least {minimum.value}",
                severity=Severity.ERROR,
                measured=count,
                threshold=minimum.value,
                source=minimum.source,
            )
            return
        condition = listing.condition
        recommended = limits["recommended_photos_used"]
        if market != listing.marketplace or condition is None:
            return
        if kind(condition.code) in _SHOWS_WEAR and count < recommended.value:
            yield self.finding(
                f"{count} photo(s) for a {condition_label(condition.code)} item; show at least "
                f"{recommended.value} (front, back, label and every flaw)",
                measured=count,
                threshold=recommended.value,
                source=recommended.source,
                condition=condition.code,
            )
