"""PHO014: a photo whose real format differs from its file extension or Content-Type."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.images import PhotoMeasures
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import MeasuredPhotoRule
from listingaudit_plugins.checks.photos.thresholds import Limit

EXTENSIONS = {
    "jpg": "JPEG", "jpeg": "JPEG", "jpe": "JPEG", "jfif": "JPEG", "png": "PNG", "gif": "GIF",
    "webp": "WEBP", "tif": "TIFF", "tiff": "TIFF", "bmp": "BMP", "heic": "HEIC",
    "heif": "HEIF", "avif": "AVIF",
}  # fmt: skip
MEDIA_TYPES = {
    "image/jpeg": "JPEG", "image/jpg": "JPEG", "image/pjpeg": "JPEG", "image/png": "PNG",
    "image/gif": "GIF", "image/webp": "WEBP", "image/tiff": "TIFF", "image/bmp": "BMP",
    "image/x-ms-bmp": "BMP", "image/heic": "HEIC", "image/heif": "HEIF", "image/avif": "AVIF",
}  # fmt: skip
#: Content-Types that claim nothing about the format.
_GENERIC = {"", "application/octet-stream", "binary/octet-stream"}


def extension_format(ref: str) -> str | None:
    """The format a ref's file extension claims (``None`` without a known extension)."""
    path = unquote(urlsplit(ref).path) if "://" in ref else ref.replace("\\", "/")
    suffix = PurePosixPath(path).suffix.lower().lstrip(".")
    return EXTENSIONS.get(suffix)


class FormatMismatch(MeasuredPhotoRule):
    """The file's real format is not the one its name or its server claims.

    What it checks
        The format read from the bytes against the ref's extension (``.jpg``, ``.png``…) and
        the ``Content-Type`` the server sent (a generic ``application/octet-stream`` claims
        nothing).

    Why it matters
        Google Merchant Center disapproves an image whose extension does not match its real
        format ("unsupported image type"); other importers reject or mis-decode it; a web page
        served under a ``.jpg`` name is not a photo at all.

    Bad
        ``mug.jpg`` that is really a PNG; a JPEG served as ``text/html``.

    Good
        ``mug.png`` that is a PNG, served as ``image/png``.

    Source
        support.google.com/merchants/answer/6324350: "the extension must match the real
        format" [OFFICIAL].
    """

    code = "PHO014"
    title = "Photo format does not match its name or Content-Type"
    severity = Severity.WARNING
    per_channel = False
    default_source = "Google Merchant Center: support.google.com/merchants/answer/6324350"

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        for photo, result in self.results(listing, ctx):
            if not isinstance(result, PhotoMeasures):
                continue
            claims = []
            by_name = extension_format(photo.ref)
            if by_name and by_name != result.format:
                claims.append(f"its name says {by_name}")
            media_type = (result.content_type or "").split(";")[0].strip().lower()
            by_server = MEDIA_TYPES.get(media_type, media_type)
            if media_type not in _GENERIC and by_server != result.format:
                claims.append(f"the server says {result.content_type}")
            if claims:
                yield self.photo_finding(
                    photo,
                    f"is really {result.format}, but " + " and ".join(claims),
                    measured=result.format,
                    extension=by_name,
                    content_type=result.content_type,
                    source=self.default_source,
                )
