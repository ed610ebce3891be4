"""PHO013: the same photo used for different products, across the catalog."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.images import PhotoMeasures
from listingaudit.model import Listing, Photo
from listingaudit_plugins.checks.photos.rule import MeasuredPhotoRule, describe
from listingaudit_plugins.checks.photos.thresholds import Limit

#: Other listings named in one finding; the evidence says how many there were in all.
_SHOWN_MATCHES = 5
#: Set bits of every 16-bit value: a popcount that works on any numpy version.
_BITS = np.array([n.bit_count() for n in range(1 << 16)], dtype=np.uint8)


def hamming(hashes: NDArray[np.uint64], one: np.uint64) -> NDArray[np.intp]:
    """Bits that differ between ``one`` and each of ``hashes``."""
    counts: NDArray[np.intp] = _BITS[(hashes ^ one).view(np.uint16)].reshape(-1, 4).sum(axis=1)
    return counts


@dataclass(frozen=True)
class _Seen:
    listing: Listing
    photo: Photo
    dhash: int


def _same_product(a: Listing, b: Listing) -> bool:
    """One listing, or one product listed twice (a shared SKU or identifier)."""
    if a is b or (a.id == b.id and a.marketplace == b.marketplace):
        return True
    keys_a = {v.sku for v in a.variants if v.sku} | set(a.identifiers.values())
    keys_b = {v.sku for v in b.variants if v.sku} | set(b.identifiers.values())
    return bool(keys_a & keys_b)


class ReusedPhoto(MeasuredPhotoRule):
    """The same picture appears on listings of different products.

    What it checks
        Every measured photo's 64-bit difference hash (dHash) against every other listing's:
        a Hamming distance up to ``max_distance`` (5) is the same picture, even re-encoded or
        resized. Listings that share a SKU or identifier are the same product and are not
        compared; near-uniform photos (``ignore_uniformity_above``) are left to PHO012.

    Why it matters
        A photo copied to the wrong product misleads buyers and invites "not as described"
        returns; eBay forbids photos that don't accurately represent the item and stock photos
        for used items; Google wants each variant to have its own image.

    Bad
        The blue mug's photo also used on the red mug's listing.

    Good
        Each product (and each colour) photographed on its own.

    Source
        ebay.com/help/policies/listing-policies/picture-policy?id=4370 [OFFICIAL];
        support.google.com/manufacturers/answer/7494889 [OFFICIAL]. dHash distances: 0
        identical, 1–5 near-duplicate, 6–10 similar (listingaudit's reference).
    """

    code = "PHO013"
    title = "Same photo on different products"
    severity = Severity.WARNING
    defaults: ClassVar[dict[str, Any]] = {"max_distance": 5, "ignore_uniformity_above": 0.99}
    per_channel = False
    default_source = "dHash Hamming distance: 0 identical, 1–5 near-duplicate"

    def __init__(self) -> None:
        self._seen: list[_Seen] = []

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        ignore = limits["ignore_uniformity_above"].value
        for photo, result in self.results(listing, ctx):
            if isinstance(result, PhotoMeasures) and result.uniformity < ignore:
                self._seen.append(_Seen(listing, photo, result.dhash))
        return ()

    def finish(self, ctx: CheckContext) -> Iterable[tuple[Listing, Finding]]:
        if len(self._seen) < 2:
            return
        limit = self.limits(ctx, None)["max_distance"]
        hashes = np.array([s.dhash for s in self._seen], dtype=np.uint64)
        matches: dict[int, list[tuple[int, int]]] = {}
        for i in range(len(hashes) - 1):
            distances = hamming(hashes[i + 1 :], hashes[i])
            for offset in np.flatnonzero(distances <= limit.value):
                j = i + 1 + int(offset)
                if _same_product(self._seen[i].listing, self._seen[j].listing):
                    continue
                distance = int(distances[offset])
                matches.setdefault(i, []).append((j, distance))
                matches.setdefault(j, []).append((i, distance))
        for i, found in sorted(matches.items()):
            yield self._seen[i].listing, self._finding(self._seen[i], found, limit)

    def _finding(self, seen: _Seen, found: list[tuple[int, int]], limit: Limit) -> Finding:
        others = [
            {
                "listing": self._seen[j].listing.id,
                "photo": self._seen[j].photo.position,
                "ref": self._seen[j].photo.ref,
                "distance": distance,
            }
            for j, distance in sorted(found, key=lambda item: (item[1], item[0]))
        ]
        first = self._seen[found[0][0]]
        more = f" and {len(others) - 1} other(s)" if len(others) > 1 else ""
        return self.photo_finding(
            seen.photo,
            f"is the same picture as {describe(first.photo)} of listing {first.listing.id}"
            f"{more} (dHash distance {others[0]['distance']} ≤ {limit.value})",
            limit,
            measured=others[0]["distance"],
            matches=others[:_SHOWN_MATCHES],
            match_count=len(others),
        )
