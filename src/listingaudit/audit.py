"""One audit run: read every file, run every selected check, score, and build the report."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import Any

from listingaudit import __version__
from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.config import Config, ConfigError
from listingaudit.executors import Executor, make_executor
from listingaudit.images.service import PhotoService
from listingaudit.model import Listing
from listingaudit.plugins import LoadedPlugins
from listingaudit.problems import ProblemLog
from listingaudit.progress import Progress
from listingaudit.reading import expand_paths, open_sources, read_source
from listingaudit.report import FileSummary, Report, RuleInfo
from listingaudit.results import ListingResult, Results
from listingaudit.scoring import ScoringModel, catalog_score
from listingaudit.tabular import InputError, InputFile
from listingaudit.workers import BATCH_DEADLINE, BatchJob, Verdicts, judge, judged_in_order

#: Listings read and judged together: photos of a batch are fetched concurrently, and memory
#: holds one batch of full listings (judged ones keep only what reports show).
BATCH = 2000


@dataclass
class AuditOptions:
    """Run-time choices from the command line (configuration holds the durable ones)."""

    marketplace: str | None = None
    encoding: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    title: str = "listingaudit report"
    #: Free-form options for services (offline, cache_dir, allow_hosts, workers...).
    services: dict[str, Any] = field(default_factory=dict)


@dataclass
class AuditResult:
    report: Report
    #: One-line messages for files that could not be read at all (exit code 2).
    file_errors: list[str]


def available_checks(plugins: LoadedPlugins) -> dict[str, tuple[type[Check], str]]:
    """Every declared check class by code, with the plugin that declared it."""
    found: dict[str, tuple[type[Check], str]] = {}
    for plugin_name, plugin in plugins.manager.list_name_plugin():
        impl = getattr(plugin, "listingaudit_checks", None)
        if impl is None:
            continue
        for check_class in impl():
            if check_class.code in found:
                raise ValueError(f"rule code {check_class.code} is declared twice")
            found[check_class.code] = (check_class, plugin_name)
    return found


def rule_info(checks: dict[str, tuple[type[Check], str]]) -> dict[str, RuleInfo]:
    return {
        code: RuleInfo(code, c.family, c.severity.value, c.title, c.doc(), plugin)
        for code, (c, plugin) in checks.items()
    }


def _wanted(check: type[Check], select: Sequence[str], ignore: Sequence[str]) -> bool:
    names = {check.code, check.family}
    if select and not names & set(select):
        return False
    return not names & set(ignore)


class _Ignores:
    """Per-listing ignores from configuration, remembering which ones matched anything."""

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.entries = entries
        self.matched: set[int] = set()

    def hides(self, listing: Listing, finding: Finding) -> bool:
        for number, entry in enumerate(self.entries):
            if entry["listing"] == listing.id and finding.rule in entry["rules"]:
                self.matched.add(number)
                return True
        return False

    def unmatched(self) -> list[dict[str, Any]]:
        return [e for n, e in enumerate(self.entries) if n not in self.matched]


class _Scorer:
    """Turns a listing's findings into its scored result: severity overrides, per-listing
    ignores, then the scoring model."""

    def __init__(self, config: Config, families: list[str]) -> None:
        self.overrides: dict[str, str] = config.get("severity", {})
        self.model = ScoringModel.from_config(config.get("scoring"))
        self.ignores = _Ignores(config.get("listing_ignores", []))
        self.families = families

    def score(self, listing: Listing, findings: list[Finding]) -> ListingResult:
        kept = findings
        hidden: list[Finding] = []
        if self.overrides or self.ignores.entries:  # usually neither: nothing to go through
            kept = []
            for finding in findings:
                level = self.overrides.get(finding.rule) or self.overrides.get(finding.family)
                if level:
                    finding = replace(finding, severity=Severity(level))
                (hidden if self.ignores.hides(listing, finding) else kept).append(finding)
        score, scores = self.model.score_listing(kept, self.families)
        return ListingResult(listing, kept, score, self.model.grade(score), scores, hidden)


class _Judge:
    """Runs the checks over batches of listings as they are read and scores them, so memory
    holds a few batches of listings; scored listings go to disk (``Results``).

    Given an executor, the checks that may run anywhere judge each batch in a worker
    (``listingaudit.workers``) while this process reads on and runs the others.
    """

    def __init__(
        self,
        checks: list[Check],
        ctx: CheckContext,
        problems: ProblemLog,
        scorer: _Scorer,
        executor: Executor | None = None,
        plugins: tuple[str, ...] = (),
        progress: Progress | None = None,
    ) -> None:
        self.checks = checks
        self.progress = progress or Progress(False)
        self.ctx = ctx
        self.problems = problems
        self.scorer = scorer
        self.executor = executor
        self.plugins = plugins
        self.remote = [c for c in checks if c.runs_anywhere()] if executor else []
        self.local = [c for c in checks if c not in self.remote]
        self.order = {check.code: number for number, check in enumerate(checks)}
        self.results = Results()

    def run(self, listings: Iterable[Listing]) -> Results:
        """The scored listings, with the findings of catalog-wide checks added."""
        first = _batched(listings, BATCH)
        head = list(islice(first, 2))
        # One batch is judged here faster than workers start.
        spread = self.executor if self.remote and len(head) == 2 else None
        batches = chain(head, first)
        del head  # the first batches are not kept for the whole run
        if spread is not None:
            codes = tuple(check.code for check in self.remote)
            jobs = (
                BatchJob(self.plugins, codes, self.ctx.config, number, batch)
                for number, batch in enumerate(batches)
            )
            for job, verdicts in judged_in_order(spread, jobs):
                self._judge(job.listings, verdicts)
        else:
            for batch in batches:
                self._judge(batch, None)
        return self._finish()

    def _judge(self, batch: list[Listing], verdicts: Verdicts | None) -> None:
        """Run the checks not already run (``verdicts``: those a worker ran) and score."""
        here = self.checks if verdicts is None else self.local
        for check in here:
            try:
                check.prepare(batch, self.ctx)
            except ConfigError:  # e.g. a policies file the configuration names is broken: exit 2
                raise
            except Exception as error:  # a check bug costs its own judgements, not the run
                self.problems.add("(audit)", None, "check-error", f"{check.code}: {error!r}")
        for number, listing in enumerate(batch):
            found, errors = judge(here, listing, self.ctx)
            if verdicts is not None:
                found += verdicts[number][0]
                errors += verdicts[number][1]
                found.sort(key=lambda finding: self.order.get(finding.rule, len(self.order)))
            for message in errors:
                self.problems.add(
                    listing.source.file, listing.source.first_line, "check-error", message
                )
            self.results.append(self.scorer.score(listing, found))
            # A catalog-wide check may keep the listing until the end: not its rows and text.
            listing.raw = []
            listing.description_html = listing.description_text = None
        self.progress.judged(len(batch))

    def _finish(self) -> Results:
        late: dict[tuple[str, int], list[Finding]] = {}
        for check in self.checks:
            for listing, finding in check.finish(self.ctx):
                late.setdefault(_where(listing), []).append(finding)
        if not late:
            return self.results
        # Rare (duplicates across the catalog): score again the listings that gained findings.
        judged, rescored = self.results, Results()
        for result in judged:
            more = late.get(_where(result.listing))
            if more:
                found = [*result.findings, *result.ignored, *more]
                result = self.scorer.score(result.listing, found)
            rescored.append(result)
        judged.close()
        return rescored


def _batched(listings: Iterable[Listing], size: int) -> Iterator[list[Listing]]:
    source = iter(listings)
    while batch := list(islice(source, size)):
        yield batch


def _where(listing: Listing) -> tuple[str, int]:
    """What tells listings apart in a run: no two start on the same line of the same file."""
    return listing.source.file, listing.source.first_line


class _Reader:
    """Reads every export in turn, keeping a summary of each file and a line for each file
    that could not be read at all."""

    def __init__(self, plugins: LoadedPlugins, problems: ProblemLog, options: AuditOptions):
        self.plugins = plugins
        self.problems = problems
        self.options = options
        self.files: list[FileSummary] = []
        self.errors: list[str] = []

    def listings(self, paths: Sequence[Path]) -> Iterator[Listing]:
        for path in expand_paths(paths):
            try:
                with open_sources(path, self.options.encoding) as sources:
                    for source in sources:
                        yield from self._read_one(source)
            except InputError as error:
                self.errors.append(str(error))
                self.files.append(FileSummary(str(path), "", "", "", 0, 0, None, error=str(error)))

    def _read_one(self, source: InputFile) -> Iterator[Listing]:
        """One export's listings; an adapter bug costs the rest of this file, not the run."""
        problems = self.problems
        before = len(problems)
        count = 0
        first: Listing | None = None
        try:
            for listing in read_source(
                self.plugins.hook, source, problems, self.options.marketplace
            ):
                first = first or listing
                count += 1
                yield listing
        except InputError:
            raise
        except Exception as error:
            problems.add(source.name, None, "adapter-error", f"reading stopped: {error!r}")
        if first is None:
            found = len(problems) - before
            why = f"{found} problem(s) in the report" if found else "a header but no data rows"
            raise InputError(f"{source.name}: no listings could be read ({why})")
        self.files.append(
            FileSummary(
                source.name,
                first.source.format,
                first.marketplace,
                source.encoding,
                count,
                len(problems) - before,
                None,
            )
        )


def _check_executor(services: dict[str, Any]) -> Executor | None:
    """Where checks that may run anywhere run: a Dask cluster, or worker processes if asked
    (``spread_checks``); None for this process.

    Not worker processes by default: measured on 2 cores, the audit's own process (reading, the
    checks that stay, scoring) is the bottleneck, and the work rules share per listing is done
    twice when they are split, so a run took 1.4-1.7x as long. Threads would take turns.
    """
    kind = services.get("executor") or "threads"
    if kind == "threads" or (kind == "processes" and not services.get("spread_checks")):
        return None
    workers = services.get("workers") or os.cpu_count() or 1
    scheduler = services.get("scheduler")
    return make_executor(kind, workers, scheduler=scheduler, deadline=BATCH_DEADLINE)


def _with_score(summary: FileSummary, results: Results) -> FileSummary:
    scores = results.file_scores(summary.file)
    return replace(summary, score=catalog_score(scores)) if scores else summary


def _cached_photos(ctx: CheckContext) -> Callable[[str], bytes | None] | None:
    """Where reports find photo bytes the run already holds, if photos were analysed."""
    service = ctx.services.get("photos")
    return service.cached_bytes if isinstance(service, PhotoService) else None


def run_audit(
    plugins: LoadedPlugins,
    config: Config,
    paths: Sequence[Path],
    options: AuditOptions | None = None,
) -> AuditResult:
    options = options or AuditOptions()
    problems = ProblemLog()
    declared = available_checks(plugins)
    select = options.select or config.get("select", [])
    ignore = [*options.ignore, *config.get("ignore", [])]
    checks = [c() for c, _ in declared.values() if _wanted(c, select, ignore)]
    families = sorted({c.family for c in checks})
    progress = Progress(bool(options.services.get("progress")))
    # Asked for as a flag; the line itself goes to the services so the photo service draws on it.
    services = {"hook": plugins.hook, **options.services, "progress": progress}
    scorer = _Scorer(config, families)
    ctx = CheckContext(config, services)
    executor = _check_executor(services)
    judge = _Judge(checks, ctx, problems, scorer, executor, plugins.requested, progress)
    reader = _Reader(plugins, problems, options)
    try:
        results = judge.run(reader.listings(paths))
    finally:
        progress.close()
    files = [_with_score(f, results) for f in reader.files]
    report = Report(
        tool_version=__version__,
        listings=results,
        problems=list(problems),
        problem_count=len(problems),
        files=files,
        rules=rule_info({c.code: declared[c.code] for c in checks}),
        unmatched_ignores=scorer.ignores.unmatched(),
        title=options.title,
        grade_of=scorer.model.grade,
        photo_bytes=_cached_photos(ctx),
    )
    return AuditResult(report, reader.errors)
