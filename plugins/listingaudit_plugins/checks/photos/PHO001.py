"""PHO001: the listing has no photo at all."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import PhotoRule
from listingaudit_plugins.checks.photos.thresholds import Limit, label


class NoPhoto(PhotoRule):
    """The listing names no photo.

    What it checks
        That the listing has at least one photo (URL, ``file://`` URL or local path).

    Why it matters
        eBay requires at least one photo and Amazon a main image; Google Merchant Center
        disapproves an item without ``image_link``. Where a photo is optional (Shopify), a
        product without one is still the first one a shopper skips. An error where the
        marketplace requires a photo, a warning elsewhere.

    Bad
        An eBay File Exchange row whose ``PicURL`` cell is empty.

    Good
        ``PicURL`` = ``https://cdn.example.com/mug-front.jpg``

    Source
        ebay.com/help/policies/listing-policies/picture-policy?id=4370 [OFFICIAL]; Amazon
        main-image requirement [THIRD-PARTY]; the ``min_photos`` value of each data file.
    """

    code = "PHO001"
    title = "Listing has no photo"
    severity = Severity.ERROR
    defaults: ClassVar[dict[str, Any]] = {"min_photos": 1}
    per_channel = False

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        if listing.photos:
            return
        needed = limits["min_photos"]
        required = bool(needed.value)
        yield self.finding(
            f"no photo; {label(market)} "
            + ("requires at least one" if required else "does not require one, but buyers do"),
            severity=None if required else Severity.WARNING,
            measured=0,
            threshold=needed.value,
            source=needed.source,
        )
