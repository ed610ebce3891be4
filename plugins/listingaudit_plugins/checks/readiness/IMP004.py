"""IMP004: Shopify variant rows whose product row is missing."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing


class OrphanVariantRows(Check):
    """Variant rows without their product row.

    What it checks:
        Shopify handles whose rows are all variant or image rows: the first row of the handle
        lacks the product-level fields (Title, Body, Vendor...), which the Shopify adapter marks
        as ``missing_product_row``. Typical after sorting or filtering the sheet, or splitting a
        large file in the middle of a product.

    Why it matters:
        Shopify reads the product from the first row of each handle. Without it the import
        fails for that handle ("Title can't be blank") or, when updating, attaches the variants
        to whatever product already has the handle.

    Bad:
        A file (or the second half of a split file) that starts with
        ``blue-mug,,,,,,,,,Large,...`` and never has the ``blue-mug,Blue Mug,...`` row.

    Good:
        Every handle's rows together, the product row first.

    Source:
        Shopify product CSV structure: the first row for a handle has the product-level fields,
        later rows leave them blank (export-formats.md §1.1).
    """

    code = "IMP004"
    family = "readiness"
    severity = Severity.ERROR
    title = "Variant rows whose product row is missing"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        if not listing.extra.get("missing_product_row"):
            return
        yield self.finding(
            f"handle {listing.id} has no product row: its first row (line "
            f"{listing.source.first_line}) has no Title, so Shopify cannot create the product",
            handle=listing.id,
            lines=list(listing.source.lines),
            variants=len(listing.variants),
        )
