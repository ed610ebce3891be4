"""SHP004: a flat shipping charge whose markup could not be judged, and why."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing
from listingaudit_plugins.checks.shipping.estimate import NotJudged, judged


class MarkupNotJudged(Check):
    """Shipping markup could not be judged (once per listing).

    What it checks:
        Listings with a flat domestic shipping charge that SHP001 cannot compare with a carrier
        price: no package weight or dimensions, a currency with no rate table, a service whose
        prices are missing from the tables (UPS and FedEx list rates, Flat Rate boxes, Royal Mail
        Tracked 48...), or a parcel beyond the tables. One finding per listing, naming the first
        reason and every charge left unjudged.

    Why it matters:
        Silence is not a pass. Saying what could not be judged, and why, tells the seller what to
        add (weight and box size in the listing file) instead of letting a missing check look
        like a clean result. Estimating without the data would risk a false accusation.

    Bad:
        An eBay listing charging 8.50 for ``USPSPriority`` with no ``WeightMajor`` or
        ``PackageLength`` columns.

    Good:
        The same listing with its packed weight and box dimensions, or with free or calculated
        shipping (nothing to judge).

    Source:
        Billing needs weight and size: USPS dimensional weight above 1,728 cubic inches, UPS and
        FedEx on every parcel, Royal Mail by format (carrier-rates.md §1.11, §2.1, §3.2); which
        prices are missing: carrier-rates.md §0.
    """

    code = "SHP004"
    family = "shipping"
    severity = Severity.INFO
    title = "Shipping markup could not be judged"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        unjudged = [
            (charge, result)
            for charge, result in judged(listing, ctx)
            if isinstance(result, NotJudged)
        ]
        if not unjudged:
            return
        charge, first = unjudged[0]
        yield self.finding(
            f"shipping markup could not be judged: {first.reason}",
            reason=first.reason,
            buyer_cost=charge.cost,
            currency=charge.currency or "",
            service=charge.service or "",
            charges=[f"{c.where}: {c.cost:.2f} ({r.reason})" for c, r in unjudged],
        )
