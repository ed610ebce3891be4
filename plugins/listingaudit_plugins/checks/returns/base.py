"""What every returns rule shares: its family, and reading the run's policies before checking."""

from __future__ import annotations

from collections.abc import Sequence

from listingaudit.checks import Check, CheckContext
from listingaudit.model import Listing

from . import policy


class ReturnsCheck(Check):
    """Base of the returns rules (not a rule itself)."""

    abstract = True
    family = "returns"

    def prepare(self, listings: Sequence[Listing], ctx: CheckContext) -> None:
        policy.prepare(listings, ctx)
