"""PHO014: a photo whose real format differs from its file extension or Content-Type."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
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


#: An http(s) URL whose path ``urlsplit`` returns as written, so the URL need not be split: a
#: lower-case scheme, an ASCII host without brackets (which ``urlsplit`` checks), and no query,
#: fragment, tab or line break anywhere (which it cuts off or removes).
_PLAIN_URL = re.compile(r"https?://[^/?#\[\]\t\r\n\x80-\U0010ffff]*(/[^?#\t\r\n]*)")


def extension_format(ref: str) -> str | None:
    """The format a ref's file extension claims (``None`` without a known extension)."""
    plain = _PLAIN_URL.fullmatch(ref)
    if plain is not None:  # most photo URLs; ``urlsplit`` would give the same path
        path = unquote(plain.group(1))
    elif "://" in ref:
        path = unquote(urlsplit(ref).path)
    else:
        path = ref.replace("\\", "/")
    return EXTENSIONS.get(suffix(path).lower().lstrip("."))


@lru_cache(maxsize=256)
def server_format(content_type: str | None) -> str | None:
    """The format a ``Content-Type`` claims (``None``: a generic type claims nothing).
    Remembered: a catalog's photos come with a handful of distinct types."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    return None if media_type in _GENERIC else MEDIA_TYPES.get(media_type, media_type)


def suffix(path: str) -> str:
    """``PurePosixPath(path).suffix``, without building the path (most of this rule's time).

    The name is the last part once empty and ``.`` parts are dropped (``a/b.jpg/.`` names
    ``b.jpg``); its suffix starts at its last dot, unless that dot starts or ends the name.
    """
    for part in reversed(path.split("/")):
        if part and part != ".":
            dot = part.rfind(".")
            return part[dot:] if 0 < dot < len(part) - 1 else ""
    return ""


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
            by_server = server_format(result.content_type)
            if by_server is not None and by_server != result.format:
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
