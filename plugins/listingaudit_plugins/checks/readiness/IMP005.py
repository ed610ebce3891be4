"""IMP005: barcodes damaged by a spreadsheet (scientific notation, lost leading zeros)."""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.model import Listing
from listingaudit_plugins.checks.readiness.gtin import KINDS, diagnose


class DamagedBarcode(Check):
    """Barcode damaged by a spreadsheet, or not a valid GTIN.

    What it checks:
        Variant barcodes and the listing's ``upc``, ``ean``, ``gtin``, ``isbn`` and ``barcode``
        identifiers: scientific notation (``8.50064E+11``, digits gone for good), a ``.0`` tail,
        leading zeros dropped (an 11-digit UPC, a 12-digit EAN, a 9-digit ISBN-10 whose
        zero-padded form passes the check digit) and, as a warning only, a GTIN-length number
        that fails its check digit. Text that is not a number (``Does Not Apply``) and a shop's
        own short codes are left alone.

    Why it matters:
        Opening an export in Excel turns barcodes into numbers. Amazon and Google Shopping
        reject invalid GTINs, and a wrong barcode matches the listing to someone else's product
        or to none. Shopify's own exports guard barcodes with a leading apostrophe for this
        reason.

    Bad:
        ``Variant Barcode`` = ``8.50064E+11``; a UPC written ``36000291452``.

    Good:
        ``'0850064060010`` (Shopify's guarded form), ``036000291452``.

    Source:
        Excel damage to barcodes (export-formats.md §1.1, §4 item 7); GS1 mod-10 check digit for
        GTIN-8/12/13/14 and the ISBN-10 mod-11 check (GS1 General Specifications, ISO 2108).
    """

    code = "IMP005"
    family = "readiness"
    severity = Severity.ERROR
    title = "Barcode damaged by a spreadsheet"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        found = [(kind, value) for kind, value in listing.identifiers.items() if kind in KINDS]
        found += [("barcode", v.barcode) for v in listing.variants if v.barcode]
        seen: set[str] = set()
        for kind, value in found:
            # Adapters copy a variant's barcode into the listing's identifiers (as upc, ean...):
            # judge each value once, under its most specific name.
            if value in seen:
                continue
            seen.add(value)
            damage = diagnose(value, kind)
            if damage is None:
                continue
            # The line of the last variant with this barcode, else the listing's first line;
            # looked up only here, for the rare damaged value.
            line = next(
                (
                    v.line
                    for v in reversed(listing.variants)
                    if v.barcode and v.barcode == value and v.line
                ),
                None,
            )
            line = line or listing.source.first_line
            yield self.finding(
                f"{kind} {damage.explanation} (line {line})",
                severity=None if damage.certain else Severity.WARNING,
                field=kind,
                value=value,
                damage=damage.kind,
                recovered=damage.recovered,
                line=line,
            )
