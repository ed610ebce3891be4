"""What a listing's parcel costs to send under one of its charges, or why that is unknown.

The tables are picked by the charge's currency (USD: USPS, UPS, FedEx; GBP: Royal Mail) and its
service code; an unnamed or unknown service consults every generic table of the currency and
keeps the dearest answer, so a judgement never rests on the cheapest guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from listingaudit.checks import CheckContext
from listingaudit.model import Listing, Package
from listingaudit_plugins.checks.shipping.charges import Charge, charges_of
from listingaudit_plugins.checks.shipping.rates import Parcel, Quote, Unpriced, tables_in
from listingaudit_plugins.checks.shipping.services import service
from listingaudit_plugins.checks.shipping.settings import ShippingSettings


@dataclass(frozen=True, slots=True)
class NotJudged:
    reason: str


def needs_judging(charge: Charge) -> bool:
    """A flat domestic charge for carriage (collection and local delivery are not postage)."""
    return charge.flat and not charge.international and not service(charge.service).not_postage


def judged(listing: Listing, ctx: CheckContext) -> list[tuple[Charge, Quote | NotJudged]]:
    """Each charge that needs judging, with its estimate: worked out once for SHP001 and SHP004."""
    settings = ShippingSettings.from_config(ctx.config)
    return ctx.shared(
        listing,
        "shipping.estimates",
        lambda: [
            (charge, estimate(listing, charge, settings))
            for charge in charges_of(listing, ctx).charges
            if needs_judging(charge)
        ],
    )


def parcel_of(listing: Listing) -> Parcel | NotJudged:
    package = listing.package or Package()
    weight, length = package.weight_g, package.length_cm
    width, height = package.width_cm, package.height_cm
    if weight and length and width and height:
        return Parcel(weight, (length, width, height))
    given = {"weight": bool(weight), "dimensions": bool(length and width and height)}
    lacking = [name for name, present in given.items() if not present]
    return NotJudged(f"the listing gives no package {' or '.join(lacking)}")


def estimate(listing: Listing, charge: Charge, settings: ShippingSettings) -> Quote | NotJudged:
    """The dearest published price for this parcel and service across the zones considered."""
    currency = charge.currency
    if not currency:
        return NotJudged("the listing's currency is unknown")
    if not tables_in(currency):
        return NotJudged(f"there are no carrier rate tables for {currency}")
    parcel = parcel_of(listing)
    if isinstance(parcel, NotJudged):
        return parcel
    return _dearest(currency, charge.service, parcel, settings.as_of, settings.max_zone)


@lru_cache(maxsize=4096)  # catalogs repeat parcels and services; pricing one walks every table
def _dearest(
    currency: str, service_code: str | None, parcel: Parcel, day: date, max_zone: int
) -> Quote | NotJudged:
    named = service(service_code)
    candidates = named.tables(currency)
    if not candidates:
        return NotJudged(named.missing or f"{named.name} has no rate table in {currency}")
    answers = [table.quote(parcel, day, max_zone) for table in candidates]
    quotes = [a for a in answers if isinstance(a, Quote)]
    if not quotes:
        return NotJudged(next(a.reason for a in answers if isinstance(a, Unpriced)))
    return max(quotes, key=lambda q: q.high)
