"""Pairs of 64-bit perceptual hashes within a Hamming distance, without comparing every pair.

Comparing every photo with every other one is quadratic: a catalog of a million photos is half
a million million comparisons. Instead:

1. Identical hashes are grouped (the same picture used twice is the commonest reuse), and the
   search runs on the distinct values.
2. Multi-index hashing (Norouzi, Punjani and Fleet, "Fast Search in Hamming Space with
   Multi-Index Hashing", CVPR 2012). The 64 bits are cut into ``m`` bands. If two hashes
   differ in at most ``d`` bits, some band differs in at most ``r = d // m`` bits (were every
   band ``r + 1`` bits apart, the hashes would be ``m * (r + 1) > d`` apart). So the candidates
   are the pairs whose values in some band are within ``r`` bits: found by grouping the band's
   values and looking up each value with up to ``r`` of its bits flipped. Every candidate is then
   verified on the whole hash. ``m`` is picked from the number of hashes: short bands when there
   are few (exact band matches are enough), long bands searched one or two flips wide when
   there are many (each lookup then finds few false candidates).

A pair shares a close band with its partner in several bands at times; it is reported only from
the first of them, so each pair comes out once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import combinations
from math import comb
from typing import Any

import numpy as np
from numpy.typing import NDArray

#: Pairs per array handed out (and built at once while expanding groups): bounds the memory.
CHUNK = 1 << 20
#: Set bits of every 16-bit value: a popcount that works on any numpy version.
_BITS = np.array([n.bit_count() for n in range(1 << 16)], dtype=np.uint8)
#: Cost of looking up one value in a band, against verifying one candidate pair (about 50 and
#: 200 ns here: on random hashes this picks 6 bands of exact matches up to a few thousand
#: hashes and 3 bands searched one flip wide beyond, for the default distance of 5).
_LOOKUP_COST = 0.25

Indices = NDArray[np.intp]
Pairs = tuple[Indices, Indices, Indices]


def popcount(values: NDArray[np.uint64]) -> Indices:
    """Set bits of each value."""
    counts: Indices = _BITS[values.view(np.uint16)].reshape(-1, 4).sum(axis=1, dtype=np.intp)
    return counts


def near_pairs(hashes: NDArray[np.uint64], max_distance: int) -> Iterator[Pairs]:
    """Every pair ``i < j`` of ``hashes`` at most ``max_distance`` bits apart, exactly once,
    as chunks of arrays ``(i, j, distance)``; no order is promised."""
    hashes = np.asarray(hashes, dtype=np.uint64)
    if max_distance < 0 or len(hashes) < 2:
        return
    values, members, starts, counts = _groups(hashes)
    for left, right in _positions(values, starts, counts, min(max_distance, 64)):
        i, j = members[left], members[right]
        yield np.minimum(i, j), np.maximum(i, j), popcount(hashes[i] ^ hashes[j])


def _positions(
    values: NDArray[np.uint64], starts: Indices, counts: Indices, max_distance: int
) -> Iterator[tuple[Indices, Indices]]:
    """The pairs, as positions in the groups of equal hashes."""
    # The same hash more than once: every pair of its photos.
    yield from _within(starts, counts)
    # Distinct values close enough: every photo of one with every photo of the other.
    for a, b in _near_values(values, max_distance):
        yield from _across(starts[a], counts[a], starts[b], counts[b])


def _groups(keys: NDArray[Any]) -> tuple[NDArray[Any], Indices, Indices, Indices]:
    """The distinct ``keys`` (sorted), and the indices of ``keys`` grouped by value: group
    ``k`` is ``members[starts[k] : starts[k] + counts[k]]``."""
    distinct, inverse = np.unique(keys, return_inverse=True)
    inverse = inverse.ravel()  # (numpy 2.0 and 2.1 shape it like the input)
    members = np.argsort(inverse, kind="stable").astype(np.intp)
    counts = np.bincount(inverse, minlength=len(distinct)).astype(np.intp)
    return distinct, members, np.cumsum(counts) - counts, counts


def bands(max_distance: int, values: int) -> tuple[list[tuple[int, int]], int]:
    """The bands ``(shift, width)`` to cut hashes into and the flips ``r`` searched in each,
    for ``values`` distinct hashes: the cheapest by the expected work on random hashes (lookups
    plus candidates to verify), over every number of bands (each is correct)."""
    costs: dict[int, float] = {}
    for m in range(1, 65):
        radius = max_distance // m
        cost = 0.0
        for width, times in Counter(_widths(m)).items():
            probes = sum(comb(width, k) for k in range(min(radius, width) + 1))
            # Lookups, and random pairs whose band values are within ``radius`` bits.
            cost += times * probes * (_LOOKUP_COST * values + values * values / 2 / 2.0**width)
        costs[m] = cost
    m = min(costs, key=costs.__getitem__)
    widths = _widths(m)
    shifts = [sum(widths[:k]) for k in range(m)]
    return list(zip(shifts, widths, strict=True)), max_distance // m


def _widths(m: int) -> list[int]:
    """64 bits cut into ``m`` bands as even as can be."""
    return [64 // m + (1 if k < 64 % m else 0) for k in range(m)]


def _near_values(
    values: NDArray[np.uint64], max_distance: int
) -> Iterator[tuple[Indices, Indices]]:
    """Pairs of indices of the distinct ``values`` at most ``max_distance`` bits apart."""
    if max_distance == 0 or len(values) < 2:
        return
    cut, radius = bands(max_distance, len(values))
    masks = [np.uint64(((1 << width) - 1) << shift) for shift, width in cut]
    for number, (shift, width) in enumerate(cut):
        band = (values >> np.uint64(shift)) & np.uint64((1 << width) - 1)
        keys, members, starts, counts = _groups(band)
        for left, right in _band_candidates(keys, starts, counts, width, radius):
            a, b = members[left], members[right]
            xor = values[a] ^ values[b]
            keep = popcount(xor) <= max_distance
            # Close enough in an earlier band too: found there already.
            for mask in masks[:number]:
                keep &= popcount(xor & mask) > radius
            if keep.any():
                yield a[keep], b[keep]


def _band_candidates(
    keys: NDArray[np.uint64], starts: Indices, counts: Indices, width: int, radius: int
) -> Iterator[tuple[Indices, Indices]]:
    """Pairs of positions (in the groups' ``members``) whose band keys are at most ``radius``
    bits apart: the same key, or keys ``flip`` apart (each pair from its smaller key)."""
    yield from _within(starts, counts)
    for flipped in range(1, min(radius, width) + 1):
        for bits in combinations(range(width), flipped):
            wanted = keys ^ np.uint64(sum(1 << bit for bit in bits))
            found = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
            a = np.flatnonzero((keys[found] == wanted) & (keys < wanted))
            b = found[a]
            yield from _across(starts[a], counts[a], starts[b], counts[b])


def _within(starts: Indices, counts: Indices) -> Iterator[tuple[Indices, Indices]]:
    """Every pair of positions inside each group (``starts[k] : starts[k] + counts[k]``)."""
    big = counts > 1
    starts, counts = starts[big], counts[big]
    for left, right in _across(starts, counts, starts, counts):
        keep = left < right  # each unordered pair once
        yield left[keep], right[keep]


def _across(
    starts_a: Indices, counts_a: Indices, starts_b: Indices, counts_b: Indices
) -> Iterator[tuple[Indices, Indices]]:
    """Every position of group ``a[k]`` with every position of group ``b[k]``, for each ``k``,
    about ``CHUNK`` pairs at a time."""
    sizes = counts_a * counts_b
    ends = np.cumsum(sizes)
    first = 0
    while first < len(sizes):
        # As many group pairs as fit in a chunk (at least one, however big).
        last = max(
            first + 1, int(np.searchsorted(ends, ends[first] - sizes[first] + CHUNK, "right"))
        )
        size = sizes[first:last]
        offset = np.arange(int(size.sum()), dtype=np.intp) - np.repeat(np.cumsum(size) - size, size)
        across = np.repeat(counts_b[first:last], size)
        left = np.repeat(starts_a[first:last], size) + offset // across
        right = np.repeat(starts_b[first:last], size) + offset % across
        yield left, right
        first = last
