"""IMP006: a Shopify product CSV over Shopify's import size limit."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any, ClassVar

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing


class ShopifyFileTooLarge(Check):
    """Shopify import file over 15 MB.

    What it checks:
        The size on disk of each Shopify product CSV in the audit, once per file (on its first
        listing), against ``max_bytes``. The file is still audited in full.

    Why it matters:
        Shopify's product import refuses files over 15 MB, so a CI job gating the import should
        fail before the upload does. Split the file between handles (never inside one product's
        rows, see IMP004).

    Bad:
        ``products_export_1.csv`` at 22 MB.

    Good:
        Two files of 11 MB, each holding whole products.

    Source:
        Shopify product CSV import: "File Size Limit 15 MB per file"
        (importcsv.com/blog/shopify-csv-import, [THIRD-PARTY] summary of Shopify's help); the
        issue text. The help does not say whether MB means 10^6 or 2^20 bytes: the default is the
        larger, 15 x 1024 x 1024, so a file is never refused here that Shopify would accept; set
        ``max_bytes = 15000000`` for the stricter reading.
    """

    code = "IMP006"
    family = "readiness"
    severity = Severity.ERROR
    title = "Shopify import file over the 15 MB limit"
    defaults: ClassVar[dict[str, Any]] = {"max_bytes": 15 * 1024 * 1024}

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        file = listing.source.file
        if listing.marketplace != "shopify" or file in self._seen:
            return
        self._seen.add(file)
        try:
            size = os.stat(file).st_size
        except OSError:
            return
        limit = int(ctx.settings(self, listing.marketplace)["max_bytes"])
        if size > limit:
            yield self.finding(
                f"{file} is {size / 1_048_576:.1f} MiB ({size} bytes); Shopify imports files up "
                f"to {limit} bytes",
                file=file,
                bytes=size,
                max_bytes=limit,
            )
