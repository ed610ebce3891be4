"""IMP001: a listing with no title."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing
from listingaudit_plugins.checks.readiness.columns import (
    carries,
    exemption,
    required_and_empty,
)


class MissingTitle(Check):
    """Listing has no title.

    What it checks:
        Listings whose title is missing or blank, in formats that have a title column (Shopify
        ``Title``, eBay ``*Title``, Amazon ``item-name`` / ``item_name``). Rows that name an
        existing item (eBay ``Revise``, ``Relist``, ``End``, a ``Draft``) or delete an offer
        (Amazon ``add-delete`` d/x) need no title, nor does an Amazon offer on an existing ASIN,
        which shows the catalog's title. A Shopify product whose product row is missing is
        reported by IMP004, and an eBay ``*Title`` left empty by IMP007, instead.

    Why it matters:
        Every marketplace requires a title to create a listing: eBay marks ``*Title`` required,
        Shopify creates products from the row that carries ``Title``. The import rejects the row,
        or creates a product nobody can find.

    Bad:
        ``blue-mug,,<p>Stoneware mug</p>,...`` (a Shopify product row with an empty Title).

    Good:
        ``blue-mug,Blue Stoneware Mug,<p>Stoneware mug</p>,...``

    Source:
        eBay required columns are marked ``*`` (export-formats.md §2.1); Shopify's product-level
        fields sit on a handle's first row (§1.1); Amazon offers on existing ASINs carry no title
        column at all in the Inventory Loader (§3.2); column names by format: §1.3, §2.6, §3.5.
    """

    code = "IMP001"
    family = "readiness"
    severity = Severity.ERROR
    title = "Missing title"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        if listing.title and listing.title.strip():
            return
        if listing.extra.get("missing_product_row") or not carries(listing, "title"):
            return
        if exemption(listing, "title") or required_and_empty(listing, "title"):
            return
        # An Amazon offer on an existing ASIN shows the catalog's title, not its own.
        if listing.marketplace == "amazon" and listing.identifiers.get("asin"):
            return
        yield self.finding(
            f"listing {listing.id} has no title",
            listing=listing.id,
            line=listing.source.first_line,
            title=listing.title or "",
        )
