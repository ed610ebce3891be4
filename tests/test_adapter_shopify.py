"""The Shopify product CSV adapter, on real exports and on fixtures made for each quirk.

Fixtures in ``fixtures/shopify/`` use the verbatim headers of ``export-formats.md`` §1.2; the
two official-template fixtures hold the template's verbatim rows. Encodings and line endings
are made from them byte by byte in ``tmp_path``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from listingaudit.config import load_schema
from listingaudit.model import Listing
from listingaudit.plugins import LoadedPlugins
from listingaudit.problems import ProblemLog
from listingaudit.reading import Recognition, read_source
from listingaudit.tabular import InputError, InputFile

from .conftest import FIXTURES, CliResult

SHOPIFY = FIXTURES / "shopify"
PACKT = "PacktPublishing__Shopify-Theme-Customization-with-Liquid__Product-data.csv"
YADA_EXPORT = "YadaYadaSoftware__shopify-variant-splitter__products_export_1.csv"
YADA_TEMPLATE = "YadaYadaSoftware__shopify-variant-splitter__shopify_sample_product_template.csv"
LEARNSHOPDEV = "learnshopdev__ShopifyThemeCourseFiles__products_export_1.csv"
SAMPLE_FILES = [PACKT, YADA_EXPORT, YADA_TEMPLATE, LEARNSHOPDEV]
FIXTURE_FILES = sorted(p.name for p in SHOPIFY.glob("*.csv"))


def _read(
    plugins: LoadedPlugins, path: Path, marketplace: str | None = None
) -> tuple[list[Listing], ProblemLog]:
    problems = ProblemLog()
    source = InputFile.open(path)
    return list(read_source(plugins.hook, source, problems, marketplace)), problems


def _by_id(listings: list[Listing]) -> dict[str, Listing]:
    return {listing.id: listing for listing in listings}


def _data_rows(path: Path) -> list[tuple[int, list[str]]]:
    """Non-blank records after the header, with their first physical line, by the csv module."""
    source = InputFile.open(path)
    records: list[tuple[int, list[str]]] = []
    with path.open(encoding=source.encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=source.delimiter)
        start = 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                records.append((start, cells))
            start = reader.line_num + 1
    return records[1:]


def _assert_accounted_and_valid(plugins: LoadedPlugins, path: Path) -> list[Listing]:
    """Every data row is in exactly one listing, or in no listing and in a problem; every
    listing validates against the published schema."""
    listings, problems = _read(plugins, path, "shopify")
    used = [line for listing in listings for line in listing.source.lines]
    problem_lines = problems.lines(str(path))
    data_lines = [line for line, _ in _data_rows(path)]
    assert data_lines, "a fixture without data proves nothing"
    for line in data_lines:
        assert used.count(line) == 1 or (line not in used and line in problem_lines), line
    assert set(used) <= set(data_lines)
    schema = load_schema("listing.schema.json")
    for listing in listings:
        jsonschema.validate(listing.to_dict(), schema)
    return listings


# --- The real exports ------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_real_export_gives_one_listing_per_handle(
    plugins: LoadedPlugins, samples: Path, name: str
) -> None:
    path = samples / "shopify" / name
    listings = _assert_accounted_and_valid(plugins, path)
    handles = list(dict.fromkeys(cells[0].strip() for _, cells in _data_rows(path)))
    assert [listing.id for listing in listings] == handles
    assert all(listing.source.format == "shopify-products" for listing in listings)
    _, problems = _read(plugins, path)
    assert [str(p) for p in problems] == []


def test_packt_legacy_export(plugins: LoadedPlugins, samples: Path) -> None:
    listings = _by_id(_read(plugins, samples / "shopify" / PACKT)[0])
    assert len(listings) == 20
    lamp = listings["floor-lamp"]
    assert (lamp.title, lamp.price) == ("Floor Lamp", 69.99)
    assert lamp.variants[0].compare_at_price == 85.0
    assert lamp.tags == ["Black", "Lamp"]
    assert lamp.extra["vendor"] == "Company 123" and lamp.extra["published"] is True
    # The tracker column is blank: Shopify does not count this stock, so there is no quantity.
    assert lamp.variants[0].quantity == 1 and lamp.quantity is None
    # Variant Grams is 0.0 throughout: unknown, not weightless.
    assert lamp.package is None and lamp.variants[0].weight_g is None
    # Body (HTML) spans lines 3-8; the next product starts on line 9.
    armchairs = listings["black-armchairs"]
    assert armchairs.description_html is not None
    assert armchairs.description_html.count("\n") == 5
    assert "<h6><span>Ingredients</span></h6>" in armchairs.description_html
    assert armchairs.description_text is not None
    assert "Ingredients Pellentesque quis nisl" in armchairs.description_text
    assert "<" not in armchairs.description_text
    assert listings["round-table"].source.lines == (9,)
    gloves = listings["gardening-gloves"]
    assert [v.options for v in gloves.variants] == [{"Color": "Green"}, {"Color": "Yellow"}]
    assert [v.price for v in gloves.variants] == [9.99, 15.99]
    assert len(gloves.photos) == 2 and gloves.source.lines == (26, 27)


def test_yadayada_2025_export(plugins: LoadedPlugins, samples: Path) -> None:
    listings = _by_id(_read(plugins, samples / "shopify" / YADA_EXPORT)[0])
    assert len(listings) == 8
    wax = listings["mustache-wax"]
    assert wax.source.lines == tuple(range(2, 28))
    assert len(wax.variants) == 7 and len(wax.photos) == 26
    assert wax.photos[0].ref.endswith("/files/790459bd.jpg?v=1760646579")
    assert [p.position for p in wax.photos] == list(range(1, 27))
    assert wax.variants[0].barcode == "0850064060010"
    assert wax.identifiers == {"sku": "og1oz-light-black-usa", "gtin": "0850064060010"}
    assert wax.inventory_policy == "continue" and wax.quantity == 0
    assert wax.package is None and wax.category == "Uncategorized"
    backroom = next(v for k, v in listings.items() if "backroom" in k)
    assert backroom.package is not None and backroom.package.weight_g == 56.41555101875
    assert backroom.quantity == 75 and backroom.price == 16.99
    # A product whose only row has no image, and whose stock is oversold.
    copy = next(v for k, v in listings.items() if k.endswith("-travel-copy"))
    assert copy.photos == [] and copy.quantity == -2


def test_official_2024_template(plugins: LoadedPlugins, samples: Path) -> None:
    listings = _by_id(_read(plugins, samples / "shopify" / YADA_TEMPLATE)[0])
    shirt, pants, hat = (listings[f"example-{n}"] for n in ("shirt", "pants", "hat"))
    assert shirt.condition is not None and shirt.condition.code == "new"
    assert shirt.condition.origin == "Google Shopping / Condition"
    assert hat.condition is not None and hat.condition.code == "refurbished"
    assert len(shirt.variants) == 12
    assert shirt.variants[0].options == {"Color": "Green", "Size": "S"}
    # Six product images; every Variant Image is one of them already.
    assert [p.alt for p in shirt.photos][:2] == ["A rack of T-Shirts", "T-Shirt color swatches"]
    assert len(shirt.photos) == 6
    assert pants.quantity == 45 and len(pants.photos) == 4
    assert (hat.price, hat.quantity, hat.status) == (17.99, 50, "archived")
    assert hat.extra["published"] is False
    assert hat.package is not None and hat.package.weight_g == 72.0
    assert hat.category == "Apparel & Accessories > Clothing Accessories > Hats > Beanies"


def test_learnshopdev_space_padded_export(plugins: LoadedPlugins, samples: Path) -> None:
    path = samples / "shopify" / LEARNSHOPDEV
    listings, problems = _read(plugins, path)
    assert len(listings) == 24 and len(problems) == 0
    first = listings[0]
    assert first.id == "blueberry-almond-brownie"
    assert first.title == "Blueberry Almond Brownie"
    assert first.extra["vendor"] == "cupcakeboxapp" and "type" not in first.extra
    assert first.category == "Food, Beverages & Tobacco > Food Items > Bakery > Cupcakes"
    assert first.price == 4.0 and first.tags == ["limited"]
    assert _by_id(listings)["churro-cinnamon-swirl"].price == 0.0
    # The file ends with a whitespace-only record: not data, not a listing, not a problem.
    last_line = len(path.read_text(encoding="utf-8").splitlines())
    assert last_line not in {line for item in listings for line in item.source.lines}
    assert listings[-1].source.lines == (last_line - 1,)


# --- Fixtures: header generations -------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_fixture_rows_are_accounted_and_listings_valid(plugins: LoadedPlugins, name: str) -> None:
    _assert_accounted_and_valid(plugins, SHOPIFY / name)


def test_legacy_generation(plugins: LoadedPlugins) -> None:
    ramekin, lamp = _read(plugins, SHOPIFY / "legacy-2021.csv")[0]
    assert ramekin.title == "Crème brûlée ramekin" and ramekin.source.lines == (2, 3, 4)
    assert ramekin.description_text == (
        "Stoneware ramekin, 150 ml. Small chip on the rim, see photo 3."
    )
    assert ramekin.condition is not None and ramekin.condition.code == "used"
    assert [(p.ref.split("/")[-1], p.position, p.alt, p.variant_sku) for p in ramekin.photos] == [
        ("ramekin-front.jpg?v=1623104890", 1, "Ramekin, front", None),
        ("ramekin-side.jpg?v=1623104890", 2, None, None),
        ("ramekin-rim-chip.jpg?v=1623104890", 3, "Chip on the rim", None),
        ("ramekin-large.jpg?v=1623104890", 4, None, "RAM-L"),
    ]
    assert [v.sku for v in ramekin.variants] == ["RAM-S", "RAM-L"]
    assert ramekin.variants[1].options == {"Size": "Large"}
    assert ramekin.quantity == 6 and ramekin.price == 12.5
    # The first variant's 0.0 grams is "unknown"; the package weight comes from the second.
    assert ramekin.package is not None and ramekin.package.weight_g == 250.0
    assert ramekin.identifiers == {"sku": "RAM-S", "gtin": "4006381333931"}
    assert ramekin.extra["seo_title"] == "Crème brûlée ramekin | Atelier Nord"
    assert ramekin.currency is None
    assert ramekin.raw[2] == {
        "Handle": "creme-ramekin",
        "Image Src": ramekin.photos[2].ref,
        "Image Position": "3",
        "Image Alt Text": "Chip on the rim",
    }
    assert lamp.quantity is None and lamp.status == "draft" and lamp.extra["published"] is False


def test_2023_template_verbatim_rows(plugins: LoadedPlugins) -> None:
    [shirt] = _read(plugins, SHOPIFY / "template-2023.csv")[0]
    assert shirt.extra["published"] is True and shirt.extra["gift_card"] is False
    assert shirt.condition is not None and shirt.condition.raw == "used"
    assert [v.options for v in shirt.variants] == [
        {"Title": 'Lithograph - Height: 9" x Width: 12"'},
        {"Title": "Small"},
        {"Title": "Medium"},
    ]
    assert [v.price for v in shirt.variants] == [25.0, 19.99, 19.99]
    assert shirt.package is not None and shirt.package.weight_g == 3629.0
    assert shirt.description_html is None and shirt.description_text is None


def test_2025_export_with_linked_options_and_condition_metafield(plugins: LoadedPlugins) -> None:
    wax, comb = _read(plugins, SHOPIFY / "export-2025.csv")[0]
    assert wax.condition is None
    assert [v.barcode for v in wax.variants] == ["0850064060010", "0850064060096"]
    assert wax.variants[1].options == {
        "size": "1 Ounce (Pack of 1)",
        "style": "Medium Hold - Virginia Pipe Tobacco Scent - Neutral Color "
        "(Tobacco free and nicotine free)",
    }
    # Two product images, an image-only row, and two variant images not shown as product images.
    assert [p.variant_sku for p in wax.photos] == [
        None,
        None,
        None,
        "og1oz-light-black-usa",
        "stmw-med-neutral-backroom-1oz-usa",
    ]
    assert comb.condition is not None and comb.condition.code == "used"
    assert comb.condition.origin == (
        "Google: Condition (product.metafields.mm-google-shopping.condition)"
    )


def test_2025_renamed_columns(plugins: LoadedPlugins) -> None:
    [apron] = _read(plugins, SHOPIFY / "renamed-2025.csv")[0]
    assert apron.id == "linen-apron" and apron.title == "Linen apron"
    assert apron.description_text == "Washed linen, one size."
    assert apron.category == "Apparel & Accessories > Clothing"
    assert apron.extra["published"] is True and apron.extra["requires_shipping"] is True
    assert [v.sku for v in apron.variants] == ["APR-NAT", "APR-CHR"]
    assert [v.barcode for v in apron.variants] == ["0614141000036", "0614141000043"]
    assert [v.compare_at_price for v in apron.variants] == [40.0, None]
    # "Continue selling when out of stock" FALSE/TRUE is the old deny/continue.
    assert [v.inventory_policy for v in apron.variants] == ["deny", "continue"]
    assert apron.inventory_policy == "continue"
    assert apron.quantity == 10 and apron.price == 34.0
    assert apron.package is not None and apron.package.weight_g == 180.0
    assert [p.ref.rsplit("/", 1)[-1] for p in apron.photos] == [
        "apron-natural.jpg",
        "apron-charcoal.jpg",
        "apron-charcoal-pocket.jpg",
    ]
    assert apron.photos[2].variant_sku == "APR-CHR"
    assert apron.condition is not None and apron.condition.code == "new"


# --- Fixtures: encodings, line endings, delimiters ---------------------------------------------


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("utf-16-le", b"\xff\xfe")],
)
def test_encodings(plugins: LoadedPlugins, tmp_path: Path, codec: str, bom: bytes) -> None:
    text = (SHOPIFY / "legacy-2021.csv").read_text(encoding="utf-8")
    path = tmp_path / "products_export_1.csv"
    path.write_bytes(bom + text.encode(codec))
    (ramekin, lamp), problems = _read(plugins, path)
    assert ramekin.title == "Crème brûlée ramekin"
    assert ramekin.extra["seo_title"] == "Crème brûlée ramekin | Atelier Nord"
    assert "Handle" in ramekin.raw[0]
    assert (ramekin.source.lines, lamp.source.lines) == ((2, 3, 4), (5,))
    assert len(problems) == 0


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_keep_physical_lines(
    plugins: LoadedPlugins, tmp_path: Path, newline: str
) -> None:
    text = (SHOPIFY / "multiline-html.csv").read_text(encoding="utf-8")
    path = tmp_path / "products.csv"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    pan, lamp = _read(plugins, path)[0]
    assert pan.description_html is not None and pan.description_html.count(newline) == 5
    assert pan.description_text == (
        'Description A "heavy" cast-iron pan, 26 cm. Pre-seasoned, ready to use Oven safe'
    )
    assert (pan.source.lines, lamp.source.lines) == ((2,), (8,))


def test_quoted_multiline_html_and_boolean_case(plugins: LoadedPlugins) -> None:
    pan, lamp = _read(plugins, SHOPIFY / "multiline-html.csv")[0]
    assert pan.description_html is not None
    assert pan.description_html.startswith('<h6>Description</h6>\n<p>A "heavy" cast-iron')
    assert pan.tags == ["cast iron", "pan"]
    # TRUE/FALSE (the template) and true/false (real exports) are the same booleans.
    assert (pan.extra["published"], pan.extra["gift_card"]) == (True, False)
    assert (lamp.extra["published"], lamp.extra["gift_card"]) == (False, False)


def test_excel_eu_semicolons_and_decimal_commas(plugins: LoadedPlugins) -> None:
    path = SHOPIFY / "excel-eu-semicolon.csv"
    assert InputFile.open(path).delimiter == ";"
    [ramekin] = _read(plugins, path)[0]
    first = ramekin.variants[0]
    assert (first.price, first.compare_at_price, first.weight_g) == (12.5, 1299.0, 150.5)
    assert ramekin.variants[1].price == 16.0
    assert ramekin.title == "Crème brûlée ramekin"


# --- Fixtures: damaged values and odd grouping ------------------------------------------------


def test_barcodes_lose_the_guard_and_report_spreadsheet_damage(plugins: LoadedPlugins) -> None:
    (ramekin, lamp), problems = _read(plugins, SHOPIFY / "barcodes.csv")
    assert [v.barcode for v in ramekin.variants] == ["0850064060010", "8.50064E+11"]
    assert ramekin.identifiers["gtin"] == "0850064060010"
    assert ramekin.extra["barcode_damage"] == ["RAM-L"]
    assert lamp.extra["barcode_damage"] == ["LAMP-1"]
    # A barcode a spreadsheet rewrote is not trusted as the listing's GTIN.
    assert "gtin" not in lamp.identifiers
    found = [(p.line, p.column, p.code) for p in problems]
    assert found == [(3, "Variant Barcode", "excel-damage"), (4, "Variant Barcode", "excel-damage")]


def test_bad_values_are_located_problems_and_left_absent(plugins: LoadedPlugins) -> None:
    (ramekin, lamp), problems = _read(plugins, SHOPIFY / "bad-values.csv")
    assert {(p.line, p.column, p.code) for p in problems} == {
        (2, "Variant Grams", "type-error"),
        (2, "Variant Inventory Qty", "type-error"),
        (3, "Variant Price", "type-error"),
        (3, "Variant Inventory Policy", "type-error"),
        (3, "Image Position", "type-error"),
        (4, "Variant Price", "type-error"),
        (4, "Published", "type-error"),
        (4, "Google Shopping / Condition", "unknown-value"),
    }
    first, second = ramekin.variants
    assert first.price == 19.99  # "$19.99"
    assert first.quantity is None and first.weight_g is None
    assert second.price is None and second.inventory_policy is None
    # The rows are still used: the image with an unreadable position follows the numbered ones.
    assert ramekin.source.lines == (2, 3)
    assert [p.ref.rsplit("/", 1)[-1] for p in ramekin.photos] == [
        "ramekin-front.jpg?v=1623104890",
        "ramekin-side.jpg?v=1623104890",
        "ramekin-large.jpg?v=1623104890",
    ]
    assert lamp.price is None and "published" not in lamp.extra and lamp.condition is None


def test_grouping_by_handle(plugins: LoadedPlugins) -> None:
    listings, problems = _read(plugins, SHOPIFY / "groups.csv")
    assert [item.id for item in listings] == [
        "creme-ramekin",
        "brass-desk-lamp",
        "floor-lamp",
        "creme-ramekin",
    ]
    ramekin, _, floor, ramekin_again = listings
    # Line 6 has no handle and line 8 is whitespace only.
    assert ramekin.source.lines == (2, 3, 4, 5, 7)
    assert [(p.line, p.column, p.code) for p in problems] == [(6, "Handle", "missing-cell")]
    # Numbered images in order, the unnumbered one after them, the repeated URL once,
    # then the variant image.
    assert [p.ref.rsplit("/", 1)[-1] for p in ramekin.photos] == [
        "ramekin-front.jpg?v=1623104890",
        "ramekin-side.jpg?v=1623104890",
        "ramekin-rim-chip.jpg?v=1623104890",
        "ramekin-unnumbered.jpg",
        "ramekin-large.jpg?v=1623104890",
    ]
    assert "missing_product_row" not in ramekin.extra
    assert floor.title is None and floor.extra["missing_product_row"] is True
    assert [v.sku for v in floor.variants] == ["FLOOR-1"]
    # The handle returns later: a second listing with the same id, for a check to flag.
    assert ramekin_again.extra["missing_product_row"] is True
    assert ramekin_again.source.lines == (11,) and ramekin_again.inventory_policy == "continue"


def test_listings_stream_one_group_at_a_time(plugins: LoadedPlugins) -> None:
    problems = ProblemLog()
    source = InputFile.open(SHOPIFY / "bad-values.csv")
    listings = read_source(plugins.hook, source, problems)
    assert next(listings).id == "creme-ramekin"
    # The last product's problems are not known yet: its group has not been built.
    assert 4 not in problems.lines(source.name)
    assert [item.id for item in listings] == ["brass-desk-lamp"]
    assert 4 in problems.lines(source.name)


# --- Recognition ------------------------------------------------------------------------------


def _shopify_answer(plugins: LoadedPlugins, path: Path) -> list[Recognition]:
    answers: list[Recognition | None] = plugins.hook.listingaudit_recognise(
        source=InputFile.open(path)
    )
    return [a for a in answers if a is not None and a.format == "shopify-products"]


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_every_generation_is_recognised_with_confidence(plugins: LoadedPlugins, name: str) -> None:
    [answer] = _shopify_answer(plugins, SHOPIFY / name)
    assert answer.confidence >= 0.9 and answer.missing == ()
    assert answer.marketplace == "shopify"


def test_near_miss_names_the_missing_handle(plugins: LoadedPlugins, tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_text("Title,Price,Product image URL\nMug,12.00,https://example.com/mug.jpg\n")
    [answer] = _shopify_answer(plugins, path)
    assert answer.confidence < 0.5 and answer.missing == ("Handle",)
    with pytest.raises(InputError, match=r"nearest is Shopify product CSV.*: Handle$"):
        _read(plugins, path)
    # Forced with --marketplace, the rows are read and each one is a located problem.
    listings, problems = _read(plugins, path, "shopify")
    assert listings == []
    assert [(p.line, p.column, p.code) for p in problems] == [(2, "Handle", "missing-cell")]


def test_cli_exits_2_naming_the_nearest_format(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    path = tmp_path / "products.csv"
    path.write_text("Title,Variant Price,Image Src\nMug,12.00,https://example.com/mug.jpg\n")
    result = run_cli("audit", path)
    assert result.code == 2
    assert "nearest is Shopify product CSV, which needs columns it lacks: Handle\n" in result.err


def test_other_marketplaces_headers_are_not_claimed(plugins: LoadedPlugins, tmp_path: Path) -> None:
    # eBay Seller Hub "All active listings" report (export-formats.md §2.3): only Title matches.
    path = tmp_path / "report.csv"
    path.write_text(
        "Item number,Title,Variation details,Custom label (SKU),Available quantity,"
        "Format,Currency,Start price\n123456789012,Card,,C-1,1,FIXED_PRICE,USD,4.99\n"
    )
    assert _shopify_answer(plugins, path) == []


def test_registered_as_a_plugin(run_cli: Callable[..., CliResult]) -> None:
    lines = run_cli("plugins").out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("shopify "))
    assert lines[at].endswith("listingaudit_plugins.adapters.shopify")
    assert lines[at + 1].split() == ["provides:", "read,", "recognise"]
