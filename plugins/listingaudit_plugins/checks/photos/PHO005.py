"""PHO005: a photo below the marketplace's recommended size (zoom, sharp thumbnails)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.images import PhotoMeasures
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import MeasuredPhotoRule, is_main, side_below
from listingaudit_plugins.checks.photos.thresholds import Limit, label


class PhotoBelowRecommended(MeasuredPhotoRule):
    """A photo accepted, but smaller than the marketplace recommends.

    What it checks
        Each photo's size against ``recommended_long_side`` (Amazon 1000 px, where zoom starts;
        eBay ~1600 px; Shopify 2048 px) or ``recommended_short_side`` (Google 1500 px). A
        warning on the main photo, information on the others.

    Why it matters
        Below 1000 px Amazon turns off zoom (and suppresses some shoe listings); themes and
        marketplaces upscale small photos, which then look soft on large screens.

    Bad
        An 800×800 px main photo on Amazon: no zoom.

    Good
        A 2000×2000 px main photo.

    Source
        Amazon: mercatuslab; quickpixel; channeladvisor.com (2014) [THIRD-PARTY]. eBay:
        usepixora.com [THIRD-PARTY]. Shopify: isopeel; pixfocal [THIRD-PARTY]. Google:
        support.google.com/merchants/answer/6324350 [OFFICIAL].
    """

    code = "PHO005"
    title = "Photo below the recommended size"
    severity = Severity.INFO
    defaults: ClassVar[dict[str, Any]] = {
        "recommended_long_side": None,
        "recommended_short_side": None,
    }

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        for photo, result in self.results(listing, ctx):
            if not isinstance(result, PhotoMeasures):
                continue
            below = side_below(
                result, limits["recommended_long_side"], limits["recommended_short_side"]
            )
            if below is None:
                continue
            limit, which, side = below
            main = is_main(listing, photo)
            yield self.photo_finding(
                photo,
                f"is {result.width}×{result.height} px; {label(market)} recommends "
                f"{limit.value} px on the {which} side",
                limit,
                severity=Severity.WARNING if main else None,
                measured=side,
                main=main,
            )
