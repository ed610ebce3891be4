"""Network faults end to end: a misbehaving server on 127.0.0.1 behind every listing's photo.

A Shopify product CSV and an eBay File Exchange upload (real headers) each list products whose
photos are served by :mod:`tests.fixtures.faults.server`: slow, dripping, reset, lying about
their length, endless, redirecting in a loop or inside the network, rate-limited, a login page
posing as a JPEG, missing, truncated, a pixel bomb. The audit runs through the CLI with short
limits from ``[network]``; it must finish, score every listing, name each photo's fault, and
measure the good photo. Without ``--allow-host`` nothing on 127.0.0.1 is even requested.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from listingaudit.images.fetch import Fetcher, FetchError, FetchSettings
from listingaudit.images.safety import UrlPolicy

from .conftest import CliResult
from .fixtures.faults.server import BOMB_BLOCKS, Faults, fault_server, good_photo
from .fixtures.photos.server import serve

#: Seconds per photo in all (``[network] timeout_seconds``): the slow routes need 10, and the
#: 429 storm (``Retry-After: 1``) fits two retries with half a second to spare.
TIMEOUT = 2.5
#: ``[network] max_image_bytes``: the endless body must stop here.
MAX_BYTES = 1_000_000


def header(line: str) -> list[str]:
    return next(csv.reader([line]))


# Legacy Shopify header (about 2021, 48 columns), verbatim from
# PacktPublishing/Shopify-Theme-Customization-with-Liquid: Product-data.csv.
SHOPIFY_HEADER = header(
    "Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,"
    "Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,"
    "Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,"
    "Variant Fulfillment Service,Variant Price,Variant Compare At Price,"
    "Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,"
    "Image Alt Text,Gift Card,SEO Title,SEO Description,"
    "Google Shopping / Google Product Category,Google Shopping / Gender,"
    "Google Shopping / Age Group,Google Shopping / MPN,Google Shopping / AdWords Grouping,"
    "Google Shopping / AdWords Labels,Google Shopping / Condition,"
    "Google Shopping / Custom Product,Google Shopping / Custom Label 0,"
    "Google Shopping / Custom Label 1,Google Shopping / Custom Label 2,"
    "Google Shopping / Custom Label 3,Google Shopping / Custom Label 4,Variant Image,"
    "Variant Weight Unit,Variant Tax Code,Cost per item,Status"
)

# eBay Seller Hub category template upload (fx_category_template_EBAY_US, 78 columns), verbatim
# from russwbeck/ebayscout: listing_uploads/2026-10-03_penn-state-button-listings.csv.
EBAY_INFO = "Info,Version=1.0.0,Template=fx_category_template_EBAY_US"
EBAY_HEADER = header(
    "*Action(SiteID=US|Country=US|Currency=USD|Version=1193|CC=UTF-8),CustomLabel,*Category,"
    "StoreCategory,*Title,Subtitle,Relationship,RelationshipDetails,ScheduleTime,*ConditionID,"
    "C:Product,C:Team,C:Size,C:Sport,C:Brand,C:Gender,C:Color,C:Pre & Post Season,C:Player,"
    "C:Officially Licensed,C:Capacity,C:California Prop 65 Warning,C:Country of Origin,"
    "C:Event/Tournament,C:Modified Item,PicURL,GalleryType,VideoID,*Description,*Format,"
    "*Duration,*StartPrice,BuyItNowPrice,BestOfferEnabled,BestOfferAutoAcceptPrice,"
    "MinimumBestOfferPrice,*Quantity,ImmediatePayRequired,*Location,ShippingType,"
    "ShippingService-1:Option,ShippingService-1:Cost,ShippingService-1:AdditionalCost,"
    "ShippingService-2:Option,ShippingService-2:Cost,*DispatchTimeMax,"
    "PromotionalShippingDiscount,ShippingDiscountProfileID,*ReturnsAcceptedOption,"
    "ReturnsWithinOption,RefundOption,ShippingCostPaidByOption,AdditionalDetails,"
    "Product Safety Pictograms,Product Safety Statements,Product Safety Component,"
    "Regulatory Document Ids,Manufacturer Name,Manufacturer AddressLine1,"
    "Manufacturer AddressLine2,Manufacturer City,Manufacturer Country,Manufacturer PostalCode,"
    "Manufacturer StateOrProvince,Manufacturer Phone,Manufacturer Email,"
    "Manufacturer ContactURL,Responsible Person 1,Responsible Person 1 Type,"
    "Responsible Person 1 AddressLine1,Responsible Person 1 AddressLine2,"
    "Responsible Person 1 City,Responsible Person 1 Country,Responsible Person 1 PostalCode,"
    "Responsible Person 1 StateOrProvince,Responsible Person 1 Phone,"
    "Responsible Person 1 Email,Responsible Person 1 ContactURL"
)

# Each faulty photo: the PHO017 reason, and a pattern its message must match to name the fault.
SHOPIFY_FAULTS = {
    "/slow.jpg": ("timeout", rf"not complete within {TIMEOUT:g} s"),
    "/drip.jpg": ("timeout", rf"not complete within {TIMEOUT:g} s"),
    "/reset.jpg": ("connection-failed", r"broke after \d+ bytes: the server reset the connection"),
    "/short.jpg": (
        "connection-failed",
        r"after \d+ bytes: the body ended before the length the server announced "
        r"\(10000 bytes missing\)",
    ),
    "/endless.jpg": ("too-large", r"larger than 1 MB; not read further"),
    "/loop-a.jpg": ("too-many-redirects", r"more than 5"),
    "/to-private.jpg": ("refused", r"10\.0\.0\.1 is a private-network address"),
    "/to-metadata.jpg": ("refused", r"169\.254\.169\.254 is a link-local address"),
    "/to-file.jpg": ("refused", r"redirected to a URL that is not http\(s\)"),
}
EBAY_FAULTS = {
    "/busy.jpg": ("rate-limited", r"HTTP 429 Too Many Requests \(Retry-After: 1\)"),
    "/login.jpg": ("not-an-image", r"the file is HTML, not an image"),
    "/gone.jpg": ("not-found", r"HTTP 404"),
    "/truncated.jpg": ("truncated", r"truncated"),
    # Pillow's own refusal, or listingaudit's check when a warnings filter let Pillow pass.
    "/bomb.png": ("too-many-pixels", r"64000000 pixels|8000×8000 is 64 MP"),
    "/gzipped.jpg": ("compressed-body", r"sent gzip-compressed; not inflated"),
}
#: Photos that must be measured: the good one, and one behind a redirect with a gzip-bomb body.
SHOPIFY_GOOD = ("/good.jpg",)
EBAY_GOOD = ("/good.jpg", "/redirect-bomb.jpg")
#: What each export lists, by marketplace.
EXPORTS = {
    "shopify": (*SHOPIFY_GOOD, *SHOPIFY_FAULTS),
    "ebay": (*EBAY_GOOD, *EBAY_FAULTS),
}
FAULTS = {"shopify": SHOPIFY_FAULTS, "ebay": EBAY_FAULTS}


def listing_id(path: str) -> str:
    return path.strip("/").replace(".", "-")


def write_shopify(folder: Path, url: Callable[[str], str]) -> Path:
    rows = []
    for path in EXPORTS["shopify"]:
        handle = listing_id(path)
        rows.append(
            {
                "Handle": handle,
                "Title": f"Stoneware mug {handle}",
                "Body (HTML)": "<p>Stoneware mug, 350 ml, dishwasher safe. Brand new.</p>",
                "Vendor": "Clayworks",
                "Type": "Mugs",
                "Published": "true",
                "Option1 Name": "Title",
                "Option1 Value": "Default Title",
                "Variant SKU": handle.upper(),
                "Variant Grams": "400",
                "Variant Inventory Tracker": "shopify",
                "Variant Inventory Qty": "5",
                "Variant Inventory Policy": "deny",
                "Variant Fulfillment Service": "manual",
                "Variant Price": "24.00",
                "Variant Requires Shipping": "true",
                "Variant Taxable": "true",
                "Image Src": url(path),
                "Image Position": "1",
                "Gift Card": "false",
                "Google Shopping / Condition": "new",
                "Variant Weight Unit": "kg",
                "Status": "active",
            }
        )
    target = folder / "products_export_1.csv"
    write_csv(target, SHOPIFY_HEADER, rows)
    return target


def write_ebay(folder: Path, url: Callable[[str], str]) -> Path:
    rows = []
    for path in EXPORTS["ebay"]:
        label = listing_id(path)
        rows.append(
            {
                EBAY_HEADER[0]: "Add",
                "CustomLabel": label,
                "*Category": "20625",
                "*Title": f"Stoneware coffee mug 350 ml {label}",
                "*ConditionID": "1000",
                "PicURL": url(path),
                "*Description": "<p>Stoneware mug, 350 ml. Brand new in box.</p>",
                "*Format": "FixedPrice",
                "*Duration": "GTC",
                "*StartPrice": "24.00",
                "*Quantity": "5",
                "*Location": "16686",
                "ShippingType": "Flat",
                "ShippingService-1:Option": "USPSParcel",
                "ShippingService-1:Cost": "6.00",
                "*DispatchTimeMax": "2",
                "*ReturnsAcceptedOption": "ReturnsAccepted",
                "ReturnsWithinOption": "Days_30",
                "RefundOption": "MoneyBack",
                "ShippingCostPaidByOption": "Buyer",
            }
        )
    target = folder / "ebay-upload.csv"
    write_csv(target, EBAY_HEADER, rows, first_line=EBAY_INFO)
    return target


def write_csv(
    target: Path, header: list[str], rows: list[dict[str, str]], first_line: str = ""
) -> None:
    out = io.StringIO()
    if first_line:
        out.write(first_line + "\r\n")
    writer = csv.DictWriter(out, header, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    target.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture
def netrc_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A HOME whose ``.netrc`` has credentials for 127.0.0.1: they must never be sent."""
    home = tmp_path / "home"
    home.mkdir()
    netrc = home / ".netrc"
    netrc.write_text("machine 127.0.0.1 login seller password hunter2\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("NETRC", str(netrc))
    return home


def audit(
    run_cli: Callable[..., CliResult], folder: Path, exports: list[Path], *options: str | Path
) -> dict[str, Any]:
    config = folder / "listingaudit.toml"
    config.write_text(f"[network]\ntimeout_seconds = {TIMEOUT}\nmax_image_bytes = {MAX_BYTES}\n")
    report = folder / f"report{len(list(folder.glob('report*')))}.json"
    args = ["audit", *exports, "--config", config, "-f", "json", "-o", report, *options]
    result = run_cli(*args)
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err
    report_data: dict[str, Any] = json.loads(report.read_text("utf-8"))
    return report_data


def photo_findings(report: dict[str, Any]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """PHO017 findings by (marketplace, listing id); every listing of the report is present."""
    return {
        (listing["marketplace"], listing["id"]): [
            finding for finding in listing["findings"] if finding["rule"] == "PHO017"
        ]
        for listing in report["listings"]
    }


def every_listing() -> set[tuple[str, str]]:
    return {(market, listing_id(path)) for market, paths in EXPORTS.items() for path in paths}


# Pillow warns before decode.py refuses the bomb; the refusal is what is asserted.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_every_fault_is_named_and_every_listing_scored(
    run_cli: Callable[..., CliResult], tmp_path: Path, netrc_home: Path
) -> None:
    with fault_server() as faults:
        exports = [write_shopify(tmp_path, faults.url), write_ebay(tmp_path, faults.url)]
        report = audit(
            run_cli, tmp_path, exports, "--allow-host", "127.0.0.1", "--cache-dir",
            tmp_path / "cache",
        )  # fmt: skip

    assert all(0 <= listing["score"] <= 100 for listing in report["listings"])
    assert report["problems"] == []
    found = photo_findings(report)
    assert set(found) == every_listing()
    for market, faulty in FAULTS.items():
        for path, (reason, named) in faulty.items():
            (finding,) = found[market, listing_id(path)]
            assert finding["evidence"]["reason"] == reason, (path, finding)
            assert re.search(named, finding["message"]), (path, finding["message"])
    for market, good in (("shopify", SHOPIFY_GOOD), ("ebay", EBAY_GOOD)):
        for path in good:
            assert found[market, listing_id(path)] == [], path
    assert_server_log(faults)


def assert_server_log(faults: Faults) -> None:
    """What the server saw proves the limits held, not only that the audit said so."""
    # One request per distinct photo URL: the good photo listed twice is fetched once.
    assert faults.hits("/good.jpg") == 1
    # The redirect's gzip-bomb body was not read: the client hung up and asked for the target.
    assert faults.written["/redirect-bomb.jpg"] < BOMB_BLOCKS
    assert faults.hits("/good.jpg?via=redirect") == 1
    # The loop stopped after the first request and 5 redirects.
    assert faults.hits("/loop-a.jpg") + faults.hits("/loop-b.jpg") == 6
    # A redirect inside the network is refused before any connection: one request, the hop.
    assert faults.hits("/to-private.jpg") == faults.hits("/to-metadata.jpg") == 1
    # The 429 storm was retried, never sooner than Retry-After, and never past the deadline.
    busy = faults.times["/busy.jpg"]
    assert 2 <= len(busy) <= 4
    assert all(later - earlier >= 1.0 for earlier, later in itertools.pairwise(busy))
    # No timeout was retried past the deadline.
    assert faults.hits("/slow.jpg") == faults.hits("/drip.jpg") == 1
    # Neither .netrc credentials nor the login page's cookie were ever sent.
    sent = [{name.lower() for name in headers} for _, headers in faults.server.seen]
    assert not any({"authorization", "cookie"} & names for names in sent)
    assert all(headers["Accept-Encoding"] == "identity" for _, headers in faults.server.seen)


def test_without_allow_host_nothing_on_loopback_is_requested(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    with fault_server() as faults:
        exports = [write_shopify(tmp_path, faults.url), write_ebay(tmp_path, faults.url)]
        report = audit(run_cli, tmp_path, exports, "--cache-dir", tmp_path / "cache")
    assert faults.server.seen == []
    found = photo_findings(report)
    assert set(found) == every_listing()
    for findings in found.values():
        (finding,) = findings
        assert finding["evidence"]["reason"] == "refused"
        assert "127.0.0.1 is a loopback address" in finding["message"]


def test_a_body_cut_off_by_the_deadline_is_not_cached(tmp_path: Path) -> None:
    """With no Content-Length, a body cut at the deadline ends like a complete one; the cache
    must not keep it, or the next run would judge half a photo."""
    photo = good_photo()
    stop = threading.Event()
    drip = {"on": True}

    def fresh_for_an_hour(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "image/jpeg")
        handler.send_header("Cache-Control", "max-age=3600")
        handler.end_headers()
        handler.close_connection = True
        step = 4096 if drip["on"] else len(photo)
        for start in range(0, len(photo), step):
            if drip["on"] and stop.wait(0.3 if start else 0):
                return
            handler.wfile.write(photo[start : start + step])
            handler.wfile.flush()

    settings = FetchSettings(connect_timeout=1, read_timeout=1, deadline=0.5)
    cache = tmp_path / "http"
    with serve() as server:
        server.routes["/a.jpg"] = fresh_for_an_hour
        first = Fetcher(UrlPolicy(["127.0.0.1"]), settings, http_cache=cache)
        with pytest.raises(FetchError) as cut:
            first.fetch(server.url("/a.jpg"), None)
        drip["on"] = False
        stop.set()
        again = Fetcher(UrlPolicy(["127.0.0.1"]), settings, http_cache=cache)
        fetched = again.fetch(server.url("/a.jpg"), None)
    assert cut.value.reason == "timeout"
    assert (fetched.data, fetched.from_cache) == (photo, False)
    assert len(server.seen) == 2
