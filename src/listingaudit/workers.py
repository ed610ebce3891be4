"""Per-listing checks in worker processes or on a Dask cluster, a batch of listings at a time.

Most checks need only the listing and the configuration (``Check.runs_anywhere``). With
``--executor processes`` or ``dask``, the audit sends each batch of listings to a worker, which
loads the same plugins (``-p`` included), builds the same checks and returns their findings;
meanwhile the audit's own process reads the next batch and runs the checks that must stay with
it (photos, catalog-wide duplicates, run-wide services). Where a batch is judged changes the
speed, never the report: findings are put back in the order the checks are declared, and a
batch whose worker is lost is judged in the audit's own process instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from listingaudit.checks import Check, CheckContext, Finding
from listingaudit.config import Config
from listingaudit.executors import Executor, Lost
from listingaudit.model import Listing

#: Seconds one batch may take in a worker before it is given up (and judged locally instead).
BATCH_DEADLINE = 600.0


def judge(
    checks: Sequence[Check], listing: Listing, ctx: CheckContext
) -> tuple[list[Finding], list[str]]:
    """The findings of ``checks`` on one listing, and a message for each check that raised:
    a check bug costs one judgement, not the run."""
    found: list[Finding] = []
    errors: list[str] = []
    for check in checks:
        try:
            found.extend(check.check(listing, ctx))
        except Exception as error:
            errors.append(f"check {check.code} failed on listing {listing.id}: {error!r}")
    return found, errors


@dataclass(frozen=True)
class BatchJob:
    """What a worker needs to judge a batch: the plugins to load, the checks, the settings."""

    plugins: tuple[str, ...]
    codes: tuple[str, ...]
    config: Config
    number: int
    listings: list[Listing]


#: Per listing of a batch, in order: its findings and the messages of checks that raised.
Verdicts = list[tuple[list[Finding], list[str]]]


@cache
def _checks(plugins: tuple[str, ...], codes: tuple[str, ...]) -> list[Check]:
    """The checks a worker runs, built once per worker process."""
    from listingaudit.audit import available_checks  # the audit imports this module
    from listingaudit.plugins import load_plugins

    declared = available_checks(load_plugins(list(plugins)))
    return [declared[code][0]() for code in codes]


def judge_batch(job: BatchJob) -> Verdicts:
    """Run in a worker: the job's checks over its listings."""
    checks = _checks(job.plugins, job.codes)
    ctx = CheckContext(job.config)
    return [judge(checks, listing, ctx) for listing in job.listings]


def judged_in_order(
    executor: Executor, jobs: Iterable[BatchJob]
) -> Iterator[tuple[BatchJob, Verdicts | None]]:
    """Each job with its verdicts (None if its worker was lost), in the order of the jobs.

    The executor takes a job only when a worker is free, so the jobs waiting in memory are
    the ones running plus those finished early and waiting for an earlier one.
    """
    finished: dict[int, tuple[BatchJob, Verdicts | None]] = {}
    wanted = 0
    for job, outcome in executor.map_unordered(judge_batch, jobs):
        finished[job.number] = (job, None if isinstance(outcome, Lost) else outcome)
        while wanted in finished:
            yield finished.pop(wanted)
            wanted += 1
