"""The eBay adapter, through the public reading API, on real exports and purpose-made fixtures.

Fixtures (``tests/fixtures/ebay/``) use the headers quoted in export-formats.md §2.1-2.4: an FX
upload with ``Info`` rows, UTF-8 BOM and CRLF; FX variations; business policies with bare CR line
endings; the draft template; an active-listings report with a variation; a cp1252 classic download.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from listingaudit.config import load_schema
from listingaudit.model import Listing, ReturnPolicy, ShippingOffer
from listingaudit.plugins import LoadedPlugins, load_plugins
from listingaudit.problems import ProblemLog
from listingaudit.reading import read_source
from listingaudit.tabular import InputError, InputFile

FIXTURES = Path(__file__).parent / "fixtures" / "ebay"
SAMPLES = {
    "russwbeck__ebayscout__2026-10-03_penn-state-button-listings.EXCERPT.csv": ("ebay-fx", 4),
    "mthous72__FlipKit__eBay-all-active-listings-report-2026-04-30-12315361660.csv": (
        "ebay-active-report",
        37,
    ),
    "emailnjv__HJ4U-BulkUploader__listings.EXCERPT.csv": ("ebay-fx-download", 6),
}
FIXTURE_FILES = {
    "fx_upload_bom_crlf.csv": ("ebay-fx", 4),
    "fx_variations.csv": ("ebay-fx", 2),
    "fx_policies_cr.csv": ("ebay-fx", 3),
    "draft_template.csv": ("ebay-draft", 2),
    "active_report_variations.csv": ("ebay-active-report", 2),
    "classic_download_cp1252.csv": ("ebay-fx-download", 3),
}


class Read:
    """One file read through the host, as an audit reads it."""

    def __init__(self, plugins: LoadedPlugins, path: Path) -> None:
        self.source = InputFile.open(path, name=path.name)
        self.problems = ProblemLog()
        self.listings = list(read_source(plugins.hook, self.source, self.problems))

    def by_id(self, listing_id: str) -> Listing:
        return next(listing for listing in self.listings if listing.id == listing_id)

    def problem_list(self) -> list[tuple[int | None, str | None, str]]:
        return [(p.line, p.column, p.code) for p in self.problems]


def data_lines(source: InputFile) -> list[int]:
    """Lines of the rows that are data: not blank, not eBay's Info rows, not the header."""
    lines: list[int] = []
    header_seen = False
    for row in source.rows(ProblemLog()):
        first = row.cells[0].strip().lower() if row.cells else ""
        if row.blank or first.startswith(("info", "#info")):
            continue
        if header_seen:
            lines.append(row.line)
        header_seen = True
    return lines


def assert_nothing_lost(read: Read) -> None:
    """Each data row is in exactly one listing's lines, or named by a problem."""
    seen = Counter(line for listing in read.listings for line in listing.source.lines)
    expected = data_lines(read.source)
    assert set(seen) <= set(expected)
    assert all(count == 1 for count in seen.values())
    problem_lines = read.problems.lines(read.source.name)
    lost = [line for line in expected if line not in seen and line not in problem_lines]
    assert lost == []


def assert_valid(listings: list[Listing]) -> None:
    validator = jsonschema.Draft202012Validator(load_schema("listing.schema.json"))
    for listing in listings:
        validator.validate(listing.to_dict())


@pytest.mark.parametrize(("name", "expected"), SAMPLES.items(), ids=list(SAMPLES))
def test_real_samples_read_whole(
    plugins: LoadedPlugins, samples: Path, name: str, expected: tuple[str, int]
) -> None:
    read = Read(plugins, samples / "ebay" / name)
    fmt, count = expected
    assert len(read.listings) == count
    assert {listing.source.format for listing in read.listings} == {fmt}
    assert {listing.marketplace for listing in read.listings} == {"ebay"}
    assert len(read.problems) == 0
    assert_nothing_lost(read)
    assert_valid(read.listings)


@pytest.mark.parametrize(("name", "expected"), FIXTURE_FILES.items(), ids=list(FIXTURE_FILES))
def test_fixtures_read_whole(plugins: LoadedPlugins, name: str, expected: tuple[str, int]) -> None:
    read = Read(plugins, FIXTURES / name)
    fmt, count = expected
    assert len(read.listings) == count
    assert {listing.source.format for listing in read.listings} == {fmt}
    assert_nothing_lost(read)
    assert_valid(read.listings)


def test_fx_upload_sample(plugins: LoadedPlugins, samples: Path) -> None:
    read = Read(plugins, samples / "ebay" / next(iter(SAMPLES)))
    assert [listing.id for listing in read.listings] == [
        "SET-1974",
        "SET-1975",
        "BOWL-1972",
        "JOE-1980-JUICE-FOR-JOE",
    ]
    joe = read.by_id("JOE-1980-JUICE-FOR-JOE")
    assert joe.title == (
        '1980 Penn State Joe Paterno Button Central Counties Bank Pin "Juice for Joe"'
    )
    assert joe.source.lines == (6,)
    bowl = read.by_id("BOWL-1972")
    assert bowl.price == 10.0
    assert bowl.currency == "USD"
    assert bowl.quantity == 5
    assert bowl.category == "24541"
    assert bowl.condition is not None
    assert (bowl.condition.code, bowl.condition.raw) == ("used_excellent", "3000")
    assert [p.ref for p in bowl.photos] == [
        "https://i.ebayimg.com/images/g/c~oAAeSw4QFpPckz/s-l1600.jpg"
    ]
    assert bowl.shipping[0] == ShippingOffer(
        service="USPSParcel", cost=6.0, additional_cost=0.5, calculated=False
    )
    assert bowl.shipping[1].service == "Pickup"
    assert bowl.handling_days == 3
    assert bowl.returns == ReturnPolicy(
        accepted=True,
        window_days=30,
        paid_by="buyer",
        refund="MoneyBack",
        raw={
            "ReturnsAcceptedOption": "ReturnsAccepted",
            "ReturnsWithinOption": "Days_30",
            "ShippingCostPaidByOption": "Buyer",
            "RefundOption": "MoneyBack",
        },
    )
    assert bowl.description_text is not None
    assert "They have various imperfections" in bowl.description_text
    assert bowl.extra == {
        "action": "Add",
        "site": "US",
        "country": "US",
        "listing_format": "FixedPrice",
        "shipping_type": "Flat",
    }
    assert read.by_id("SET-1974").shipping[0].cost == 7.0


def test_active_listings_report_sample(plugins: LoadedPlugins, samples: Path) -> None:
    read = Read(plugins, samples / "ebay" / list(SAMPLES)[1])
    jordan = read.by_id("257483704604")
    assert jordan.title == '1990 NBA Hoops Michael Jordan "MICHAEL JORDAN\'S PLAYGROUND "'
    assert jordan.price == 10.0
    assert jordan.currency == "USD"
    assert jordan.condition is not None
    assert (jordan.condition.code, jordan.condition.raw) == ("used_like_new", "Graded")
    assert jordan.extra["condition_descriptors"] == {
        "CD:Professional Grader - (ID: 27501)": "Certified Sports Guaranty (CSG)",
        "CD:Grade - (ID: 27502)": "7",
    }
    # The report carries no photos, shipping or returns: absent, not guessed.
    assert (jordan.photos, jordan.shipping, jordan.returns) == ([], [], None)
    assert read.by_id("257482274557").identifiers["epid"] == "10091562551"
    # "Does Not Apply" in P:UPC is eBay's "no UPC", not a barcode.
    assert "upc" not in read.by_id("257483655437").identifiers
    assert read.by_id("257482271585").condition is not None
    assert read.by_id("257482271585").status == "active"


def test_classic_download_sample(plugins: LoadedPlugins, samples: Path) -> None:
    read = Read(plugins, samples / "ebay" / list(SAMPLES)[2])
    brace = read.listings[0]
    assert (brace.id, brace.price, brace.quantity, brace.category) == (
        "260789710597",
        19.99,
        91,
        "19264",
    )
    assert brace.identifiers == {"item_id": "260789710597", "sku": "1074N"}
    assert brace.condition is not None and brace.condition.code == "new"
    # "$" is no currency by itself; Site Listed 0 is eBay US.
    assert brace.currency == "USD"
    saucer = read.by_id("400495627055")
    assert saucer.title == (
        'J. Seignolles Hand Painted Limoges France "Nuage" 5-3/4" Lavender Saucer'
    )
    assert saucer.condition is None
    assert read.by_id("260558775210").price == 139.99


def test_fx_upload_with_info_rows_bom_and_crlf(plugins: LoadedPlugins) -> None:
    read = Read(plugins, FIXTURES / "fx_upload_bom_crlf.csv")
    assert read.source.encoding == "utf-8-sig"
    assert len(read.problems) == 0
    # The lamp's description spans lines 7-8, so the chair starts on line 9.
    assert [listing.source.lines for listing in read.listings] == [(7,), (9,), (10,), (11,)]
    lamp = read.by_id("LAMP-1")
    assert lamp.title == 'Vintage 1960s Brass Desk Lamp, 14" Tall'
    assert lamp.condition_note == "Small chip on the base, shown in photo 3."
    assert [(p.position, p.ref) for p in lamp.photos] == [
        (1, "https://i.ebayimg.com/images/g/aaa/s-l1600.jpg"),
        (2, "https://i.ebayimg.com/images/g/bbb/s-l1600.jpg"),
        (3, "https://i.ebayimg.com/images/g/ccc/s-l1600.jpg"),
    ]
    assert lamp.description_text == "Working brass lamp. Rewired in 2024."
    assert lamp.shipping == [
        ShippingOffer("USPSPriority", 12.5, 2.0, free=False, calculated=False),
        ShippingOffer("Pickup", 0.0, calculated=False),
        ShippingOffer(
            "USPSPriorityMailInternational", 39.0, 10.0, calculated=False, international=True
        ),
    ]
    assert lamp.package is not None
    # 3 lb 8 oz; 14 x 10 x 8 in.
    assert lamp.package.weight_g == pytest.approx(1587.573)
    assert (lamp.package.length_cm, lamp.package.width_cm, lamp.package.height_cm) == (
        35.56,
        25.4,
        20.32,
    )
    assert lamp.extra["shipping_package"] == "USPSLargePack"

    chair = read.by_id("CHAIR-1")
    assert chair.shipping == [ShippingOffer("UPSGround", calculated=True)]
    assert chair.package is not None
    assert (chair.package.weight_g, chair.package.height_cm) == (12500.0, 90.0)
    assert chair.returns is not None
    assert (chair.returns.window_days, chair.returns.paid_by, chair.returns.refund) == (
        60,
        "seller",
        "MoneyBackOrReplacement",
    )

    book = read.by_id("BOOK-1")
    assert book.shipping == [ShippingOffer("USPSMedia", 0.0, free=True, calculated=False)]
    assert book.returns == ReturnPolicy(
        accepted=False, raw={"ReturnsAcceptedOption": "ReturnsNotAccepted"}
    )
    assert book.condition is not None and book.condition.code == "used_good"
    assert book.condition_note == ""  # the column is there, left empty
    assert book.package is None

    empty = read.by_id("EMPTY-1")
    assert empty.extra["empty_required"] == [
        "Category",
        "ConditionID",
        "DispatchTimeMax",
        "ReturnsAcceptedOption",
    ]
    assert empty.condition is None
    # The return columns exist but are empty: a policy with nothing stated, not "no columns".
    assert empty.returns == ReturnPolicy()
    assert "empty_required" not in lamp.extra


def test_fx_variations_become_one_listing(plugins: LoadedPlugins) -> None:
    read = Read(plugins, FIXTURES / "fx_variations.csv")
    assert read.problem_list() == [(3, "Relationship", "orphan-row")]
    shirt = read.by_id("SHIRT-1")
    assert shirt.source.lines == (4, 5, 6)
    assert [(v.sku, v.options, v.price, v.quantity, v.line) for v in shirt.variants] == [
        ("SHIRT-1-RED-M", {"Color": "Red", "Size": "M"}, 19.99, 3, 5),
        ("SHIRT-1-BLUE-L", {"Color": "Blue", "Size": "L"}, 21.99, 2, 6),
    ]
    assert shirt.variants[0].barcode == "012345678905"
    assert (shirt.price, shirt.quantity) == (19.99, 5)
    assert [(p.position, p.ref, p.variant_sku) for p in shirt.photos] == [
        (1, "https://i.ebayimg.com/images/g/shirt/s-l1600.jpg", None),
        (2, "https://i.ebayimg.com/images/g/red/s-l1600.jpg", "SHIRT-1-RED-M"),
    ]
    # *StartPrice and *Quantity are empty on the parent but filled on every variation row.
    assert "empty_required" not in shirt.extra
    assert "upc" not in read.by_id("MUG-1").identifiers


def test_business_policies_bare_cr_and_bad_price(plugins: LoadedPlugins) -> None:
    read = Read(plugins, FIXTURES / "fx_policies_cr.csv")
    assert [listing.source.lines for listing in read.listings] == [(2,), (3,), (4,)]
    card = read.by_id("CARD-1")
    assert card.shipping == [ShippingOffer(profile="Free Shipping 3 Days")]
    assert card.returns == ReturnPolicy(
        profile="30 Days Returns Buyer Pays",
        raw={"ReturnProfileName": "30 Days Returns Buyer Pays"},
    )
    assert card.extra["payment_profile"] == "eBay Payments"
    assert card.currency == "USD"
    # A price that is not a number: a located problem, the value absent, the row still used.
    assert read.problem_list() == [(3, "StartPrice", "type-error")]
    assert "twelve dollars" in next(iter(read.problems)).message
    assert read.by_id("CARD-2").price is None
    assert read.by_id("CARD-2").title == "2020 Panini Select Zion Williamson"
    revise = read.by_id("256000000001")
    assert revise.extra["action"] == "Revise"
    assert len(revise.photos) == 2
    assert "empty_required" not in revise.extra


def test_draft_template_with_human_labels(plugins: LoadedPlugins) -> None:
    read = Read(plugins, FIXTURES / "draft_template.csv")
    assert len(read.problems) == 0
    scarf = read.by_id("SCARF-1")
    assert scarf.source.lines == (5,)
    assert (scarf.status, scarf.price, scarf.quantity, scarf.currency) == ("draft", 24.5, 5, "USD")
    assert scarf.identifiers == {"upc": "0885909950805", "sku": "SCARF-1"}
    assert len(scarf.photos) == 2
    assert scarf.condition is not None
    assert (scarf.condition.code, scarf.condition.origin) == ("new", "Condition ID")
    assert scarf.shipping == [ShippingOffer("USPSParcel", 4.95)]
    assert scarf.handling_days == 1
    assert scarf.returns is not None
    assert (scarf.returns.accepted, scarf.returns.paid_by) == (True, "buyer")
    assert read.by_id("SCARF-2").shipping == [ShippingOffer(profile="Standard Shipping")]


def test_active_report_variation_parent_and_children(plugins: LoadedPlugins) -> None:
    read = Read(plugins, FIXTURES / "active_report_variations.csv")
    assert read.source.encoding == "utf-8-sig"
    hoodie = read.by_id("257490000001")
    assert hoodie.source.lines == (3, 4, 5)
    assert [(v.sku, v.options, v.price, v.quantity) for v in hoodie.variants] == [
        ("HOODIE-RED", {"Color": "Red"}, 39.99, 3),
        ("HOODIE-BLUE", {"Color": "Blue"}, 42.5, 2),
    ]
    assert [v.barcode for v in hoodie.variants] == ["012345678905", None]
    # The parent row holds the summed quantity; its price is the lowest variation's.
    assert (hoodie.quantity, hoodie.price) == (5, 39.99)
    assert hoodie.condition is not None and hoodie.condition.code == "new"
    card = read.by_id("257483698005")
    assert card.extra["condition_descriptors"]["CDA:Certification Number - (ID: 27503)"] == (
        "87654321"
    )


def test_classic_download_cp1252_and_dollar_prices(plugins: LoadedPlugins) -> None:
    read = Read(plugins, FIXTURES / "classic_download_cp1252.csv")
    assert read.source.encoding == "cp1252"
    torch, bowl, rings = read.listings
    assert torch.title == "Crème Brûlée Torch – Professional Kit"
    assert (torch.price, torch.currency) == (1299.0, "USD")
    assert torch.identifiers["upc"] == "012345678905"
    # Site 2 is eBay Canada, which takes CAD and USD; no site at all says nothing either.
    assert (bowl.price, bowl.currency) == (8.5, None)
    assert (rings.price, rings.currency) == (12.0, None)
    assert bowl.condition is not None
    assert (bowl.condition.code, bowl.condition.origin) == ("used", "Condition")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _ebay_answer(plugins: LoadedPlugins, path: Path) -> Any:
    answers = plugins.hook.listingaudit_recognise(source=InputFile.open(path))
    found = [a for a in answers if a is not None and a.marketplace == "ebay"]
    return found[0] if found else None


def test_near_miss_report_names_missing_columns(plugins: LoadedPlugins, tmp_path: Path) -> None:
    path = _write(tmp_path, "Item number,Title,Price\n257482271585,Card,65.0\n")
    answer = _ebay_answer(plugins, path)
    assert answer.format == "ebay-active-report"
    assert answer.confidence < 0.5
    assert "Variation details" in answer.missing
    only_ebay = load_plugins(["no:shopify", "no:amazon"]).hook
    with pytest.raises(InputError, match=r"nearest is eBay .* lacks: .*Variation details"):
        list(read_source(only_ebay, InputFile.open(path), ProblemLog()))


def test_info_preamble_without_action_column_is_a_near_miss(
    plugins: LoadedPlugins, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Info,Version=1.0.0,Template=fx_category_template_EBAY_US\n"
        "CustomLabel,*Category,*Title,*StartPrice\nA-1,24541,Button,10.00\n",
    )
    answer = _ebay_answer(plugins, path)
    assert (answer.format, answer.missing) == ("ebay-fx", ("*Action(…)",))
    assert answer.confidence < 0.5


def test_bare_action_header_with_human_labels_is_the_draft_template(
    plugins: LoadedPlugins, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Action,Category ID,Title,Start price,Quantity,Custom label (SKU),Condition ID\n"
        "Add,45238,Scarf,10.00,1,S-1,1000\n",
    )
    answer = _ebay_answer(plugins, path)
    assert answer.format == "ebay-draft"
    assert answer.confidence >= 0.5
    [listing] = read_source(plugins.hook, InputFile.open(path), ProblemLog())
    assert (listing.id, listing.price, listing.currency) == ("S-1", 10.0, None)


def test_other_marketplaces_are_not_claimed(plugins: LoadedPlugins, tmp_path: Path) -> None:
    path = _write(tmp_path, "Handle,Title,Body (HTML),Vendor\nmug,Mug,<p>Mug</p>,Acme\n")
    assert _ebay_answer(plugins, path) is None


def test_unit_and_condition_problems_are_located(plugins: LoadedPlugins, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "*Action(SiteID=UK|Country=GB|Version=1193),CustomLabel,*Title,*ConditionID,"
        "WeightMajor,WeightUnit,ReturnsWithinOption,ShippingCostPaidByOption\n"
        "Add,P-1,Parcel,Used,2,,30 Days,Buyer\n"
        "Add,P-2,Parcel,3000,2,stone,Two weeks,Nobody\n"
        "Add,P-3,Parcel,3000,,,Months_1,Seller\n",
    )
    problems = ProblemLog()
    first, second, third = read_source(plugins.hook, InputFile.open(path), problems)
    assert [(p.line, p.column) for p in problems] == [
        (2, "ConditionID"),
        (2, "WeightMajor"),
        (3, "WeightUnit"),
        (3, "WeightMajor"),
        (3, "ReturnsWithinOption"),
        (3, "ShippingCostPaidByOption"),
    ]
    assert {p.code for p in problems} == {"type-error"}
    assert (first.condition, first.package) == (None, None)
    assert first.currency == "GBP"  # no Currency setting: SiteID=UK says pounds
    assert first.returns is not None and first.returns.window_days == 30
    assert third.returns is not None
    assert (third.returns.window_days, third.returns.paid_by) == (30, "seller")
    assert second.returns == ReturnPolicy(
        raw={"ReturnsWithinOption": "Two weeks", "ShippingCostPaidByOption": "Nobody"}
    )


def test_reading_streams_one_group_at_a_time(plugins: LoadedPlugins, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "*Action(SiteID=US|Country=US|Currency=USD|Version=1193),CustomLabel,*Title\n"
        "Add,A-1,First\nAdd,A-2,Second\nAdd,A-3,Third,unexpected\n",
    )
    problems = ProblemLog()
    listings = read_source(plugins.hook, InputFile.open(path), problems)
    assert next(listings).id == "A-1"
    assert len(problems) == 0  # line 4 has not been read yet
    assert [listing.id for listing in listings] == ["A-2", "A-3"]
    assert [(p.line, p.code) for p in problems] == [(4, "extra-cell")]
