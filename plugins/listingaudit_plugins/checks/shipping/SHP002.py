"""SHP002: each additional item costs more to ship than the first."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing
from listingaudit_plugins.checks.shipping.charges import charges_of


class AdditionalItemAboveFirst(Check):
    """Additional-item shipping cost above the single-item cost.

    What it checks:
        Every flat shipping charge that states both a first-item cost and an additional-item cost
        (eBay ``ShippingService-N:Cost`` and ``:AdditionalCost``, or declared profile terms):
        the additional cost must not exceed the first.

    Why it matters:
        A second item in the same parcel adds weight, not a second parcel. Charging more for it
        than for the first item is postage nobody pays the carrier, the charge eBay's
        excessive-shipping policy forbids, and it is usually a swapped column.

    Bad:
        ``Flat,USPSParcel,3.00,6.00``: 3.00 for the first item, 6.00 for each additional one.

    Good:
        ``Flat,USPSParcel,6.00,0.50`` (a real upload: 6.00 first, 0.50 each additional).

    Source:
        eBay "Excessive postage/shipping charges" (marketplace-rules.md §4.1, [OFFICIAL]): actual
        postage plus packaging is the safe harbour; the FX columns are in export-formats.md §2.1.
    """

    code = "SHP002"
    family = "shipping"
    severity = Severity.WARNING
    title = "Additional-item shipping cost above the single-item cost"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        for charge in charges_of(listing, ctx).charges:
            if not charge.flat or charge.cost is None or charge.additional_cost is None:
                continue
            if charge.additional_cost > charge.cost:
                yield self.finding(
                    f"each additional item costs {charge.additional_cost:.2f} to ship, more than "
                    f"the first item's {charge.cost:.2f} ({charge.where})",
                    cost=charge.cost,
                    additional_cost=charge.additional_cost,
                    currency=charge.currency or "",
                    charged_by=charge.where,
                    service=charge.service or "",
                )
