"""Reports reach disk whole or not at all, with the user's usual file permissions."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

import pytest

from listingaudit.report import Report
from listingaudit.reporting import Reporter, write_report


class _Half(Reporter):
    name = "half"

    def write(self, report: Report, out: IO[str]) -> None:
        out.write("half a report")
        raise RuntimeError("disk full")


class _Whole(Reporter):
    name = "whole"

    def write(self, report: Report, out: IO[str]) -> None:
        out.write("a whole report\n")


def _empty() -> Report:
    return Report("1", [], [], 0, [], {})


def test_a_failed_write_leaves_the_old_report_and_no_debris(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("yesterday's report")
    with pytest.raises(RuntimeError):
        write_report(_Half(), _empty(), str(target))
    assert target.read_text() == "yesterday's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_a_report_gets_the_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_report(_Whole(), _empty(), str(tmp_path / "out" / "report.txt"))
    finally:
        os.umask(old)
    written = tmp_path / "out" / "report.txt"
    assert written.read_text() == "a whole report\n"
    assert written.stat().st_mode & 0o777 == 0o644
