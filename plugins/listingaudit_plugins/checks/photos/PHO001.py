"""PHO001: the listing has no photo at all."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.model import Listing
from listingaudit.tabular import normalize_header
from listingaudit_plugins.checks.photos.rule import PhotoRule
from listingaudit_plugins.checks.photos.thresholds import Limit, label

#: Columns that hold photos in the formats that carry them (export-formats.md §5). Amazon's
#: listings-report ``image-url`` is left out on purpose: it is empty in real reports, which
#: "cannot support a photo audit" (§3.1), and the eBay active-listings report has none at all.
PHOTO_COLUMNS = frozenset(
    {
        "image src", "product image url", "variant image", "variant image url", "picurl",
        "item photo url", "main_image_url", "other_image_url1", "swatch_image_url",
    }
)  # fmt: skip


def carries_photos(listing: Listing) -> bool:
    """Whether the listing's file has a photo column (assumed when its header is unknown)."""
    columns = listing.source.columns
    return not columns or any(normalize_header(c) in PHOTO_COLUMNS for c in columns)


class NoPhoto(PhotoRule):
    """The listing names no photo.

    What it checks
        That the listing has at least one photo (URL, ``file://`` URL or local path).

    Why it matters
        eBay requires at least one photo and Amazon a main image; Google Merchant Center
        disapproves an item without ``image_link``. Where a photo is optional (Shopify), a
        product without one is still the first one a shopper skips. An error where the
        marketplace requires a photo, a warning elsewhere.

    A file whose format carries no photos at all (the eBay active-listings report, Amazon's
    listings reports) gets one info finding saying photos were not checked, not an error.

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
        if not carries_photos(listing):
            yield self.finding(
                f"not checked: this file ({listing.source.format or 'export'}) carries no "
                "photos; audit a listing file (an upload, template or flat file) to judge them",
                severity=Severity.INFO,
                format=listing.source.format,
            )
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
