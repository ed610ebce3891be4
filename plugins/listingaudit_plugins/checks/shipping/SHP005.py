"""SHP005: shipping set by a profile, template or store setting with no declared terms."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing
from listingaudit_plugins.checks.shipping.charges import charges_of
from listingaudit_plugins.checks.shipping.settings import ShippingSettings


class ShippingByReference(Check):
    """Shipping by reference, not checked.

    What it checks:
        Listings whose shipping cost lives elsewhere and was not declared: an eBay business-policy
        name (``ShippingProfileName``) or an Amazon ``merchant-shipping-group`` with no
        ``[shipping.profiles."Name"]`` terms, and listings of a marketplace that keeps shipping
        at store or account level (``store_level``: Shopify, Amazon) with no offers and no
        ``[shipping.store.<marketplace>]`` terms.

    Why it matters:
        The file names the policy, not its price, so the markup checks have nothing to compare.
        The report says so instead of inventing an answer; declaring the terms once in
        configuration lets every listing under that name be checked.

    Bad:
        An Amazon listing under ``Migrated Template`` with no declared terms.

    Good:
        ``[shipping.profiles."Migrated Template"]`` with ``cost = 4.99``, ``currency = "USD"``.

    Source:
        Policy and template names hide the terms (export-formats.md §2.1, §3.1, §4 item 9, §5);
        Amazon listings carry only the template name (marketplace-rules.md §4.2, [OFFICIAL]);
        Shopify shipping rates are store settings (export-formats.md §1.4).
    """

    code = "SHP005"
    family = "shipping"
    severity = Severity.INFO
    title = "Shipping by reference, not checked"
    defaults: ClassVar[dict[str, Any]] = {
        # Marketplaces whose exports carry no shipping cost per listing (export-formats.md §5).
        "store_level": ["shopify", "amazon"],
    }

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        for reference in charges_of(listing, ctx).references:
            yield self.finding(
                f"shipping by reference, not checked: profile '{reference.profile}' has no "
                f'declared terms ([shipping.profiles."{reference.profile}"])',
                profile=reference.profile,
                charged_by=reference.where,
            )
        if listing.shipping:
            return  # the listing's own offers: nothing is set at store level
        store_level = ctx.settings(self, listing.marketplace)["store_level"]
        settings = ShippingSettings.from_config(ctx.config)
        if listing.marketplace in store_level and listing.marketplace not in settings.store:
            yield self.finding(
                f"shipping is a {listing.marketplace} store setting, not checked: declare it as "
                f"[shipping.store.{listing.marketplace}]",
                marketplace=listing.marketplace,
            )
