"""The ``listingaudit`` command: audit, plugins, rules, diff, init.

No traceback reaches the user for bad input: unreadable files, bad configuration and unknown
formats end with a one-line message and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from listingaudit import __version__
from listingaudit.audit import AuditOptions, available_checks, run_audit
from listingaudit.checks import Severity
from listingaudit.config import Config, ConfigError, ConfigKey, load_config
from listingaudit.diff import DiffError, diff_reports, load_report, render_diff
from listingaudit.gate import BaselineError, ExitCode, Gate, load_baseline
from listingaudit.plugins import LoadedPlugins, PluginError, load_plugins
from listingaudit.reading import EXPORT_SUFFIXES, expand_paths
from listingaudit.reporting import Reporter, write_report


class UsageError(Exception):
    """Wrong command-line use. One line for the user; exit code 2."""


class _FormatAction(argparse.Action):
    """``--format NAME`` starts a new report; the ``-o`` after it says where it goes."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        reports = list(getattr(namespace, self.dest) or [])
        reports.append([str(values), "-"])
        setattr(namespace, self.dest, reports)


class _OutputAction(argparse.Action):
    """``-o PATH`` sets where the most recent ``--format`` (or the default text) is written."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        reports = list(getattr(namespace, self.dest) or [["text", "-"]])
        if reports[-1][1] != "-":
            parser.error(f"-o {values}: give a --format before each -o")
        reports[-1][1] = str(values)
        setattr(namespace, self.dest, reports)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="listingaudit",
        description="Audit marketplace listing exports before they go live.",
    )
    parser.add_argument("--version", action="version", version=f"listingaudit {__version__}")
    parser.add_argument(
        "-p",
        dest="plugins",
        action="append",
        default=[],
        metavar="MODULE",
        help="load a plugin module; -p no:NAME blocks a plugin (repeatable)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    audit = commands.add_parser("audit", help="audit export files or folders")
    audit.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    audit.add_argument("--marketplace", help="read every file as this marketplace's format")
    audit.add_argument("--encoding", help="the files' encoding, if detection gets it wrong")
    audit.add_argument("--config", type=Path, help="configuration file (default: search upward)")
    audit.add_argument(
        "-f",
        "--format",
        dest="reports",
        action=_FormatAction,
        help="report format (repeatable; see 'listingaudit plugins')",
    )
    audit.add_argument(
        "-o",
        "--output",
        dest="reports",
        action=_OutputAction,
        help="where to write the report of the --format before it ('-' for stdout)",
    )
    audit.add_argument("--select", action="append", default=[], help="only these rules/families")
    audit.add_argument("--ignore", action="append", default=[], help="skip these rules/families")
    gate = audit.add_argument_group("quality gate (exit code 1 when it fails)")
    gate.add_argument("--fail-under", type=float, metavar="SCORE", help="catalog score floor")
    gate.add_argument("--fail-on", choices=[s.value for s in Severity], help="fail on findings")
    gate.add_argument("--baseline", type=Path, help="earlier JSON report: gate on new findings")
    gate.add_argument("--exit-zero", action="store_true", help="always exit 0 unless input fails")
    photos = audit.add_argument_group("photos")
    photos.add_argument("--offline", action="store_true", help="use only cached or local photos")
    photos.add_argument("--cache-dir", type=Path, help="photo cache folder")
    photos.add_argument("--no-cache", action="store_true", help="do not use the photo cache")
    photos.add_argument(
        "--allow-host",
        action="append",
        default=[],
        help="allow fetching from this host even if private or loopback (repeatable)",
    )
    photos.add_argument(
        "--workers",
        type=int,
        help="photos decoded in parallel (default: CPUs)",
    )
    photos.add_argument(
        "--executor",
        choices=["threads", "processes", "dask"],
        # Photos are untrusted: a decoder that hangs or crashes must cost one photo, not the run.
        default="processes",
        help="where photos are decoded: worker processes (default: a decoder that hangs or "
        "crashes costs one photo), threads (faster, for photos you trust), or a Dask cluster "
        "(with --scheduler; it also runs the per-listing checks)",
    )
    photos.add_argument(
        "--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://10.0.0.5:8786"
    )
    audit.add_argument(
        "--shop",
        metavar="URL",
        help="Shopify store URL: read its refund policy page to check returns",
    )
    branding = audit.add_argument_group("report branding")
    branding.add_argument("--title", default="listingaudit report", help="report title")
    branding.add_argument("--logo", type=Path, help="logo image for the HTML report")

    commands.add_parser("plugins", help="list loaded plugins and what they provide")
    rules = commands.add_parser("rules", help="list rules, or show one rule's documentation")
    rules.add_argument("code", nargs="?")
    diff = commands.add_parser("diff", help="what improved and regressed between two JSON reports")
    diff.add_argument("old", type=Path, metavar="OLD.json")
    diff.add_argument("new", type=Path, metavar="NEW.json")
    init = commands.add_parser("init", help="write a commented listingaudit.toml")
    init.add_argument("path", nargs="?", type=Path, default=Path("listingaudit.toml"))
    return parser


def _config_keys(plugins: LoadedPlugins) -> list[ConfigKey]:
    return [key for keys in plugins.hook.listingaudit_config_keys() for key in keys]


def _reporters(plugins: LoadedPlugins) -> dict[str, type[Reporter]]:
    return {r.name: r for group in plugins.hook.listingaudit_reporters() for r in group}


def cmd_plugins(plugins: LoadedPlugins) -> int:
    for info in plugins.info:
        print(f"{info.name:<14} {info.version:<10} {info.module}")
        print(f"{'':<14} provides: {', '.join(info.provides)}")
    reporters = ", ".join(sorted(_reporters(plugins)))
    print(f"\nreport formats: {reporters or '(none)'}")
    return ExitCode.OK


def cmd_rules(plugins: LoadedPlugins, code: str | None) -> int:
    checks = available_checks(plugins)
    if code:
        found = checks.get(code.upper())
        if not found:
            raise UsageError(f"unknown rule '{code}'; 'listingaudit rules' lists them")
        check, plugin = found
        print(f"{check.code}  {check.title}")
        print(
            f"family: {check.family}   default severity: {check.severity.value}   "
            f"plugin: {plugin}\n"
        )
        print(check.doc())
        if check.defaults:
            print(f"\nSettings ([rules.{check.code}]):")
            for key, value in check.defaults.items():
                print(f"  {key} = {value!r}")
        return ExitCode.OK
    for c, _ in sorted(checks.values(), key=lambda item: item[0].code):
        print(f"{c.code:<8} {c.family:<12} {c.severity.value:<8} {c.title}")
    return ExitCode.OK


def cmd_init(path: Path) -> int:
    from listingaudit.starter import STARTER_CONFIG

    if path.exists():
        raise UsageError(f"{path} already exists; not overwriting it")
    path.write_text(STARTER_CONFIG, encoding="utf-8")
    print(f"wrote {path}")
    return ExitCode.OK


def cmd_diff(old: Path, new: Path) -> int:
    print(render_diff(diff_reports(load_report(old), load_report(new))))
    return ExitCode.OK


def cmd_audit(plugins: LoadedPlugins, args: argparse.Namespace) -> int:
    config: Config = load_config(args.config, _config_keys(plugins))
    reporters = _reporters(plugins)
    formats, outputs = zip(*(args.reports or [["text", "-"]]), strict=True)
    unknown = [f for f in formats if f not in reporters]
    if unknown:
        known = ", ".join(sorted(reporters)) or "none loaded"
        raise UsageError(f"unknown report format '{unknown[0]}' (known: {known})")
    if outputs.count("-") > 1:
        raise UsageError("only one report can go to stdout; give each --format its own -o")
    if args.logo and not args.logo.is_file():
        raise UsageError(f"no such logo file: {args.logo}")
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")
    if not expand_paths(args.paths):
        # A gate that audits nothing must not pass: the path is probably wrong.
        suffixes = ", ".join(sorted(EXPORT_SUFFIXES))
        raise UsageError(f"no export files ({suffixes}) in {', '.join(map(str, args.paths))}")

    gate_table = config.get("gate", {})
    fail_on = args.fail_on or gate_table.get("fail_on")
    baseline = load_baseline(args.baseline) if args.baseline else None
    if baseline is not None and fail_on is None:
        fail_on = "warning"
    gate = Gate(
        fail_under=args.fail_under if args.fail_under is not None else gate_table.get("fail_under"),
        fail_on=Severity(fail_on) if fail_on else None,
        baseline=baseline,
    )
    network = config.get("network", {})
    options = AuditOptions(
        marketplace=args.marketplace,
        encoding=args.encoding,
        select=args.select,
        ignore=args.ignore,
        title=args.title,
        services={
            "offline": args.offline or network.get("offline", False),
            "cache_dir": args.cache_dir,
            "no_cache": args.no_cache,
            "allow_hosts": [*args.allow_host, *network.get("allow_hosts", [])],
            "workers": args.workers,
            "executor": args.executor,
            "scheduler": args.scheduler,
            "shop_url": args.shop,
            "progress": sys.stderr.isatty(),
        },
    )
    result = run_audit(plugins, config, args.paths, options)
    writer_options: dict[str, object] = {
        "title": args.title,
        "logo": args.logo,
        "color": sys.stdout.isatty(),
    }
    for name, destination in zip(formats, outputs, strict=True):
        write_report(reporters[name](writer_options), result.report, destination)
        if destination != "-":
            print(f"wrote {name} report to {destination}", file=sys.stderr)
    for message in result.file_errors:
        print(f"listingaudit: {message}", file=sys.stderr)
    if result.file_errors:
        return ExitCode.USAGE_ERROR
    reasons = gate.failures(result.report)
    for reason in reasons:
        print(f"listingaudit: quality gate failed: {reason}", file=sys.stderr)
    if reasons and not args.exit_zero:
        return ExitCode.GATE_FAILED
    return ExitCode.OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return ExitCode.USAGE_ERROR
    try:
        plugins = load_plugins(args.plugins)
        for failure in plugins.failures:
            print(f"listingaudit: warning: {failure}", file=sys.stderr)
        if args.command == "plugins":
            return cmd_plugins(plugins)
        if args.command == "rules":
            return cmd_rules(plugins, args.code)
        if args.command == "init":
            return cmd_init(args.path)
        if args.command == "diff":
            return cmd_diff(args.old, args.new)
        return cmd_audit(plugins, args)
    except (UsageError, ConfigError, BaselineError, PluginError, DiffError) as error:
        print(f"listingaudit: {error}", file=sys.stderr)
        return ExitCode.USAGE_ERROR
    except KeyboardInterrupt:
        print("listingaudit: interrupted", file=sys.stderr)
        return 130
