"""PHO007: a photo with an extreme aspect ratio."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.images import PhotoMeasures
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import MeasuredPhotoRule
from listingaudit_plugins.checks.photos.thresholds import Limit


class ExtremeAspectRatio(MeasuredPhotoRule):
    """A photo much wider than tall, or much taller than wide.

    What it checks
        The ratio of the longest to the shortest side against ``max_aspect_ratio`` (3:1).

    Why it matters
        Marketplaces and themes show photos in square (or near-square) frames: a 4:1 banner
        is shrunk to a strip or cropped, and the product with it. Shopify recommends square
        photos; Etsy crops thumbnails to a square.

    Bad
        A 2400×500 px panorama of a shelf of mugs.

    Good
        A 2000×2000 px photo of one mug.

    Source
        Square recommended: isopeel.com; pixfocal.com (Shopify) [THIRD-PARTY]. The 3:1 limit
        is listingaudit's default [UNVERIFIED]: no marketplace publishes one.
    """

    code = "PHO007"
    title = "Extreme aspect ratio"
    severity = Severity.WARNING
    defaults: ClassVar[dict[str, Any]] = {"max_aspect_ratio": 3.0}
    per_channel = False

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        limit = limits["max_aspect_ratio"]
        for photo, result in self.results(listing, ctx):
            if not isinstance(result, PhotoMeasures) or result.short_side == 0:
                continue
            ratio = result.long_side / result.short_side
            if ratio > limit.value:
                yield self.photo_finding(
                    photo,
                    f"is {result.width}×{result.height} px ({ratio:.1f}:1); more than "
                    f"{limit.value:g}:1 is cropped or shrunk in square frames",
                    limit,
                    measured=round(ratio, 2),
                )
