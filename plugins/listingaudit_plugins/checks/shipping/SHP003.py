"""SHP003: a very low item price with a shipping charge several times larger."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing
from listingaudit_plugins.checks.shipping.charges import charges_of
from listingaudit_plugins.checks.shipping.services import service


def _is_auction(listing: Listing) -> bool:
    """eBay ``*Format`` = ``Auction`` (``AUCTION`` in reports): a low start price is the point."""
    return str(listing.extra.get("listing_format", "")).strip().lower() == "auction"


def _lowest_price(listing: Listing) -> float | None:
    prices = [listing.price, *(v.price for v in listing.variants)]
    known = [p for p in prices if p is not None and p > 0]
    return min(known) if known else None


class LowPriceHighShipping(Check):
    """Very low item price with a shipping charge several times the price.

    What it checks:
        Fixed-price listings priced at or below ``max_price`` (in the listing's currency) whose
        cheapest domestic shipping option costs at least ``ratio`` times the item price. A free
        option, calculated shipping or an auction (a low start price is how auctions work) keeps
        it silent; collection options are not counted as the cheapest way to get the item.

    Why it matters:
        A 0.99 item with 9.99 postage is the classic way to dodge fees charged on the item price
        alone; eBay now charges its fees on the total and treats excessive postage as fee
        avoidance. Buyers and search ranking compare the total, and a charge that dwarfs the price
        reads as a lure even when it is real postage: fold it into the price or use a cheaper
        service (eBay Standard Envelope, a large letter).

    Bad:
        A trading card at 0.99 with 4.50 shipping (4.5 times the price).

    Good:
        The card at 3.99 with 1.40 shipping, or at 4.99 with free shipping.

    Source:
        eBay "Avoiding eBay fees" policy, excessive postage charges
        (ebay.com.au/help/policies/selling-policies/selling-practices-policy/avoiding-ebay-fees-policy?id=4354,
        [OFFICIAL]); the 99-cent-item pattern and eBay's move to fees on the total
        (community.ebay.ca/t5/Archive-1/why-do-some-sellers-have-insane-high-shipping-rates/td-p/119201,
        [THIRD-PARTY]). No platform publishes a ratio (marketplace-rules.md §4.4); the defaults are
        listingaudit's own ([UNVERIFIED]).
    """

    code = "SHP003"
    family = "shipping"
    severity = Severity.WARNING
    title = "Very low item price with a high shipping charge"
    defaults: ClassVar[dict[str, Any]] = {
        # listingaudit's own thresholds (no platform publishes one, marketplace-rules.md §4.4):
        # items up to 5.00 whose cheapest postage is at least three times the price.
        "max_price": 5.00,
        "ratio": 3.0,
    }

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        price = _lowest_price(listing)
        if price is None:
            return
        limits = ctx.settings(self, listing.marketplace)
        if price > limits["max_price"] or _is_auction(listing):
            return
        domestic = [
            c
            for c in charges_of(listing, ctx).charges
            if not c.international and not c.calculated and not service(c.service).not_postage
        ]
        if not domestic or any(not c.flat for c in domestic):
            return
        cheapest = min(domestic, key=lambda c: c.cost or 0)
        shipping = cheapest.cost or 0
        if shipping < limits["ratio"] * price:
            return
        currency = cheapest.currency or ""
        yield self.finding(
            f"item price {price:.2f} {currency} with shipping {shipping:.2f} "
            f"({shipping / price:.1f} times the price)",
            price=price,
            shipping=shipping,
            currency=currency,
            ratio=round(shipping / price, 2),
            charged_by=cheapest.where,
            service=cheapest.service or "",
        )
