"""listingaudit benchmark: listings/s for the non-photo checks, photos/s cold and warm, memory.

    python benchmarks/bench.py [--listings N] [--photos N] [--latency-ms X] [--json out.json]

1. Writes a synthetic catalog in each marketplace's format (``--listings`` each) and audits it
   with the photo rules ignored: read time, audit time, report time, listings/s, peak memory.
2. Makes ``--photos`` product photos (JPEG at each ``--megapixels`` size, some PNG and WebP,
   a third blurred), serves them from a loopback HTTP server (``--latency-ms``, ETag,
   Last-Modified, 304 on revalidation) and audits a catalog naming them, with the photo rules
   only: once with an empty cache (cold), once again with the same cache (warm). Time spent in
   fetching, decoding and measuring is summed over the audit's threads.
3. Times the naive pipeline, the decode floor and the analysis floor (decode and measures, no
   network or cache) on the same photos (``bench_references``) and prints the audit's photo
   throughput as a ratio to each. CPU milliseconds per photo are printed too: on a machine
   shared with other work they are steadier than photos/s.

Every measured run happens in a fresh child process (this script with ``--child``), so each peak
memory figure belongs to that run alone and no run warms another's caches. The audit is driven
through its public API only: ``load_plugins``, ``Config``, ``run_audit``, ``AuditOptions``.
Not a test: the suite only checks that the harness runs on a tiny catalog.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import PIL
from bench_catalogs import MARKETPLACES, write_catalog, write_photo_catalog
from bench_photos import PhotoServer, make_photos
from bench_references import decode_floor, naive, on_all_cores

from listingaudit import __version__
from listingaudit.audit import AuditOptions, AuditResult, available_checks, run_audit
from listingaudit.config import Config
from listingaudit.plugins import LoadedPlugins, load_plugins
from listingaudit.problems import ProblemLog
from listingaudit.reading import open_sources, read_source

SEED = 20261123
#: The analysis size when the audit does not say (``listingaudit.images.measures``).
DEFAULT_ANALYSIS_SIZE = 512
NO_PHOTOS = "photos: n/a (no photo checks loaded)"

Job = dict[str, Any]
Result = dict[str, Any]


# --- Measured runs (each in its own child process) ---------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started its own program.

    On Linux, ``ru_maxrss`` of a child also counts the parent's peak at the time it was
    spawned (the kernel carries the old address space's high-water mark across ``exec``), so
    the address space's own ``VmHWM`` is read instead. Elsewhere ``ru_maxrss`` is what there
    is (KiB on Linux, bytes on macOS).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _config(plugins: LoadedPlugins) -> Config:
    """Defaults only, with every plugin's declared sections (as the command line builds it)."""
    return Config({}, None, [k for keys in plugins.hook.listingaudit_config_keys() for k in keys])


def _report_seconds(plugins: LoadedPlugins, result: AuditResult) -> dict[str, float]:
    """Seconds each loaded report writer takes to write this run's report."""
    seconds: dict[str, float] = {}
    for group in plugins.hook.listingaudit_reporters():
        for reporter in group:
            start = time.perf_counter()
            with open(os.devnull, "w", encoding="utf-8") as out:
                reporter({"title": "benchmark", "color": False}).write(result.report, out)
            seconds[reporter.name] = time.perf_counter() - start
    return seconds


def _audit(plugins: LoadedPlugins, paths: list[Path], options: AuditOptions) -> AuditResult:
    result = run_audit(plugins, _config(plugins), paths, options)
    if result.file_errors:
        raise RuntimeError("; ".join(result.file_errors))
    return result


def _findings(result: AuditResult) -> dict[str, int]:
    return dict(Counter(f.rule for r in result.report.listings for f in r.findings))


def listings_job(job: Job) -> Result:
    """Read one catalog, then audit it without the photo rules, then write every report."""
    plugins = load_plugins()
    path = Path(job["path"])
    start = time.perf_counter()
    read = 0
    with open_sources(path) as sources:
        for source in sources:
            read += sum(1 for _ in read_source(plugins.hook, source, ProblemLog()))
    read_seconds = time.perf_counter() - start
    services: dict[str, Any] = {"offline": True, "no_cache": True, "progress": False}
    for option in ("workers", "executor", "scheduler"):  # where the per-listing checks run
        if job.get(option):
            services[option] = job[option]
    options = AuditOptions(ignore=["photos"], services=services)
    start = time.perf_counter()
    result = _audit(plugins, [path], options)
    audit_seconds = time.perf_counter() - start
    reports = _report_seconds(plugins, result)
    return {
        "listings": len(result.report.listings),
        "listings_read": read,
        "problems": result.report.problem_count,
        "findings": sum(_findings(result).values()),
        "read_seconds": read_seconds,
        "audit_seconds": audit_seconds,
        "check_seconds": max(audit_seconds - read_seconds, 0.0),
        "report_seconds": sum(reports.values()),
        "report_seconds_by_format": reports,
        "listings_per_second": len(result.report.listings) / audit_seconds,
        "peak_rss_mb": peak_rss_mb(),
    }


class PhaseClock:
    """Thread-seconds spent inside named functions, found by wrapping them in place, and the
    CPU-seconds of those threads meanwhile (``time.thread_time``): on two cores shared by many
    threads, the wall time inside a function counts waiting for a per-host slot, for the GIL
    and for a core; its CPU time counts only the work."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.calls: Counter[str] = Counter()
        self.missing: list[str] = []
        self._lock = threading.Lock()

    def wrap(self, phase: str, owner: object, name: str) -> None:
        original = getattr(owner, name, None)
        if not callable(original):
            self.missing.append(phase)
            return
        clock = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                clock.add(phase, time.perf_counter() - start, time.thread_time() - cpu)

        setattr(owner, name, timed)

    def add(self, phase: str, seconds: float, cpu: float = 0.0) -> None:
        with self._lock:
            self.seconds[phase] = self.seconds.get(phase, 0.0) + seconds
            self.cpu[phase] = self.cpu.get(phase, 0.0) + cpu
            self.calls[phase] += 1


def _clock_photo_pipeline(in_process: bool) -> PhaseClock:
    """Time the photo pipeline's fetch, decode and measure steps (``listingaudit.images``).

    Decoding and measuring are timed only when they run in this process's threads: in worker
    processes they are out of sight, and the wrapper (a local function) could not be pickled
    to them, so every photo would fail instead of being measured."""
    clock = PhaseClock()
    try:
        from listingaudit.images import fetch, measures, service
    except ImportError:
        clock.missing += ["fetch", "decode", "measure"]
        return clock
    clock.wrap("fetch", fetch.Fetcher, "fetch")
    if in_process:
        clock.wrap("decode", measures, "decode")
        clock.wrap("measure", service, "measure_photo")
    else:
        clock.missing += ["decode", "measure"]
    return clock


def photos_job(job: Job) -> Result:
    """Audit the photo catalog with the photo rules only, against the loopback server."""
    in_process = job.get("executor", "threads") == "threads"
    clock = _clock_photo_pipeline(in_process)
    plugins = load_plugins()
    services: dict[str, Any] = {
        "allow_hosts": ["127.0.0.1"],
        "cache_dir": job["cache_dir"],
        "progress": False,
    }
    for option in ("workers", "executor", "scheduler"):
        if job.get(option):
            services[option] = job[option]
    start, cpu = time.perf_counter(), time.process_time()
    result = _audit(
        plugins, [Path(job["path"])], AuditOptions(select=["photos"], services=services)
    )
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    reports = _report_seconds(plugins, result)

    def by_phase(figures: dict[str, float]) -> dict[str, float | None]:
        phases: dict[str, float | None] = {}
        for phase in ("fetch", "decode", "measure"):
            phases[phase] = None if phase in clock.missing else figures.get(phase, 0.0)
        if phases["measure"] is not None and phases["decode"] is not None:
            phases["measure"] -= phases["decode"]  # measure_photo calls decode
        return phases

    return {
        "seconds": seconds,
        "photos_per_second": job["photos"] / seconds,
        # CPU of this process over the run, all threads; worker processes are not counted.
        "cpu_seconds": cpu if in_process else None,
        "decodes": clock.calls["decode"] if "decode" not in clock.missing else None,
        "phases_thread_seconds": by_phase(clock.seconds),
        "phases_cpu_seconds": by_phase(clock.cpu),
        "report_seconds": sum(reports.values()),
        "findings": _findings(result),
        "peak_rss_mb": peak_rss_mb(),
    }


def naive_job(job: Job) -> Result:
    cpu = time.process_time()
    seconds = naive(job["urls"])
    return {
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu,
        "photos_per_second": len(job["urls"]) / seconds,
        "peak_rss_mb": peak_rss_mb(),
    }


def floor_job(job: Job) -> Result:
    photos = [Path(p).read_bytes() for p in job["files"]]
    timing = decode_floor(photos, job["longest"], job.get("workers"))
    return {
        **timing,
        "cpu_seconds": timing["threads_cpu_seconds"],
        "photos_per_second": len(photos) / timing["seconds"],
        "peak_rss_mb": peak_rss_mb(),
    }


def analysis_floor_job(job: Job) -> Result:
    """The audit's own decode and measures on every core, nothing else (``bench_references``)."""
    from listingaudit.images.measures import measure_photo

    photos = [Path(p).read_bytes() for p in job["files"]]
    timing = on_all_cores(measure_photo, photos, job.get("workers"))
    return {
        **timing,
        "cpu_seconds": timing["threads_cpu_seconds"],
        "photos_per_second": len(photos) / timing["seconds"],
        "peak_rss_mb": peak_rss_mb(),
    }


JOBS: dict[str, Callable[[Job], Result]] = {
    "listings": listings_job,
    "photos": photos_job,
    "naive": naive_job,
    "floor": floor_job,
    "analysis_floor": analysis_floor_job,
}


def run_child(job: Job, workdir: Path) -> Result:
    """Run ``job`` in a fresh interpreter (this script with ``--child``); its JSON result."""
    job_file = workdir / f"job-{job['kind']}-{time.monotonic_ns()}.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(job_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{job['kind']} run failed:\n{done.stderr[-2000:]}")
    result: Result = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- The whole benchmark -----------------------------------------------------------------------


def analysis_size() -> int:
    try:
        from listingaudit.images.measures import ANALYSIS_SIZE
    except ImportError:
        return DEFAULT_ANALYSIS_SIZE
    return int(ANALYSIS_SIZE)


def machine() -> dict[str, Any]:
    return {
        "cpus": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "pillow": PIL.__version__,
        "platform": platform.platform(),
        "listingaudit": __version__,
    }


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def bench_listings(args: argparse.Namespace, workdir: Path) -> dict[str, Result]:
    def photo_url(listing: int, position: int) -> str:
        return f"https://cdn.example.com/p/{listing}-{position}.jpg"

    results: dict[str, Result] = {}
    for number, marketplace in enumerate(MARKETPLACES):
        folder = workdir / marketplace
        folder.mkdir()
        path, rows = write_catalog(marketplace, folder, args.listings, SEED + number, photo_url)
        job = {"kind": "listings", "path": str(path)}
        job.update(executor=args.executor, workers=args.workers, scheduler=args.scheduler)
        run = run_child(job, workdir)
        results[marketplace] = {"rows": rows, "bytes": path.stat().st_size, **run}
    return results


def bench_photos(args: argparse.Namespace, workdir: Path) -> Result:
    sizes = [float(s) for s in args.megapixels.split(",")]
    formats = args.formats.split(",")
    photos = make_photos(args.photos, sizes, formats, SEED)
    folder = workdir / "photos"
    folder.mkdir()
    files = []
    for photo in photos:
        (folder / photo.name).write_bytes(photo.data)
        files.append(str(folder / photo.name))
    longest = analysis_size()
    cache = workdir / "cache"
    with PhotoServer(photos, args.latency_ms) as server:
        urls = [server.url(photo.name) for photo in photos]
        catalog = workdir / "photo-catalog.csv"
        write_photo_catalog(catalog, urls)
        job = {
            "kind": "photos",
            "path": str(catalog),
            "cache_dir": str(cache),
            "photos": len(photos),
            "workers": args.workers,
            "executor": args.executor,
            "scheduler": args.scheduler,
        }
        runs: dict[str, Result] = {}
        for name in ("cold", "warm"):
            before = server.snapshot()
            runs[name] = run_child(job, workdir)
            runs[name]["http"] = dict(server.snapshot() - before)
        before = server.snapshot()
        runs["naive"] = run_child({"kind": "naive", "urls": urls}, workdir)
        runs["naive"]["http"] = dict(server.snapshot() - before)
    for kind in ("floor", "analysis_floor"):
        runs[kind] = run_child(
            {"kind": kind, "files": files, "longest": longest, "workers": args.workers}, workdir
        )
    cold, warm = runs["cold"]["photos_per_second"], runs["warm"]["photos_per_second"]
    return {
        "count": len(photos),
        "bytes": sum(len(p.data) for p in photos),
        "mix": dict(Counter(f"{p.format} {p.megapixels:g} MP" for p in photos)),
        "blurred": sum(p.blurred for p in photos),
        "latency_ms": args.latency_ms,
        "analysis_size": longest,
        "audit_cold": runs["cold"],
        "audit_warm": runs["warm"],
        "naive": runs["naive"],
        "decode_floor": runs["floor"],
        "analysis_floor": runs["analysis_floor"],
        "ratios": {
            "cold_vs_decode_floor": _ratio(cold, runs["floor"]["photos_per_second"]),
            "cold_vs_analysis_floor": _ratio(cold, runs["analysis_floor"]["photos_per_second"]),
            "cold_vs_naive": _ratio(cold, runs["naive"]["photos_per_second"]),
            "warm_vs_cold": _ratio(warm, cold),
        },
    }


def run(args: argparse.Namespace) -> Result:
    plugins = load_plugins()
    photo_checks = [code for code, (c, _) in available_checks(plugins).items() if c.needs_photos]
    with tempfile.TemporaryDirectory(prefix="listingaudit-bench-") as temp:
        workdir = Path(temp)
        listings = bench_listings(args, workdir)
        photos = bench_photos(args, workdir) if photo_checks and args.photos > 0 else None
    total = sum(r["listings"] for r in listings.values())
    seconds = sum(r["audit_seconds"] for r in listings.values())
    return {
        "version": 1,
        "machine": machine(),
        "settings": {
            "listings_per_catalog": args.listings,
            "photos": args.photos,
            "megapixels": args.megapixels,
            "formats": args.formats,
            "latency_ms": args.latency_ms,
            "workers": args.workers,
            "executor": args.executor,
        },
        "plugin_failures": plugins.failures,
        "photo_checks": sorted(photo_checks),
        "listings": listings,
        "listings_total": {
            "listings": total,
            "audit_seconds": seconds,
            **{
                key: sum(r[key] for r in listings.values())
                for key in ("read_seconds", "check_seconds", "report_seconds")
            },
            "listings_per_second": total / seconds,
            "peak_rss_mb": max(r["peak_rss_mb"] for r in listings.values()),
        },
        "photos": photos,
    }


# --- Output ------------------------------------------------------------------------------------


def _num(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def table(results: Result) -> str:
    """The human summary: one table for listings, one for photos, the ratios."""
    m = results["machine"]
    lines = [
        f"listingaudit {m['listingaudit']} benchmark: {m['cpus']} CPUs, Python {m['python']}, "
        f"Pillow {m['pillow']}",
        "",
        f"{'catalog':<10}{'listings':>10}{'read s':>9}{'checks s':>10}{'report s':>10}"
        f"{'listings/s':>12}{'peak RSS MB':>13}",
    ]
    rows = [*results["listings"].items(), ("all", results["listings_total"])]
    for name, r in rows:
        lines.append(
            f"{name:<10}{r['listings']:>10,}{_num(r.get('read_seconds'), 2):>9}"
            f"{_num(r.get('check_seconds'), 2):>10}{_num(r.get('report_seconds'), 2):>10}"
            f"{_num(r['listings_per_second'], 0):>12}{_num(r['peak_rss_mb']):>13}"
        )
    photos = results["photos"]
    lines.append("")
    if photos is None:
        lines.append(NO_PHOTOS)
        return "\n".join(lines)
    mix = ", ".join(f"{n} {kind}" for kind, n in sorted(photos["mix"].items()))
    lines += [
        f"photos: {photos['count']} ({mix}; {photos['blurred']} blurred), "
        f"{photos['bytes'] / 1e6:.1f} MB, from 127.0.0.1 with +{photos['latency_ms']:g} ms; "
        f"analysed at {photos['analysis_size']} px",
        f"{'run':<34}{'photos/s':>10}{'wall s':>9}{'CPU ms/photo':>14}{'200':>6}{'304':>6}"
        f"{'decodes':>9}{'peak RSS MB':>13}",
    ]
    for label, key in [
        ("audit, cold cache", "audit_cold"),
        ("audit, warm cache", "audit_warm"),
        ("naive (requests.get, full decode)", "naive"),
        ("decode floor (as audited, all cores)", "decode_floor"),
        ("analysis floor (decode + measures)", "analysis_floor"),
    ]:
        r = photos.get(key)
        if r is None:  # a results file from before this run existed
            continue
        http = r.get("http", {})
        decodes = "-" if r.get("decodes") is None else str(r["decodes"])
        cpu = r.get("cpu_seconds")
        per_photo = None if cpu is None else cpu * 1000 / photos["count"]
        lines.append(
            f"{label:<34}{_num(r['photos_per_second']):>10}{_num(r['seconds'], 2):>9}"
            f"{_num(per_photo, 2):>14}"
            f"{http.get('status_200', '-')!s:>6}{http.get('status_304', '-')!s:>6}"
            f"{decodes:>9}{_num(r.get('peak_rss_mb')):>13}"
        )
    ratios = photos["ratios"]
    phases = photos["audit_cold"]["phases_thread_seconds"]
    phases_cpu = photos["audit_cold"].get("phases_cpu_seconds", {})
    lines += [
        "",
        f"cold / decode floor {_num(ratios['cold_vs_decode_floor'], 2)}   "
        f"cold / analysis floor {_num(ratios.get('cold_vs_analysis_floor'), 2)}   "
        f"cold / naive {_num(ratios['cold_vs_naive'], 1)}   "
        f"warm / cold {_num(ratios['warm_vs_cold'], 1)}",
        "cold-cache phases, thread-seconds (of them CPU): "
        + "   ".join(
            f"{name} {_num(value, 2)} ({_num(phases_cpu.get(name), 2)})"
            for name, value in phases.items()
        ),
    ]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench.py", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--listings", type=int, default=100_000, help="listings per catalog")
    parser.add_argument("--photos", type=int, default=120, help="photos (0: skip photo runs)")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="added per HTTP answer")
    parser.add_argument(
        "--megapixels", default="1,4,12", help="JPEG sizes, comma-separated (default 1,4,12)"
    )
    parser.add_argument(
        "--formats", default="jpeg,png,webp", help="photo formats (default jpeg,png,webp)"
    )
    parser.add_argument("--workers", type=int, help="the audit's workers (default: CPUs)")
    parser.add_argument(
        "--executor",
        default="threads",
        help="where the audit decodes photos: threads (default), processes, dask (which also "
        "takes the catalog runs' per-listing checks)",
    )
    parser.add_argument("--scheduler", help="the Dask scheduler's address, with --executor dask")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.child:
        job: Job = json.loads(args.child.read_text(encoding="utf-8"))
        print(json.dumps(JOBS[job["kind"]](job)))
        return 0
    results = run(args)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
