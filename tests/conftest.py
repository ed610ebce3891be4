"""Shared test fixtures: the real sample exports, the plugin manager, and a CLI runner."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from listingaudit.cli import main
from listingaudit.plugins import LoadedPlugins, load_plugins

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = ROOT.parent / "shared" / "samples"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def samples() -> Path:
    """``../shared/samples``; tests that need it skip where it is absent (a user's clone)."""
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not beside this clone (CI always has it)")
    return SAMPLES


@pytest.fixture(scope="session")
def plugins() -> LoadedPlugins:
    return load_plugins()


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def run_cli() -> Callable[..., CliResult]:
    """Run ``listingaudit ARGS`` in-process and capture its exit code, stdout and stderr."""

    def run(*args: str | Path) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main([str(a) for a in args])
        return CliResult(int(code), out.getvalue(), err.getvalue())

    return run
