"""PHO006: a photo above the marketplace's maximum size (pixels, megapixels or bytes)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.images import PhotoMeasures
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import MeasuredPhotoRule
from listingaudit_plugins.checks.photos.thresholds import Limit, label


class PhotoTooLarge(MeasuredPhotoRule):
    """A photo larger than the marketplace accepts.

    What it checks
        Each photo against ``max_long_side`` (Amazon 10,000 px), ``max_megapixels`` (Shopify
        20 MP, Google 64 MP) and ``max_bytes`` (Shopify 20 MB, Google 16 MB).

    Why it matters
        An oversize photo is refused on upload or by the feed, so the listing goes live
        without it (or not at all); huge files also slow every page that shows them.

    Bad
        A 6000×4000 px (24 MP) camera original uploaded to Shopify.

    Good
        The same photo resized to 4000×2667 px (10.7 MP), 3 MB.

    Source
        Amazon: mercatuslab; amalytix.com; docs.fynd.com [THIRD-PARTY]. Shopify: pixfocal;
        getpixly.app; dresma.com [THIRD-PARTY]. Google: support.google.com/merchants/answer/
        6324350 [OFFICIAL].
    """

    code = "PHO006"
    title = "Photo above the maximum size"
    severity = Severity.ERROR
    defaults: ClassVar[dict[str, Any]] = {
        "max_long_side": None,
        "max_megapixels": None,
        "max_bytes": None,
    }

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        for photo, result in self.results(listing, ctx):
            if not isinstance(result, PhotoMeasures):
                continue
            checks = (
                ("max_long_side", result.long_side),
                ("max_megapixels", result.megapixels),
                ("max_bytes", result.bytes),
            )
            for key, measured in checks:
                limit = limits[key]
                if limit.value is not None and measured > limit.value:
                    yield self.photo_finding(
                        photo,
                        f"is {_measured(key, measured)}; {label(market)} accepts at most "
                        f"{_shown(key, limit.value)}",
                        limit,
                        measured=measured,
                    )


def _measured(key: str, value: float) -> str:
    """The photo's size as a message shows it (worded only for a finding, not every photo)."""
    if key == "max_bytes":
        return f"{value / 1e6:.1f} MB"
    return f"{value:.1f} MP" if key == "max_megapixels" else f"{value} px on its longest side"


def _shown(key: str, value: float) -> str:
    if key == "max_bytes":
        return f"{value / 1e6:g} MB"
    return f"{value:g} MP" if key == "max_megapixels" else f"{value:g} px"
