"""The eBay seller's File Exchange upload (Harbor Resale): Info rows, header, one row per item.

Good listings and deliberately bad ones side by side; ``examples/README.md`` says which is which.
"""

from __future__ import annotations

from dataclasses import dataclass

# eBay Seller Hub / File Exchange upload (export-formats.md §2.1): the `Info` row, the `*Action(…)`
# header cell, the older `ConditionDescription` column and the fuller shipping and package columns.
EBAY_INFO = ["Info", "Version=1.0.0", "Template=fx_category_template_EBAY_US"]
EBAY_HEADER = [
    "*Action(SiteID=US|Country=US|Currency=USD|Version=1193|CC=UTF-8)",
    "CustomLabel",
    "*Category",
    "StoreCategory",
    "*Title",
    "Subtitle",
    "Relationship",
    "RelationshipDetails",
    "ScheduleTime",
    "*ConditionID",
    "ConditionDescription",
    "C:Brand",
    "C:Color",
    "PicURL",
    "GalleryType",
    "VideoID",
    "*Description",
    "*Format",
    "*Duration",
    "*StartPrice",
    "BuyItNowPrice",
    "BestOfferEnabled",
    "BestOfferAutoAcceptPrice",
    "MinimumBestOfferPrice",
    "*Quantity",
    "ImmediatePayRequired",
    "*Location",
    "ShippingType",
    "ShippingService-1:Option",
    "ShippingService-1:Cost",
    "ShippingService-1:AdditionalCost",
    "ShippingService-1:FreeShipping",
    "ShippingService-2:Option",
    "ShippingService-2:Cost",
    "*DispatchTimeMax",
    "WeightMajor",
    "WeightMinor",
    "WeightUnit",
    "PackageLength",
    "PackageWidth",
    "PackageDepth",
    "MeasurementUnit",
    "ShippingPackage",
    "PromotionalShippingDiscount",
    "ShippingDiscountProfileID",
    "*ReturnsAcceptedOption",
    "ReturnsWithinOption",
    "RefundOption",
    "ShippingCostPaidByOption",
    "AdditionalDetails",
]
EBAY_TRAILER = [
    [
        "Info",
        ">>> Get more details on how to complete listings and discover how to customise your "
        "listings with advanced features: https://pages.ebay.com/sh/reports/help/create-listings-bulk/",
    ],
    ["Info", ">>> Condition descriptions are ignored for new items (ConditionID 1000-1499)"],
]


@dataclass
class EbayItem:
    """One listing; the defaults are this seller's usual brand, quantity and terms."""

    sku: str
    category: str
    title: str
    condition: str
    note: str
    photos: str  # the PicURL cell as written, `|`-joined
    description: str
    price: str
    #: (service, cost, additional cost, free) for ShippingService-1
    shipping: tuple[str, str, str, str]
    #: (pounds, ounces, length, width, depth in inches)
    package: tuple[int, int, int, int, int]
    brand: str = "Harbor Resale"
    color: str = ""
    quantity: int = 1
    dispatch: int = 1
    returns: tuple[str, str, str, str] = ("ReturnsAccepted", "Days_30", "MoneyBack", "Buyer")


def _ebay_items() -> list[EbayItem]:
    free = ("USPSParcel", "0.00", "", "1")
    return [
        EbayItem(
            "HR-PHONE-128-GR",
            "9355",
            "Smartphone 128GB Unlocked Graphite - Good, Battery 88%",
            "3000",
            "Light hairline scratches on the screen edges (photo 3). Battery health 88%. No "
            "cracks, no dead pixels. Factory reset, no accounts.",
            "photos/phone-front.jpg|photos/phone-back.jpg|photos/phone-screen.jpg|"
            "photos/phone-back-side.jpg",
            "<p>Unlocked 128GB smartphone in graphite, fully tested.</p><ul><li>Works on all US "
            "carriers</li><li>USB-C cable included</li></ul>",
            "219.00",
            free,
            (0, 12, 8, 5, 3),
            color="Graphite",
        ),
        EbayItem(
            "HR-WATCH-AUTO-38",
            "31387",
            "Automatic Field Watch 38mm Steel Black Dial Leather Strap",
            "3000",
            "",
            "photos/watch.jpg",
            "<p>Pre-owned automatic field watch, 38mm steel case.</p>",
            "145.00",
            ("USPSParcel", "8.95", "", ""),
            (0, 8, 6, 4, 3),
            color="Black",
        ),
        EbayItem(
            "HR-CAM-RF-35",
            "15230",
            "Vintage 35mm Rangefinder Film Camera Body Chrome 40mm f/1.7",
            "3000",
            "See photos.",
            "photos/rangefinder-dark.jpg",
            "<p>Classic 35mm rangefinder with a 40mm f/1.7 lens.</p>",
            "159.00",
            ("USPSParcel", "11.50", "", ""),
            (1, 6, 9, 6, 5),
            color="Silver",
        ),
        EbayItem(
            "HR-SNKR-TR-10",
            "15709",
            "Trail Runner Sneakers Mens Size 10 Navy Coral New",
            "1000",
            "",
            "photos/trail-runner.jpg",
            "<p>Brand new, never worn. Small scuff on the left toe from the store display.</p>",
            "79.00",
            ("UPSGround", "12.40", "", ""),
            (2, 2, 13, 8, 5),
            color="Navy",
        ),
        EbayItem(
            "HR-BOOK-ATLAS",
            "261186",
            "The Illustrated Atlas of Rivers Hardcover 2nd Edition",
            "5000",
            "Dust jacket missing. Corners lightly bumped (photo 2). Pages clean and tight, no "
            "writing or highlighting.",
            "photos/atlas.jpg | photos/atlas-corner.jpg | photos/atlas-back.jpg|"
            "photos/atlas-cloth.jpg",
            "<p>Hardcover atlas, 2nd edition, 224 pages, full-colour maps.</p>",
            "24.00",
            ("USPSMedia", "4.49", "1.00", ""),
            (2, 0, 12, 10, 2),
        ),
        EbayItem(
            "HR-PAPERBACK-QH",
            "261186",
            "The Quiet Harbor Paperback Novel Like New",
            "2750",
            "",
            "photos/paperback.jpg",
            "<p>Paperback novel, read once, no creases.</p>",
            "9.00",
            ("USPSPriority", "24.99", "", ""),
            (0, 7, 8, 6, 1),
        ),
        EbayItem(
            "HR-MUG-TEAL",
            "20693",
            "Stoneware Coffee Mug 12oz Teal Handmade Reactive Glaze",
            "1000",
            "",
            "photos/mug.jpg",
            "<p>Wheel-thrown stoneware mug, 12oz, dishwasher safe. Buy several: six in stock.</p>",
            "22.00",
            ("USPSParcel", "9.50", "12.00", ""),
            (1, 0, 6, 6, 6),
            color="Teal",
            quantity=6,
        ),
        EbayItem(
            "HR-LAMP-BRASS",
            "112581",
            "Brass Desk Lamp Green Enamel Shade Vintage Style Rewired",
            "3000",
            "Rewired in 2025. Small paint chip inside the shade rim; the brass has a light patina.",
            "photos/desk-lamp.jpg",
            "<p>Brass banker-style desk lamp, pull-chain switch, E26 socket.</p>",
            "89.00",
            ("UPSGround", "18.75", "", ""),
            (6, 4, 20, 12, 12),
            color="Green",
            dispatch=20,
        ),
        EbayItem(
            "HR-HEAD-OE-BLK",
            "112529",
            "Over-Ear Wireless Headphones Black Tested Working",
            "3000",
            "Ear pads show light wear; small scuff on the headband. Bluetooth and wired "
            "both tested; the battery holds about 20 hours.",
            "photos/headphones.jpg",
            "<p>Over-ear wireless headphones with active noise cancelling.</p>",
            "64.00",
            ("USPSParcel", "10.25", "", ""),
            (1, 4, 10, 8, 5),
            color="Black",
            returns=("ReturnsNotAccepted", "", "", ""),
        ),
        EbayItem(
            "HR-PACK-OLIVE",
            "169285",
            "Waxed Canvas Daypack Backpack 20L Olive Leather Trim",
            "1000",
            "",
            "photos/daypack.jpg",
            "<p>New waxed canvas daypack, 20 litres, padded laptop sleeve.</p>",
            "98.00",
            ("USPSParcel", "12.95", "", ""),
            (2, 4, 16, 12, 4),
            color="Olive",
            returns=("ReturnsAccepted", "Days_14", "MoneyBack", "Buyer"),
        ),
        EbayItem(
            "HR-VASE-SAGE",
            "20517",
            "Handmade Ceramic Bud Vase Sage Drip Glaze 7in",
            "1000",
            "",
            "photos/bud-vase-blurry.jpg",
            "<p>Hand-thrown bud vase with a sage and cream drip glaze.</p>",
            "36.00",
            ("USPSParcel", "9.95", "", ""),
            (1, 2, 8, 6, 6),
            color="Green",
        ),
        EbayItem(
            "HR-CAM-DIG-RF",
            "31388",
            "Rangefinder-Style Digital Camera Body Silver Refurbished",
            "2500",
            "Refurbished in-house: new grip leatherette, sensor cleaned, firmware updated. Light "
            "wear on the top plate.",
            "photos/digital-camera-small.jpg",
            "<p>Digital rangefinder-style camera body, 24MP, with charger and one battery.</p>",
            "449.00",
            ("USPSPriority", "13.60", "", ""),
            (1, 10, 9, 6, 5),
            color="Silver",
        ),
        EbayItem(
            "HR-SNKR-TR-9U",
            "15709",
            "Trail Runner Sneakers Mens Size 9 Navy Coral Pre-owned",
            "3000",
            "Worn twice indoors. Soles clean, no odor. Original box not included.",
            "photos/trail-runner-on-table.jpg",
            "<p>Trail runner sneakers, size 9, lightly worn.</p>",
            "49.00",
            ("UPSGround", "12.40", "", ""),
            (2, 0, 13, 8, 5),
            color="Navy",
        ),
        EbayItem(
            "HR-PHONE-64-GR",
            "9355",
            "Smartphone 64GB Unlocked Graphite - Good, Battery 91%",
            "3000",
            "Light scratches on the back glass; the screen is perfect. Battery health 91%.",
            "photos/phone-front-copy.jpg",
            "<p>Unlocked 64GB smartphone in graphite, tested and reset.</p>",
            "179.00",
            free,
            (0, 12, 8, 5, 3),
            color="Graphite",
        ),
    ]


def ebay_rows() -> list[list[str]]:
    """Info row, header, one row per item, trailing Info rows."""
    rows: list[list[str]] = [EBAY_INFO, EBAY_HEADER]
    for item in _ebay_items():
        service, cost, additional, free = item.shipping
        pounds, ounces, length, width, depth = item.package
        accepted, within, refund, paid_by = item.returns
        cells = {
            EBAY_HEADER[0]: "Add",
            "CustomLabel": item.sku,
            "*Category": item.category,
            "*Title": item.title,
            "*ConditionID": item.condition,
            "ConditionDescription": item.note,
            "C:Brand": item.brand,
            "C:Color": item.color,
            "PicURL": item.photos,
            "*Description": item.description,
            "*Format": "FixedPrice",
            "*Duration": "GTC",
            "*StartPrice": item.price,
            "BestOfferEnabled": "0",
            "*Quantity": str(item.quantity),
            "*Location": "97214",
            "ShippingType": "Flat",
            "ShippingService-1:Option": service,
            "ShippingService-1:Cost": cost,
            "ShippingService-1:AdditionalCost": additional,
            "ShippingService-1:FreeShipping": free,
            "ShippingService-2:Option": "Pickup",
            "ShippingService-2:Cost": "0.00",
            "*DispatchTimeMax": str(item.dispatch),
            "WeightMajor": str(pounds),
            "WeightMinor": str(ounces),
            "WeightUnit": "lbs",
            "PackageLength": str(length),
            "PackageWidth": str(width),
            "PackageDepth": str(depth),
            "MeasurementUnit": "English",
            "ShippingPackage": "PackageThickEnvelope" if pounds == 0 else "LargePackage",
            "*ReturnsAcceptedOption": accepted,
            "ReturnsWithinOption": within,
            "RefundOption": refund,
            "ShippingCostPaidByOption": paid_by,
        }
        rows.append([cells.get(column, "") for column in EBAY_HEADER])
    rows.extend(EBAY_TRAILER)
    return rows
