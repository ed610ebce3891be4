"""PHO013: the same photo used for different products, across the catalog."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from math import floor
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.images import PhotoMeasures
from listingaudit.model import Listing, Photo, SourceRef
from listingaudit.spill import SpillFile
from listingaudit_plugins.checks.photos.nearhash import Indices, near_pairs
from listingaudit_plugins.checks.photos.rule import MeasuredPhotoRule, describe
from listingaudit_plugins.checks.photos.thresholds import Limit

#: Other listings named in one finding; the evidence says how many there were in all.
_SHOWN_MATCHES = 5
#: Photos whose refs ``finish`` keeps once read back (a few hundred KB of refs at most).
_REMEMBERED_PHOTOS = 4096
#: Most photos whose matches are ordered by one combined key: 65 * photos² fits in 63 bits.
_MAX_COMBINED = 1 << 28

#: What tells products apart: the listing's own (marketplace, id), its SKUs and identifiers.
ProductKeys = frozenset[str | tuple[str, str]]


@dataclass(frozen=True, slots=True)
class _Owner:
    """What the rule keeps of a listing with hashed photos until the end of the run: enough to
    name it in a finding and to tell its product apart (not the listing: a large catalog's
    listings do not all fit in memory)."""

    id: str
    marketplace: str
    source: SourceRef
    products: ProductKeys

    @classmethod
    def of(cls, listing: Listing) -> _Owner:
        skus = {v.sku for v in listing.variants if v.sku}
        products: ProductKeys = frozenset(
            {(listing.marketplace, listing.id), *skus, *listing.identifiers.values()}
        )
        return cls(listing.id, listing.marketplace, listing.source, products)

    def listing(self) -> Listing:
        """A stand-in for the listing: the audit finds the real one by its source."""
        return Listing(self.id, self.marketplace, self.source)


def same_product(a: ProductKeys, b: ProductKeys) -> bool:
    """One product listed twice: the same listing id on one marketplace, or a shared SKU or
    identifier."""
    return not a.isdisjoint(b)


def other_products(products: list[ProductKeys], a: Indices, b: Indices) -> NDArray[np.bool_]:
    """For each pair of owners ``a[k]``, ``b[k]`` (indices into ``products``), whether they are
    different products: ``not same_product``.

    A duplicated photo can pair every listing with every other, and comparing each pair's
    keys was most of the rule's time. Two owners can only be one product if each has a key
    that another owner of these pairs also has; in most catalogs no owner has one, and the
    pairs are kept without comparing them. Only pairs of two such owners are compared.
    """
    different = np.ones(len(a), dtype=bool)
    first_with: dict[str | tuple[str, str], int] = {}
    sharing: set[int] = set()
    # Which owner comes first does not matter: every owner of a shared key ends in ``sharing``.
    # (A set, not ``np.unique``, which imports ``numpy.ma``: ~23 ms in a fresh process.)
    for owner in set(a.tolist()).union(b.tolist()):
        for key in products[owner]:
            first = first_with.setdefault(key, owner)
            if first != owner:
                sharing.update((first, owner))
    if not sharing:
        return different
    shared = np.fromiter(sharing, dtype=a.dtype, count=len(sharing))
    for k in np.flatnonzero(np.isin(a, shared) & np.isin(b, shared)).tolist():
        different[k] = not same_product(products[a[k]], products[b[k]])
    return different


def match_order(photo: Indices, other: Indices, distance: Indices, photos: int) -> Indices:
    """The order ``np.lexsort((other, distance, photo))`` gives: by photo, then distance, then
    the other photo. No (photo, other) pair comes twice, so one sort of a key combining the
    three (photo numbers below ``photos``, distances 0 to 64) orders them the same way, in a
    third of the time; ``lexsort`` stays for catalogs too large for the key's 64 bits."""
    if photos > _MAX_COMBINED:
        return np.lexsort((other, distance, photo))
    order: Indices = np.argsort((photo * 65 + distance) * photos + other)
    return order


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
        # One entry per hashed photo, in the order seen: its hash, its position, where its ref
        # ends on disk (refs are read back only for findings: millions of URLs would not fit),
        # and its owner (an index into ``_owners``, one per listing).
        self._hashes = array("Q")
        self._positions = array("q")
        self._refs = SpillFile("listingaudit-pho013-")
        self._ref_ends = array("q")
        self._owner_of = array("q")
        self._owners: list[_Owner] = []

    def judge(
        self, listing: Listing, market: str, limits: dict[str, Limit], ctx: CheckContext
    ) -> Iterable[Finding]:
        ignore = limits["ignore_uniformity_above"].value
        owner = None
        for photo, result in self.results(listing, ctx):
            if isinstance(result, PhotoMeasures) and result.uniformity < ignore:
                if owner is None:
                    owner = len(self._owners)
                    self._owners.append(_Owner.of(listing))
                self._hashes.append(result.dhash)
                self._positions.append(photo.position)
                self._refs.append(photo.ref.encode("utf-8", "surrogatepass"))
                self._ref_ends.append(self._refs.size)
                self._owner_of.append(owner)
        return ()

    def finish(self, ctx: CheckContext) -> Iterable[tuple[Listing, Finding]]:
        if len(self._hashes) < 2:
            return
        limit = self.limits(ctx, None)["max_distance"]
        photo, other, distance = self._matches(limit.value)
        if not len(photo):
            return
        # One finding per photo with matches: its run of ``photo``, closest matches first.
        starts = np.flatnonzero(np.diff(photo, prepend=-1))
        counts = np.diff(starts, append=len(photo))
        firsts = np.minimum.reduceat(other, starts)
        # A reused picture is named in the findings of all its copies: each ref is read back
        # from disk once while it is in use (the refs never change).
        photo_of = lru_cache(maxsize=_REMEMBERED_PHOTOS)(self._photo)
        for start, count, first in zip(
            starts.tolist(), counts.tolist(), firsts.tolist(), strict=True
        ):
            shown = slice(start, start + min(count, _SHOWN_MATCHES))
            ranked = list(zip(other[shown].tolist(), distance[shown].tolist(), strict=True))
            found = int(photo[start])
            finding = self._finding(found, ranked, first, count, limit, photo_of)
            yield self._owner(found).listing(), finding

    def _matches(self, max_distance: float) -> tuple[Indices, Indices, Indices]:
        """Each photo with each photo of another product at most ``max_distance`` apart, and
        the distance: sorted by photo, then distance, then the other photo."""
        owner_of = np.frombuffer(self._owner_of, dtype=np.int64)
        hashes = np.frombuffer(self._hashes, dtype=np.uint64)
        products = [owner.products for owner in self._owners]
        kept: list[tuple[Indices, Indices, Indices]] = []
        # Distances are whole numbers of bits, 0 to 64.
        for i, j, distance in near_pairs(hashes, max(-1, min(64, floor(max_distance)))):
            apart = np.flatnonzero(owner_of[i] != owner_of[j])
            i, j, distance = i[apart], j[apart], distance[apart]
            keep = other_products(products, owner_of[i], owner_of[j])
            kept.append((i[keep], j[keep], distance[keep]))
        if not kept:
            empty = np.zeros(0, dtype=np.intp)
            return empty, empty, empty
        i, j, distance = (np.concatenate(part) for part in zip(*kept, strict=True))
        photo, other = np.concatenate([i, j]), np.concatenate([j, i])
        distance = np.concatenate([distance, distance])
        order = match_order(photo, other, distance, len(hashes))
        return photo[order], other[order], distance[order]

    def _owner(self, photo: int) -> _Owner:
        return self._owners[self._owner_of[photo]]

    def _photo(self, number: int) -> Photo:
        start = self._ref_ends[number - 1] if number else 0
        ref = self._refs.read(start, self._ref_ends[number] - start)
        return Photo(ref.decode("utf-8", "surrogatepass"), self._positions[number])

    def _finding(
        self,
        photo: int,
        ranked: list[tuple[int, int]],
        first: int,
        count: int,
        limit: Limit,
        photo_of: Callable[[int], Photo],
    ) -> Finding:
        """``ranked``: the closest matches (photo, distance) to show; ``first``: the match seen
        first in the catalog, named in the message (with the closest distance); ``photo_of``
        reads a photo back (``_photo``, or a remembering wrapper of it)."""
        shown = []
        for j, distance in ranked:
            other = photo_of(j)
            shown.append(
                {
                    "listing": self._owner(j).id,
                    "photo": other.position,
                    "ref": other.ref,
                    "distance": distance,
                }
            )
        more = f" and {count - 1} other(s)" if count > 1 else ""
        closest = ranked[0][1]
        return self.photo_finding(
            photo_of(photo),
            f"is the same picture as {describe(photo_of(first))} of listing "
            f"{self._owner(first).id}{more} (dHash distance {closest} ≤ {limit.value})",
            limit,
            measured=closest,
            matches=shown,
            match_count=count,
        )
