"""What the buyer pays to have a listing shipped: its own offers, or terms declared for them.

eBay files carry per-listing costs (``ShippingService-N:Cost`` / ``:AdditionalCost``) or a
business-policy name; Amazon listings carry only a ``merchant-shipping-group`` name; Shopify
listings carry nothing (export-formats.md §5). A name is resolved through
``[shipping.profiles."Name"]``; a listing without offers uses ``[shipping.store.<marketplace>]``.
A name with no declared terms stays a :class:`Reference`: shipping by reference, not checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from listingaudit.checks import CheckContext
from listingaudit.model import Listing
from listingaudit_plugins.checks.shipping.settings import ShippingSettings, Terms


@dataclass(frozen=True, slots=True)
class Charge:
    """One way the buyer can have the item shipped, and what it costs them."""

    where: str
    service: str | None
    cost: float | None
    additional_cost: float | None
    currency: str | None
    free: bool = False
    calculated: bool = False
    international: bool = False

    @property
    def flat(self) -> bool:
        """A fixed amount to pay: not free, not calculated at checkout, not zero."""
        return not self.free and not self.calculated and bool(self.cost)


@dataclass(frozen=True, slots=True)
class Reference:
    """A shipping profile or template named by the listing, with no declared terms."""

    profile: str
    where: str


@dataclass(frozen=True, slots=True)
class Resolved:
    charges: list[Charge]
    references: list[Reference]


def _from_terms(terms: Terms, where: str, listing: Listing, international: bool) -> Charge:
    return Charge(
        where=where,
        service=terms.service,
        cost=terms.cost,
        additional_cost=terms.additional_cost,
        currency=terms.currency or listing.currency,
        international=international,
    )


def charges_of(listing: Listing, ctx: CheckContext) -> Resolved:
    """The listing's charges, resolved once for all the shipping rules."""
    settings = ShippingSettings.from_config(ctx.config)
    return ctx.shared(listing, "shipping.charges", lambda: resolve(listing, settings))


def resolve(listing: Listing, settings: ShippingSettings) -> Resolved:
    charges: list[Charge] = []
    references: list[Reference] = []
    for number, offer in enumerate(listing.shipping, 1):
        where = f"shipping option {number}"
        by_name = offer.profile and offer.cost is None and not offer.free and not offer.calculated
        if offer.profile and by_name:
            terms = settings.profiles.get(offer.profile)
            if terms is None:
                references.append(Reference(offer.profile, where))
            else:
                name = f"profile '{offer.profile}'"
                charges.append(_from_terms(terms, name, listing, offer.international))
            continue
        charges.append(
            Charge(
                where=where,
                service=offer.service,
                cost=offer.cost,
                additional_cost=offer.additional_cost,
                currency=listing.currency,
                free=bool(offer.free),
                calculated=bool(offer.calculated),
                international=offer.international,
            )
        )
    store = settings.store.get(listing.marketplace)
    if not listing.shipping and store is not None:
        where = f"[shipping.store.{listing.marketplace}]"
        charges.append(_from_terms(store, where, listing, international=False))
    return Resolved(charges, references)
