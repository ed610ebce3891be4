"""The Amazon seller's category flat file (Brightline): three header rows, one row per SKU.

Good listings and deliberately bad ones side by side; ``examples/README.md`` says which is which.
"""

from __future__ import annotations

import base64

from .barcodes import EXCEL_DAMAGED_UPC, upc

# Amazon category inventory flat file (export-formats.md §3.3): row 1 metadata and group labels,
# row 2 labels, row 3 attribute names; tab-delimited, no quoting.
AMAZON_COLUMNS = [
    ("feed_product_type", "Product Type", ""),
    ("item_sku", "Seller SKU", ""),
    ("brand_name", "Brand Name", ""),
    ("item_name", "Product Name", ""),
    ("external_product_id", "Product ID", ""),
    ("external_product_id_type", "Product ID Type", ""),
    ("manufacturer", "Manufacturer", ""),
    ("part_number", "Manufacturer Part Number", ""),
    ("product_description", "Product Description", "Discovery"),
    ("bullet_point1", "Key Product Features", ""),
    ("bullet_point2", "Key Product Features", ""),
    ("update_delete", "Update Delete", "Offer"),
    ("standard_price", "Standard Price", ""),
    ("quantity", "Quantity", ""),
    ("condition_type", "Condition Type", ""),
    ("condition_note", "Condition Note", ""),
    ("main_image_url", "Main Image URL", "Images"),
    *[(f"other_image_url{i}", "Other Image URL", "") for i in range(1, 9)],
    ("swatch_image_url", "Swatch Image URL", ""),
    ("parent_child", "Parentage", "Variation"),
    ("parent_sku", "Parent SKU", ""),
    ("relationship_type", "Relationship Type", ""),
    ("variation_theme", "Variation Theme", ""),
    ("size_name", "Size", ""),
    ("color_name", "Color", ""),
    ("website_shipping_weight", "Shipping Weight", "Dimensions"),
    ("website_shipping_weight_unit_of_measure", "Website Shipping Weight Unit Of Measure", ""),
    ("merchant_shipping_group_name", "Merchant Shipping Group", "Fulfillment"),
    ("fulfillment_latency", "Handling Time", ""),
    ("country_of_origin", "Country/Region of Origin", ""),
]
AMAZON_PRODUCT_TYPES = "SHOES,HEADPHONES,CAMERA_DIGITAL,ABIS_BOOK,WATCH,HOME,LUGGAGE,CELLULAR_PHONE"
AMAZON_META = [
    "TemplateType=fptcustom",
    "Version=2021.1014",
    "TemplateSignature=" + base64.b64encode(AMAZON_PRODUCT_TYPES.encode()).decode(),
    "settings=contentLanguageTag=en_US&feedType=113&headerLanguageTag=en_US&isEdit=false"
    "&labelRow=2&attributeRow=3&dataRow=4&primaryMarketplaceId=amzn1.mp.o.ATVPDKIKX0DER"
    "&templateIdentifier=3b0a6c1e-5d2f-4f7e-9a41-2c8d7e5b9f10&timestamp=2026-11-02T10:14:07.512Z",
]


#: Cells every row of this seller's carries unless the row says otherwise.
_STANDARD = {
    "update_delete": "Update",
    "merchant_shipping_group_name": "Migrated Template",
    "fulfillment_latency": "1",
    "country_of_origin": "China",
    "brand_name": "Brightline",
    "manufacturer": "Brightline Goods",
}


def _runner_family() -> list[dict[str, str]]:
    """The trail runner: a parent row and one child row per size."""
    runner = {
        **_STANDARD,
        "feed_product_type": "shoes",
        "color_name": "Navy/Coral",
        "main_image_url": "photos/runner.jpg",
        "other_image_url1": "photos/runner-laces.jpg",
        "bullet_point1": "Recycled mesh upper",
        "bullet_point2": "Grippy rubber outsole",
        "product_description": "Lightweight trail runner with a recycled mesh upper.",
        "variation_theme": "SizeName",
    }
    parent = {
        **runner,
        "item_sku": "BL-RUNNER",
        "parent_child": "parent",
        "item_name": "Brightline Trail Runner Men's Running Shoe, Navy/Coral",
    }
    children = [
        {
            **runner,
            "item_sku": f"BL-RUNNER-{size.zfill(2)}",
            "parent_child": "child",
            "parent_sku": "BL-RUNNER",
            "relationship_type": "Variation",
            "size_name": size,
            "item_name": f"Brightline Trail Runner Men's Running Shoe, Navy/Coral, Size {size}",
            "external_product_id": upc(40 + i),
            "external_product_id_type": "UPC",
            "part_number": f"TR-NC-{size}",
            "standard_price": "89.00",
            "quantity": "12",
            "condition_type": "New",
            "website_shipping_weight": "2.1",
            "website_shipping_weight_unit_of_measure": "LB",
        }
        for i, size in enumerate(["9", "10", "11"])
    ]
    return [parent, *children]


def _item(
    sku: str,
    product_type: str,
    name: str,
    ident: str,
    price: str,
    condition: str,
    note: str,
    images: list[str],
    weight: str,
    unit: str,
    description: str,
    **more: str,
) -> dict[str, str]:
    """One stand-alone listing; ``more`` sets or overrides any other attribute."""
    row = {
        **_STANDARD,
        "item_sku": sku,
        "feed_product_type": product_type,
        "item_name": name,
        "external_product_id": ident,
        "external_product_id_type": "UPC" if ident else "",
        "part_number": sku.removeprefix("BL-"),
        "standard_price": price,
        "quantity": "5",
        "condition_type": condition,
        "condition_note": note,
        "website_shipping_weight": weight,
        "website_shipping_weight_unit_of_measure": unit,
        "product_description": description,
    }
    row["main_image_url"] = f"photos/{images[0]}"
    for n, image in enumerate(images[1:], start=1):
        row[f"other_image_url{n}"] = f"photos/{image}"
    row.update(more)
    return row


def _amazon_items() -> list[dict[str, str]]:
    """One dict per data row, keyed by attribute name."""
    return [
        *_runner_family(),
        _item(
            "BL-HEADPHONES-BLK",
            "headphones",
            "Brightline Wireless Over-Ear Headphones, Black",
            upc(50),
            "129.00",
            "New",
            "",
            ["headphones.jpg", "headphones-cup.jpg"],
            "0.9",
            "LB",
            "Over-ear wireless headphones with active noise cancelling and 30 h battery.",
        ),
        _item(
            "BL-CAM-RF-USED",
            "camera",
            "Vintage 35mm Rangefinder Film Camera, 40mm f/1.7",
            "",
            "145.00",
            "Used - Good",
            "",
            ["rangefinder.jpg"],
            "620",
            "GR",
            "Classic 35mm rangefinder with a fast 40mm lens.",
            quantity="1",
        ),
        _item(
            "BL-ATLAS-USED",
            "abis_book",
            "The Illustrated Atlas of Rivers, 2nd Edition (Hardcover)",
            "",
            "22.00",
            "Used - Very Good",
            "See photos.",
            ["atlas-used.jpg"],
            "1.1",
            "KG",
            "Hardcover atlas with full-colour maps.",
            quantity="1",
        ),
        _item(
            "BL-WATCH-38-CRM",
            "watch",
            "Brightline 38mm Automatic Field Watch, Cream Dial",
            upc(51),
            "199.00",
            "New",
            "",
            ["watch.jpg"],
            "180",
            "GR",
            "Automatic field watch. Display model: a light scratch on the crystal, otherwise new.",
        ),
        _item(
            "BL-LAMP-BRASS",
            "home",
            "Brightline Brass Desk Lamp with Green Enamel Shade",
            upc(52),
            "139.00",
            "New",
            "",
            ["desk-lamp.webp"],
            "2.2",
            "KG",
            "Solid brass desk lamp with a pull-chain switch.",
        ),
        _item(
            "BL-VASE-TERRA",
            "home",
            "Brightline Ceramic Bud Vase, Terracotta Drip Glaze",
            upc(53),
            "38.00",
            "New",
            "",
            ["bud-vase-on-table.jpg"],
            "520",
            "GR",
            "Hand-thrown bud vase, 7 in tall.",
        ),
        _item(
            "BL-PHONE-128",
            "cellular_phone",
            "Brightline Unlocked Smartphone, 128 GB, Slate",
            EXCEL_DAMAGED_UPC,
            "429.00",
            "New",
            "",
            ["smartphone.jpg"],
            "240",
            "GR",
            "6.1 in OLED display, dual camera, unlocked.",
        ),
        _item(
            "BL-MUG-01",
            "home",
            "Brightline Stoneware Mug, 12 oz, Teal",
            upc(54),
            "24.00",
            "New",
            "",
            ["mug-teal.jpg"],
            "350",
            "GR",
            "Wheel-thrown stoneware mug.",
        ),
        _item(
            "BL-MUG-01",
            "home",
            "Brightline Stoneware Mug, 12 oz, Sand",
            upc(55),
            "24.00",
            "New",
            "",
            ["mug-sand.jpg"],
            "350",
            "GR",
            "Wheel-thrown stoneware mug.",
        ),
        _item(
            "BL-DAYPACK-NVY",
            "luggage",
            "Brightline Waxed Canvas Daypack, 20 L, Navy",
            upc(56),
            "118.00",
            "New",
            "",
            ["daypack-navy.jpg"],
            "900",
            "GR",
            "Waxed cotton canvas daypack with a padded laptop sleeve.",
            fulfillment_latency="25",
        ),
        _item(
            "BL-DAYPACK-OLV",
            "luggage",
            "Brightline Waxed Canvas Daypack, 20 L, Olive",
            upc(57),
            "118.00",
            "New",
            "",
            ["daypack-blurry.jpg"],
            "900",
            "GR",
            "Waxed cotton canvas daypack with a padded laptop sleeve.",
        ),
        _item(
            "BL-LAMP-RED",
            "home",
            "Brightline Desk Lamp with Red Enamel Shade",
            upc(58),
            "129.00",
            "New",
            "",
            ["desk-lamp-small-in-frame.jpg"],
            "2.1",
            "KG",
            "Desk lamp with a red enamel shade and brass stem.",
        ),
    ]


def amazon_rows() -> list[list[str]]:
    """The three header rows, then the data rows."""
    groups = [group for _, _, group in AMAZON_COLUMNS]
    first = [*AMAZON_META, *groups[len(AMAZON_META) :]]
    rows = [
        first,
        [label for _, label, _ in AMAZON_COLUMNS],
        [name for name, _, _ in AMAZON_COLUMNS],
    ]
    rows += [[item.get(name, "") for name, _, _ in AMAZON_COLUMNS] for item in _amazon_items()]
    return rows
