"""PHO012: a blank or placeholder photo (nearly one flat colour)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.images import PhotoMeasures
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import MeasuredPhotoRule
from listingaudit_plugins.checks.photos.thresholds import Limit


class PlaceholderPhoto(MeasuredPhotoRule):
    """A photo that is blank, a "no image" placeholder, or nearly empty.

    What it checks
        The share of pixels within 8 levels of the most common luminance against
        ``max_uniformity`` (0.99): a flat card with a small icon or caption, a blank frame, or a
        product so small it is a speck.

    Why it matters
        eBay forbids "placeholder images used to convey messages"; Google disapproves
        placeholder and generic images. A buyer sees no product at all.

    Bad
        A grey "NO IMAGE" card (99.7% of pixels one grey).

    Good
        A photo of the product (a product on white spanning half the frame: 76–87%).

    Source
        ebay.com/help/policies/listing-policies/picture-policy?id=4370 [OFFICIAL]; gmccheck.com
        [THIRD-PARTY]. The 0.99 threshold is listingaudit's calibration on generated photos: a
        "no image" card 0.997; a product spanning 10% of a white frame 0.991–0.994 (nearly
        empty: reported), 15% 0.978–0.987, 20% 0.962–0.979.
    """

    code = "PHO012"
    title = "Blank or placeholder photo"
    severity = Severity.ERROR
    defaults: ClassVar[dict[str, Any]] = {"max_uniformity": 0.99}
    per_channel = False
    default_source = "listingaudit calibration: placeholder 0.997, product spanning 15% ≤ 0.987"

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        limit = limits["max_uniformity"]
        for photo, result in self.results(listing, ctx):
            if isinstance(result, PhotoMeasures) and result.uniformity >= limit.value:
                yield self.photo_finding(
                    photo,
                    f"is nearly one flat colour ({result.uniformity:.1%} of pixels): a blank, "
                    "placeholder or nearly empty photo",
                    limit,
                    measured=result.uniformity,
                )
