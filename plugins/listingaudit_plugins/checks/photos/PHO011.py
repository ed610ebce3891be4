"""PHO011: the product fills too little of the main photo."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.images import PhotoMeasures
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import MeasuredPhotoRule, is_main
from listingaudit_plugins.checks.photos.thresholds import Limit, label


class ProductTooSmallInFrame(MeasuredPhotoRule):
    """The product is small in the main photo, lost in the background.

    What it checks
        On a main photo with a white background: the product's bounding box (rows and columns
        that are not white) on its longer side, as a share of the frame's same side, against
        ``min_product_fill`` (Amazon 85%, Google 75%). Measured on the longer side so a tall
        bottle in a square frame is judged by its height, not by its area.

    Why it matters
        Amazon requires the product to fill 85% of the frame; a small product becomes a speck
        in search thumbnails, next to competitors that fill theirs.

    Bad
        A mug spanning 50% of a 2000×2000 px white frame.

    Good
        The same mug cropped so it spans 90% of the frame.

    Source
        Amazon: "The product must fill 85% of the image frame": quickpixel.co; mercatuslab;
        editthispic; docs.fynd.com [THIRD-PARTY]. Google: 75–90% (Google Ads community Top
        Contributor answer) [THIRD-PARTY].
    """

    code = "PHO011"
    title = "Product too small in the main photo"
    severity = Severity.WARNING
    defaults: ClassVar[dict[str, Any]] = {"min_product_fill": None}

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        limit = limits["min_product_fill"]
        if limit.value is None:
            return
        for photo, result in self.results(listing, ctx):
            if not isinstance(result, PhotoMeasures) or not is_main(listing, photo):
                continue
            if result.region == "product" and result.product_fill < limit.value:
                yield self.photo_finding(
                    photo,
                    f"is the main photo and the product spans {result.product_fill:.0%} of the "
                    f"frame; {label(market)} expects {limit.value:.0%}",
                    limit,
                    measured=result.product_fill,
                    product_area=result.product_area,
                )
