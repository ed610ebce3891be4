"""Per-listing checks judged in worker processes and on a Dask cluster: the same report as a run
in one process, findings in the same order, and a lost batch judged locally instead."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from listingaudit import audit
from listingaudit.audit import AuditOptions, available_checks, run_audit
from listingaudit.checks import Check
from listingaudit.config import Config
from listingaudit.executors import ThreadExecutor
from listingaudit.plugins import LoadedPlugins, load_plugins
from listingaudit.workers import BatchJob, judge_batch, judged_in_order

from .conftest import ROOT

EXAMPLES = ROOT / "examples"


def _catalog(tmp_path: Path) -> list[Path]:
    """The bundled examples, repeated so each file spans several small batches."""
    paths = []
    for source in sorted(EXAMPLES.glob("*/*.csv")) + sorted(EXAMPLES.glob("*/*.txt")):
        target = tmp_path / source.parent.name / source.name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(source.read_bytes())
        paths.append(target)
    return paths


def _report(plugins: LoadedPlugins, paths: list[Path], **services: Any) -> dict[str, Any]:
    options = AuditOptions(
        ignore=["photos"], services={"offline": True, "progress": False, **services}
    )
    result = run_audit(plugins, Config({}), paths, options)
    assert not result.file_errors
    return result.report.to_dict()


def _judged_in(report: dict[str, Any]) -> list[int]:
    """The process that judged each listing (the ``tests.where_judged`` check says)."""
    return [
        finding["evidence"]["pid"]
        for listing in report["listings"]
        for finding in listing["findings"]
        if finding["rule"] == "TST900"
    ]


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "BATCH", 3)


def test_which_checks_may_run_anywhere(plugins: LoadedPlugins) -> None:
    declared = {code: cls for code, (cls, _) in available_checks(plugins).items()}
    anywhere = {code for code, cls in declared.items() if cls.runs_anywhere()}
    assert "DIS001" in anywhere and "SHP001" in anywhere
    # Photos, batch preparation (returns), catalog-wide duplicates, per-file state: here only.
    assert not {"PHO004", "RET001", "IMP003", "IMP006"} & anywhere
    assert "PHO001" in anywhere  # counts photos: needs no pixels

    class Marked(Check):
        """Reads a run-wide service.

        What it checks: x. Why it matters: x. Bad: x. Good: x. Source: x.
        """

        code = "TST001"
        family = "test"
        title = "marked local"
        local = True

    assert not Marked.runs_anywhere()


@pytest.mark.usefixtures("small_batches")
def test_worker_processes_give_the_report_of_one_process(
    plugins: LoadedPlugins, tmp_path: Path
) -> None:
    paths = _catalog(tmp_path)
    here = _report(plugins, paths)
    spread = _report(plugins, paths, executor="processes", workers=2, spread_checks=True)
    assert spread == here
    assert sum(len(listing["findings"]) for listing in here["listings"]) > 20


@pytest.mark.usefixtures("small_batches")
def test_worker_processes_load_the_same_plugins_and_judge_every_listing(
    tmp_path: Path,
) -> None:
    with_plugin = load_plugins(["tests.where_judged"])
    report = _report(
        with_plugin, _catalog(tmp_path), executor="processes", workers=2, spread_checks=True
    )
    pids = _judged_in(report)
    assert len(pids) == len(report["listings"])
    assert os.getpid() not in pids
    assert len(set(pids)) == 2


def test_verdicts_come_back_in_the_order_of_the_jobs(plugins: LoadedPlugins) -> None:
    jobs = [BatchJob((), ("DIS001",), Config({}), number, []) for number in range(12)]
    numbers = [job.number for job, _ in judged_in_order(ThreadExecutor(4), iter(jobs))]
    assert numbers == list(range(12))


def test_a_lost_batch_is_judged_here(
    plugins: LoadedPlugins, tmp_path: Path, small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _catalog(tmp_path)
    here = _report(plugins, paths)
    monkeypatch.setattr("listingaudit.audit.judged_in_order", _losing_every_other)
    assert _report(plugins, paths, executor="processes", workers=1, spread_checks=True) == here


def _losing_every_other(
    executor: object, jobs: Iterator[BatchJob]
) -> Iterator[tuple[BatchJob, Any]]:
    for job in jobs:
        yield job, None if job.number % 2 else judge_batch(job)


dask = pytest.importorskip(
    "dask.distributed", reason="Dask is an optional extra: pip install listingaudit[dask]"
)


@pytest.mark.usefixtures("small_batches")
def test_a_dask_cluster_gives_the_report_of_one_process(
    plugins: LoadedPlugins, tmp_path: Path
) -> None:
    paths = _catalog(tmp_path)
    here = _report(plugins, paths)
    with dask.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_class=dask.Nanny,
    ) as cluster:
        spread = _report(plugins, paths, executor="dask", scheduler=cluster.scheduler_address)
        with dask.Client(cluster.scheduler_address) as client:
            built = client.run(_checks_built)
    assert spread == here
    assert sum(built.values()) >= 1  # the workers judged: they built the checks


def _checks_built() -> int:
    from listingaudit.workers import _checks

    return _checks.cache_info().currsize


def test_worker_processes_take_checks_only_when_asked(tmp_path: Path, small_batches: None) -> None:
    with_plugin = load_plugins(["tests.where_judged"])
    report = _report(with_plugin, _catalog(tmp_path), executor="processes", workers=2)
    assert set(_judged_in(report)) == {os.getpid()}
