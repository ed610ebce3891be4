"""FUL002: a shipping service that gives the buyer no tracking."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing


@cache
def _untracked() -> dict[str, dict[str, Any]]:
    text = resources.files(__package__).joinpath("data/services.json").read_text("utf-8")
    table: dict[str, dict[str, Any]] = json.loads(text)["untracked"]
    return {code.lower(): {"code": code, **entry} for code, entry in table.items()}


class UntrackedShipping(Check):
    """What it checks:
        Shipping options whose eBay service code is a mail class without tracking: USPS
        First-Class letters and large envelopes (``USPSFirstClassLetter``), international
        letter post (``USPSEconomyLetter``, ``USPSAirmailLetter``), Royal Mail 1st and 2nd
        Class (``UK_RoyalMailFirstClassStandard``). Tracked services (Ground Advantage,
        Priority, UPS, FedEx, Tracked 24/48), services of unknown carrier and local pickup
        are not reported.

    Why it matters:
        Without tracking the seller cannot prove delivery: an "item not received" claim is
        lost by default, and marketplaces count valid tracking in seller performance. eBay
        Standard Envelope (tracked, from $0.78) exists for the cheap flat items that used to
        go as letters.

    Bad:
        ``ShippingService-1:Option = USPSFirstClassLetter``

    Good:
        ``US_eBayStandardEnvelope`` for cards under $20, ``USPSParcel`` (Ground Advantage)
        otherwise; ``UK_RoyalMailTracked48`` in the UK.

    Source:
        shared/reference/carrier-rates.md §4.1-§4.3 (eBay service codes and their tracking,
        eBay Standard Envelope), §1.10 (letters). Codes and sources: data/services.json.
    """

    code = "FUL002"
    family = "fulfilment"
    severity = Severity.WARNING
    title = "Shipping service without tracking"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        untracked = _untracked()
        for offer in listing.shipping:
            entry = untracked.get((offer.service or "").strip().lower())
            if entry is None:
                continue
            yield self.finding(
                f"{entry['code']} ({entry['service']}) has no tracking: offer a tracked "
                "service so delivery can be proved",
                service=offer.service,
                international=offer.international,
            )
