"""Fulfilment checks: promises about getting the item to the buyer beyond its price.

Rules FUL001-FUL003 (slow handling, untracked services, overselling). On by default; turn the
family off with ``ignore = ["fulfilment"]`` or ``--ignore fulfilment``.
"""

from __future__ import annotations

from listingaudit import hookimpl
from listingaudit.checks import Check

from .FUL001 import SlowHandling
from .FUL002 import UntrackedShipping
from .FUL003 import Overselling


@hookimpl
def listingaudit_checks() -> list[type[Check]]:
    return [SlowHandling, UntrackedShipping, Overselling]
