"""Each photo rule fires on the photo made to break it and stays silent on a good one.

Photos are generated into a temporary export folder and named by relative paths, as an export
would; the rules run as an audit runs them (prepare, check, finish), offline and uncached.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image

from listingaudit.checks import CheckContext, Finding
from listingaudit.config import Config
from listingaudit.model import Listing
from listingaudit.plugins import LoadedPlugins
from listingaudit_plugins.checks.photos import nearhash
from listingaudit_plugins.checks.photos.PHO004 import PhotoTooSmall
from listingaudit_plugins.checks.photos.thresholds import marketplace_limits

from .fixtures.photos.images import (
    blurred,
    encode,
    exposed,
    off_white,
    placeholder,
    product_shot,
    scene_shot,
)
from .test_rule_cases import run_rule

GOOD = product_shot(1200, 1, fill=0.9)


class Catalog:
    """An export folder with photos in it, and listings that name them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.listings: list[Listing] = []

    def photo(self, name: str, image: Image.Image | bytes, fmt: str = "JPEG") -> str:
        data = image if isinstance(image, bytes) else encode(image, fmt)
        (self.folder / name).write_bytes(data)
        return name

    def listing(self, market: str, *refs: str, **fields: Any) -> Listing:
        listing = Listing.from_dict(
            {
                "id": fields.pop("id", f"L{len(self.listings) + 1}"),
                "marketplace": market,
                "source": {"file": str(self.folder / "export.csv"), "lines": [2]},
                "photos": [{"ref": ref, "position": n} for n, ref in enumerate(refs, 1)],
                **fields,
            }
        )
        self.listings.append(listing)
        return listing

    def run(
        self, plugins: LoadedPlugins, code: str, config: dict[str, Any] | None = None
    ) -> list[Finding]:
        return [f for f in run_rule(plugins, code, self.listings, config or {}) if f.rule == code]


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return Catalog(tmp_path)


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [f.message for f in findings]
    return findings[0]


def test_findings_name_the_photo_the_measure_the_threshold_and_its_source(
    plugins: LoadedPlugins, catalog: Catalog
) -> None:
    catalog.listing(
        "ebay", catalog.photo("good.jpg", GOOD), catalog.photo("tiny.jpg", GOOD.resize((400, 400)))
    )
    finding = only(catalog.run(plugins, "PHO004"))
    assert finding.evidence["photo"] == 2 and finding.evidence["ref"] == "tiny.jpg"
    assert (finding.evidence["measured"], finding.evidence["threshold"]) == (400, 500)
    assert "picture-policy?id=4370" in finding.evidence["source"]
    assert "[OFFICIAL]" in finding.evidence["source"]
    assert finding.message.startswith("photo 2 (tiny.jpg) is 400×400 px")
    assert finding.severity.value == "warning"  # not the main photo


def test_pho004_minimum_size(plugins: LoadedPlugins, catalog: Catalog) -> None:
    catalog.listing("amazon", catalog.photo("small.jpg", GOOD.resize((450, 300))))
    catalog.listing("amazon", catalog.photo("good.jpg", GOOD))
    finding = only(catalog.run(plugins, "PHO004"))
    assert finding.severity.value == "error" and finding.evidence["main"] is True


def test_pho004_google_channel_and_its_2027_minimum(
    plugins: LoadedPlugins, catalog: Catalog
) -> None:
    catalog.listing("shopify", catalog.photo("thumb.jpg", GOOD.resize((90, 90))))
    assert catalog.run(plugins, "PHO004") == []  # Shopify enforces no minimum
    config = {"photos": {"channels": {"shopify": ["google"]}}}
    finding = only(catalog.run(plugins, "PHO004", config))
    assert finding.evidence["threshold"] == 100 and "Google Merchant Center" in finding.message
    later = marketplace_limits("google", date(2027, 1, 31))["min_short_side"]
    assert later.value == 500 and "in force from 2027-01-31" in later.source
    assert marketplace_limits("google", date(2027, 1, 30))["min_short_side"].value == 100


def test_pho005_recommended_size(plugins: LoadedPlugins, catalog: Catalog) -> None:
    catalog.listing("amazon", catalog.photo("no-zoom.jpg", GOOD.resize((800, 800))))
    catalog.listing("amazon", catalog.photo("good.jpg", GOOD))
    finding = only(catalog.run(plugins, "PHO005"))
    assert finding.evidence["threshold"] == 1000 and finding.severity.value == "warning"


def test_pho006_maximum_pixels_megapixels_and_bytes(
    plugins: LoadedPlugins, catalog: Catalog
) -> None:
    catalog.listing(
        "amazon", catalog.photo("banner.png", Image.new("RGB", (10_200, 40), "white"), "PNG")
    )
    catalog.listing("amazon", catalog.photo("good.jpg", GOOD))
    assert only(catalog.run(plugins, "PHO006")).evidence["measured"] == 10_200
    shop = Catalog(catalog.folder)
    shop.listing("shopify", "good.jpg")
    assert shop.run(plugins, "PHO006") == []
    config = {"rules": {"PHO006": {"shopify": {"max_megapixels": 1, "max_bytes": 1000}}}}
    found = shop.run(plugins, "PHO006", config)
    assert {f.evidence["source"] for f in found} == {"configuration [rules.PHO006]"}
    assert len(found) == 2  # 1.44 MP and its bytes


def test_pho007_aspect_ratio(plugins: LoadedPlugins, catalog: Catalog) -> None:
    catalog.listing("ebay", catalog.photo("strip.jpg", GOOD.resize((2400, 500))))
    catalog.listing("ebay", catalog.photo("good.jpg", GOOD))
    assert only(catalog.run(plugins, "PHO007")).evidence["measured"] == 4.8


def test_pho008_blur(plugins: LoadedPlugins, catalog: Catalog) -> None:
    catalog.listing("shopify", catalog.photo("soft.jpg", blurred(GOOD, 3)))
    catalog.listing("shopify", catalog.photo("good.jpg", GOOD))
    finding = only(catalog.run(plugins, "PHO008"))
    assert finding.evidence["ref"] == "soft.jpg" and finding.evidence["measured"] < 400


def test_pho009_exposure(plugins: LoadedPlugins, catalog: Catalog) -> None:
    scene = scene_shot(1000, 2)
    catalog.listing("ebay", catalog.photo("dark.jpg", exposed(scene, 0.4)))
    catalog.listing("ebay", catalog.photo("bright.jpg", exposed(scene, 2.5)))
    catalog.listing("ebay", catalog.photo("scene.jpg", scene), catalog.photo("good.jpg", GOOD))
    found = {f.evidence["ref"]: f for f in catalog.run(plugins, "PHO009")}
    assert set(found) == {"dark.jpg", "bright.jpg"}
    assert "too dark" in found["dark.jpg"].message
    assert "clipped white" in found["bright.jpg"].message


def test_pho010_white_background_on_amazon_main_photos(
    plugins: LoadedPlugins, catalog: Catalog
) -> None:
    grey = catalog.photo("grey.jpg", off_white(GOOD))
    catalog.listing("amazon", grey)
    catalog.listing("amazon", catalog.photo("good.jpg", GOOD), grey)  # grey but not the main one
    catalog.listing("ebay", grey)  # eBay does not require white
    finding = only(catalog.run(plugins, "PHO010"))
    assert finding.evidence["measured"] == 0.0 and finding.evidence["threshold"] == 0.9
    config = {"rules": {"PHO010": {"ebay": {"min_border_white": 0.9}}}}
    assert len(catalog.run(plugins, "PHO010", config)) == 2


def test_pho010_corners_must_be_pure_white(plugins: LoadedPlugins, catalog: Catalog) -> None:
    marked = GOOD.copy()
    marked.paste((200, 200, 200), (0, 0, 12, 12))  # a smudge in one corner
    catalog.listing("amazon", catalog.photo("corner.png", marked, "PNG"))
    finding = only(catalog.run(plugins, "PHO010"))
    assert "corners" in finding.message and finding.evidence["threshold"] == 255


def test_pho011_product_fill(plugins: LoadedPlugins, catalog: Catalog) -> None:
    catalog.listing("amazon", catalog.photo("far.jpg", product_shot(1200, 3, fill=0.5)))
    catalog.listing("amazon", catalog.photo("good.jpg", GOOD))
    catalog.listing("ebay", "far.jpg")
    finding = only(catalog.run(plugins, "PHO011"))
    assert finding.evidence["ref"] == "far.jpg"
    assert finding.evidence["measured"] == pytest.approx(0.5, abs=0.02)


def test_pho012_placeholder(plugins: LoadedPlugins, catalog: Catalog) -> None:
    catalog.listing("ebay", catalog.photo("none.png", placeholder(), "PNG"))
    catalog.listing(
        "ebay", catalog.photo("blank.png", Image.new("RGB", (800, 800), "white"), "PNG")
    )
    catalog.listing("ebay", catalog.photo("good.jpg", GOOD))
    assert {f.evidence["ref"] for f in catalog.run(plugins, "PHO012")} == {"none.png", "blank.png"}


def test_pho013_the_same_photo_on_different_products(
    plugins: LoadedPlugins, catalog: Catalog
) -> None:
    catalog.photo("blue-mug.jpg", GOOD)
    catalog.photo("red-mug.jpg", encode(GOOD.resize((900, 900)), quality=60))  # a re-encoded copy
    catalog.listing("shopify", "blue-mug.jpg", id="blue-mug")
    catalog.listing("shopify", "red-mug.jpg", id="red-mug")
    catalog.listing("shopify", catalog.photo("vase.jpg", product_shot(1200, 5)), id="vase")
    found = catalog.run(plugins, "PHO013")
    assert sorted(f.evidence["ref"] for f in found) == ["blue-mug.jpg", "red-mug.jpg"]
    assert found[0].evidence["matches"][0]["listing"] in {"blue-mug", "red-mug"}
    # The same product on two channels (a shared SKU) may share its photo.
    same = Catalog(catalog.folder)
    same.listing("shopify", "blue-mug.jpg", variants=[{"sku": "MUG-1"}])
    same.listing("ebay", "red-mug.jpg", variants=[{"sku": "MUG-1"}])
    assert same.run(plugins, "PHO013") == []


def _planted_hashes(count: int, seed: int) -> NDArray[np.uint64]:
    """Random 64-bit hashes, a third of them copies of another with 0 to 12 bits flipped, a
    few exact copies, and a cluster with most bits clear (as white-background photos hash)."""
    rng = np.random.default_rng(seed)
    hashes = rng.integers(0, 2**64 - 1, size=count, dtype=np.uint64, endpoint=True)
    for _ in range(count // 3):
        copy = int(hashes[rng.integers(count)])
        for bit in rng.choice(64, size=int(rng.integers(0, 13)), replace=False):
            copy ^= 1 << int(bit)
        hashes[rng.integers(count)] = copy
    hashes[:8] = hashes[8]
    hashes[20:60] &= np.uint64(0x0000_0000_00FF_FF00)
    return hashes


def _pairwise(hashes: NDArray[np.uint64], max_distance: int) -> set[tuple[int, int, int]]:
    """What PHO013 compared before: every photo's hash with every later one's."""
    found = set()
    for i in range(len(hashes) - 1):
        distances = nearhash.popcount(hashes[i + 1 :] ^ hashes[i])
        for offset in np.flatnonzero(distances <= max_distance):
            found.add((i, i + 1 + int(offset), int(distances[offset])))
    return found


def _searched(hashes: NDArray[np.uint64], max_distance: int) -> list[tuple[int, int, int]]:
    return [
        (int(i), int(j), int(d))
        for many_i, many_j, many_d in nearhash.near_pairs(hashes, max_distance)
        for i, j, d in zip(many_i, many_j, many_d, strict=True)
    ]


@pytest.mark.parametrize("max_distance", [0, 1, 3, 5, 9, 20, 64])
@pytest.mark.parametrize("seed", [1, 2])
def test_pho013_candidate_search_finds_what_comparing_every_pair_finds(
    max_distance: int, seed: int
) -> None:
    hashes = _planted_hashes(400, seed)
    found = _searched(hashes, max_distance)
    assert len(found) == len(set(found))  # each pair once
    assert set(found) == _pairwise(hashes, max_distance)
    if max_distance == 5:
        assert len(found) > 100  # the planted copies are there to be found


@pytest.mark.parametrize("bands", [2, 3, 4, 7, 64])
def test_pho013_candidate_search_holds_with_any_cut_of_the_hash(
    monkeypatch: pytest.MonkeyPatch, bands: int
) -> None:
    """Large catalogs search fewer, longer bands a few flipped bits wide: force each cut."""
    widths = nearhash._widths(bands)
    cut = [(sum(widths[:k]), width) for k, width in enumerate(widths)]
    monkeypatch.setattr(nearhash, "bands", lambda distance, _: (cut, distance // bands))
    hashes = _planted_hashes(300, bands)
    assert sorted(_searched(hashes, 5)) == sorted(_pairwise(hashes, 5))


def test_photo_rule_thresholds_are_kept_for_one_run() -> None:
    """Worked out once per run, but a check that serves another run (a worker process keeps
    its checks) reads that run's configuration."""
    check = PhotoTooSmall()
    plain = CheckContext(Config({}))
    channels = CheckContext(Config({"photos": {"channels": {"shopify": ["google"]}}}))
    assert [market for market, _ in check.plan("shopify", plain)] == ["shopify"]
    assert [market for market, _ in check.plan("shopify", channels)] == ["shopify", "google"]
    configured = CheckContext(Config({"rules": {"PHO004": {"min_long_side": 900}}}))
    limit = check.plan("ebay", configured)[0][1]["min_long_side"]
    assert limit.value == 900 and limit.source == "configuration [rules.PHO004]"
    assert check.plan("ebay", plain)[0][1]["min_long_side"].value == 500


def test_pho014_format_honesty(plugins: LoadedPlugins, catalog: Catalog) -> None:
    catalog.listing("shopify", catalog.photo("mug.jpg", GOOD, "PNG"))
    catalog.listing("shopify", catalog.photo("mug.png", GOOD, "PNG"))
    finding = only(catalog.run(plugins, "PHO014"))
    assert finding.message == "photo 1 (mug.jpg) is really PNG, but its name says JPEG"


def test_pho015_formats_the_marketplace_refuses(plugins: LoadedPlugins, catalog: Catalog) -> None:
    webp = catalog.photo("lamp.webp", GOOD, "WEBP")
    heic = catalog.photo("IMG_0412.HEIC", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
    frames = [product_shot(600, n).convert("P") for n in (1, 2)]
    gif = io.BytesIO()
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:])
    spinning = catalog.photo("spin.gif", gif.getvalue())
    catalog.listing("amazon", webp, heic, spinning, catalog.photo("good.jpg", GOOD))
    catalog.listing("shopify", webp, heic)
    found = catalog.run(plugins, "PHO015")
    assert [f.evidence["measured"] for f in found] == ["WEBP", "HEIC", "animated GIF"]


def test_pho017_unavailable_photos_say_why(plugins: LoadedPlugins, catalog: Catalog) -> None:
    catalog.photo("cut.jpg", encode(GOOD)[:20_000])
    catalog.photo("login.jpg", b"<!DOCTYPE html><html>Sign in</html>")
    catalog.listing(
        "ebay", "gone.jpg", "cut.jpg", "login.jpg", "https://cdn.example.com/a.jpg",
        catalog.photo("good.jpg", GOOD),
    )  # fmt: skip
    found = {f.evidence["ref"]: f for f in catalog.run(plugins, "PHO017")}
    assert {ref: f.evidence["reason"] for ref, f in found.items()} == {
        "gone.jpg": "missing-file",
        "cut.jpg": "truncated",
        "login.jpg": "not-an-image",
        "https://cdn.example.com/a.jpg": "offline",
    }
    assert found["https://cdn.example.com/a.jpg"].severity.value == "info"
    assert found["gone.jpg"].severity.value == "error"
    assert "HTML" in found["login.jpg"].message


@pytest.fixture(scope="module")
def good_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Photos every marketplace recommends (2100 px, white, sharp), written once."""
    folder = tmp_path_factory.mktemp("good")
    (folder / "front.jpg").write_bytes(encode(product_shot(2100, 11, fill=0.9)))
    (folder / "side.jpg").write_bytes(encode(product_shot(2100, 12)))
    return folder


@pytest.mark.parametrize("code", [f"PHO{n:03d}" for n in range(4, 16)])
def test_every_pixel_rule_is_silent_on_good_photos(
    plugins: LoadedPlugins, good_folder: Path, code: str
) -> None:
    catalog = Catalog(good_folder)
    for market in ("amazon", "ebay", "shopify"):  # one product on three channels
        catalog.listing(market, "front.jpg", "side.jpg", variants=[{"sku": "MUG-1"}])
    config = {"photos": {"channels": {"shopify": ["google"]}}}
    assert catalog.run(plugins, code, config) == []
