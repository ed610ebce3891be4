"""FUL003: inventory set to keep selling when the stock is gone."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing

#: Shopify's ``Variant Inventory Policy`` value that keeps selling at zero stock.
CONTINUE = "continue"
#: Variants named in the message; the evidence lists them all.
_SHOWN = 3


class Overselling(Check):
    """What it checks:
        Listings, or variants of them, whose inventory policy is ``continue``: Shopify's
        "Continue selling when out of stock" (``Variant Inventory Policy``).

    Why it matters:
        Orders taken with no stock turn into cancellations or long waits, which the buyer
        did not agree to and which marketplaces fed from the store (Google Shopping,
        connected eBay or Amazon channels) count against the seller. It is right for
        made-to-order and pre-order items only; mark those by ignoring FUL003 for them
        (``listing_ignores``) rather than leaving every product open.

    Bad:
        ``Variant Inventory Policy = continue`` on a stocked product.

    Good:
        ``Variant Inventory Policy = deny``.

    Source:
        shared/reference/export-formats.md §1 (Shopify product CSV, ``Variant Inventory
        Policy`` deny/continue); q00tar00/shopify-csv-preflight checks inventory policy
        (marketplace-rules.md §5.5).
    """

    code = "FUL003"
    family = "fulfilment"
    severity = Severity.WARNING
    title = "Keeps selling when out of stock"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        variants = [v for v in listing.variants if v.inventory_policy == CONTINUE]
        if listing.inventory_policy != CONTINUE and not variants:
            return
        skus = [v.sku or f"line {v.line}" for v in variants]
        shown = ", ".join(skus[:_SHOWN]) + (
            f" and {len(skus) - _SHOWN} more" if len(skus) > _SHOWN else ""
        )
        which = f" (variants {shown})" if skus else ""
        yield self.finding(
            f"Inventory policy is 'continue'{which}: orders are taken when stock runs out",
            inventory_policy=CONTINUE,
            variants=skus,
        )
