"""The bundled examples: rebuilt identically by ``scripts/make_examples.py``, every photo a catalog
names is there, and each deliberate photo degradation is measurably what it claims to be."""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from PIL import Image

from listingaudit.config import load_config
from listingaudit.images.measures import measure_photo
from listingaudit.plugins import LoadedPlugins

from .conftest import EXAMPLES, ROOT

CATALOGS = {
    "shopify": EXAMPLES / "shopify" / "products_export.csv",
    "ebay": EXAMPLES / "ebay" / "fx-upload.csv",
    "amazon": EXAMPLES / "amazon" / "flat-file.txt",
}
# One photo of each kind (sharp, detail crop, blur, dark, small, clutter, placeholder, WebP,
# re-encoded copy): rebuilding these and the catalogs keeps the test fast.
REBUILT = [
    "amazon/photos/runner-laces.jpg",
    "ebay/photos/bud-vase-blurry.jpg",
    "ebay/photos/rangefinder-dark.jpg",
    "ebay/photos/digital-camera-small.jpg",
    "amazon/photos/bud-vase-on-table.jpg",
    "shopify/photos/no-image.png",
    "amazon/photos/desk-lamp.webp",
    "ebay/photos/phone-front-copy.jpg",
]


@pytest.fixture(scope="module")
def generator() -> Iterator[ModuleType]:
    package = ROOT / "scripts" / "examplegen"
    spec = importlib.util.spec_from_file_location(
        "examplegen", package / "__init__.py", submodule_search_locations=[str(package)]
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["examplegen"] = module  # its modules and dataclasses look the package up here
    spec.loader.exec_module(module)
    yield module
    for name in [n for n in sys.modules if n == "examplegen" or n.startswith("examplegen.")]:
        del sys.modules[name]


@pytest.fixture(scope="module")
def rebuilt(generator: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("examples")
    generator.build(out, photos=REBUILT)
    return out


def _pixels(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"), np.float32)


def _luma(image: Image.Image | np.ndarray) -> np.ndarray:
    rgb = np.asarray(image, np.float32)
    return rgb @ np.array([0.299, 0.587, 0.114], np.float32)


def _laplacian_energy(luma: np.ndarray) -> float:
    """Variance of the 4-neighbour Laplacian: the high-frequency energy a blur removes."""
    lap = luma[1:-1, :-2] + luma[1:-1, 2:] + luma[:-2, 1:-1] + luma[2:, 1:-1] - 4 * luma[1:-1, 1:-1]
    return float(lap.var())


def _photo_refs(marketplace: str) -> list[str]:
    """Every photo reference a catalog makes, as written."""
    raw = CATALOGS[marketplace].read_bytes().decode("utf-8-sig")
    if marketplace == "amazon":
        rows = [line.split("\t") for line in raw.splitlines()]
        names = rows[2]
        columns = [i for i, n in enumerate(names) if "image_url" in n]
        return [row[i] for row in rows[3:] for i in columns if row[i]]
    rows = list(csv.reader(io.StringIO(raw)))
    if marketplace == "ebay":
        header = rows[1]
        column = header.index("PicURL")
        return [
            part.strip()
            for row in rows[2:]
            if not row[0].startswith("Info")
            for part in row[column].split("|")
        ]
    header = rows[0]
    columns = [header.index("Image Src"), header.index("Variant Image")]
    return [row[i] for row in rows[1:] for i in columns if row[i]]


def test_generator_rebuilds_the_committed_catalogs_byte_for_byte(rebuilt: Path) -> None:
    for path in CATALOGS.values():
        relative = path.relative_to(EXAMPLES)
        assert (rebuilt / relative).read_bytes() == path.read_bytes(), relative


@pytest.mark.parametrize("relative", REBUILT)
def test_generator_rebuilds_the_committed_photos(rebuilt: Path, relative: str) -> None:
    fresh, committed = (rebuilt / relative).read_bytes(), (EXAMPLES / relative).read_bytes()
    if fresh == committed:
        return
    # A different libjpeg/libwebp may encode the same pixels into different bytes; the pixels
    # must still be the generator's.
    a, b = _pixels(rebuilt / relative), _pixels(EXAMPLES / relative)
    assert a.shape == b.shape
    assert float(np.abs(a - b).mean()) < 0.5, f"{relative} differs from what the generator makes"


def test_the_photo_plan_and_the_committed_photos_match(generator: ModuleType) -> None:
    planned = {photo.path for photo in generator.PHOTOS}
    committed = {str(p.relative_to(EXAMPLES)) for p in EXAMPLES.glob("*/photos/*") if p.is_file()}
    assert planned == committed


@pytest.mark.parametrize("marketplace", sorted(CATALOGS))
def test_every_photo_a_catalog_names_exists_and_every_photo_is_used(marketplace: str) -> None:
    folder = CATALOGS[marketplace].parent
    refs = _photo_refs(marketplace)
    assert refs, "the catalog names no photos"
    for ref in refs:
        assert not ref.startswith(("http:", "https:", "/")), f"{ref} is not a relative path"
        assert (folder / ref).is_file(), f"{marketplace}: {ref} is missing"
    on_disk = {f"photos/{p.name}" for p in (folder / "photos").iterdir()}
    assert on_disk == set(refs)


def test_the_committed_examples_stay_small() -> None:
    total = sum(p.stat().st_size for p in EXAMPLES.rglob("*") if p.is_file())
    assert total < 6_000_000


def _planned(generator: ModuleType, **match: Any) -> list[Any]:
    return [
        p for p in generator.PHOTOS if all(getattr(p, key) == value for key, value in match.items())
    ]


def _good(generator: ModuleType) -> list[Any]:
    """Undegraded full-product shots on white (what a main photo should be)."""
    return [
        p
        for p in generator.PHOTOS
        if p.shot is not None
        and not (p.blur or p.dark or p.longest or p.shot.clutter)
        and p.shot.fill == generator.FILL
    ]


def test_good_photos_are_large_on_pure_white_and_filled(generator: ModuleType) -> None:
    good = _good(generator)
    assert len(good) >= 20
    for photo in good:
        with Image.open(EXAMPLES / photo.path) as image:
            darkest = np.asarray(image.convert("RGB")).min(axis=2)
        height, width = darkest.shape
        assert max(height, width) >= 1500, photo.path
        assert {int(darkest[y, x]) for y in (0, -1) for x in (0, -1)} == {255}, photo.path
        # The white-background test: border strips of min(R,G,B) >= 250
        # (performance-and-safety.md, "Photo measures that hold up").
        for strip in (darkest[:8], darkest[-8:], darkest[:, :8], darkest[:, -8:]):
            assert strip.min() >= 250, photo.path
        ink = darkest < 250
        ys, xs = np.nonzero(ink)
        fill = max((np.ptp(ys) + 1) / height, (np.ptp(xs) + 1) / width)
        assert 0.8 <= fill <= 0.97, (photo.path, fill)


def test_blurred_copies_lose_most_of_their_sharp_sources_high_frequencies(
    generator: ModuleType,
) -> None:
    blurred = [p for p in generator.PHOTOS if p.blur]
    assert len(blurred) >= 3
    for photo in blurred:
        assert 3 <= photo.blur <= 6
        sharp = _laplacian_energy(_luma(generator.render(photo.shot, photo.seed)))
        soft = _laplacian_energy(_luma(_pixels(EXAMPLES / photo.path)))
        assert soft < 0.1 * sharp, (photo.path, soft, sharp)


def test_dark_copies_are_much_darker_than_their_sources(generator: ModuleType) -> None:
    dark = _planned(generator, dark=True)
    assert len(dark) >= 2
    for photo in dark:
        source = float(_luma(generator.render(photo.shot, photo.seed)).mean())
        darkened = float(_luma(_pixels(EXAMPLES / photo.path)).mean())
        assert darkened < 0.5 * source, (photo.path, darkened, source)
        assert np.percentile(_luma(_pixels(EXAMPLES / photo.path)), 99) < 128


def test_small_copies_are_small() -> None:
    for path in ["shopify/photos/trail-runner-small.jpg", "ebay/photos/digital-camera-small.jpg"]:
        with Image.open(EXAMPLES / path) as image:
            assert max(image.size) == 300


def test_cluttered_backgrounds_are_not_white(generator: ModuleType) -> None:
    cluttered = [p for p in generator.PHOTOS if p.shot is not None and p.shot.clutter]
    assert len(cluttered) >= 3
    for photo in cluttered:
        rgb = _pixels(EXAMPLES / photo.path)
        border = np.concatenate([rgb[:8].reshape(-1, 3), rgb[-8:].reshape(-1, 3)])
        assert (border.min(axis=1) >= 250).mean() < 0.05, photo.path


def test_the_small_in_frame_product_fills_under_half_the_frame() -> None:
    rgb = _pixels(EXAMPLES / "amazon" / "photos" / "desk-lamp-small-in-frame.jpg")
    ys, xs = np.nonzero(rgb.min(axis=2) < 250)
    assert max((np.ptp(ys) + 1) / rgb.shape[0], (np.ptp(xs) + 1) / rgb.shape[1]) < 0.5


def test_the_placeholder_is_near_uniform() -> None:
    luma = _luma(_pixels(EXAMPLES / "shopify" / "photos" / "no-image.png"))
    assert luma.std() < 3.0


def test_formats_are_what_the_files_say() -> None:
    for path in EXAMPLES.glob("*/photos/*"):
        with Image.open(path) as image:
            expected = {".jpg": "JPEG", ".png": "PNG", ".webp": "WEBP"}[path.suffix]
            assert image.format == expected, path


def test_the_copy_is_a_resized_reencoding_of_another_listings_photo() -> None:
    original = Image.open(EXAMPLES / "ebay" / "photos" / "phone-front.jpg").convert("L")
    copy = Image.open(EXAMPLES / "ebay" / "photos" / "phone-front-copy.jpg").convert("L")
    assert max(copy.size) == 1200 and max(original.size) == 1600
    assert copy.width * original.height == copy.height * original.width
    difference = np.abs(
        np.asarray(original.resize(copy.size, Image.Resampling.LANCZOS), np.float32)
        - np.asarray(copy, np.float32)
    )
    assert difference.mean() < 2.0


def test_catalogs_have_the_real_headers_and_encodings() -> None:
    shopify = CATALOGS["shopify"].read_bytes()
    assert shopify.startswith(b"Handle,Title,Body (HTML),Vendor,Product Category,")
    assert b"\r\n" not in shopify
    ebay = CATALOGS["ebay"].read_bytes()
    assert ebay.startswith(
        b"\xef\xbb\xbfInfo,Version=1.0.0,Template=fx_category_template_EBAY_US\r\n"
    )
    assert b"\r\n*Action(SiteID=US|Country=US|Currency=USD|Version=1193|CC=UTF-8)," in ebay
    assert ebay.rstrip().splitlines()[-1].startswith(b"Info,>>>")
    amazon = CATALOGS["amazon"].read_bytes().decode("utf-8").split("\r\n")
    assert amazon[0].startswith("TemplateType=fptcustom\tVersion=")
    assert "labelRow=2&attributeRow=3&dataRow=4" in amazon[0]
    assert amazon[2].split("\t")[:2] == ["feed_product_type", "item_sku"]


def _rows(marketplace: str) -> list[dict[str, str]]:
    raw = CATALOGS[marketplace].read_bytes().decode("utf-8-sig")
    if marketplace == "amazon":
        lines = [line.split("\t") for line in raw.splitlines()]
        return [dict(zip(lines[2], row, strict=True)) for row in lines[3:]]
    rows = list(csv.reader(io.StringIO(raw)))
    if marketplace == "ebay":
        rows = [r for r in rows if not r[0].startswith("Info")]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _photos_by_listing() -> dict[str, str]:
    """Each photo path (under examples/) and the listing that shows it."""
    owner: dict[str, str] = {}
    for marketplace in CATALOGS:
        for number, row in enumerate(_rows(marketplace)):
            if marketplace == "shopify":
                listing, refs = row["Handle"], [row["Image Src"], row["Variant Image"]]
            elif marketplace == "ebay":
                listing, refs = row["CustomLabel"], row["PicURL"].split("|")
            else:
                listing = row["parent_sku"] or f"row {number}"
                refs = [value for name, value in row.items() if "image_url" in name]
            for ref in filter(None, (r.strip() for r in refs)):
                owner[f"{marketplace}/{ref}"] = f"{marketplace}:{listing}"
    return owner


def test_only_the_deliberate_copy_repeats_another_listings_photo() -> None:
    """The audit's own perceptual hash (dHash, PHO013 fires at a distance of 5 or less) sees
    every other listing's photos as different pictures."""
    owner = _photos_by_listing()
    hashes = {path: measure_photo((EXAMPLES / path).read_bytes()).dhash for path in owner}
    near = {
        frozenset((a, b))
        for a in hashes
        for b in hashes
        if a < b and owner[a] != owner[b] and bin(hashes[a] ^ hashes[b]).count("1") <= 5
    }
    assert near == {frozenset(("ebay/photos/phone-front.jpg", "ebay/photos/phone-front-copy.jpg"))}


def test_the_deliberate_catalog_defects_are_there() -> None:
    shopify, ebay, amazon = _rows("shopify"), _rows("ebay"), _rows("amazon")
    skus = [r["Variant SKU"] for r in shopify if r["Variant SKU"]]
    assert len(skus) - len(set(skus)) == 1
    assert any(r["Variant Barcode"] == "8.50064E+11" for r in shopify)
    assert any(r["external_product_id"] == "8.50064E+11" for r in amazon)
    amazon_skus = [r["item_sku"] for r in amazon]
    assert len(amazon_skus) - len(set(amazon_skus)) == 1
    assert any(r["condition_type"].startswith("Used") and not r["condition_note"] for r in amazon)
    assert any(int(r["fulfillment_latency"] or 0) > 20 for r in amazon)
    by_sku = {r["CustomLabel"]: r for r in ebay}
    assert by_sku["HR-WATCH-AUTO-38"]["ConditionDescription"] == ""
    assert by_sku["HR-CAM-RF-35"]["ConditionDescription"] == "See photos."
    paperback = by_sku["HR-PAPERBACK-QH"]
    assert paperback["ShippingService-1:Cost"] == "24.99"
    assert (paperback["WeightMajor"], paperback["WeightMinor"]) == ("0", "7")
    mug = by_sku["HR-MUG-TEAL"]
    assert float(mug["ShippingService-1:AdditionalCost"]) > float(mug["ShippingService-1:Cost"])
    assert by_sku["HR-LAMP-BRASS"]["*DispatchTimeMax"] == "20"
    assert by_sku["HR-HEAD-OE-BLK"]["*ReturnsAcceptedOption"] == "ReturnsNotAccepted"
    assert by_sku["HR-PACK-OLIVE"]["ReturnsWithinOption"] == "Days_14"


def test_the_example_configuration_validates_against_the_loaded_plugins(
    plugins: LoadedPlugins,
) -> None:
    keys = [key for group in plugins.hook.listingaudit_config_keys() for key in group]
    config = load_config(EXAMPLES / "listingaudit.toml", keys)
    assert config.get("returns.store.shopify.window_days") == 30
    assert config.get("rules.PHO010.ebay.min_border_white") == 0.9
