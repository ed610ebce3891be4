"""A map from values to whole numbers, for millions of values in little memory.

Rules and services that remember something for every listing or photo of a run (IMP003 every
id and SKU, the photo service where each photo's result was put) would spend ~130 bytes a value
in a dict (key object, value object, table slot): 400 MB for a million Shopify products. Here a
value is its 16-byte :func:`digest`; recent ones sit in a small dict, and every ``FLUSH`` they
move into two sorted NumPy arrays (digests, and the 8-byte numbers), looked up by binary search:
~24 bytes a value.
"""

from __future__ import annotations

import hashlib

import numpy as np

#: Values held in the dict before they move to the arrays (~7 MB of dict at most; each move
#: copies the arrays once, about a second in all for a million values).
FLUSH = 50_000


def digest(text: str) -> bytes:
    """A value's identity: two values share one with odds 2^-128."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class DigestMap:
    """Maps a digest to the number it was first added with; a digest is added once."""

    def __init__(self) -> None:
        self._recent: dict[bytes, int] = {}
        self._digests = np.empty(0, dtype="S16")
        self._numbers = np.empty(0, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._recent) + len(self._digests)

    def get(self, key: bytes) -> int | None:
        number = self._recent.get(key)
        if number is not None or not len(self._digests):
            return number
        at = int(np.searchsorted(self._digests, key))
        # NumPy hands back an "S16" item without its trailing NUL bytes.
        if at < len(self._digests) and self._digests[at] == key.rstrip(b"\0"):
            return int(self._numbers[at])
        return None

    def add(self, key: bytes, number: int) -> None:
        """Remember ``key`` with ``number`` (call only when ``get(key)`` is None)."""
        self._recent[key] = number
        if len(self._recent) >= FLUSH:
            self._flush()

    def _flush(self) -> None:
        keys = np.array(list(self._recent), dtype="S16")
        numbers = np.fromiter(self._recent.values(), dtype=np.int64, count=len(keys))
        order = np.argsort(keys)
        keys, numbers = keys[order], numbers[order]
        at = np.searchsorted(self._digests, keys)
        self._digests = np.insert(self._digests, at, keys)
        self._numbers = np.insert(self._numbers, at, numbers)
        self._recent = {}
