"""IMP008: eBay photos mixing eBay-hosted and self-hosted URLs in one listing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing

#: ``http(s)://host[:port]`` then a path, query, fragment or nothing: most photo URLs, whose
#: host this reads several times faster than ``urlsplit`` (any other URL goes to urlsplit).
_PLAIN_WEB_URL = re.compile(r"(?i)https?://([a-z0-9.-]+)(?::[0-9]*)?(?=[/?#]|\Z)")


def _web_host(url: str) -> str | None:
    """The lower-cased host of an http(s) URL, else ``None``."""
    plain = _PLAIN_WEB_URL.match(url)
    if plain:
        return plain.group(1).lower()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname.lower()


class EbayMixedPhotoHosting(Check):
    """eBay-hosted and self-hosted photos mixed in one listing.

    What it checks:
        eBay listings whose ``PicURL`` holds both eBay Picture Services URLs (hosts ending in
        ``ebay_hosts``, by default ``ebayimg.com``) and web URLs on any other host.

    Why it matters:
        eBay rejects a listing that mixes its own hosted pictures with self-hosted ones (upload
        error 20004), so the whole row fails. Upload every photo to eBay, or host them all
        yourself.

    Bad:
        ``https://i.ebayimg.com/images/g/c~oAAeSw4QFpPckz/s-l1600.jpg|https://example.com/2.jpg``

    Good:
        ``https://lh3.googleusercontent.com/d/a|https://lh3.googleusercontent.com/d/b``

    Source:
        export-formats.md §2.1: "The ebayscout author's notes say not to mix eBay-hosted (EPS,
        ``i.ebayimg.com``) URLs with self-hosted ones (error ``20004``)" ([THIRD-PARTY]).
    """

    code = "IMP008"
    family = "readiness"
    severity = Severity.ERROR
    title = "eBay-hosted and self-hosted photos mixed"
    defaults: ClassVar[dict[str, Any]] = {"ebay_hosts": ["ebayimg.com"]}

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        if listing.marketplace != "ebay":
            return
        suffixes = tuple(ctx.settings(self, listing.marketplace)["ebay_hosts"])
        ebay: list[str] = []
        own: list[str] = []
        for photo in listing.photos:
            host = _web_host(photo.ref.strip())
            if host is None:
                continue
            hosted = any(host == s or host.endswith("." + s) for s in suffixes)
            (ebay if hosted else own).append(photo.ref)
        if ebay and own:
            yield self.finding(
                f"{len(ebay)} eBay-hosted and {len(own)} self-hosted photo(s) in one listing, "
                f"e.g. {own[0]}",
                ebay_hosted=ebay,
                self_hosted=own,
            )
