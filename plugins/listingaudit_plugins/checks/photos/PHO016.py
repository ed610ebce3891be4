"""PHO016: a self-hosted photo URL on plain http where the marketplace requires https."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar
from urllib.parse import urlsplit

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import PhotoRule
from listingaudit_plugins.checks.photos.thresholds import Limit, label


class InsecurePhotoURL(PhotoRule):
    """A photo URL that starts with ``http://`` where https is required.

    What it checks
        Each photo ref whose scheme is ``http``, on a marketplace whose data file sets
        ``require_https`` (eBay).

    Why it matters
        eBay requires self-hosted picture URLs to be https; an http one may not show, and a
        revise or relist can fail. Browsers also block or flag mixed content.

    Bad
        ``PicURL`` = ``http://photos.example-shop.com/mug.jpg``

    Good
        ``PicURL`` = ``https://photos.example-shop.com/mug.jpg``

    Source
        entwickler.ebay.de KB 1240 [OFFICIAL]; developer.ebay.com pictures-intro [OFFICIAL].
    """

    code = "PHO016"
    title = "Photo URL is not https"
    severity = Severity.ERROR
    defaults: ClassVar[dict[str, Any]] = {"require_https": False}

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        required = limits["require_https"]
        if not required.value:
            return
        for photo in listing.photos:
            if urlsplit(photo.ref.strip()).scheme.lower() == "http":
                yield self.photo_finding(
                    photo,
                    f"is served over http://; {label(market)} requires https for self-hosted "
                    "photos",
                    required,
                    measured="http",
                )
