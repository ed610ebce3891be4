"""The run's photo service: every distinct photo fetched, decoded and measured once.

Checks share one :class:`PhotoService` through ``ctx.services["photos"]`` (see
:func:`photo_service`). ``analyse`` takes every ref of the catalog up front and works through
them with a pool of threads: fetching is I/O, and decoding releases the GIL in Pillow (measured
~1.9× on 2 cores), so threads keep a small machine busy without the cost of shipping images to
processes; a semaphore keeps at most ``workers`` decodes in memory at once. Results are cached on
disk by content hash, so an unchanged photo is neither downloaded (304) nor decoded again.
Each ref ends as :class:`~listingaudit.images.measures.PhotoMeasures` or :class:`PhotoFailure`.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from listingaudit.images.cache import AnalysisCache, cache_root
from listingaudit.images.decode import DecodeError
from listingaudit.images.fetch import Fetcher, FetchError, FetchSettings, is_remote
from listingaudit.images.measures import PhotoMeasures, measure_photo
from listingaudit.images.progress import Progress
from listingaudit.images.safety import UrlPolicy

if TYPE_CHECKING:
    from listingaudit.checks import CheckContext

#: Threads per analysis worker: most of a thread's time is spent waiting on the network.
_THREADS_PER_WORKER = 8
_MAX_THREADS = 32


@dataclass(frozen=True)
class PhotoFailure:
    """Why a photo could not be judged. ``reason`` is a stable code, ``detail`` is for people.

    Reasons: ``offline``, ``refused``, ``dns-failure``, ``timeout``, ``connection-failed``,
    ``not-found``, ``forbidden``, ``rate-limited``, ``http-error``, ``too-many-redirects``,
    ``compressed-body``, ``too-large``, ``missing-file``, ``unreadable-file``, ``hook-error``,
    ``not-an-image``, ``unsupported-format``, ``truncated``, ``corrupt``, ``too-many-pixels``,
    ``error``.
    """

    reason: str
    detail: str
    #: The real format when it is known (``HEIC`` for an unsupported-format failure).
    format: str | None = None


PhotoResult = PhotoMeasures | PhotoFailure
PhotoKey = tuple[str, str | None]


def photo_key(ref: str, base_dir: str | None) -> PhotoKey:
    """URLs are the same photo whatever export names them; paths depend on the export's folder."""
    ref = ref.strip()
    return ref, None if is_remote(ref) else base_dir


class PhotoService:
    """Fetches and measures photos for a run; ask for results by ``(ref, base_dir)``."""

    def __init__(
        self,
        fetcher: Fetcher,
        *,
        cache: AnalysisCache | None = None,
        workers: int | None = None,
        progress: bool = False,
    ) -> None:
        self.fetcher = fetcher
        self.cache = cache
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.progress = progress
        self._decoding = threading.BoundedSemaphore(self.workers)
        self._results: dict[PhotoKey, PhotoResult] = {}

    @classmethod
    def from_options(
        cls, options: Mapping[str, Any], network: Mapping[str, Any] | None = None
    ) -> PhotoService:
        """Build from ``ctx.services`` options and the ``[network]`` configuration table.

        Options: ``hook``, ``offline``, ``cache_dir``, ``no_cache``, ``allow_hosts``, ``workers``,
        ``progress``. Network: ``timeout_seconds`` (the total per photo), ``max_image_bytes``.
        """
        network = network or {}
        settings = FetchSettings()
        if network.get("timeout_seconds"):
            total = float(network["timeout_seconds"])
            settings = replace(
                settings,
                deadline=total,
                connect_timeout=min(settings.connect_timeout, total),
                read_timeout=min(settings.read_timeout, total),
            )
        if network.get("max_image_bytes"):
            settings = replace(settings, max_bytes=int(network["max_image_bytes"]))
        root = None if options.get("no_cache") else cache_root(options.get("cache_dir"))
        fetcher = Fetcher(
            UrlPolicy(options.get("allow_hosts") or ()),
            settings,
            http_cache=root / "http" if root else None,
            offline=bool(options.get("offline")),
            hook=options.get("hook"),
        )
        return cls(
            fetcher,
            cache=AnalysisCache(root) if root else None,
            workers=options.get("workers"),
            progress=bool(options.get("progress")),
        )

    @classmethod
    def from_context(cls, ctx: CheckContext) -> PhotoService:
        return cls.from_options(ctx.services, ctx.config.get("network", {}))

    def analyse(self, refs: Iterable[tuple[str, str | None]]) -> None:
        """Fetch and measure every ref not analysed yet in this run, concurrently."""
        keys = list(dict.fromkeys(photo_key(ref, base) for ref, base in refs))
        keys = [key for key in keys if key not in self._results]
        if not keys:
            return
        progress = Progress(len(keys), self.progress)
        threads = min(_MAX_THREADS, len(keys), self.workers * _THREADS_PER_WORKER)
        with ThreadPoolExecutor(threads, thread_name_prefix="photo") as pool:
            futures = {pool.submit(self._analyse_one, key): key for key in keys}
            for future in as_completed(futures):
                result, cached = future.result()
                self._results[futures[future]] = result
                progress.step(cached=cached, failed=isinstance(result, PhotoFailure))
        progress.close()

    def result(self, ref: str, base_dir: str | None) -> PhotoResult:
        """The measures or failure for ``ref`` (analysed now if ``analyse`` did not see it)."""
        key = photo_key(ref, base_dir)
        if key not in self._results:
            self.analyse([key])
        return self._results[key]

    def _analyse_one(self, key: PhotoKey) -> tuple[PhotoResult, bool]:
        """One photo, start to end; never raises (a bug costs this photo, not the run)."""
        try:
            return self._fetch_and_measure(*key)
        except Exception as error:
            return PhotoFailure("error", f"unexpected error: {error!r}"), False

    def _fetch_and_measure(self, ref: str, base_dir: str | None) -> tuple[PhotoResult, bool]:
        try:
            fetched = self.fetcher.fetch(ref, base_dir)
        except FetchError as error:
            return PhotoFailure(error.reason, error.detail), False
        digest = hashlib.sha256(fetched.data).hexdigest()
        known = self.cache.get(digest) if self.cache else None
        if known is not None:
            return replace(known, content_type=fetched.content_type), True
        with self._decoding:
            try:
                measures = measure_photo(fetched.data, fetched.content_type)
            except DecodeError as error:
                return PhotoFailure(error.reason, error.detail, error.format), fetched.from_cache
        if self.cache:
            self.cache.put(digest, measures)
        return measures, fetched.from_cache


def photo_service(ctx: CheckContext) -> PhotoService:
    """The run's shared service, created from the context on first use."""
    service = ctx.services.get("photos")
    if service is None:
        service = ctx.services.setdefault("photos", PhotoService.from_context(ctx))
    if not isinstance(service, PhotoService):
        raise TypeError(f"ctx.services['photos'] is a {type(service).__name__}, not PhotoService")
    return service
