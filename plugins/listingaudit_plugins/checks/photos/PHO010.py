"""PHO010: the main photo's background is not white where the marketplace requires it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.images import PhotoMeasures
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import MeasuredPhotoRule, is_main
from listingaudit_plugins.checks.photos.thresholds import Limit, label


class MainBackgroundNotWhite(MeasuredPhotoRule):
    """The main photo is not on a pure white background.

    What it checks
        On the main photo: the share of the border strip (3% of the shorter side, all round)
        whose pixels have min(R,G,B) ≥ 250, against ``min_border_white``; and, where
        ``corners_white`` is set, that the four corner pixels are exactly 255,255,255. Amazon
        sets both; other marketplaces can opt in with ``[rules.PHO010.<marketplace>]``.

    Why it matters
        Amazon requires the main image on pure white and checks corner pixels automatically; a
        failure suppresses the listing from search until it is fixed (24–48 h after).

    Bad
        A main photo on a light grey sweep (RGB 236,236,236), or with a drop shadow reaching
        the corners.

    Good
        The product cut out on RGB 255,255,255 with white all the way to the edges.

    Source
        quickpixel.co; mercatuslab.com; editthispic.com (pure white) [THIRD-PARTY]; jpg.now;
        get.codisto.help (corner check, suppression) [THIRD-PARTY].
    """

    code = "PHO010"
    title = "Main photo background not white"
    severity = Severity.ERROR
    defaults: ClassVar[dict[str, Any]] = {"min_border_white": None, "corners_white": False}

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        border, corners = limits["min_border_white"], limits["corners_white"]
        for photo, result in self.results(listing, ctx):
            if not isinstance(result, PhotoMeasures) or not is_main(listing, photo):
                continue
            if border.value is not None and result.border_white < border.value:
                yield self.photo_finding(
                    photo,
                    f"is the main photo and its background is not white: "
                    f"{result.border_white:.0%} of the border is white, {label(market)} "
                    f"expects {border.value:.0%}",
                    border,
                    measured=result.border_white,
                )
            elif corners.value and result.corner_min < 255:
                yield self.photo_finding(
                    photo,
                    f"is the main photo and its corners are not pure white (darkest channel "
                    f"{result.corner_min}); {label(market)}'s automated check reads them",
                    corners,
                    measured=result.corner_min,
                    threshold=255,
                )
