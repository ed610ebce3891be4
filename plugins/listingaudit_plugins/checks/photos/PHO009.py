"""PHO009: a photo too dark, too bright, or with large clipped areas."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.images import PhotoMeasures
from listingaudit.model import Listing
from listingaudit_plugins.checks.photos.rule import MeasuredPhotoRule
from listingaudit_plugins.checks.photos.thresholds import Limit


class BadExposure(MeasuredPhotoRule):
    """A photo that is under- or over-exposed.

    What it checks
        From the luminance histogram. Without a white background, on the whole frame: the mean
        against ``min_mean_luminance`` and the shares of clipped shadows (≤ 8) and highlights
        (≥ 250) against ``max_dark_clipped`` and ``max_bright_clipped`` (a light grey backdrop
        has a high mean but nothing clipped, so the mean is not judged against a maximum
        there). On a white background only the product's pixels count: the white is the
        backdrop, not blown highlights, and a dark product is its colour, not under-exposure;
        there clipped shadows and a washed-out product (mean above ``max_mean_luminance``)
        are judged.

    Why it matters
        A dark photo hides the product and its flaws; a blown-out one loses its colour and
        texture. Both look careless next to the listings around them.

    Bad
        A lifestyle shot at half the right exposure (mean luminance ~60).

    Good
        The same shot exposed so the mean is above 70 with little clipping.

    Source
        listingaudit calibration on generated photos [UNVERIFIED as a marketplace rule]:
        correctly exposed scenes have a mean of 117–124 and nothing clipped; at ×0.55
        brightness 64–68, ×0.4 47–49, ×0.25 29–31 (flagged below 70); at ×2.0 20–26% of the
        frame clips white, ×2.5 39–53% (flagged above 25%). Products on white: 112–152 (a
        black product 32–39, a white one 222–229, hence no minimum and a maximum of 235 there).
    """

    code = "PHO009"
    title = "Badly exposed photo"
    severity = Severity.WARNING
    defaults: ClassVar[dict[str, Any]] = {
        "min_mean_luminance": 70.0,
        "max_mean_luminance": 235.0,
        "max_dark_clipped": 0.25,
        "max_bright_clipped": 0.25,
    }
    per_channel = False
    default_source = "listingaudit calibration (see `listingaudit rules PHO009`)"

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        for photo, result in self.results(listing, ctx):
            if not isinstance(result, PhotoMeasures):
                continue
            problems = self._problems(result, limits)
            if problems:
                _, key, measured = problems[0]
                yield self.photo_finding(
                    photo,
                    "is badly exposed: " + "; ".join(p[0] for p in problems),
                    limits[key],
                    measured=measured,
                    mean_luminance=result.mean_luminance,
                    dark_clipped=result.dark_clipped,
                    bright_clipped=result.bright_clipped,
                    region=result.region,
                )

    @staticmethod
    def _problems(m: PhotoMeasures, limits: dict[str, Limit]) -> list[tuple[str, str, float]]:
        """(words, setting, measured) for each limit the photo passes."""
        found: list[tuple[str, str, float]] = []
        if m.region == "product":
            where = "of the product"
            if m.mean_luminance > limits["max_mean_luminance"].value:
                words = f"washed out (mean luminance {m.mean_luminance:.0f} {where})"
                found.append((words, "max_mean_luminance", m.mean_luminance))
        else:
            where = "of the frame"
            if m.mean_luminance < limits["min_mean_luminance"].value:
                words = f"too dark (mean luminance {m.mean_luminance:.0f})"
                found.append((words, "min_mean_luminance", m.mean_luminance))
            if m.bright_clipped > limits["max_bright_clipped"].value:
                words = f"{m.bright_clipped:.0%} {where} is clipped white"
                found.append((words, "max_bright_clipped", m.bright_clipped))
        if m.dark_clipped > limits["max_dark_clipped"].value:
            words = f"{m.dark_clipped:.0%} {where} is clipped black"
            found.append((words, "max_dark_clipped", m.dark_clipped))
        return found
