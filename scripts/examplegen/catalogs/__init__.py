"""The three example catalogs, written as their marketplaces write them.

Each marketplace's module holds its real header and its listings as data; this one turns the
rows into bytes with the encoding, BOM, delimiter and line endings of a real file.
"""

from __future__ import annotations

import csv
import io

from .amazon import amazon_rows
from .ebay import ebay_rows
from .shopify import shopify_rows


def _csv_bytes(rows: list[list[str]], newline: str, bom: bool) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def _tsv_bytes(rows: list[list[str]], newline: str) -> bytes:
    for row in rows:
        for cell in row:
            if any(ch in cell for ch in "\t\r\n"):
                raise ValueError(f"a flat-file cell cannot hold a tab or newline: {cell!r}")
    return "".join("\t".join(row) + newline for row in rows).encode("utf-8")


def catalogs() -> dict[str, bytes]:
    """Each catalog's bytes by path under examples/, with the line endings and BOMs real files
    have: Shopify UTF-8 with LF and no BOM (§1.1); eBay UTF-8 with BOM and CRLF (§2.1); the
    Amazon flat file tab-delimited with CRLF, as Excel's "Text (Tab delimited)" writes it."""
    return {
        "shopify/products_export.csv": _csv_bytes(shopify_rows(), "\n", bom=False),
        "ebay/fx-upload.csv": _csv_bytes(ebay_rows(), "\r\n", bom=True),
        "amazon/flat-file.txt": _tsv_bytes(amazon_rows(), "\r\n"),
    }
