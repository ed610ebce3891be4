"""What every photo rule shares: thresholds with their sources, channels, and photo results.

A rule's threshold comes, in order of precedence, from configuration (``[rules.CODE]`` and
``[rules.CODE.<marketplace>]``, through ``ctx.settings``), from the marketplace's data file, or
from the rule's ``defaults``; each finding cites the one it used. A listing is judged for its own
marketplace and, for rules with marketplace thresholds, for each channel it also feeds
(``[photos.channels]``, e.g. ``shopify = ["google"]``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any, ClassVar

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.images import PhotoMeasures, PhotoResult, photo_service
from listingaudit.model import Listing, Photo
from listingaudit_plugins.checks.photos.thresholds import Limit, marketplace_limits

#: Longest ref shown in a message; the full ref is always in the evidence.
_SHOWN_REF = 90
#: The markets a listing is judged as, each with the rule's limits there.
Plan = list[tuple[str, dict[str, Limit]]]


def base_dir(listing: Listing) -> str:
    """The folder that local photo paths of ``listing`` are relative to: its export's folder."""
    return _folder(listing.source.file)


@lru_cache(maxsize=1024)
def _folder(file: str) -> str:
    """Remembered by file name: every measured rule asks for every photo of every listing, and
    a run names few export files."""
    return str(Path(file).parent)


def describe(photo: Photo) -> str:
    """``photo 2 (https://…/back.jpg)``: how a message names a photo."""
    ref = photo.ref
    if len(ref) > _SHOWN_REF:
        ref = f"{ref[: _SHOWN_REF // 2 - 1]}…{ref[-_SHOWN_REF // 2 :]}"
    return f"photo {photo.position} ({ref})"


def side_below(
    measures: PhotoMeasures, longest: Limit, shortest: Limit
) -> tuple[Limit, str, int] | None:
    """The first side of the photo under its limit: (limit, "longest"/"shortest", pixels)."""
    for limit, which, side in (
        (longest, "longest", measures.long_side),
        (shortest, "shortest", measures.short_side),
    ):
        if limit.value is not None and side < limit.value:
            return limit, which, side
    return None


def is_main(listing: Listing, photo: Photo) -> bool:
    photos = listing.photos
    if len(photos) == 1:  # the usual case: no lowest position to look for
        return photo.position == photos[0].position
    return photo.position == min(p.position for p in photos)


class PhotoRule(Check):
    """Base of the photo rules: subclasses implement ``judge`` for one marketplace."""

    abstract = True
    family = "photos"
    #: Cited for a ``defaults`` value that neither a data file nor configuration replaced.
    default_source: ClassVar[str] = "listingaudit default"
    #: True when the rule's thresholds differ by marketplace, so each channel is judged too.
    per_channel: ClassVar[bool] = True

    #: The run (context) the plans are for, and its plans by marketplace (see ``plan``).
    _plans: tuple[CheckContext, dict[str, Plan]] | None = None

    def check(self, listing: Listing, ctx: CheckContext) -> Iterable[Finding]:
        plan = self.plan(listing.marketplace, ctx)
        if len(plan) == 1:  # one market, the usual case: its findings need no chaining
            market, limits = plan[0]
            return self.judge(listing, market, limits, ctx)
        return chain.from_iterable(self.judge(listing, m, limits, ctx) for m, limits in plan)

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        """The findings for ``listing`` judged as ``market``; ``limits`` is shared by every
        listing of the run: read it, never change it."""
        raise NotImplementedError

    def plan(self, marketplace: str, ctx: CheckContext) -> Plan:
        """Each market a listing of ``marketplace`` is judged as, with its limits.

        Worked out once per marketplace and run: they depend only on the configuration and
        the date, and working them out again for every listing cost more than judging it. A
        check instance may serve several runs, even at once (a worker process keeps its
        checks, a Dask worker runs batches in threads), so the plans are kept with the context
        they are for, and read through one local reference. (Not in ``__init__``: a check that
        defines one stays in the audit's process.)
        """
        kept = self._plans
        if kept is None or kept[0] is not ctx:
            kept = self._plans = (ctx, {})
        plans = kept[1]
        found = plans.get(marketplace)
        if found is None:
            markets = self.markets(marketplace, ctx)
            found = plans[marketplace] = [(m, self.limits(ctx, m)) for m in markets]
        return found

    def markets(self, marketplace: str, ctx: CheckContext) -> list[str]:
        """``marketplace``, then the channels its listings also feed (``[photos.channels]``)."""
        if not self.per_channel:
            return [marketplace]
        section = ctx.config.section("photos") or {}
        channels = section.get("channels", {}).get(marketplace, [])
        return list(dict.fromkeys([marketplace, *channels]))

    def limits(self, ctx: CheckContext, market: str | None) -> dict[str, Limit]:
        """Each setting of this rule for ``market`` (or catalog-wide: None), with its source."""
        table = ctx.config.rule_table(self.code)
        configured = {key for key, value in table.items() if not isinstance(value, dict)}
        if market and isinstance(table.get(market), dict):
            configured |= set(table[market])
        data = marketplace_limits(market) if market else {}
        limits: dict[str, Limit] = {}
        for key, value in ctx.settings(self, market).items():
            if key in configured:
                limits[key] = Limit(value, f"configuration [rules.{self.code}]")
            elif key in data:
                limits[key] = data[key]
            else:
                limits[key] = Limit(value, self.default_source)
        return limits

    def photo_finding(
        self,
        photo: Photo,
        message: str,
        limit: Limit | None = None,
        *,
        severity: Severity | None = None,
        **evidence: Any,
    ) -> Finding:
        """A finding about one photo: names it, and cites the threshold's source."""
        if limit is not None:
            evidence.setdefault("threshold", limit.value)
            evidence["source"] = limit.source
        return self.finding(
            f"{describe(photo)} {message}",
            severity=severity,
            photo=photo.position,
            ref=photo.ref,
            **evidence,
        )


class MeasuredPhotoRule(PhotoRule):
    """A rule that judges pixels: the photos are fetched and measured once, in ``prepare``."""

    abstract = True
    needs_photos = True

    def prepare(self, listings: Sequence[Listing], ctx: CheckContext) -> None:
        # Every measured rule prepares the same batch in turn; the first one analyses it and
        # the others find it marked in the run's services (the batch object itself, so a new
        # batch is never mistaken for it). Skipping is only ever a saving: ``results``
        # analyses on demand any photo that was not prepared.
        if ctx.services.get(_PREPARED) is listings:
            return
        refs = [(photo.ref, base_dir(item)) for item in listings for photo in item.photos]
        photo_service(ctx).analyse(refs)
        ctx.services[_PREPARED] = listings

    def results(self, listing: Listing, ctx: CheckContext) -> Sequence[tuple[Photo, PhotoResult]]:
        """Each photo of ``listing`` with its result, looked up by the first measured rule that
        asks and shared by the others (``ctx.shared``: only the current listing's are kept)."""
        return ctx.shared(listing, _RESULTS, lambda: _looked_up(listing, ctx))


#: ``ctx.services`` key of the batch the measured rules last prepared.
_PREPARED = "photos.prepared"
#: ``ctx.shared`` name of a listing's photos with their results.
_RESULTS = "photos.results"


def _looked_up(listing: Listing, ctx: CheckContext) -> tuple[tuple[Photo, PhotoResult], ...]:
    """The plain lookup: each photo's result from the run's photo service."""
    photos = photo_service(ctx)
    folder = base_dir(listing)
    return tuple((photo, photos.result(photo.ref, folder)) for photo in listing.photos)
