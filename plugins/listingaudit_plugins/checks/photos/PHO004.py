"""PHO004: a photo below the marketplace's hard minimum size."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.images import PhotoMeasures
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import MeasuredPhotoRule, is_main, side_below
from listingaudit_plugins.checks.photos.thresholds import Limit, label


class PhotoTooSmall(MeasuredPhotoRule):
    """A photo smaller than the marketplace accepts.

    What it checks
        The pixel size read from each photo's header against ``min_long_side`` (eBay and
        Amazon: 500 px on the longest side) and ``min_short_side`` (Google: 100 px today,
        500 px from 31 Jan 2027, as both sides must reach it). An error on the main photo,
        a warning on the others.

    Why it matters
        eBay refuses pictures under 500 px; Amazon does not accept them; Google disapproves
        the item ("Image too small"). The main photo is the one search results show.

    Bad
        A 400×300 px main photo on eBay.

    Good
        A 1600×1600 px main photo.

    Source
        ebay.com/help/policies/listing-policies/picture-policy?id=4370 [OFFICIAL]; Amazon:
        mercatuslab; docs.fynd.com [THIRD-PARTY]; support.google.com/merchants/answer/6324350
        [OFFICIAL] (500×500 from 2027). Values: ``min_long_side`` / ``min_short_side``.
    """

    code = "PHO004"
    title = "Photo below the minimum size"
    severity = Severity.ERROR
    defaults: ClassVar[dict[str, Any]] = {"min_long_side": None, "min_short_side": None}

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        for photo, result in self.results(listing, ctx):
            if not isinstance(result, PhotoMeasures):
                continue
            below = side_below(result, limits["min_long_side"], limits["min_short_side"])
            if below is None:
                continue
            limit, which, side = below
            main = is_main(listing, photo)
            yield self.photo_finding(
                photo,
                f"is {result.width}×{result.height} px; {label(market)} needs at least "
                f"{limit.value} px on the {which} side",
                limit,
                severity=None if main else Severity.WARNING,
                measured=side,
                main=main,
            )
