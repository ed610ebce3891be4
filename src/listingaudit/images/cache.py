"""The on-disk photo cache: HTTP responses (by URL) and analysis results (by content).

Layout under the cache folder (default: the user cache dir, e.g. ``~/.cache/listingaudit``)::

    http/ab/<SHA-256 of URL>.http  a response: validators, freshness, digest, body (httpcache)
    analysis/v<N>/ab/abcd….json   measures of one photo, keyed by SHA-256 of its bytes

An unchanged photo is neither downloaded (304) nor decoded again, and its bytes are not even
read: the digest kept with the response leads straight to its measures. Entries are written to a
temporary file and renamed (``files``), so an interrupted run leaves every entry whole or absent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

from listingaudit.images.files import AtomicWriter, ReadAhead, read_start
from listingaudit.images.measures import ANALYSIS_VERSION, PhotoMeasures


def cache_root(cache_dir: str | os.PathLike[str] | None) -> Path:
    """The folder given, or the per-user cache folder for listingaudit."""
    return Path(cache_dir) if cache_dir else Path(platformdirs.user_cache_dir("listingaudit"))


#: Longest entry read: measures take a few hundred bytes, so a longer file is a damaged one.
_MAX_ENTRY = 64 * 1024


class AnalysisCache:
    """Measures by content hash, for this :data:`ANALYSIS_VERSION` only."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "analysis" / f"v{ANALYSIS_VERSION}"
        self._folder = str(self.folder)
        self._files = AtomicWriter()
        #: ``with cache.ahead.batch(digests):`` reads their entries before threads ask ``get``.
        self.ahead = ReadAhead(self._read)

    def _name(self, digest: str) -> str:
        """The entry's file name as a string: a warm run looks up every photo here, and
        building a ``Path`` cost more than reading the entry."""
        return os.path.join(self._folder, digest[:2], f"{digest}.json")

    def get(self, digest: str) -> PhotoMeasures | None:
        return self.ahead.take(digest)

    def _read(self, digest: str) -> PhotoMeasures | None:
        try:
            return PhotoMeasures.from_dict(json.loads(read_start(self._name(digest), _MAX_ENTRY)))
        except (OSError, ValueError, KeyError, TypeError):  # absent, or written by another version
            return None

    def put(self, digest: str, measures: PhotoMeasures) -> None:
        text = json.dumps(measures.to_dict(), separators=(",", ":"))
        self._files.write(self._name(digest), text.encode("utf-8"))
