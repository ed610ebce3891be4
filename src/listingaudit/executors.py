"""Where pure work runs: threads, isolated worker processes, or a Dask cluster.

The work handed to an executor is pure (a photo's bytes in, its measures or a failure out; a
batch of listings in, the findings of checks out, see ``listingaudit.workers``), so where it
runs changes speed and isolation, never the result. ``threads`` suits one machine:
Pillow releases the GIL while decoding (measured ~1.9× on 2 cores) and nothing is copied.
``processes`` gives every worker a process of its own and each item a deadline: a decoder that
hangs or crashes costs that one item, its process is replaced and the rest carry on. ``dask``
sends the work to a Dask distributed cluster, which reruns the items of a worker lost mid-run.

Every executor reads its items lazily, only when a worker is free, so whatever produces them
(the fetcher) is held back to the executor's pace and only a bounded number wait in memory.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from dataclasses import dataclass
from itertools import chain, islice
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

from listingaudit.config import ConfigError

T = TypeVar("T")
R = TypeVar("R")

EXECUTORS = ("threads", "processes", "dask")
#: Seconds one item may run in a worker process before it is given up and the process killed.
#: A 12 MP JPEG takes ~25 ms to analyse and a 50 MP PNG (the pixel limit) about 3 s.
DEFAULT_DEADLINE = 30.0
#: Dask tasks in flight per cluster thread: the next task is queued before the last one ends.
_DASK_TASKS_PER_THREAD = 2
#: Reruns of a Dask task that raised (a worker lost mid-task is rescheduled by Dask anyway).
_DASK_RETRIES = 2
#: Seconds to wait for the Dask scheduler to answer before giving up on it.
_DASK_CONNECT_TIMEOUT = 10
#: Not fork: fetching threads run in the parent, and a fork copies their held locks.
_START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
_KILL = getattr(signal, "SIGKILL", signal.SIGTERM)  # Windows has only TerminateProcess


class ExecutorError(ConfigError):
    """The executor asked for cannot be used (unknown, Dask missing, scheduler unreachable)."""


@dataclass(frozen=True)
class Lost:
    """An item whose work ended without a result: ``timed-out``, ``crashed`` or ``error``."""

    reason: str
    detail: str


#: What ``map_unordered`` yields: each item with its result, or how its work was lost.
Outcomes = Generator[tuple[T, R | Lost], None, None]


class Executor(ABC):
    """Runs a picklable function over items; yields ``(item, result or Lost)`` as each ends."""

    @abstractmethod
    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Outcomes[T, R]:
        """Results in completion order. Workers start only once there is a first item."""


def make_executor(
    kind: str, workers: int, *, scheduler: str | None = None, deadline: float | None = None
) -> Executor:
    """The executor named by ``--executor``; :class:`ExecutorError` says why it cannot be used."""
    if kind == "threads":
        return ThreadExecutor(workers)
    if kind == "processes":
        return ProcessExecutor(workers, deadline or DEFAULT_DEADLINE)
    if kind == "dask":
        return DaskExecutor(scheduler)
    raise ExecutorError(f"unknown executor '{kind}' (known: {', '.join(EXECUTORS)})")


def _outcome(future: Future[R]) -> R | Lost:
    try:
        return future.result()
    except BrokenProcessPool:
        return Lost("crashed", "the decoder crashed (its worker process died)")
    except Exception as error:  # the work never raises: this is the executor failing
        return Lost("error", f"the worker failed: {error!r}")


def _started(items: Iterable[T]) -> Iterator[T] | None:
    """``items`` as an iterator, or None when there are none (so no worker is started)."""
    source = iter(items)
    first = list(islice(source, 1))
    return chain(first, source) if first else None


class ThreadExecutor(Executor):
    """Threads of this process: no copies, no start-up, no isolation."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Outcomes[T, R]:
        source = _started(items)
        if source is None:
            return
        running: dict[Future[R], T] = {}
        with ThreadPoolExecutor(self.workers, thread_name_prefix="decode") as pool:
            while True:
                for item in islice(source, self.workers - len(running)):
                    running[pool.submit(fn, item)] = item
                if not running:
                    return
                done, _ = wait_futures(running, return_when=FIRST_COMPLETED)
                for future in done:
                    outcome: R | Lost = _outcome(future)
                    yield running.pop(future), outcome


def _load(fn: Callable[..., Any]) -> None:
    """Worker start-up: ``fn`` arrived unpickled, so its modules are imported before any
    deadline runs; Ctrl-C is left to the parent, which ends the workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Worker:
    """One process with one item at a time, so a hang or a crash is pinned on that item."""

    def __init__(self, context: BaseContext, fn: Callable[..., Any]) -> None:
        self.pool = ProcessPoolExecutor(1, mp_context=context, initializer=_load, initargs=(fn,))
        self._pid = self.pool.submit(os.getpid)

    def ready(self) -> None:
        try:
            self._pid.result()
        except BrokenProcessPool as error:
            raise ExecutorError(f"worker processes cannot start: {error}") from None

    def end(self, *, hung: bool) -> None:
        """Stop the process; a hung one is killed, since it would never take the stop."""
        if hung:
            with suppress(ProcessLookupError):
                os.kill(self._pid.result(), _KILL)
        self.pool.shutdown(wait=True, cancel_futures=True)


class ProcessExecutor(Executor):
    """Worker processes, each item with a deadline; a hung or dead worker is replaced."""

    def __init__(self, workers: int, deadline: float = DEFAULT_DEADLINE) -> None:
        self.workers = workers
        self.deadline = deadline

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Outcomes[T, R]:
        source = _started(items)
        if source is None:
            return
        context = multiprocessing.get_context(_START_METHOD)
        workers = [_Worker(context, fn) for _ in range(self.workers)]
        running: dict[Future[R], tuple[_Worker, T, float]] = {}

        def replace(old: _Worker, *, hung: bool) -> _Worker:
            old.end(hung=hung)
            new = workers[workers.index(old)] = _Worker(context, fn)
            new.ready()
            return new

        try:
            for worker in workers:
                worker.ready()
            idle = list(workers)
            while True:
                for item in islice(source, len(idle)):
                    worker = idle.pop()
                    end = time.monotonic() + self.deadline
                    running[worker.pool.submit(fn, item)] = (worker, item, end)
                if not running:
                    return
                soonest = min(end for _, _, end in running.values())
                done, _ = wait_futures(
                    running, max(0.0, soonest - time.monotonic()), FIRST_COMPLETED
                )
                for future in done:
                    worker, item, _ = running.pop(future)
                    outcome = _outcome(future)
                    crashed = isinstance(outcome, Lost) and outcome.reason == "crashed"
                    idle.append(replace(worker, hung=False) if crashed else worker)
                    yield item, outcome
                now = time.monotonic()
                for future, (worker, item, end) in list(running.items()):
                    if end <= now and not future.done():
                        del running[future]
                        idle.append(replace(worker, hung=True))
                        yield (
                            item,
                            Lost("timed-out", f"the decoder took more than {self.deadline:g} s"),
                        )
        finally:
            busy = [worker for worker, _, _ in running.values()]
            for worker in workers:
                worker.end(hung=worker in busy)


class DaskExecutor(Executor):
    """Tasks on a Dask distributed cluster (``pip install listingaudit[dask]``).

    The function and items are pickled to the workers, so listingaudit must be installed there
    too. Dask reschedules the tasks of a worker that dies; a task whose workers keep dying
    (``distributed.scheduler.allowed-failures``) is reported as crashed. Dask cannot stop a
    running task, so there is no per-item deadline here.
    """

    def __init__(self, scheduler: str | None) -> None:
        try:  # imported here: Dask is an optional extra; untyped, hence Any
            self._dask: Any = importlib.import_module("dask.distributed")
        except ImportError:
            raise ExecutorError("--executor dask needs Dask: install listingaudit[dask]") from None
        if not scheduler:
            raise ExecutorError(
                "--executor dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)"
            )
        self.scheduler = scheduler

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Outcomes[T, R]:
        source = _started(items)
        if source is None:
            return
        dask = self._dask
        try:
            client = dask.Client(
                self.scheduler, timeout=_DASK_CONNECT_TIMEOUT, set_as_default=False
            )
        except (OSError, TimeoutError) as error:
            raise ExecutorError(
                f"cannot reach the Dask scheduler at {self.scheduler}: {error}"
            ) from None
        pending: dict[Any, tuple[Any, T]] = {}

        def submit(item: T) -> Any:
            future = client.submit(fn, item, pure=False, retries=_DASK_RETRIES)
            pending[future.key] = (future, item)
            return future

        try:
            window = _DASK_TASKS_PER_THREAD * max(1, sum(client.nthreads().values()))
            completed = dask.as_completed(
                [submit(item) for item in islice(source, window)], loop=client.loop
            )
            for future in completed:
                _, item = pending.pop(future.key)
                for more in islice(source, 1):
                    completed.add(submit(more))
                outcome: R | Lost
                try:
                    outcome = future.result()
                except dask.KilledWorker:
                    outcome = Lost("crashed", "the decoder crashed (its Dask workers died)")
                except Exception as error:  # the work never raises: this is Dask failing
                    outcome = Lost("error", f"the Dask task failed: {error!r}")
                future.release()
                yield item, outcome
        finally:
            client.cancel([future for future, _ in pending.values()])
            client.close()
