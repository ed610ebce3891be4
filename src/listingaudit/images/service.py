"""The run's photo service: every distinct photo fetched, decoded and measured once.

Checks share one :class:`PhotoService` through ``ctx.services["photos"]`` (see
:func:`photo_service`). ``analyse`` takes every ref of the catalog up front. Fetching stays in
this process, in threads (it is I/O), so the fetcher's per-host limits hold however many workers
decode; each photo is then hashed and, unless the analysis cache already knows its bytes, handed
to the run's executor (threads, worker processes or a Dask cluster; see
:mod:`~listingaudit.executors`) to be decoded and measured. Only a few fetched photos
wait for a free decoder, so memory stays bounded. Results are cached on disk by content hash, so
an unchanged photo is neither downloaded (304) nor decoded again. Each ref ends as
:class:`~listingaudit.images.measures.PhotoMeasures` or :class:`PhotoFailure`.
"""

from __future__ import annotations

import hashlib
import os
import queue
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from listingaudit.executors import DEFAULT_DEADLINE, Lost, make_executor
from listingaudit.images.cache import AnalysisCache, cache_root
from listingaudit.images.decode import DecodeError
from listingaudit.images.fetch import Fetcher, FetchError, FetchSettings, is_remote
from listingaudit.images.measures import PhotoMeasures, measure_photo
from listingaudit.images.results import PhotoResults
from listingaudit.images.safety import UrlPolicy
from listingaudit.progress import Progress

if TYPE_CHECKING:
    from listingaudit.checks import CheckContext

#: Fetching threads per analysis worker: most of a thread's time is spent waiting on the network.
_THREADS_PER_WORKER = 8
_MAX_THREADS = 32
#: Failure reasons for work the executor lost; anything else it loses is an ``error``.
_LOST_REASONS = {"timed-out": "decoder-timeout", "crashed": "decoder-crashed"}
#: Photos of a batch whose cache entries are read before fetching starts: ~1.7 KB each while
#: they wait, so a batch naming a huge number of photos reads the rest as it fetches them.
_READ_AHEAD = 16_384
#: The share of the photos read ahead whose analysis must be cached for the fetching threads
#: to share one CPU (see ``_keep_to_one_cpu``).
_ONE_CPU_SHARE = 0.9


@dataclass(frozen=True)
class PhotoFailure:
    """Why a photo could not be judged. ``reason`` is a stable code, ``detail`` is for people.

    Reasons: ``offline``, ``refused``, ``dns-failure``, ``timeout``, ``connection-failed``,
    ``not-found``, ``forbidden``, ``rate-limited``, ``http-error``, ``too-many-redirects``,
    ``compressed-body``, ``too-large``, ``missing-file``, ``unreadable-file``, ``hook-error``,
    ``not-an-image``, ``unsupported-format``, ``truncated``, ``corrupt``, ``too-many-pixels``,
    ``decoder-timeout``, ``decoder-crashed``, ``error``.
    """

    reason: str
    detail: str
    #: The real format when it is known (``HEIC`` for an unsupported-format failure).
    format: str | None = None


PhotoResult = PhotoMeasures | PhotoFailure
PhotoKey = tuple[str, str | None]
#: Bytes and ``Content-Type`` in, measures out; raises ``DecodeError`` for a bad photo.
Measure = Callable[[bytes, str | None], PhotoMeasures]


@lru_cache(maxsize=1 << 16)
def photo_key(ref: str, base_dir: str | None) -> PhotoKey:
    """URLs are the same photo whatever export names them; paths depend on the export's folder.

    Remembered: every photo rule asks for every photo, and parsing the URL each time was a
    visible share of a run whose photos are all cached."""
    ref = ref.strip()
    return ref, None if is_remote(ref) else base_dir


@dataclass(frozen=True)
class DecodeJob:
    """A fetched photo the analysis cache did not know: what the executor decodes."""

    key: PhotoKey
    digest: str
    data: bytes
    content_type: str | None
    #: The bytes came from the HTTP cache (fresh, or revalidated with a 304).
    from_cache: bool


def measure_job(measure: Measure, job: DecodeJob) -> PhotoResult:
    """Decode and measure one photo wherever the executor runs it; never raises, so only a
    hang or a dead worker can cost the photo (a decoder bug costs this photo, not the run)."""
    try:
        return measure(job.data, job.content_type)
    except DecodeError as error:
        return PhotoFailure(error.reason, error.detail, error.format)
    except Exception as error:
        return PhotoFailure("error", f"unexpected error: {error!r}")


class PhotoService:
    """Fetches and measures photos for a run; ask for results by ``(ref, base_dir)``.

    ``executor`` is ``threads``, ``processes`` or ``dask`` (with ``scheduler``, the Dask
    scheduler's address); ``decode_timeout`` is the seconds one photo may take in a worker
    process. ``measure`` replaces :func:`~listingaudit.images.measures.measure_photo`; it must
    be picklable for processes and Dask.
    """

    def __init__(
        self,
        fetcher: Fetcher,
        *,
        cache: AnalysisCache | None = None,
        workers: int | None = None,
        progress: bool | Progress = False,
        executor: str = "threads",
        scheduler: str | None = None,
        decode_timeout: float = DEFAULT_DEADLINE,
        measure: Measure | None = None,
        cache_reader: Fetcher | None = None,
    ) -> None:
        self.fetcher = fetcher
        #: Reads photos from the cache and local files only (for report thumbnails).
        self.cache_reader = cache_reader
        self.cache = cache
        self.workers = max(1, workers or os.cpu_count() or 1)
        # The run's progress line when it has one; else this service's own, ended per call.
        self.progress = progress if isinstance(progress, Progress) else Progress(progress)
        self._own_progress = not isinstance(progress, Progress)
        self.executor = make_executor(
            executor, self.workers, scheduler=scheduler, deadline=decode_timeout
        )
        self.measure = measure or measure_photo
        self._results = PhotoResults()
        self._recording = threading.Lock()

    @classmethod
    def from_options(
        cls, options: Mapping[str, Any], network: Mapping[str, Any] | None = None
    ) -> PhotoService:
        """Build from ``ctx.services`` options and the ``[network]`` configuration table.

        Options: ``hook``, ``offline``, ``cache_dir``, ``no_cache``, ``allow_hosts``, ``workers``,
        ``progress``, ``executor``, ``scheduler``, ``decode_timeout``. Network:
        ``timeout_seconds`` (the total per photo), ``max_image_bytes``.
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

        def fetcher(offline: bool) -> Fetcher:
            return Fetcher(
                UrlPolicy(options.get("allow_hosts") or ()),
                settings,
                http_cache=root / "http" if root else None,
                offline=offline,
                hook=options.get("hook"),
            )

        return cls(
            fetcher(bool(options.get("offline"))),
            cache_reader=fetcher(True) if root else None,
            cache=AnalysisCache(root) if root else None,
            workers=options.get("workers"),
            progress=options.get("progress") or False,
            executor=options.get("executor") or "threads",
            scheduler=options.get("scheduler"),
            decode_timeout=float(options.get("decode_timeout") or DEFAULT_DEADLINE),
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
        self.progress.expect_photos(len(keys))
        work = partial(measure_job, self.measure)
        with (
            self._read_ahead(keys) as revalidating,
            closing(self._fetched(keys, one_cpu=revalidating)) as fetched,
            closing(self.executor.map_unordered(work, fetched)) as measured,
        ):
            for job, outcome in measured:
                if isinstance(outcome, Lost):
                    reason = _LOST_REASONS.get(outcome.reason, "error")
                    outcome = PhotoFailure(reason, outcome.detail)
                elif isinstance(outcome, PhotoMeasures) and self.cache:
                    self.cache.put(job.digest, outcome)
                self._record(job.key, outcome, job.from_cache)
        if self._own_progress:
            self.progress.close()

    def result(self, ref: str, base_dir: str | None) -> PhotoResult:
        """The measures or failure for ``ref`` (analysed now if ``analyse`` did not see it)."""
        key = photo_key(ref, base_dir)
        found = self._results.get(key)
        if found is None:
            self.analyse([key])
            found = self._results.get(key)
        return found or PhotoFailure("error", "the photo was not analysed")

    def cached_bytes(self, ref: str, base_dir: str | None = None) -> bytes | None:
        """The photo's bytes if they can be had without the network (the HTTP cache or a
        local file), for report thumbnails; ``None`` otherwise. Never fetches."""
        if self.cache_reader is None:
            return None
        try:
            return self.cache_reader.fetch(*photo_key(ref, base_dir)).data
        except Exception:  # a thumbnail is a nicety: any failure means no thumbnail
            return None

    def _record(self, key: PhotoKey, result: PhotoResult, cached: bool) -> None:
        """Keep a photo's result; called by fetching threads and by ``analyse`` alike."""
        with self._recording:
            self._results.add(key, result)
        self.progress.photo(cached=cached, failed=isinstance(result, PhotoFailure))

    @contextmanager
    def _read_ahead(self, keys: list[PhotoKey]) -> Iterator[bool]:
        """Read the cache entries a warm run needs for the first ``_READ_AHEAD`` of ``keys``
        before the fetching threads start, so that they do no file I/O of their own for an
        unchanged photo; yields whether nearly all of those have their analysis cached (the
        batch is revalidations: see ``_keep_to_one_cpu``)."""
        ahead = keys[:_READ_AHEAD]
        if self.cache is None:  # the fetches then want the bytes, not the entries
            yield False
            return
        with (
            self.fetcher.read_ahead(ref for ref, _ in ahead) as digests,
            self.cache.ahead.batch(digests) as known,
        ):
            yield len(known) >= _ONE_CPU_SHARE * len(ahead)

    def _fetched(
        self, keys: list[PhotoKey], *, one_cpu: bool = False
    ) -> Generator[DecodeJob, None, None]:
        """Fetch ``keys`` in threads; record what needs no decoding, yield what does.

        A photo with nothing to decode (cached, or failed) is recorded by the thread that
        fetched it: in a warm run the audit's thread, which runs this generator, then wakes
        once, not once a photo. A fetching thread holding bytes to decode waits while
        ``workers`` such photos already wait for the executor, so fetching runs only that far
        ahead of decoding. With ``one_cpu`` the threads share one CPU (:func:`_keep_to_one_cpu`).
        """
        arrived: queue.SimpleQueue[DecodeJob | BaseException | None] = queue.SimpleQueue()
        room = threading.Semaphore(self.workers)
        counting = threading.Lock()
        left = len(keys)  # photos neither recorded nor handed to the executor yet

        def handled() -> bool:
            """Count one photo handled; True for the last one."""
            nonlocal left
            with counting:
                left -= 1
                return left == 0

        def fetch(key: PhotoKey) -> None:
            try:
                outcome, cached = self._fetch_one(key)
                if isinstance(outcome, DecodeJob):
                    room.acquire()
                    arrived.put(outcome)
                    return
                self._record(key, outcome, cached)
            except BaseException as error:  # e.g. the results' disk is full: raised below
                todo.clear()  # no more photos: the analysis stops
                arrived.put(error)
                return
            if handled():
                arrived.put(None)  # wakes the audit's thread: every photo is recorded

        # Each thread takes the next photo until none is left (a deque's ``popleft`` is safe
        # between threads): a future a photo cost a warm run more than its revalidation's
        # own Python code. Emptying ``todo`` stops them after the photo in hand.
        todo = deque(keys)

        def fetching() -> None:
            while todo:
                try:
                    key = todo.popleft()
                except IndexError:  # another thread took the last one
                    return
                fetch(key)

        # No more threads than can fetch at once: the others would only wait for a host's
        # slot, and starting each costs the run a hand-over of the GIL.
        useful = self.fetcher.concurrency(ref for ref, _ in keys) or len(keys)
        threads = min(_MAX_THREADS, len(keys), useful, self.workers * _THREADS_PER_WORKER)
        pin = _keep_to_one_cpu if one_cpu else None
        pool = ThreadPoolExecutor(threads, thread_name_prefix="photo", initializer=pin)
        try:
            for _ in range(threads):
                pool.submit(fetching)
            while (job := arrived.get()) is not None:
                if isinstance(job, BaseException):
                    raise job
                room.release()
                last = handled()
                yield job
                if last:
                    break
        finally:  # stopped early (an error, Ctrl-C): no more photos; free the waiting threads
            todo.clear()
            for _ in range(threads):
                room.release()
            pool.shutdown()

    def _fetch_one(self, key: PhotoKey) -> tuple[PhotoResult | DecodeJob, bool]:
        """One photo's bytes, or its result when there is nothing to decode; never raises.

        With an analysis cache, a photo the HTTP cache answers (fresh, or confirmed by a 304)
        comes as its digest only, and its bytes are read only if the analysis cache does not
        know that digest: an unchanged photo costs a request and two small reads.
        """
        cache = self.cache
        try:
            fetched = self.fetcher.fetch(*key, body=cache is None)
            data, digest = fetched.data, fetched.digest
            if digest is None:  # a local file or a hook's bytes: hashed here
                data = self.fetcher.body(fetched, *key)
                digest = hashlib.sha256(data).hexdigest()
            known = cache.get(digest) if cache else None
            if known is not None:
                if known.content_type != fetched.content_type:  # a warm run: rarely
                    known = replace(known, content_type=fetched.content_type)
                return known, True
            if data is None:
                data = self.fetcher.body(fetched, *key)
        except FetchError as error:
            return PhotoFailure(error.reason, error.detail), False
        except Exception as error:  # a bug costs this photo, not the run
            return PhotoFailure("error", f"unexpected error: {error!r}"), False
        job = DecodeJob(key, digest, data, fetched.content_type, fetched.from_cache)
        return job, fetched.from_cache


@lru_cache(maxsize=1)
def _fetching_cpu() -> int | None:
    """The CPU this process's fetching threads share (Linux), spread over the allowed CPUs by
    process id so that concurrent audits do not all pick the same one; None elsewhere."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return None
    return cpus[os.getpid() % len(cpus)] if len(cpus) > 1 else None


def _keep_to_one_cpu() -> None:
    """Keep the calling fetching thread on the CPU the others use.

    For a batch of revalidations: a fetching thread then runs Python between short system
    calls, each of which lets another thread take the GIL, and on several CPUs every hand-over
    wakes a thread on another CPU that only waits for the GIL again (CPython's multi-core GIL
    thrashing). On one CPU a hand-over is a plain switch: a warm run's revalidations took ~25%
    less CPU, with 1.5 instead of 7 context switches a photo, and the threads cannot use more
    than one CPU's worth of Python anyway. Not when photos are downloaded to be decoded: then
    the fetching threads also do work without the GIL (TLS decryption, SHA-256 of the bytes)
    beside the decoders, and should take whichever CPU is free. (Over plain HTTP on 2 CPUs, a
    cold run measured the same either way: 105 vs 102 photos/s median of 10 alternated runs.)
    """
    cpu = _fetching_cpu()
    if cpu is not None:
        with suppress(OSError):  # a container that forbids it: left where it is
            os.sched_setaffinity(0, {cpu})  # 0: this thread only


def photo_service(ctx: CheckContext) -> PhotoService:
    """The run's shared service, created from the context on first use."""
    service = ctx.services.get("photos")
    if service is None:
        service = ctx.services.setdefault("photos", PhotoService.from_context(ctx))
    if not isinstance(service, PhotoService):
        raise TypeError(f"ctx.services['photos'] is a {type(service).__name__}, not PhotoService")
    return service
