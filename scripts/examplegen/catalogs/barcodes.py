"""Barcodes for the catalogs: valid UPC-As, and one as Excel mangles it (a defect to find)."""

from __future__ import annotations


def upc(item: int) -> str:
    """A valid UPC-A (check digit computed) under a made-up company prefix."""
    body = f"86000412{item:03d}"
    odd = sum(int(d) for d in body[0::2])
    even = sum(int(d) for d in body[1::2])
    return body + str((10 - (odd * 3 + even) % 10) % 10)


#: Excel's rendering of the UPC 850064060010 after a re-save (export-formats.md §4, item 7).
EXCEL_DAMAGED_UPC = "8.50064E+11"
