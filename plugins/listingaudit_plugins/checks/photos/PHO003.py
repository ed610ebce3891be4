"""PHO003: more photos than the marketplace shows (per listing, or per variation)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, ClassVar

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import PhotoRule
from listingaudit_plugins.checks.photos.thresholds import Limit, label


class TooManyPhotos(PhotoRule):
    """More photos than the marketplace accepts.

    What it checks
        The number of photos against ``max_photos`` (eBay 24, Amazon 9, Shopify 250), and the
        photos of each variation against ``max_photos_per_variant`` (eBay 12).

    Why it matters
        Photos past the limit are dropped on upload or rejected with the listing; the seller
        believes buyers see a photo they never do (often the close-up of a flaw, added last).

    Bad
        An Amazon listing with 11 image URLs (main + 10 others).

    Good
        The same listing with the main image and the 8 most useful others.

    Source
        eBay: developer.ebay.com Trading user guide, pictures [OFFICIAL]. Amazon: mercatuslab;
        picovert; editthispic [THIRD-PARTY]. Shopify: isopeel; pixfocal [THIRD-PARTY]. The
        values live in each data file's ``max_photos`` and ``max_photos_per_variant``.
    """

    code = "PHO003"
    title = "Too many photos"
    severity = Severity.WARNING
    defaults: ClassVar[dict[str, Any]] = {"max_photos": None, "max_photos_per_variant": None}

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        count = len(listing.photos)
        maximum = limits["max_photos"]
        if maximum.value is not None and count > maximum.value:
            yield self.finding(
                f"{count} photos; {label(market)} shows at most {maximum.value}, the last "
                f"{count - maximum.value} will not be seen",
                measured=count,
                threshold=maximum.value,
                source=maximum.source,
            )
        per_variant = limits["max_photos_per_variant"]
        if per_variant.value is None:
            return
        counts = Counter(p.variant_sku for p in listing.photos if p.variant_sku)
        for sku, number in sorted(counts.items()):
            if number > per_variant.value:
                yield self.finding(
                    f"variation {sku} has {number} photos; {label(market)} shows at most "
                    f"{per_variant.value} per variation",
                    measured=number,
                    threshold=per_variant.value,
                    source=per_variant.source,
                    variant_sku=sku,
                )
