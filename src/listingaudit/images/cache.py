"""The on-disk photo cache: HTTP responses (by CacheControl) and analysis results (by content).

Layout under the cache folder (default: the user cache dir, e.g. ``~/.cache/listingaudit``)::

    http/                       CacheControl's FileCache: bodies with ETag / Last-Modified
    analysis/v<N>/ab/abcd….json  measures of one photo, keyed by SHA-256 of its bytes

An unchanged photo is neither downloaded (304) nor decoded again. Entries are written to a
temporary file and renamed, so an interrupted run leaves every entry whole or absent.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import platformdirs

from listingaudit.images.measures import ANALYSIS_VERSION, PhotoMeasures


def cache_root(cache_dir: str | os.PathLike[str] | None) -> Path:
    """The folder given, or the per-user cache folder for listingaudit."""
    return Path(cache_dir) if cache_dir else Path(platformdirs.user_cache_dir("listingaudit"))


class AnalysisCache:
    """Measures by content hash, for this :data:`ANALYSIS_VERSION` only."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "analysis" / f"v{ANALYSIS_VERSION}"

    def _path(self, digest: str) -> Path:
        return self.folder / digest[:2] / f"{digest}.json"

    def get(self, digest: str) -> PhotoMeasures | None:
        try:
            return PhotoMeasures.from_dict(json.loads(self._path(digest).read_text("utf-8")))
        except (OSError, ValueError, KeyError, TypeError):  # absent, or written by another version
            return None

    def put(self, digest: str, measures: PhotoMeasures) -> None:
        path = self._path(digest)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(measures.to_dict(), out)
            os.replace(tmp, path)
        except OSError:  # a read-only or full disk costs the cache, not the audit
            return
