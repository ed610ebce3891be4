"""Where a value was first seen, for millions of values in little memory.

IMP003 remembers every id and SKU of the catalog. In a dict, each costs ~130 bytes (key
object, value object, table slot): 400 MB for a million Shopify products. Here recent values
sit in a small dict, and every ``FLUSH`` values they move into two sorted NumPy arrays (a
16-byte digest and an 8-byte place each), looked up by binary search: ~24 bytes a value.
"""

from __future__ import annotations

import hashlib

import numpy as np

#: Values held in the dict before they move to the arrays (~7 MB of dict at most; each move
#: copies the arrays once, about a second in all for a million products).
FLUSH = 50_000


def digest(text: str) -> bytes:
    """A value's identity: two values share one with odds 2^-128."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class FirstSeen:
    """Maps a digest to the place (an int) it was first added with."""

    def __init__(self) -> None:
        self._recent: dict[bytes, int] = {}
        self._digests = np.empty(0, dtype="S16")
        self._places = np.empty(0, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._recent) + len(self._digests)

    def first(self, key: bytes) -> int | None:
        place = self._recent.get(key)
        if place is not None or not len(self._digests):
            return place
        at = int(np.searchsorted(self._digests, key))
        # NumPy hands back an "S16" item without its trailing NUL bytes.
        if at < len(self._digests) and self._digests[at] == key.rstrip(b"\0"):
            return int(self._places[at])
        return None

    def add(self, key: bytes, place: int) -> None:
        """Remember ``key`` at ``place`` (call only when ``first(key)`` is None)."""
        self._recent[key] = place
        if len(self._recent) >= FLUSH:
            self._flush()

    def _flush(self) -> None:
        keys = np.array(list(self._recent), dtype="S16")
        places = np.fromiter(self._recent.values(), dtype=np.int64, count=len(keys))
        order = np.argsort(keys)
        keys, places = keys[order], places[order]
        at = np.searchsorted(self._digests, keys)
        self._digests = np.insert(self._digests, at, keys)
        self._places = np.insert(self._places, at, places)
        self._recent = {}
