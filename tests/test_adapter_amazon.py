"""The Amazon adapter: the real UK All Listings report, loaders and category flat files."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from listingaudit.config import load_schema
from listingaudit.model import Listing, Package, ShippingOffer
from listingaudit.plugins import LoadedPlugins
from listingaudit.problems import ProblemLog
from listingaudit.reading import Recognition, read_source
from listingaudit.tabular import InputError, InputFile
from listingaudit_plugins.adapters import amazon

from .conftest import FIXTURES

AMAZON = FIXTURES / "amazon"
UK_REPORT = Path("amazon") / "george-itf__amazon-hub__All+Listings+Report_01-14-2026.txt"
VALIDATOR = jsonschema.Draft202012Validator(load_schema("listing.schema.json"))
# Each fixture, its format and how many header rows precede the data.
FIXTURE_FILES = {
    "active-listings-report.txt": ("amazon-listings-report", 1),
    "inventory-loader-eu.txt": ("amazon-inventory-loader", 1),
    "inventory-loader-upgraded-jp.txt": ("amazon-inventory-loader", 3),
    "inventory-loader-upgraded-mws.txt": ("amazon-inventory-loader", 3),
    "flat-file-outerwear.txt": ("amazon-flat-file", 3),
    "flat-file-food-2025.txt": ("amazon-flat-file", 3),
    "flat-file-shirt-uk.txt": ("amazon-flat-file", 3),
}


def _read(
    plugins: LoadedPlugins, path: Path, marketplace: str | None = None
) -> tuple[list[Listing], ProblemLog]:
    problems = ProblemLog()
    source = InputFile.open(path)
    return list(read_source(plugins.hook, source, problems, marketplace)), problems


def _by_id(listings: list[Listing]) -> dict[str, Listing]:
    return {listing.id: listing for listing in listings}


def _amazon_answer(plugins: LoadedPlugins, path: Path) -> Recognition | None:
    answers = plugins.hook.listingaudit_recognise(source=InputFile.open(path))
    return next((a for a in answers if a and a.marketplace == "amazon"), None)


def _write(tmp_path: Path, rows: list[list[str]], name: str = "export.txt") -> Path:
    path = tmp_path / name
    path.write_text("".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _assert_every_row_accounted(
    path: Path, header_rows: int, listings: list[Listing], problems: ProblemLog
) -> None:
    """Each non-blank data line is in exactly one listing, or named by a problem."""
    text = path.read_bytes().decode("latin-1").replace("\r\n", "\n")
    data = {
        number
        for number, line in enumerate(text.split("\n"), 1)
        if number > header_rows and line.strip("\t \r")
    }
    seen = [line for listing in listings for line in listing.source.lines]
    assert len(seen) == len(set(seen)), "a row is in two listings"
    assert set(seen) <= data
    assert data - set(seen) <= problems.lines(str(path))


def _assert_valid(listings: list[Listing]) -> None:
    for listing in listings:
        VALIDATOR.validate(listing.to_dict())


# --- The real UK report ----------------------------------------------------------------------


def test_real_uk_all_listings_report(plugins: LoadedPlugins, samples: Path) -> None:
    path = samples / UK_REPORT
    source = InputFile.open(path)
    assert (source.encoding, source.delimiter) == ("cp1252", "\t")
    listings, problems = _read(plugins, path)
    assert len(listings) == 107
    assert len(problems) == 0
    first = listings[0]
    assert first.id == "07-5ZYG-K6JQ"
    assert first.source.lines == (2,)
    assert first.source.format == "amazon-listings-report"
    assert first.title == (
        "Makita DHR242 18v Brushless SDS+ Rotary Hammer Drill with 2 x 6.0Ah Batteries"
    )
    assert first.price == 350
    assert first.quantity == 10
    assert first.condition is not None
    assert (first.condition.code, first.condition.raw) == ("new", "11")
    assert first.shipping[0].profile == "ITF NEXT DAY (ORDER BEFORE 2PM)"
    assert first.shipping[0].cost is None
    assert first.identifiers["asin"] == "B07MF2LZFV"
    assert first.status == "Active"
    assert first.currency is None and first.returns is None
    # 0x96 in cp1252 is an en dash; a UTF-8 or Latin-1 reading would not give one.
    jacket = _by_id(listings)["MAKDCJ205ZLO"]
    assert jacket.title == (
        "Makita DCJ205ZLO 14.4V/18V Li-ion LXT Heated Jacket, Size Large – "
        "Batteries and Charger Not Included"
    )
    # image-url is empty in every row of the real report.
    assert not any(listing.photos for listing in listings)
    assert sum(1 for listing in listings if listing.status == "Inactive") == 3
    assert sum(1 for listing in listings if listing.condition is None) == 2
    _assert_every_row_accounted(path, 1, listings, problems)
    _assert_valid(listings)


# --- Every fixture ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FIXTURE_FILES))
def test_fixture_is_recognised_read_and_valid(plugins: LoadedPlugins, name: str) -> None:
    path = AMAZON / name
    fmt, header_rows = FIXTURE_FILES[name]
    answer = _amazon_answer(plugins, path)
    assert answer is not None and answer.format == fmt and answer.confidence >= 0.85
    listings, problems = _read(plugins, path)
    assert listings and {listing.source.format for listing in listings} == {fmt}
    assert {listing.marketplace for listing in listings} == {"amazon"}
    _assert_every_row_accounted(path, header_rows, listings, problems)
    _assert_valid(listings)


def test_active_listings_report_with_used_items(plugins: LoadedPlugins) -> None:
    path = AMAZON / "active-listings-report.txt"
    listings, problems = _read(plugins, path)
    found = _by_id(listings)
    cd = found["35-GFRR-W3VC"]
    assert cd.condition is not None and cd.condition.code == "used_good"
    assert cd.condition_note is not None and cd.condition_note.startswith("Case cracked")
    assert cd.identifiers["ean"] == "3800065711135"
    book = found["BK-PETITPRINCE"]
    assert book.title == "Le Petit Prince – édition illustrée"
    assert book.identifiers["isbn"] == "9782070612758"
    vinyl = found["VINYL-ABBEY-69"]
    assert vinyl.condition is not None and vinyl.condition.code == "collectible_like_new"
    assert vinyl.shipping == [ShippingOffer(cost=4.5)]
    fba = found["ATV2"]
    assert fba.extra["fulfilled_by"] == "amazon" and fba.quantity is None
    assert found["35-GFRR-W3VC"].extra["fulfilled_by"] == "merchant"
    # No quoting in Amazon tab files: the inch mark is part of the title.
    assert found["BOSCH-ADAPT-12"].title == 'Bosch 1/2" SDS-plus chuck adaptor'
    by_code = {(p.code, p.line, p.column) for p in problems}
    assert ("excel-damage", 6, "product-id") in by_code
    assert "ean" not in found["BOSCH-ADAPT-12"].identifiers
    assert ("type-error", 7, "price") in by_code
    assert found["STAN-TAPE-8M"].price is None
    assert ("missing-sku", 8, "seller-sku") in by_code
    assert len(listings) == 6


def test_eu_inventory_loader_with_decimal_commas(plugins: LoadedPlugins) -> None:
    path = AMAZON / "inventory-loader-eu.txt"
    assert InputFile.open(path).encoding == "utf-8-sig"
    listings, problems = _read(plugins, path)
    assert [listing.source.lines for listing in listings] == [(2,), (3,), (4,), (5,)]
    drill, used, deleted, bad = listings
    assert drill.id == "DE-BOHR-01"
    assert drill.price == 129.99
    assert drill.identifiers["ean"] == "4006381333931"
    assert drill.handling_days == 2
    assert drill.shipping[0].profile == "Standardvorlage"
    assert used.price == 1249.5
    assert used.condition is not None and used.condition.code == "used_very_good"
    assert used.condition_note is not None and "Gehäuse" in used.condition_note
    assert deleted.extra["operation"] == "d" and deleted.price is None
    assert bad.handling_days is None
    assert [(p.code, p.line, p.column) for p in problems] == [("type-error", 5, "leadtime-to-ship")]


def test_upgraded_inventory_loader_skips_its_header_rows(plugins: LoadedPlugins) -> None:
    listings, problems = _read(plugins, AMAZON / "inventory-loader-upgraded-jp.txt")
    assert len(problems) == 0
    used, new = listings
    assert used.source.lines == (4,) and new.source.lines == (5,)
    assert used.price == 1280  # yen, thousands comma
    assert used.identifiers["isbn"] == "9784101010014"
    assert used.condition is not None and used.condition.code == "used_like_new"
    assert used.condition_note == "帯付き。書き込み・線引きなし。カバーに小さな擦れあり。"
    assert used.handling_days == 3
    # The label row's "SKU" is not the attribute row's "item_sku".
    mws, _ = _read(plugins, AMAZON / "inventory-loader-upgraded-mws.txt")
    assert [(m.id, m.source.lines) for m in mws] == [
        ("9781320717869", (4,)),
        ("9781320717870", (5,)),
    ]


def test_outerwear_flat_file_groups_parent_and_children(plugins: LoadedPlugins) -> None:
    listings, problems = _read(plugins, AMAZON / "flat-file-outerwear.txt")
    found = _by_id(listings)
    assert list(found) == ["JKT-RAIN", "VEST-DOWN-USED", "JKT-WIND-RED", "JKT-FLEECE"]
    jacket = found["JKT-RAIN"]
    assert jacket.source.lines == (4, 5, 6)
    assert len(jacket.raw) == 3
    assert jacket.title == "Northfell Women's Rain Jacket – Packable"
    assert jacket.description_text == (
        "Packable rain jacket with taped seams. Folds into its own pocket."
    )
    assert jacket.extra["bullet_points"][0] == "Waterproof 10,000 mm, taped seams"
    assert [(v.sku, v.options, v.price, v.quantity, v.line) for v in jacket.variants] == [
        ("JKT-RAIN-BLK", {"Color": "Black"}, 89.99, 5, 5),
        ("JKT-RAIN-NVY", {"Color": "Navy"}, 84.5, 0, 6),
    ]
    assert jacket.price == 84.5 and jacket.quantity == 5
    # Main photo first, swatch after the child's own photos, shared photos once.
    refs = [(p.position, p.ref.rsplit("/", 1)[1], p.variant_sku) for p in jacket.photos]
    assert refs == [
        (1, "jkt-rain-main.jpg", None),
        (2, "jkt-rain-back.jpg", None),
        (3, "jkt-rain-blk.jpg", "JKT-RAIN-BLK"),
        (4, "jkt-rain-blk-swatch.jpg", "JKT-RAIN-BLK"),
        (5, "jkt-rain-nvy.jpg", "JKT-RAIN-NVY"),
        (6, "jkt-rain-nvy-swatch.jpg", "JKT-RAIN-NVY"),
    ]
    # The condition and the weight live on the children only.
    assert jacket.condition is not None and jacket.condition.code == "new"
    assert jacket.package is not None and jacket.package.weight_g == pytest.approx(544.311)
    assert jacket.handling_days == 2
    assert jacket.currency is None  # no currency column and no settings= row
    vest = found["VEST-DOWN-USED"]
    assert vest.condition is not None
    assert (vest.condition.code, vest.condition.raw) == ("used_good", "Used - Good")
    assert vest.package is not None and vest.package.weight_g == pytest.approx(396.893)
    assert len(vest.photos) == 3
    assert found["JKT-WIND-RED"].extra["missing_parent"] == "JKT-WIND"
    assert found["JKT-FLEECE"].quantity is None
    assert [(p.code, p.line, p.column) for p in problems] == [("type-error", 9, "quantity")]


def test_2025_template_reads_row_numbers_and_currency_from_settings(
    plugins: LoadedPlugins,
) -> None:
    listings, problems = _read(plugins, AMAZON / "flat-file-food-2025.txt")
    oats, tea, honey = listings
    assert oats.source.lines == (4,)
    assert {listing.currency for listing in listings} == {"USD"}
    assert oats.identifiers["upc"] == "012345678905"
    assert oats.photos[0].ref == "https://images.example.com/food/oats.jpg"
    assert tea.identifiers["asin"] == "B07XJ8C8F5"
    assert tea.extra["operation"] == "PartialUpdate"
    assert honey.price is None
    assert [(p.code, p.line, p.column) for p in problems] == [("type-error", 6, "standard_price")]


def test_uk_shirt_template_sizes_colours_and_dimensions(plugins: LoadedPlugins) -> None:
    listings, problems = _read(plugins, AMAZON / "flat-file-shirt-uk.txt")
    assert len(problems) == 0
    shirt, linen = listings
    assert shirt.source.lines == (4, 5, 6, 7)
    assert shirt.currency == "GBP"  # primaryMarketplaceId=amzn1.mp.o.A1F83G8C2ARO7P
    assert [v.options for v in shirt.variants] == [
        {"Color": "White", "Size": "M"},
        {"Color": "White", "Size": "L"},
        {"Color": "Blue", "Size": "M"},
    ]
    assert shirt.variants[0].barcode == "5060123456783"
    assert shirt.quantity == 9
    assert shirt.extra["variation_theme"] == "SizeColour"
    assert shirt.shipping == [ShippingOffer(profile="Migrated Template")]
    assert shirt.package == Package(350.0, 30.0, 25.0, 3.0)
    assert linen.source.lines == (9,)
    assert linen.condition is not None and linen.condition.code == "used_good"
    assert linen.condition_note == "Small mark on the left cuff (photo 3); all buttons present."
    assert linen.currency == "GBP"


# --- Layout and grouping edge cases ------------------------------------------------------------

FLAT = [
    "feed_product_type",
    "item_sku",
    "item_name",
    "standard_price",
    "parent_child",
    "parent_sku",
]


def test_settings_in_one_cell_with_a_later_data_row(plugins: LoadedPlugins, tmp_path: Path) -> None:
    settings = (
        "TemplateType=fptcustom Version=2025.0401 TemplateSignature=Rk9PRA== "
        "settings=attributeRow=3&dataRow=5&labelRow=2&primaryMarketplaceId=amzn1.mp.o.A1PA6795UKMFR9"
    )
    path = _write(
        tmp_path,
        [
            [settings, "", "", "", "", ""],
            ["Produkttyp", "Verkäufer-SKU", "Produktname", "Preis", "", ""],
            FLAT,
            ["food", "BEISPIEL", "Beispielzeile", "9,99", "", ""],
            ["food", "HAFER-1", "Haferflocken 1 kg", "3,49", "", ""],
        ],
    )
    listings, problems = _read(plugins, path)
    assert [(x.id, x.source.lines, x.price, x.currency) for x in listings] == [
        ("HAFER-1", (5,), 3.49, "EUR")
    ]
    assert len(problems) == 0


def test_child_far_from_its_parent_is_its_own_listing(
    plugins: LoadedPlugins, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        [
            ["TemplateType=fptcustom", "Version=2019.0110", "", "", "", ""],
            [
                "Product Type",
                "Seller SKU",
                "Product Name",
                "Standard Price",
                "Parentage",
                "Parent SKU",
            ],
            FLAT,
            ["shirt", "P", "Parent", "", "parent", ""],
            ["shirt", "P-1", "Child 1", "10", "child", "P"],
            ["shirt", "S", "Standalone", "12", "", ""],
            ["shirt", "P-2", "Child 2", "11", "child", "P"],
        ],
    )
    listings, _ = _read(plugins, path)
    assert [(x.id, x.source.lines, x.extra.get("missing_parent")) for x in listings] == [
        ("P", (4, 5), None),
        ("S", (6,), None),
        ("P-2", (7,), "P"),
    ]
    assert listings[0].price == 10


def test_flat_file_without_its_top_rows_is_still_read(
    plugins: LoadedPlugins, tmp_path: Path
) -> None:
    path = _write(tmp_path, [FLAT, ["shirt", "S-1", "Shirt", "12.00", "", ""]])
    answer = _amazon_answer(plugins, path)
    assert answer is not None and answer.format == "amazon-flat-file"
    listings, _ = _read(plugins, path)
    assert [(x.id, x.source.lines) for x in listings] == [("S-1", (2,))]


def test_unknown_units_and_conditions_are_problems(plugins: LoadedPlugins, tmp_path: Path) -> None:
    header = [
        "item_sku",
        "condition_type",
        "website_shipping_weight",
        "website_shipping_weight_unit_of_measure",
        "item_length",
        "currency",
    ]
    path = _write(tmp_path, [header, ["A-1", "Mint", "2", "stone", "-4", "pounds"]])
    listings, problems = _read(plugins, path)
    (only,) = listings
    assert only.condition is None and only.package is None and only.currency is None
    assert {(p.code, p.column) for p in problems} == {
        ("unknown-value", "condition_type"),
        ("unknown-value", "website_shipping_weight_unit_of_measure"),
        ("type-error", "item_length"),
        ("unknown-value", "currency"),
    }


# --- Near misses and other formats -------------------------------------------------------------


def test_near_misses_name_the_missing_columns(plugins: LoadedPlugins, tmp_path: Path) -> None:
    report = _write(tmp_path, [["item-name", "seller-sku", "price"], ["Mug", "M-1", "5"]], "r.txt")
    answer = _amazon_answer(plugins, report)
    assert answer is not None and answer.format == "amazon-listings-report"
    assert answer.confidence < 0.5
    assert set(answer.missing) == {"listing-id", "quantity"}
    template = _write(
        tmp_path,
        [["TemplateType=fptcustom", "Version=2019.0110"], ["Seller SKU", "Title"]],
        "t.txt",
    )
    answer = _amazon_answer(plugins, template)
    assert answer is not None and answer.confidence < 0.5 and answer.missing == ("item_sku",)
    # Forced with --marketplace, the template still cannot be read: one located message.
    with pytest.raises(InputError, match="attribute row"):
        _read(plugins, template, marketplace="amazon")


def test_other_marketplaces_files_are_not_claimed(tmp_path: Path) -> None:
    shopify = tmp_path / "products.csv"
    shopify.write_text("Handle,Title,Variant SKU,Variant Price\nmug,Mug,M-1,5.00\n")
    source = InputFile.open(shopify)
    assert amazon.listingaudit_recognise(source) is None
    other = Recognition("shopify-products", "shopify", 0.95)
    assert amazon.listingaudit_read(source, other, ProblemLog()) is None
