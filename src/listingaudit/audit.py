"""One audit run: read every file, run every selected check, score, and build the report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from listingaudit import __version__
from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.config import Config, ConfigError
from listingaudit.images.service import PhotoService
from listingaudit.model import Listing
from listingaudit.plugins import LoadedPlugins
from listingaudit.problems import ProblemLog
from listingaudit.reading import expand_paths, open_sources, read_source
from listingaudit.report import FileSummary, Report, RuleInfo
from listingaudit.results import ListingResult, Results
from listingaudit.scoring import ScoringModel, catalog_score
from listingaudit.tabular import InputError, InputFile

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
        kept: list[Finding] = []
        hidden: list[Finding] = []
        for finding in findings:
            level = self.overrides.get(finding.rule) or self.overrides.get(finding.family)
            if level:
                finding = replace(finding, severity=Severity(level))
            (hidden if self.ignores.hides(listing, finding) else kept).append(finding)
        score, scores = self.model.score_listing(kept, self.families)
        return ListingResult(listing, kept, score, self.model.grade(score), scores, hidden)


class _Judge:
    """Runs the checks over listings in batches as they are read and scores them, so memory
    holds one batch of listings; scored listings go to disk (``Results``)."""

    def __init__(
        self, checks: list[Check], ctx: CheckContext, problems: ProblemLog, scorer: _Scorer
    ) -> None:
        self.checks = checks
        self.ctx = ctx
        self.problems = problems
        self.scorer = scorer
        self.pending: list[Listing] = []
        self.results = Results()

    def add(self, listing: Listing) -> None:
        self.pending.append(listing)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        for check in self.checks:
            try:
                check.prepare(batch, self.ctx)
            except ConfigError:  # e.g. a policies file the configuration names is broken: exit 2
                raise
            except Exception as error:  # a check bug costs its own judgements, not the run
                self.problems.add("(audit)", None, "check-error", f"{check.code}: {error!r}")
        for listing in batch:
            found: list[Finding] = []
            for check in self.checks:
                try:
                    found.extend(check.check(listing, self.ctx))
                except Exception as error:  # a check bug costs one judgement, not the run
                    self.problems.add(
                        listing.source.file,
                        listing.source.first_line,
                        "check-error",
                        f"check {check.code} failed on listing {listing.id}: {error!r}",
                    )
            self.results.append(self.scorer.score(listing, found))
            # A catalog-wide check may keep the listing until the end: not its rows and text.
            listing.raw = []
            listing.description_html = listing.description_text = None

    def finish(self) -> Results:
        """The scored listings, with the findings of catalog-wide checks added."""
        self.flush()
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


def _where(listing: Listing) -> tuple[str, int]:
    """What tells listings apart in a run: no two start on the same line of the same file."""
    return listing.source.file, listing.source.first_line


def _read_one(
    plugins: LoadedPlugins,
    source: InputFile,
    problems: ProblemLog,
    judge: _Judge,
    options: AuditOptions,
) -> FileSummary:
    """Read one export into the judge; an adapter bug costs the rest of this file, not the run."""
    before = len(problems)
    count = 0
    first: Listing | None = None
    try:
        for listing in read_source(plugins.hook, source, problems, options.marketplace):
            first = first or listing
            count += 1
            judge.add(listing)
    except InputError:
        raise
    except Exception as error:
        problems.add(source.name, None, "adapter-error", f"reading stopped: {error!r}")
    if first is None:
        found = len(problems) - before
        why = f"{found} problem(s) in the report" if found else "a header but no data rows"
        raise InputError(f"{source.name}: no listings could be read ({why})")
    return FileSummary(
        source.name,
        first.source.format if first else "",
        first.marketplace if first else "",
        source.encoding,
        count,
        len(problems) - before,
        None,
    )


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
    services = {"hook": plugins.hook, **options.services}
    scorer = _Scorer(config, families)
    judge = _Judge(checks, CheckContext(config, services), problems, scorer)

    files: list[FileSummary] = []
    file_errors: list[str] = []
    for path in expand_paths(paths):
        try:
            with open_sources(path, options.encoding) as sources:
                for source in sources:
                    files.append(_read_one(plugins, source, problems, judge, options))
        except InputError as error:
            file_errors.append(str(error))
            files.append(FileSummary(str(path), "", "", "", 0, 0, None, error=str(error)))
    results = judge.finish()
    files = [_with_score(f, results) for f in files]
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
        photo_bytes=_cached_photos(judge.ctx),
    )
    return AuditResult(report, file_errors)
