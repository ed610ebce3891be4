"""The on-disk photo cache: HTTP responses (by URL) and analysis results (by content).

Layout under the cache folder (default: the user cache dir, e.g. ``~/.cache/listingaudit``)::

    http/responses.sqlite       per URL: validators, freshness, digest and length (httpcache)
    http/bodies/ab/<SHA-256 of URL>   the response's bytes
    analysis/v<N>.sqlite        measures of each photo, keyed by SHA-256 of its bytes

An unchanged photo is neither downloaded (304) nor decoded again, and its bytes are not even
read: the digest kept with the response leads straight to its measures. Small entries are rows
of SQLite files (:mod:`~listingaudit.images.keyvalue`), written whole or not at all, so an
interrupted run leaves every entry whole or absent and the next run resumes from them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

from listingaudit.images.keyvalue import KeyValueFile
from listingaudit.images.measures import ANALYSIS_VERSION, PhotoMeasures


def cache_root(cache_dir: str | os.PathLike[str] | None) -> Path:
    """The folder given, or the per-user cache folder for listingaudit."""
    return Path(cache_dir) if cache_dir else Path(platformdirs.user_cache_dir("listingaudit"))


class AnalysisCache:
    """Measures by content hash, for this :data:`ANALYSIS_VERSION` only (one file per version,
    so measures taken by another version are never read and an old file can simply go)."""

    def __init__(self, root: Path) -> None:
        self._rows = KeyValueFile(root / "analysis" / f"v{ANALYSIS_VERSION}.sqlite", "measures")

    def get(self, digest: str) -> PhotoMeasures | None:
        row = self._rows.get(digest)
        if row is None:
            return None
        try:
            return PhotoMeasures.from_dict(json.loads(row))
        except (ValueError, KeyError, TypeError):  # damaged: measured again
            return None

    def put(self, digest: str, measures: PhotoMeasures) -> None:
        self._rows.put(digest, json.dumps(measures.to_dict(), separators=(",", ":")))

    def digests(self) -> list[str]:
        """Every digest with measures (for tests and maintenance)."""
        return self._rows.keys()
