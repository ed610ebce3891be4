"""A third-party check that says which process judged each listing (tests of ``workers``)."""

from __future__ import annotations

import os
from collections.abc import Iterator

from listingaudit import hookimpl
from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing


class JudgedWhere(Check):
    """Names the process that ran the check.

    What it checks: nothing about the listing. Why it matters: tests see where checks ran.
    Bad: -. Good: -. Source: -.
    """

    code = "TST900"
    family = "test"
    severity = Severity.INFO
    title = "judged in this process"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        yield self.finding(f"judged in process {os.getpid()}", pid=os.getpid())


@hookimpl
def listingaudit_checks() -> list[type[Check]]:
    return [JudgedWhere]
