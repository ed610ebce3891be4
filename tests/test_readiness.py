"""Import readiness end to end: export files of each marketplace through the adapters, then
the IMP rules; the file-size limit on a real (sparse) file; GTIN and ISBN arithmetic.

Fixtures: ``tests/fixtures/checks/readiness`` (described in its README).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from listingaudit.audit import AuditOptions, run_audit
from listingaudit.checks import Finding, Severity
from listingaudit.config import Config
from listingaudit.model import Listing, SourceRef
from listingaudit.plugins import LoadedPlugins
from listingaudit_plugins.checks.readiness.columns import normalize
from listingaudit_plugins.checks.readiness.gtin import diagnose, gtin_valid, isbn10_valid
from listingaudit_plugins.checks.readiness.IMP008 import _web_host
from tests.test_rule_cases import run_rule

FIXTURES = Path(__file__).parent / "fixtures" / "checks" / "readiness"


def audit(plugins: LoadedPlugins, *paths: Path) -> list[tuple[str, str, Finding]]:
    """(file name, listing id, finding) for every readiness finding, in file order."""
    result = run_audit(plugins, Config({}), list(paths), AuditOptions(select=["readiness"]))
    assert [p for p in result.report.problems if p.code == "check-error"] == []
    return [
        (Path(r.listing.source.file).name, r.listing.id, f)
        for r in result.report.listings
        for f in r.findings
    ]


def summary(found: list[tuple[str, str, Finding]]) -> list[tuple[str, str]]:
    return [(listing, finding.rule) for _, listing, finding in found]


def test_shopify_import(plugins: LoadedPlugins) -> None:
    found = audit(plugins, FIXTURES / "shopify.csv")
    assert summary(found) == [
        ("tbd-vase", "IMP002"),
        ("orphan-bowl", "IMP004"),
        ("sci-cup", "IMP005"),
        ("short-upc", "IMP005"),
        ("good-mug", "IMP003"),
        ("dup-sku-plate", "IMP003"),
    ]
    evidence = {listing: f.evidence for _, listing, f in found}
    assert evidence["tbd-vase"]["text"] == "TBD"
    assert evidence["sci-cup"]["value"] == "8.50064E+11"
    assert evidence["short-upc"]["recovered"] == "036000291452"
    assert evidence["good-mug"]["first"].endswith("shopify.csv:2")
    assert evidence["dup-sku-plate"]["value"] == "MUG-1"


def test_ebay_upload(plugins: LoadedPlugins) -> None:
    found = audit(plugins, FIXTURES / "ebay.csv")
    assert summary(found) == [
        ("EB-NOTITLE", "IMP007"),
        ("EB-MIXED", "IMP008"),
        ("EB-PRICE", "IMP002"),
        ("EB-GOOD", "IMP003"),
        ("EB-UPC", "IMP005"),
    ]
    evidence = {listing: f.evidence for _, listing, f in found}
    assert evidence["EB-NOTITLE"]["columns"] == ["Title"]
    assert evidence["EB-MIXED"]["self_hosted"] == ["https://lh3.googleusercontent.com/d/back-photo"]
    assert (evidence["EB-PRICE"]["text"], evidence["EB-PRICE"]["line"]) == ("call", 6)
    assert evidence["EB-UPC"]["field"] == "upc"


def test_amazon_report_loader_and_flat_file(plugins: LoadedPlugins) -> None:
    files = ("amazon-report.txt", "amazon-loader.txt", "amazon-flat-file.txt")
    found = audit(plugins, *(FIXTURES / name for name in files))
    assert [(name, listing, f.rule) for name, listing, f in found] == [
        # 0J-K8D2-VGHN has no item-name either, but an offer on an ASIN shows the catalog's.
        ("amazon-report.txt", "1I-72LF-I73K", "IMP002"),
        ("amazon-report.txt", "07-5ZYG-K6JQ", "IMP003"),
        ("amazon-report.txt", "2K-STAN-8M", "IMP005"),
        # The loader has no title column, and its delete row needs no price.
        ("amazon-loader.txt", "LD-NOPRICE", "IMP002"),
        # A new product (no ASIN) in a category flat file needs its item_name.
        ("amazon-flat-file.txt", "CST-OAK-4", "IMP001"),
    ]
    assert found[2][2].evidence["recovered"] == "0036000291452"


def test_real_exports_raise_no_false_import_errors(plugins: LoadedPlugins, samples: Path) -> None:
    """Files their marketplaces accepted or produced: only real defects may be reported."""
    found = audit(plugins, *sorted(p for p in samples.rglob("*") if p.suffix in {".csv", ".txt"}))
    errors = [
        (name, f.evidence.get("value")) for name, _, f in found if f.severity is Severity.ERROR
    ]
    # The 2025 YadaYada export really lists three SKUs under two products each.
    export = "YadaYadaSoftware__shopify-variant-splitter__products_export_1.csv"
    assert errors == [
        (export, "stmw-med-neutral-backroom-1oz-usa"),
        (export, "stmw-med-neutral-citrus-1oz-usa"),
        (export, "stmw-med-neutral-bayrum-1oz-usa"),
    ]
    assert {f.rule for _, _, f in found if f.severity is Severity.ERROR} == {"IMP003"}
    warned = {(name, f.rule) for name, _, f in found if f.severity is Severity.WARNING}
    # Shopify's own sample template ships made-up barcodes that fail the GTIN check digit.
    template = "YadaYadaSoftware__shopify-variant-splitter__shopify_sample_product_template.csv"
    assert warned == {(template, "IMP005")}


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as stream:
        stream.truncate(size)
    return path


def _shopify_listing(file: Path, handle: str, line: int) -> Listing:
    return Listing(handle, "shopify", SourceRef(str(file), (line,)), title=handle)


def test_shopify_file_over_15_mb_is_reported_once(plugins: LoadedPlugins, tmp_path: Path) -> None:
    big = _sparse(tmp_path / "products_export_1.csv", 16 * 1024 * 1024)
    listings = [_shopify_listing(big, "a", 2), _shopify_listing(big, "b", 3)]
    found = run_rule(plugins, "IMP006", listings, {})
    assert len(found) == 1
    assert (found[0].evidence["bytes"], found[0].evidence["max_bytes"]) == (16_777_216, 15_728_640)


def test_shopify_15_mb_boundary(plugins: LoadedPlugins, tmp_path: Path) -> None:
    exactly = _sparse(tmp_path / "exactly.csv", 15 * 1024 * 1024)
    decimal = _sparse(tmp_path / "decimal.csv", 15_000_001)
    listings = [_shopify_listing(exactly, "a", 2), _shopify_listing(decimal, "b", 2)]
    assert run_rule(plugins, "IMP006", listings, {}) == []
    # Read as 15 x 10^6 bytes, both files are over.
    strict = {"rules": {"IMP006": {"max_bytes": 15_000_000}}}
    found = run_rule(plugins, "IMP006", listings, strict)
    assert [f.evidence["file"] for f in found] == [str(exactly), str(decimal)]


@pytest.mark.parametrize(
    "digits", ["036000291452", "5901234123457", "96385074", "00012345600012", "0850064060010"]
)
def test_valid_gtins(digits: str) -> None:
    assert gtin_valid(digits)
    assert not gtin_valid(digits[:-1] + str((int(digits[-1]) + 1) % 10))


def test_isbn10_check_digit_including_x() -> None:
    assert isbn10_valid("0306406152")
    assert isbn10_valid("080442957X")
    assert not isbn10_valid("0306406153")


@pytest.mark.parametrize(
    ("text", "kind", "damage", "recovered"),
    [
        ("8.50064E+11", "barcode", "scientific-notation", None),
        ("850064060010.0", "barcode", "decimal-suffix", "850064060010"),
        ("36000291452", "upc", "lost-leading-zeros", "036000291452"),
        ("85006406001", "barcode", "lost-leading-zeros", "085006406001"),
        ("306406152", "isbn", "lost-leading-zeros", "0306406152"),
        ("590123412345", "ean", "length", None),  # the last digit is gone, not a zero
        ("036000291453", "upc", "check-digit", None),
        ("850064060010", "barcode", None, None),  # a 13-digit EAN without its zero: same GTIN
        ("'0850064060010", "barcode", None, None),
        ("Does Not Apply", "upc", None, None),
        ("0306406152", "barcode", None, None),  # an ISBN-10 in a free-text barcode field
        ("10452", "barcode", None, None),
    ],
)
def test_barcode_diagnosis(text: str, kind: str, damage: str | None, recovered: str | None) -> None:
    found = diagnose(text, kind)
    assert (found.kind if found else None, found.recovered if found else None) == (
        damage,
        recovered,
    )


def test_headers_are_compared_as_marketplaces_mean_them() -> None:
    assert normalize("*Action(SiteID=US|Country=US|Currency=USD|Version=1193)") == "action"
    assert normalize(" Variant  Price ") == "variant price"
    assert normalize("Custom label (SKU)") == "custom label (sku)"


@pytest.mark.parametrize(
    "url",
    [
        "https://i.ebayimg.com/images/g/a/s-l1600.jpg",
        "HTTP://Shop.Example.COM:8080?x=1",
        "https://cdn.example.com#top",
        "https://cdn.example.com",
        "https://user@cdn.example.com/a.jpg",
        "https://[::1]/a.jpg",
        "https://caf%C3%A9.example/a.jpg",
        "https://café.example/a.jpg",
        "https:///a.jpg",
        "https:/cdn.example.com/a.jpg",
        "ftp://cdn.example.com/a.jpg",
        "photos/a.jpg",
        "https://cdn.example.com:80x/a.jpg",
    ],
)
def test_photo_hosts_read_as_urlsplit_reads_them(url: str) -> None:
    parts = urlsplit(url)
    web = parts.scheme in ("http", "https") and parts.hostname
    assert _web_host(url) == (parts.hostname.lower() if web and parts.hostname else None)
