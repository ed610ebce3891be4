"""Every photo's result for the run, in memory that does not grow with the photos.

The photo rules ask for a photo's result while they judge the batch that names it, and again if
a later listing names the same photo. In a dict, a result and its key cost ~630 bytes a photo:
over 600 MB for a million photos. Here the newest ``RECENT`` results stay in a dict (the batch
being judged finds its photos there); older ones are pickled to an anonymous temporary file
(:class:`~listingaudit.spill.SpillFile`) and found again through a
:class:`~listingaudit.digestmap.DigestMap` of their keys: ~24 bytes a photo in memory.
"""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING

from listingaudit.digestmap import DigestMap, digest
from listingaudit.spill import SpillFile

if TYPE_CHECKING:
    from listingaudit.images.service import PhotoKey, PhotoResult

#: Results kept as objects before they move to disk: more than a batch of listings names.
RECENT = 50_000
#: A record's place in the file: its offset, shifted left by this, plus its size.
_SIZE_BITS = 24


def _identity(key: PhotoKey) -> bytes:
    ref, base_dir = key
    return digest(ref if base_dir is None else f"{ref}\0{base_dir}")


class PhotoResults:
    """Results by photo key; each key is given its result once."""

    def __init__(self) -> None:
        self._recent: dict[PhotoKey, PhotoResult] = {}
        self._places = DigestMap()
        self._file: SpillFile | None = None

    def __len__(self) -> int:
        return len(self._recent) + len(self._places)

    def __contains__(self, key: PhotoKey) -> bool:
        return key in self._recent or self._places.get(_identity(key)) is not None

    def get(self, key: PhotoKey) -> PhotoResult | None:
        found = self._recent.get(key)
        if found is not None:
            return found
        place = self._places.get(_identity(key))
        if place is None or self._file is None:
            return None
        offset, size = place >> _SIZE_BITS, place & ((1 << _SIZE_BITS) - 1)
        result: PhotoResult = pickle.loads(self._file.read(offset, size))
        return result

    def add(self, key: PhotoKey, result: PhotoResult) -> None:
        self._recent[key] = result
        if len(self._recent) >= RECENT:
            self._spill()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    def _spill(self) -> None:
        if self._file is None:
            self._file = SpillFile("listingaudit-photos-")
        for key, result in self._recent.items():
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            offset = self._file.append(data)
            self._places.add(_identity(key), offset << _SIZE_BITS | len(data))
        self._recent = {}
