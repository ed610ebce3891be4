"""PHO017: a photo that could not be fetched or read, and why."""

from __future__ import annotations

from collections.abc import Iterable

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.images import PhotoFailure
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import MeasuredPhotoRule
from listingaudit_plugins.checks.photos.thresholds import Limit

#: Failures that buyers (and the marketplace) will hit too: a broken photo on a live listing.
_BROKEN = frozenset(
    {"not-found", "forbidden", "dns-failure", "refused", "not-an-image", "truncated", "corrupt",
     "missing-file", "compressed-body"}
)  # fmt: skip
#: The photo was simply not judged (a choice of this run, or a format not decoded).
_NOT_CHECKED = frozenset({"offline", "unsupported-format"})


class PhotoUnavailable(MeasuredPhotoRule):
    """A photo that could not be fetched or decoded, with the reason.

    What it checks
        Every photo that did not yield measurements: DNS failure, timeout, HTTP 404 or 403,
        refused by the URL policy (private or loopback address, wrong port or scheme, and
        why), not an image (an HTML page under a ``.jpg`` name), truncated or corrupt, more
        pixels than listingaudit opens, too large, or not checked because the run is offline.

    Why it matters
        A photo listingaudit cannot load is usually one the marketplace and buyers cannot load
        either: Google reports ``image_link_broken``, eBay shows an empty frame. An error for a
        broken photo, a warning for a transient fault, information when it was not checked.

    Bad
        ``https://cdn.example.com/old/mug.jpg`` answering HTTP 404.

    Good
        A URL that serves the JPEG it names.

    Source
        developers.google.com/shopping-content/guides/how-tos/severity-mapping
        (``image_link_broken``) [OFFICIAL].
    """

    code = "PHO017"
    title = "Photo unavailable"
    severity = Severity.WARNING
    per_channel = False

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        for photo, result in self.results(listing, ctx):
            if not isinstance(result, PhotoFailure):
                continue
            if result.reason in _NOT_CHECKED:
                severity, verb = Severity.INFO, "was not checked"
            else:
                severity = Severity.ERROR if result.reason in _BROKEN else Severity.WARNING
                verb = "is unavailable"
            yield self.photo_finding(
                photo,
                f"{verb} ({result.reason}): {result.detail}",
                severity=severity,
                reason=result.reason,
                detail=result.detail,
            )
