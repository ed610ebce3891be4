"""SHP001: a flat shipping charge well above what the parcel costs to post."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing
from listingaudit_plugins.checks.shipping.estimate import judged
from listingaudit_plugins.checks.shipping.rates import Quote


class ShippingAbovePostage(Check):
    """Flat shipping charge above the carrier's published price plus packaging.

    What it checks:
        Each flat domestic shipping charge (an eBay ``ShippingService-N:Cost``, or the cost
        declared for a profile, template or store) against the dearest published price for
        the listing's parcel: billable weight (the greater of actual and dimensional weight where
        the carrier bills by size), the named service (every service of the currency when none is
        named) and every zone a buyer could be in (zones 1-8 by default). It fires when the charge
        exceeds that price plus a packaging allowance by more than ``markup_ratio`` of the price
        and by at least ``min_excess`` in the listing's currency. Free and calculated shipping are
        never judged; listings without weight or dimensions are reported by SHP004 instead.

    Why it matters:
        eBay's excessive-shipping policy allows actual postage plus actual packaging materials (its
        safe harbour) and can end listings or limit accounts that charge more; buyers compare total
        cost. Judging against the dearest zone means a finding holds wherever the buyer lives:
        no buyer costs that much to reach, so it is never a false accusation.

    Bad:
        A 14 oz pin in a 6 x 4 x 2 in box, ``USPSParcel`` at 24.99 USD in November 2026: Ground
        Advantage retail tops out at 13.65 (zone 8, seasonal prices), so the charge is 9.84 above
        price plus 1.50 packaging.

    Good:
        The same pin at 12.95, or free shipping, or calculated shipping.

    Source:
        eBay "Excessive postage/shipping charges" policy and safe harbour
        (marketplace-rules.md §4.1, [OFFICIAL]); no platform publishes a markup threshold, so
        listingaudit defines markup = (charge - (carrier price + packaging)) / carrier price
        (§4.4). Prices and billing rules: carrier-rates.md §1-§3, §6.
    """

    code = "SHP001"
    family = "shipping"
    severity = Severity.WARNING
    title = "Flat shipping charge above the carrier's price plus packaging"
    defaults: ClassVar[dict[str, Any]] = {
        # The default: 25 % and at least 2.00 in the listing's currency, so that rounding
        # a charge up to a tidy figure is never a finding.
        "markup_ratio": 0.25,
        "min_excess": 2.00,
        # Packaging materials per parcel, which eBay's safe harbour allows on top of postage
        # (marketplace-rules.md §4.1). 1.50 is the low end of the $1.50-$4.00 per-order packing
        # benchmark (calcbee.com order-packing-cost calculator, [THIRD-PARTY]); that benchmark
        # includes labour, which eBay does not allow, so materials alone rarely reach it.
        # A working assumption ([UNVERIFIED]); set it to your real box and mailer cost.
        "packaging": 1.50,
    }

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        for charge, quote in judged(listing, ctx):
            if charge.cost is None or not isinstance(quote, Quote):
                continue
            # Read here, not per listing: most listings have no priced charge to judge.
            limits = ctx.settings(self, listing.marketplace)
            packaging = float(limits["packaging"])
            excess = charge.cost - (quote.high + packaging)
            ratio, minimum = float(limits["markup_ratio"]), float(limits["min_excess"])
            if excess < minimum or excess <= ratio * quote.high:
                continue
            currency = charge.currency or ""
            message = (
                f"shipping {charge.cost:.2f} {currency} is {excess:.2f} above the dearest "
                f"{quote.service_name} price for this parcel ({quote.high:.2f}, {quote.zones}) "
                f"plus {packaging:.2f} packaging"
            )
            if not quote.in_force:
                message += f"; priced from the {quote.edition.label} table, the latest with a price"
            yield self.finding(
                message,
                buyer_cost=charge.cost,
                currency=currency,
                charged_by=charge.where,
                service=charge.service or "",
                carrier_service=quote.service_name,
                estimate_low=quote.low,
                estimate_high=quote.high,
                zones=quote.zones,
                format=quote.format,
                band=quote.band,
                weight_used=quote.weight_used,
                weight_basis=quote.weight.basis,
                table_effective=quote.edition.label,
                table_in_force=quote.in_force,
                rate_table=f"{quote.table.id}.json",
                confidence=quote.edition.confidence,
                packaging=packaging,
                excess=round(excess, 2),
                markup=round(excess / quote.high, 2),
            )
