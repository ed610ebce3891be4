"""PHO015: a photo in a format the marketplace does not accept (WebP/HEIC on Amazon...)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.images import PhotoFailure, PhotoMeasures
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import MeasuredPhotoRule
from listingaudit_plugins.checks.photos.thresholds import Limit, label


class RefusedFormat(MeasuredPhotoRule):
    """A photo whose real format the marketplace refuses.

    What it checks
        The format read from the bytes (never the extension) against the marketplace's
        ``formats``, and animated GIFs where ``animated_gif`` is false. HEIC, AVIF and other
        formats listingaudit does not decode are recognised by their first bytes.

    Why it matters
        Amazon does not accept WebP or HEIC (the iPhone's default) or animated GIFs; eBay takes
        JPG, GIF, PNG, BMP and TIF; Google no HEIC. The upload or the feed item fails.

    Bad
        An iPhone ``IMG_0412.HEIC`` (or a WebP from a CDN) as an Amazon image.

    Good
        The same photo exported as JPEG.

    Source
        Amazon: mercatuslab; docs.fynd.com; changethisfile.com [THIRD-PARTY]. eBay:
        developer.ebay.com PictureFormatCodeType [OFFICIAL]. Google: support.google.com/
        merchants/answer/6324350 [OFFICIAL]. Shopify: pixfocal; dresma [THIRD-PARTY].
    """

    code = "PHO015"
    title = "Photo format refused by the marketplace"
    severity = Severity.ERROR
    defaults: ClassVar[dict[str, Any]] = {"formats": None, "animated_gif": True}

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        formats, animated = limits["formats"], limits["animated_gif"]
        for photo, result in self.results(listing, ctx):
            image_format = result.format
            if image_format is None or (
                isinstance(result, PhotoFailure) and result.reason != "unsupported-format"
            ):
                continue
            if formats.value is not None and image_format not in formats.value:
                yield self.photo_finding(
                    photo,
                    f"is {image_format}; {label(market)} accepts {', '.join(formats.value)}",
                    formats,
                    measured=image_format,
                )
            elif isinstance(result, PhotoMeasures) and result.animated and not animated.value:
                yield self.photo_finding(
                    photo,
                    f"is an animated GIF; {label(market)} does not accept animation",
                    animated,
                    measured="animated GIF",
                )
