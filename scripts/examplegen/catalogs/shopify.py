"""The Shopify store's product export (Northfield Supply Co.): header, products, CSV rows.

Good listings and deliberately bad ones side by side; ``examples/README.md`` says which is which.
"""

from __future__ import annotations

from dataclasses import dataclass

from .barcodes import EXCEL_DAMAGED_UPC, upc

# Shopify, 2025 export generation (export-formats.md §1.2 d): `Option1 Linked To` columns and
# metafield columns; this store's metafields differ from the sample's, as they do store to store.
SHOPIFY_HEADER = [
    "Handle",
    "Title",
    "Body (HTML)",
    "Vendor",
    "Product Category",
    "Type",
    "Tags",
    "Published",
    "Option1 Name",
    "Option1 Value",
    "Option1 Linked To",
    "Option2 Name",
    "Option2 Value",
    "Option2 Linked To",
    "Option3 Name",
    "Option3 Value",
    "Option3 Linked To",
    "Variant SKU",
    "Variant Grams",
    "Variant Inventory Tracker",
    "Variant Inventory Qty",
    "Variant Inventory Policy",
    "Variant Fulfillment Service",
    "Variant Price",
    "Variant Compare At Price",
    "Variant Requires Shipping",
    "Variant Taxable",
    "Variant Barcode",
    "Image Src",
    "Image Position",
    "Image Alt Text",
    "Gift Card",
    "SEO Title",
    "SEO Description",
    "Google Shopping / Google Product Category",
    "Google Shopping / Gender",
    "Google Shopping / Age Group",
    "Google Shopping / MPN",
    "Google Shopping / Condition",
    "Google Shopping / Custom Product",
    "Google Shopping / Custom Label 0",
    "Google Shopping / Custom Label 1",
    "Google Shopping / Custom Label 2",
    "Google Shopping / Custom Label 3",
    "Google Shopping / Custom Label 4",
    "Google: Custom Product (product.metafields.mm-google-shopping.custom_product)",
    "Color (product.metafields.shopify.color-pattern)",
    "Material (product.metafields.shopify.material)",
    "Variant Image",
    "Variant Weight Unit",
    "Variant Tax Code",
    "Cost per item",
    "Status",
]


@dataclass
class ShopifyProduct:
    """One product: the product row's fields, then its variants and its images."""

    handle: str
    title: str
    body: str
    category: str
    type: str
    tags: str
    #: (option value, SKU, grams, quantity, price, barcode, variant image file or "")
    variants: list[tuple[str, str, float, int, str, str, str]]
    #: (file under photos/, alt text), in Image Position order
    images: list[tuple[str, str]]
    option: str = "Title"
    condition: str = ""
    weight_unit: str = "g"
    material: str = ""


def _shopify_products() -> list[ShopifyProduct]:
    bc = ["'0" + upc(i) for i in range(1, 30)]
    return [
        ShopifyProduct(
            "stoneware-mug",
            "Stoneware Mug, 12 oz",
            "<p>Wheel-thrown stoneware mug with a reactive glaze. Holds 12 oz (350 ml).</p>"
            "<ul><li>Dishwasher and microwave safe</li><li>Unglazed foot ring</li>"
            "<li>Each glaze varies slightly from the photos</li></ul>",
            "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs",
            "Mugs",
            "ceramics, kitchen, mug",
            [
                ("Teal", "NF-MUG-TEAL", 350.0, 24, "24.00", bc[0], "mug-teal.jpg"),
                ("Sand", "NF-MUG-SAND", 350.0, 18, "24.00", bc[1], "mug-sand.jpg"),
            ],
            [("mug-teal.jpg", "Teal stoneware mug"), ("mug-sand.jpg", "Sand stoneware mug")],
            option="Color",
            condition="new",
            material="Stoneware",
        ),
        ShopifyProduct(
            "waxed-canvas-daypack",
            "Waxed Canvas Daypack, 20 L",
            "<p>Waxed cotton canvas daypack with a padded laptop sleeve (fits 15 in), a zip front "
            "pocket and leather trim.</p><ul><li>20 litres</li><li>Water-resistant</li></ul>",
            "Luggage & Bags > Backpacks",
            "Backpacks",
            "bags, canvas",
            [
                ("Olive", "NF-PACK-OLV", 900.0, 9, "118.00", bc[2], "daypack-olive.jpg"),
                ("Navy", "NF-PACK-NVY", 900.0, 6, "118.00", bc[3], "daypack-navy.jpg"),
            ],
            [
                ("daypack-olive.jpg", "Olive daypack, front"),
                ("daypack-navy.jpg", "Navy daypack, front"),
            ],
            option="Color",
            condition="new",
            material="Waxed cotton canvas",
        ),
        ShopifyProduct(
            "brass-desk-lamp",
            "Brass Desk Lamp with Enamel Shade",
            "<p>Solid brass stem and base, green enamel shade, pull-chain switch. E26 bulb, "
            "60 W max.</p>",
            "Home & Garden > Lighting > Lamps",
            "Lamps",
            "lighting",
            [("Default Title", "NF-LAMP-BRS", 2200.0, 4, "145.00", bc[4], "")],
            [("desk-lamp-blurry.jpg", "Brass desk lamp")],
            condition="new",
        ),
        ShopifyProduct(
            "field-watch-38mm-refurbished",
            "Field Watch 38 mm, Refurbished",
            "<p>Automatic field watch, serviced by our watchmaker in 2026: new crystal and "
            "gaskets, movement cleaned and regulated (+4 s/day).</p><p>Condition: light hairline "
            "scratches on the case sides; the leather strap is new.</p>",
            "Apparel & Accessories > Jewelry > Watches",
            "Watches",
            "refurbished, watches",
            [("Default Title", "NF-WATCH-38R", 180.0, 1, "265.00", bc[5], "")],
            [
                ("field-watch.jpg", "Field watch, dial"),
                ("field-watch-dial.jpg", "Dial close up"),
                ("field-watch-back.jpg", "Caseback"),
                ("field-watch-side.jpg", "Crown side"),
            ],
            condition="refurbished",
        ),
        ShopifyProduct(
            "trail-runner-sneaker",
            "Trail Runner Sneaker",
            "<p>Lightweight trail runner with a recycled mesh upper and a grippy rubber "
            "outsole.</p>",
            "Apparel & Accessories > Shoes",
            "Sneakers",
            "shoes, running",
            [
                (size, f"NF-RUN-{size}", 820.0, 5, "98.00", bc[6 + i], "")
                for i, size in enumerate(["8", "9", "10", "11"])
            ],
            [("trail-runner-small.jpg", "Trail runner, side")],
            option="Size",
            condition="new",
        ),
        ShopifyProduct(
            "vintage-rangefinder-camera",
            "Vintage 35mm Rangefinder Camera",
            "<p>Classic 35mm rangefinder from the 1970s with a 40 mm f/1.7 lens. "
            "Shutter fires at all speeds.</p>",
            "Cameras & Optics > Cameras > Film Cameras",
            "Cameras",
            "vintage, film, used",
            [("Default Title", "NF-CAM-RF35", 620.0, 1, "189.00", "", "")],
            [("rangefinder-dark.jpg", "Rangefinder camera, front")],
            condition="used",
        ),
        ShopifyProduct(
            "illustrated-atlas-of-rivers",
            "The Illustrated Atlas of Rivers (Hardcover, 2nd ed.)",
            "<p>See photos.</p>",
            "Media > Books > Print Books",
            "Books",
            "books, used",
            [("Default Title", "NF-BOOK-ATLAS", 1100.0, 1, "34.00", "'9780000000002", "")],
            [("atlas-hardcover.jpg", "Atlas, front cover")],
            condition="used",
        ),
        ShopifyProduct(
            "wireless-over-ear-headphones",
            "Wireless Over-Ear Headphones",
            "<p>Brand new, never used. Small scratch on the left ear cup from storage.</p>"
            "<ul><li>30 h battery</li><li>Active noise cancelling</li></ul>",
            "Electronics > Audio > Audio Components > Headphones & Headsets > Headphones",
            "Headphones",
            "audio",
            [("Default Title", "NF-HP-OE1", 410.0, 7, "149.00", bc[10], "")],
            [("headphones.jpg", "Over-ear headphones")],
            condition="new",
        ),
        ShopifyProduct(
            "ceramic-bud-vase",
            "Ceramic Bud Vase, Sage Drip Glaze",
            "<p>Hand-thrown bud vase, 7 in tall, with a sage and cream drip glaze.</p>",
            "Home & Garden > Decor > Vases",
            "Vases",
            "ceramics, decor",
            [("Default Title", "NF-VASE-SAGE", 520.0, 3, "42.00", bc[11], "")],
            [("bud-vase-on-table.jpg", "Bud vase on the studio table")],
            condition="new",
        ),
        ShopifyProduct(
            "desk-accessories-mystery-bundle",
            "Desk Accessories Mystery Bundle",
            "<p>Three desk accessories picked by us: a surprise every time.</p>",
            "Office Supplies > Office Instruments",
            "Bundles",
            "bundle",
            [("Default Title", "NF-BUNDLE-DESK", 700.0, 20, "39.00", "", "")],
            [("no-image.png", "")],
            condition="new",
        ),
        ShopifyProduct(
            "unlocked-smartphone-128gb",
            "Unlocked Smartphone, 128 GB",
            "<p>6.1 in OLED display, dual camera, 128 GB storage. Unlocked for all carriers.</p>",
            "Electronics > Communications > Telephony > Mobile Phones",
            "Phones",
            "phones",
            [("Default Title", "NF-PHONE-128", 240.0, 8, "429.00", EXCEL_DAMAGED_UPC, "")],
            [("smartphone.jpg", "Smartphone, home screen")],
            condition="new",
        ),
        ShopifyProduct(
            "stoneware-mug-gift-set",
            "Stoneware Mug Gift Set (2 mugs)",
            "<p>Two 12 oz charcoal stoneware mugs in a gift box.</p>",
            "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs",
            "Mugs",
            "gift, ceramics",
            [("Default Title", "NF-MUG-TEAL", 900.0, 10, "44.00", bc[12], "")],
            [("mug-charcoal.jpg", "Charcoal stoneware mug")],
            condition="new",
        ),
    ]


def shopify_rows() -> list[list[str]]:
    """Header, then per product: product row, variant rows, image-only rows (§1.1)."""
    rows = [SHOPIFY_HEADER]
    for product in _shopify_products():
        for i in range(max(len(product.variants), len(product.images))):
            row = dict.fromkeys(SHOPIFY_HEADER, "")
            row["Handle"] = product.handle
            if i == 0:
                row.update(
                    {
                        "Title": product.title,
                        "Body (HTML)": product.body,
                        "Vendor": "Northfield Supply Co.",
                        "Product Category": product.category,
                        "Type": product.type,
                        "Tags": product.tags,
                        "Published": "true",
                        "Option1 Name": product.option,
                        "Gift Card": "false",
                        "Google Shopping / Condition": product.condition,
                        "Google Shopping / Custom Product": "false",
                        "Material (product.metafields.shopify.material)": product.material,
                        "Status": "active",
                    }
                )
            if i < len(product.variants):
                value, sku, grams, qty, price, barcode, image = product.variants[i]
                row.update(
                    {
                        "Option1 Value": value,
                        "Variant SKU": sku,
                        "Variant Grams": f"{grams:.1f}",
                        "Variant Inventory Tracker": "shopify",
                        "Variant Inventory Qty": str(qty),
                        "Variant Inventory Policy": "deny",
                        "Variant Fulfillment Service": "manual",
                        "Variant Price": price,
                        "Variant Requires Shipping": "true",
                        "Variant Taxable": "true",
                        "Variant Barcode": barcode,
                        "Variant Image": f"photos/{image}" if image else "",
                        "Variant Weight Unit": product.weight_unit,
                    }
                )
            if i < len(product.images):
                src, alt = product.images[i]
                row.update(
                    {
                        "Image Src": f"photos/{src}",
                        "Image Position": str(i + 1),
                        "Image Alt Text": alt,
                    }
                )
            rows.append([row[column] for column in SHOPIFY_HEADER])
    return rows
