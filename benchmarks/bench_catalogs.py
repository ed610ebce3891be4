"""Synthetic catalogs in each marketplace's real format, of any size, for timing the audit.

The headers are the example catalogs' (``scripts/make_examples.py``: the real Shopify 2025
export, eBay File Exchange upload and Amazon flat-file headers). Rows are drawn from small pools
with a seeded generator, so a catalog mixes what real ones hold (new, used and refurbished items;
condition notes, some boilerplate, some missing; fair and inflated shipping; short and long
handling; returns accepted or not; variants, image-only rows, parents with children) and is the
same every run. Rows are written as they are made: memory does not grow with the catalog.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from bench_generator import generator

MARKETPLACES = ("shopify", "ebay", "amazon")
FILE_NAMES = {
    "shopify": "products_export.csv",
    "ebay": "fx-upload.csv",
    "amazon": "flat-file.txt",
}

PhotoUrl = Callable[[int, int], str]

_PRODUCTS = [
    ("Stoneware Mug 12 oz", "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs", 350),
    ("Waxed Canvas Daypack 20 L", "Luggage & Bags > Backpacks", 900),
    ("Brass Desk Lamp", "Home & Garden > Lighting > Lamps", 2200),
    ("Automatic Field Watch 38 mm", "Apparel & Accessories > Jewelry > Watches", 180),
    ("Trail Runner Sneaker", "Apparel & Accessories > Shoes", 820),
    ("35mm Rangefinder Camera", "Cameras & Optics > Cameras > Film Cameras", 620),
    ("Illustrated Atlas, Hardcover", "Media > Books > Print Books", 1100),
    ("Over-Ear Wireless Headphones", "Electronics > Audio > Headphones", 410),
    ("Ceramic Bud Vase", "Home & Garden > Decor > Vases", 520),
    ("Unlocked Smartphone 128 GB", "Electronics > Communications > Mobile Phones", 240),
]
_DESCRIPTIONS = [
    "<p>{title}. Carefully packed and shipped from our studio.</p>",
    "<p>{title} in excellent shape.</p><ul><li>Tested</li><li>Ships in a box</li></ul>",
    "<p>Brand new {title}, never used. Small scratch on the side from storage.</p>",
    "<p>{title}: see photos for details.</p>",
    "<p>Our best-selling {title}.</p><p>Questions? Message us before you buy.</p>",
]
_NOTES = [
    "",
    "See photos.",
    "Light wear on the corners; no cracks or chips. Fully working.",
    "Small scuff on the left side (photo 3); otherwise like new.",
    "Battery holds a full day; screen has two hairline scratches.",
    "As is.",
]
# Conditions as each format writes them, new items the most common.
_EBAY_CONDITIONS = ["1000", "1000", "1000", "1500", "2500", "3000", "3000", "4000", "5000"]
_AMAZON_CONDITIONS = [
    "New",
    "New",
    "New",
    "Used - Like New",
    "Used - Very Good",
    "Used - Good",
    "Used - Acceptable",
]
_SHOPIFY_CONDITIONS = ["new", "new", "", "used", "refurbished"]
# (service, cost, additional cost): fair, free, inflated, additional above first.
_EBAY_SHIPPING = [
    ("USPSParcel", "8.95", ""),
    ("USPSParcel", "0.00", ""),
    ("USPSPriority", "12.40", "2.00"),
    ("USPSPriority", "24.99", ""),
    ("UPSGround", "14.50", "3.00"),
    ("USPSParcel", "6.50", "9.00"),
]
_EBAY_RETURNS = [
    ("ReturnsAccepted", "Days_30", "MoneyBack", "Buyer"),
    ("ReturnsAccepted", "Days_30", "MoneyBack", "Seller"),
    ("ReturnsAccepted", "Days_60", "MoneyBack", "Seller"),
    ("ReturnsAccepted", "Days_14", "MoneyBack", "Buyer"),
    ("ReturnsNotAccepted", "", "", ""),
]
_DISPATCH = ["1", "1", "2", "3", "5", "10", "20"]
_LATENCY = ["1", "1", "2", "3", "5", "25"]


def _title(rng: random.Random, number: int) -> tuple[str, str, int]:
    name, category, grams = _PRODUCTS[number % len(_PRODUCTS)]
    return f"{name} #{number}", category, grams + rng.randrange(-40, 40)


def _barcode(rng: random.Random) -> str:
    return str(generator().upc(rng.randrange(1000)))


def shopify_rows(listings: int, seed: int, photo_url: PhotoUrl) -> Iterator[list[str]]:
    """Header, then per product a product row, 0-2 variant rows and 0-2 image-only rows."""
    header: list[str] = generator().SHOPIFY_HEADER
    column = {name: i for i, name in enumerate(header)}
    rng = random.Random(seed)
    yield header
    for number in range(listings):
        title, category, grams = _title(rng, number)
        handle = f"synthetic-{number:07d}"
        variants = rng.choice([1, 1, 2, 3])
        images = rng.choice([1, 1, 2, 3])
        for row_number in range(max(variants, images)):
            row = [""] * len(header)
            row[column["Handle"]] = handle
            if row_number == 0:
                row[column["Title"]] = title
                row[column["Body (HTML)"]] = rng.choice(_DESCRIPTIONS).format(title=title)
                row[column["Vendor"]] = "Synthetic Goods"
                row[column["Product Category"]] = category
                row[column["Published"]] = "true"
                row[column["Option1 Name"]] = "Size" if variants > 1 else "Title"
                row[column["Google Shopping / Condition"]] = rng.choice(_SHOPIFY_CONDITIONS)
                row[column["Status"]] = "active"
            if row_number < variants:
                row[column["Option1 Value"]] = (
                    ["S", "M", "L"][row_number] if variants > 1 else "Default Title"
                )
                row[column["Variant SKU"]] = f"SYN-{number:07d}-{row_number}"
                row[column["Variant Grams"]] = f"{grams:.1f}"
                row[column["Variant Inventory Tracker"]] = "shopify"
                row[column["Variant Inventory Qty"]] = str(rng.randrange(0, 40))
                row[column["Variant Inventory Policy"]] = rng.choice(["deny", "deny", "continue"])
                row[column["Variant Fulfillment Service"]] = "manual"
                row[column["Variant Price"]] = f"{rng.uniform(5, 300):.2f}"
                row[column["Variant Requires Shipping"]] = "true"
                row[column["Variant Taxable"]] = "true"
                row[column["Variant Barcode"]] = "'0" + _barcode(rng)
                row[column["Variant Weight Unit"]] = "g"
            if row_number < images:
                row[column["Image Src"]] = photo_url(number, row_number)
                row[column["Image Position"]] = str(row_number + 1)
            yield row


def ebay_rows(listings: int, seed: int, photo_url: PhotoUrl) -> Iterator[list[str]]:
    """The Info row, the header, one row per item, the trailing Info rows."""
    examples = generator()
    header: list[str] = examples.EBAY_HEADER
    column = {name: i for i, name in enumerate(header)}
    rng = random.Random(seed)
    yield examples.EBAY_INFO
    yield header
    for number in range(listings):
        title, _, grams = _title(rng, number)
        service, cost, additional = rng.choice(_EBAY_SHIPPING)
        accepted, within, refund, paid_by = rng.choice(_EBAY_RETURNS)
        ounces = round(grams / 28.3495) + 2
        row = [""] * len(header)
        row[0] = "Add"
        row[column["CustomLabel"]] = f"SYN-{number:07d}"
        row[column["*Category"]] = "9355"
        row[column["*Title"]] = title[:80]
        row[column["*ConditionID"]] = rng.choice(_EBAY_CONDITIONS)
        row[column["ConditionDescription"]] = rng.choice(_NOTES)
        row[column["PicURL"]] = "|".join(photo_url(number, k) for k in range(rng.randrange(1, 5)))
        row[column["*Description"]] = rng.choice(_DESCRIPTIONS).format(title=title)
        row[column["*Format"]] = "FixedPrice"
        row[column["*Duration"]] = "GTC"
        row[column["*StartPrice"]] = f"{rng.uniform(5, 300):.2f}"
        row[column["*Quantity"]] = str(rng.randrange(1, 10))
        row[column["*Location"]] = "97214"
        row[column["ShippingType"]] = "Flat"
        row[column["ShippingService-1:Option"]] = service
        row[column["ShippingService-1:Cost"]] = cost
        row[column["ShippingService-1:AdditionalCost"]] = additional
        row[column["*DispatchTimeMax"]] = rng.choice(_DISPATCH)
        row[column["WeightMajor"]] = str(ounces // 16)
        row[column["WeightMinor"]] = str(ounces % 16)
        row[column["WeightUnit"]] = "lbs"
        row[column["PackageLength"]] = str(rng.randrange(6, 20))
        row[column["PackageWidth"]] = str(rng.randrange(4, 12))
        row[column["PackageDepth"]] = str(rng.randrange(2, 10))
        row[column["MeasurementUnit"]] = "English"
        row[column["*ReturnsAcceptedOption"]] = accepted
        row[column["ReturnsWithinOption"]] = within
        row[column["RefundOption"]] = refund
        row[column["ShippingCostPaidByOption"]] = paid_by
        yield row
    yield from examples.EBAY_TRAILER


def amazon_rows(listings: int, seed: int, photo_url: PhotoUrl) -> Iterator[list[str]]:
    """The three header rows, then listings: one in ten a parent with three size children."""
    examples = generator()
    names = [name for name, _, _ in examples.AMAZON_COLUMNS]
    column = {name: i for i, name in enumerate(names)}
    rng = random.Random(seed)
    yield from examples.amazon_rows()[:3]
    for number in range(listings):
        title, _, grams = _title(rng, number)
        parent = number % 10 == 0
        base = [""] * len(names)
        base[column["feed_product_type"]] = "home"
        base[column["brand_name"]] = "Synthetic"
        base[column["item_name"]] = title
        base[column["product_description"]] = rng.choice(_DESCRIPTIONS).format(title=title)
        base[column["update_delete"]] = "Update"
        base[column["main_image_url"]] = photo_url(number, 0)
        for k in range(1, rng.randrange(1, 4)):
            base[column[f"other_image_url{k}"]] = photo_url(number, k)
        base[column["merchant_shipping_group_name"]] = rng.choice(
            ["Migrated Template", "Free Economy", "Heavy Items"]
        )
        base[column["fulfillment_latency"]] = rng.choice(_LATENCY)
        sku = f"SYN-{number:07d}"
        offers = [sku]
        if parent:
            row = list(base)
            row[column["item_sku"]] = sku
            row[column["parent_child"]] = "parent"
            row[column["variation_theme"]] = "SizeName"
            yield row
            offers = [f"{sku}-{size}" for size in ("S", "M", "L")]
        for offer in offers:
            row = list(base)
            condition = rng.choice(_AMAZON_CONDITIONS)
            row[column["item_sku"]] = offer
            row[column["external_product_id"]] = _barcode(rng)
            row[column["external_product_id_type"]] = "UPC"
            row[column["standard_price"]] = f"{rng.uniform(5, 300):.2f}"
            row[column["quantity"]] = str(rng.randrange(0, 40))
            row[column["condition_type"]] = condition
            row[column["condition_note"]] = "" if condition == "New" else rng.choice(_NOTES)
            row[column["website_shipping_weight"]] = str(grams)
            row[column["website_shipping_weight_unit_of_measure"]] = "GR"
            if parent:
                row[column["parent_child"]] = "child"
                row[column["parent_sku"]] = sku
                row[column["relationship_type"]] = "Variation"
                row[column["variation_theme"]] = "SizeName"
                row[column["size_name"]] = offer.rsplit("-", 1)[1]
            yield row


def _write_csv(rows: Iterator[list[str]], out: IO[str], newline: str) -> int:
    writer = csv.writer(out, lineterminator=newline)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def _write_tsv(rows: Iterator[list[str]], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write("\t".join(row) + "\r\n")
        count += 1
    return count


def write_catalog(
    marketplace: str, folder: Path, listings: int, seed: int, photo_url: PhotoUrl
) -> tuple[Path, int]:
    """Write one catalog (the encoding and line endings its real files have); returns the path
    and the number of rows written."""
    path = folder / FILE_NAMES[marketplace]
    if marketplace == "shopify":
        with path.open("w", encoding="utf-8", newline="") as out:
            rows = _write_csv(shopify_rows(listings, seed, photo_url), out, "\n")
    elif marketplace == "ebay":
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            rows = _write_csv(ebay_rows(listings, seed, photo_url), out, "\r\n")
    else:
        with path.open("w", encoding="utf-8", newline="") as out:
            rows = _write_tsv(amazon_rows(listings, seed, photo_url), out)
    return path, rows


def write_photo_catalog(path: Path, urls: list[str]) -> None:
    """A Shopify export with one product per photo URL: what the photo runs audit."""
    header: list[str] = generator().SHOPIFY_HEADER
    column = {name: i for i, name in enumerate(header)}
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for number, url in enumerate(urls):
            row = [""] * len(header)
            row[column["Handle"]] = f"photo-{number:05d}"
            row[column["Title"]] = f"Photo benchmark product {number}"
            row[column["Option1 Name"]] = "Title"
            row[column["Option1 Value"]] = "Default Title"
            row[column["Variant SKU"]] = f"PHOTO-{number:05d}"
            row[column["Variant Price"]] = "10.00"
            row[column["Image Src"]] = url
            row[column["Image Position"]] = "1"
            row[column["Status"]] = "active"
            writer.writerow(row)
