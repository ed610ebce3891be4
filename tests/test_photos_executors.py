"""Where photos are decoded: threads or worker processes, with the same results, and a decoder
that hangs or crashes costing its one photo (the worker is replaced, the run goes on)."""

from __future__ import annotations

import importlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from listingaudit import executors as executors_module
from listingaudit.config import ConfigError
from listingaudit.executors import ExecutorError, Lost, ProcessExecutor, ThreadExecutor
from listingaudit.images import PhotoFailure, PhotoMeasures, PhotoService
from listingaudit.images.fetch import Fetcher
from listingaudit.images.measures import measure_photo
from listingaudit.images.safety import UrlPolicy

from .fixtures.photos.images import blurred, encode, product_shot

#: Files whose bytes tell the fake decoders below to misbehave.
HANG, CRASH = b"HANG: this decoder never returns", b"CRASH: this decoder kills its process"
#: Seconds a photo may take in a worker process in these tests (a real one takes ~10 ms).
DEADLINE = 1.0

Refs = list[tuple[str, str | None]]


def hangs_or_crashes(data: bytes, content_type: str | None = None) -> PhotoMeasures:
    """A decoder with a bug for two inputs; module-level so worker processes can import it."""
    if data == HANG:
        time.sleep(3600)
    if data == CRASH:
        os._exit(1)
    return measure_photo(data, content_type)


def pid_unless_bad(data: bytes) -> int:
    """The worker's process id, for the bytes a decoder can handle."""
    if data in (HANG, CRASH):
        hangs_or_crashes(data)
    return os.getpid()


def refuses_to_decode(data: bytes, content_type: str | None = None) -> PhotoMeasures:
    raise AssertionError("a photo whose bytes did not change was decoded again")


@pytest.fixture
def photos(tmp_path: Path) -> Refs:
    """Sharp, blurred and PNG photos, a file that is not an image, and a missing one."""
    files = {
        "a.jpg": encode(product_shot(400, 1)),
        "b.jpg": encode(blurred(product_shot(400, 2), 4)),
        "c.png": encode(product_shot(300, 3), "PNG"),
        "d.jpg": b"<html>login</html>",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return [(name, str(tmp_path)) for name in [*files, "missing.jpg"]]


def analysed(refs: Refs, **options: Any) -> dict[tuple[str, str | None], object]:
    service = PhotoService.from_options({"no_cache": True, **options})
    service.analyse(refs)
    return {ref: service.result(*ref) for ref in refs}


def test_processes_give_the_same_results_as_threads(photos: Refs) -> None:
    threads = analysed(photos, workers=2)
    processes = analysed(photos, workers=2, executor="processes")
    assert processes == threads
    assert [type(r).__name__ for r in threads.values()] == ["PhotoMeasures"] * 3 + [
        "PhotoFailure"
    ] * 2


def with_bad_files(tmp_path: Path, refs: Refs) -> Refs:
    (tmp_path / "hang.jpg").write_bytes(HANG)
    (tmp_path / "crash.jpg").write_bytes(CRASH)
    return [("hang.jpg", str(tmp_path)), ("crash.jpg", str(tmp_path)), *refs]


def test_a_hung_or_crashed_decoder_costs_one_photo(tmp_path: Path, photos: Refs) -> None:
    reference = analysed(photos, workers=2)  # threads and the real decoder
    isolated = PhotoService(
        Fetcher(UrlPolicy()),
        workers=2,
        executor="processes",
        decode_timeout=DEADLINE,
        measure=hangs_or_crashes,
    )
    refs = with_bad_files(tmp_path, photos)
    isolated.analyse(refs)
    hung, crashed = isolated.result(*refs[0]), isolated.result(*refs[1])
    assert isinstance(hung, PhotoFailure) and hung.reason == "decoder-timeout"
    assert f"more than {DEADLINE:g} s" in hung.detail
    assert isinstance(crashed, PhotoFailure) and crashed.reason == "decoder-crashed"
    # Photos decoded beside them, before and after their workers were replaced, are intact:
    # neither failure was blamed on a neighbour.
    assert {ref: isolated.result(*ref) for ref in photos} == reference


def test_hung_and_dead_workers_are_replaced_for_the_items_after_them() -> None:
    items = [HANG, CRASH, b"next", b"last"]
    outcomes = list(ProcessExecutor(1, DEADLINE).map_unordered(pid_unless_bad, items))
    assert [item for item, _ in outcomes] == items  # one worker: one item at a time, in order
    assert outcomes[0][1] == Lost("timed-out", f"the decoder took more than {DEADLINE:g} s")
    assert outcomes[1][1] == Lost("crashed", "the decoder crashed (its worker process died)")
    pids = {outcome for _, outcome in outcomes[2:]}
    assert len(pids) == 1 and os.getpid() not in pids  # a fresh worker process ran the rest


def test_unchanged_bytes_are_neither_decoded_nor_sent_to_a_worker_again(
    tmp_path: Path, photos: Refs, monkeypatch: pytest.MonkeyPatch
) -> None:
    images = photos[:3]  # measures are cached; failures are tried again next run
    options = {"cache_dir": tmp_path / "cache", "workers": 2, "executor": "processes"}
    first = PhotoService.from_options(options)
    first.analyse(images)

    def no_process(*args: object) -> None:
        raise AssertionError("a worker process was started")

    monkeypatch.setattr(executors_module, "_Worker", no_process)
    again = PhotoService.from_options(options)
    again.measure = refuses_to_decode
    again.analyse(images)
    assert [again.result(*r) for r in images] == [first.result(*r) for r in images]
    assert all(isinstance(first.result(*r), PhotoMeasures) for r in images)


def test_items_are_read_only_as_workers_free_up() -> None:
    """The fetcher is held back to the decoders' pace: memory holds a few photos, not all."""
    taken: list[int] = []

    def items() -> Iterator[int]:
        for n in range(20):
            taken.append(n)
            yield n

    results = ThreadExecutor(3).map_unordered(lambda n: n * n, items())
    first = next(results)
    assert len(taken) == 3  # one per worker, none read ahead
    assert sorted([first, *results]) == [(n, n * n) for n in range(20)]


def test_a_failing_function_is_an_error_for_its_item_only() -> None:
    def work(n: int) -> int:
        if n == 2:
            raise ValueError("bug")
        return n

    outcomes = dict(ThreadExecutor(2).map_unordered(work, range(4)))
    assert outcomes[2] == Lost("error", "the worker failed: ValueError('bug')")
    assert [outcomes[n] for n in (0, 1, 3)] == [0, 1, 3]


def test_a_wrong_executor_is_a_one_line_configuration_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(
        ConfigError, match=r"unknown executor 'gpu' \(known: threads, processes, dask\)"
    ):
        PhotoService.from_options({"no_cache": True, "executor": "gpu"})
    with pytest.raises(ExecutorError, match="needs --scheduler ADDRESS"):
        PhotoService.from_options({"no_cache": True, "executor": "dask"})
    real = importlib.import_module

    def without_dask(name: str, package: str | None = None) -> ModuleType:
        if name.startswith("dask"):
            raise ImportError(f"No module named {name!r}")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_dask)
    with pytest.raises(ExecutorError, match=r"install listingaudit\[dask\]"):
        PhotoService.from_options(
            {"no_cache": True, "executor": "dask", "scheduler": "tcp://127.0.0.1:8786"}
        )
