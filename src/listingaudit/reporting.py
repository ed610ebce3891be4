"""What a report writer is, and how reports reach disk: atomically, never half-written."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from listingaudit.report import Report


class Reporter:
    """Base class for report writers. One subclass per format, in its own plugin module.

    ``write`` gets a text stream (or a binary one when ``binary`` is True) and the report.
    ``options`` carries writer options from the command line (``title``, ``logo``, ``color``).
    """

    name: ClassVar[str]
    extension: ClassVar[str] = ".txt"
    description: ClassVar[str] = ""
    binary: ClassVar[bool] = False

    def __init__(self, options: dict[str, object] | None = None) -> None:
        self.options = options or {}

    def write(self, report: Report, out: IO[str]) -> None:
        raise NotImplementedError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_report(reporter: Reporter, report: Report, destination: str | None) -> None:
    """Write to ``destination`` through a temporary file and a rename, or to stdout."""
    if destination in (None, "-"):
        reporter.write(report, sys.stdout)
        sys.stdout.flush()
        return
    target = Path(destination)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            reporter.write(report, out)
        # mkstemp makes the file private (0600); a report is shared like any file the user saves.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
