"""The photo rules' shortcuts against the plain computations they replace.

A warm run (every photo's measures cached) spends its time in the rules, not in decoding, so
the rules take shortcuts: the first measured rule analyses a batch and looks up a listing's
results for the others; PHO013 compares product keys only for owners that could share one,
orders its matches with one sort and reads each ref back once; PHO014 finds a suffix without
``pathlib`` and a plain URL's path without ``urlsplit``; PHO006 words a size only for a finding;
the analysis cache reads its entries without a buffered file. Each test here puts one against
the plain way; the first runs every photo rule both ways and wants the same findings.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import numpy as np
import pytest

from listingaudit.checks import Check, CheckContext, Finding
from listingaudit.config import Config
from listingaudit.images import PhotoMeasures, PhotoResult, PhotoService, photo_service
from listingaudit.images.cache import AnalysisCache
from listingaudit.model import Listing, Photo
from listingaudit_plugins.checks.photos import CHECKS, PHO013, PHO014
from listingaudit_plugins.checks.photos.PHO013 import (
    ProductKeys,
    match_order,
    other_products,
    same_product,
)
from listingaudit_plugins.checks.photos.PHO014 import EXTENSIONS, extension_format, server_format
from listingaudit_plugins.checks.photos.rule import MeasuredPhotoRule, PhotoRule, base_dir, is_main
from listingaudit_plugins.checks.photos.thresholds import label

from .fixtures.photos.images import encode, placeholder, product_shot, scene_shot

# The plain computations, as the rules were written before their shortcuts.


def plain_check(self: PhotoRule, listing: Listing, ctx: CheckContext) -> Iterable[Finding]:
    for market, limits in self.plan(listing.marketplace, ctx):
        yield from self.judge(listing, market, limits, ctx)


def plain_prepare(self: MeasuredPhotoRule, listings: Sequence[Listing], ctx: CheckContext) -> None:
    refs = [(photo.ref, base_dir(item)) for item in listings for photo in item.photos]
    photo_service(ctx).analyse(refs)


def plain_results(
    self: MeasuredPhotoRule, listing: Listing, ctx: CheckContext
) -> Iterator[tuple[Photo, PhotoResult]]:
    photos = photo_service(ctx)
    for photo in listing.photos:
        yield photo, photos.result(photo.ref, base_dir(listing))


def plain_other_products(products: list[ProductKeys], a: Any, b: Any) -> Any:
    pairs = zip(a.tolist(), b.tolist(), strict=True)
    return np.array([not same_product(products[x], products[y]) for x, y in pairs], dtype=bool)


def plain_match_order(photo: Any, other: Any, distance: Any, photos: int) -> Any:
    return np.lexsort((other, distance, photo))


def plain_extension_format(ref: str) -> str | None:
    path = unquote(urlsplit(ref).path) if "://" in ref else ref.replace("\\", "/")
    return EXTENSIONS.get(PurePosixPath(path).suffix.lower().lstrip("."))


def no_memory(maxsize: int) -> Callable[[Callable[[int], Photo]], Callable[[int], Photo]]:
    """In place of PHO013's ``lru_cache``: every ref read back from disk each time it is named."""
    return lambda read: read


def use_plain_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PhotoRule, "check", plain_check)
    monkeypatch.setattr(MeasuredPhotoRule, "prepare", plain_prepare)
    monkeypatch.setattr(MeasuredPhotoRule, "results", plain_results)
    monkeypatch.setattr(PHO013, "other_products", plain_other_products)
    monkeypatch.setattr(PHO013, "lru_cache", no_memory)
    monkeypatch.setattr(PHO013, "match_order", plain_match_order)
    monkeypatch.setattr(PHO014, "extension_format", plain_extension_format)


# A catalog with something for every rule to say, audited as ``run_audit`` does.


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("catalog")
    shots = {
        "mug.jpg": encode(product_shot(1200, 1, fill=0.9)),
        "mug-copy.jpg": encode(product_shot(1200, 1, fill=0.9).resize((900, 900)), quality=60),
        "vase.jpg": encode(product_shot(1200, 5)),
        "small.jpg": encode(product_shot(1200, 6).resize((450, 300))),
        "scene.jpg": encode(scene_shot(800, 2)),
        "png-named-jpg.jpg": encode(product_shot(1000, 7), "PNG"),
        "blank.png": encode(placeholder(), "PNG"),
        "odd name.JPEG": encode(product_shot(900, 8)),
    }
    for name, data in shots.items():
        (folder / name).write_bytes(data)
    (folder / "page.jpg").write_bytes(b"<html>not a photo</html>")
    return folder


def catalog(folder: Path) -> list[Listing]:
    """Listings that reuse photos across products, on several markets, some twice."""
    rows: list[tuple[str, list[str], dict[str, Any]]] = [
        ("shopify", ["mug.jpg", "vase.jpg"], {"id": "mug-blue"}),
        ("shopify", ["mug-copy.jpg"], {"id": "mug-red"}),
        ("ebay", ["mug.jpg", "small.jpg"], {"variants": [{"sku": "MUG-1"}]}),
        ("amazon", ["mug-copy.jpg", "scene.jpg"], {"variants": [{"sku": "MUG-1"}]}),
        ("amazon", ["small.jpg", "png-named-jpg.jpg", "blank.png"], {}),
        ("shopify", [], {}),
        ("ebay", ["page.jpg", "missing.jpg", "odd name.JPEG"], {}),
        ("shopify", ["vase.jpg", "./mug.jpg", "mug.jpg"], {"id": "mug-blue"}),
        ("google", ["scene.jpg", "odd name.JPEG"], {}),
    ]
    return [
        Listing.from_dict(
            {
                "id": fields_.pop("id", f"L{number}"),
                "marketplace": market,
                "source": {"file": str(folder / "export.csv"), "lines": [number + 2]},
                "photos": [{"ref": ref, "position": n} for n, ref in enumerate(refs, 1)],
                **fields_,
            }
        )
        for number, (market, refs, fields_) in enumerate(rows)
    ]


def audit_photos(folder: Path, config: dict[str, Any]) -> list[tuple[str, Finding]]:
    """Every photo rule over the catalog in two batches, sharing one context as in a run."""
    checks: list[Check] = [check() for check in CHECKS]
    ctx = CheckContext(Config(config), {"offline": True, "no_cache": True})
    listings = catalog(folder)
    found: list[tuple[str, Finding]] = []
    for batch in (listings[:4], listings[4:]):
        for check in checks:
            check.prepare(batch, ctx)
        for listing in batch:
            for check in checks:
                found.extend((listing.id, finding) for finding in check.check(listing, ctx))
    for check in checks:
        found.extend((listing.id, finding) for listing, finding in check.finish(ctx))
    return found


@pytest.mark.parametrize(
    "config",
    [{}, {"photos": {"channels": {"shopify": ["google", "ebay"], "ebay": ["google"]}}}],
    ids=["own-market", "channels"],
)
def test_every_photo_rule_finds_what_the_plain_rules_find(
    folder: Path, monkeypatch: pytest.MonkeyPatch, config: dict[str, Any]
) -> None:
    fast = audit_photos(folder, config)
    with monkeypatch.context() as plain:
        use_plain_rules(plain)
        slow = audit_photos(folder, config)
    assert fast == slow
    codes = {finding.rule for _, finding in fast}
    # The catalog exercises the shortcuts: reuse, a format mismatch, pixels and failures.
    assert {"PHO004", "PHO012", "PHO013", "PHO014", "PHO017"} <= codes


# The batch shortcut: analysed once per batch, never skipped for a new one.


def counting_service(ctx: CheckContext) -> list[list[tuple[str, str | None]]]:
    """Make the context's photo service record what each ``analyse`` call is asked for."""
    service = photo_service(ctx)
    asked: list[list[tuple[str, str | None]]] = []
    analyse = service.analyse

    def recorded(refs: Iterable[tuple[str, str | None]]) -> None:
        refs = list(refs)
        asked.append(refs)
        analyse(refs)

    service.analyse = recorded  # type: ignore[method-assign]
    return asked


def test_a_batch_is_analysed_once_and_every_new_batch_again(folder: Path) -> None:
    ctx = CheckContext(Config({}), {"offline": True, "no_cache": True})
    asked = counting_service(ctx)
    measured = [check() for check in CHECKS if issubclass(check, MeasuredPhotoRule)]
    listings = catalog(folder)
    first, same_again = listings[:3], listings[3:]
    for check in measured:
        check.prepare(first, ctx)
    assert len(asked) == 1
    assert [ref for ref, _ in asked[0]] == [p.ref for item in first for p in item.photos]
    # A new batch is analysed, even one with the same listings: it is another object.
    for batch in (same_again, list(first)):
        for check in measured:
            check.prepare(batch, ctx)
    assert len(asked) == 3 and asked[2] == asked[0]
    # Another run (context) analyses its batch even when the list is the same object.
    other = CheckContext(Config({}), {"offline": True, "no_cache": True})
    asked_other = counting_service(other)
    measured[0].prepare(same_again, other)
    assert len(asked_other) == 1


def test_results_are_the_services_and_shared_by_listing_only(folder: Path) -> None:
    ctx = CheckContext(Config({}), {"offline": True, "no_cache": True})
    listings = catalog(folder)
    first, second = (check() for check in CHECKS[3:5])
    assert isinstance(first, MeasuredPhotoRule) and isinstance(second, MeasuredPhotoRule)
    first.prepare(listings, ctx)
    service = photo_service(ctx)
    assert isinstance(service, PhotoService)
    for listing in listings:
        got = first.results(listing, ctx)
        assert list(got) == list(plain_results(first, listing, ctx))
        assert second.results(listing, ctx) is got  # looked up once for the listing
    # Back to an earlier listing: looked up again (only the current listing's are kept).
    again = first.results(listings[0], ctx)
    assert list(again) == list(plain_results(first, listings[0], ctx))
    # A photo no batch named (another export's folder) is analysed when asked for, as before.
    (folder / "elsewhere").mkdir(exist_ok=True)
    stray = Listing.from_dict(
        {
            "id": "stray",
            "marketplace": "ebay",
            "source": {"file": str(folder / "elsewhere" / "export.csv"), "lines": [2]},
            "photos": [{"ref": "../mug.jpg", "position": 1}],
        }
    )
    [(_, result)] = first.results(stray, ctx)
    assert isinstance(result, PhotoMeasures)
    assert [(stray.photos[0], result)] == list(plain_results(first, stray, ctx))


# PHO013: product keys compared only where two owners could share one.


def test_other_products_matches_comparing_every_pair() -> None:
    chooser = random.Random(13)
    for trial in range(200):
        owners = chooser.randint(2, 40)
        skus = [f"SKU-{n}" for n in range(chooser.randint(1, 60))]
        products: list[ProductKeys] = [
            frozenset(
                {("shopify", f"L{n}"), *chooser.sample(skus, chooser.randint(0, min(2, len(skus))))}
            )
            if trial % 3
            else frozenset({("shopify", f"L{n}")})  # nobody shares a key
            for n in range(owners)
        ]
        a = np.array([chooser.randrange(owners) for _ in range(300)], dtype=np.int64)
        b = np.array([chooser.randrange(owners) for _ in range(300)], dtype=np.int64)
        apart = a != b
        a, b = a[apart], b[apart]
        expected = plain_other_products(products, a, b)
        assert np.array_equal(other_products(products, a, b), expected)
    shared: list[ProductKeys] = [frozenset({"A"}), frozenset({"A", "B"}), frozenset({"C"})]
    pairs = np.array([0, 0, 1]), np.array([1, 2, 2])
    assert other_products(shared, *pairs).tolist() == [False, True, True]


def test_match_order_is_lexsorts(monkeypatch: pytest.MonkeyPatch) -> None:
    chooser = np.random.default_rng(16)
    for photos in (2, 3, 17, 240, 5000):
        pairs = {tuple(pair) for pair in chooser.integers(0, photos, (3 * photos, 2)).tolist()} - {
            (n, n) for n in range(photos)
        }
        pair_list = sorted(pairs)
        chooser.shuffle(pair_list)
        photo = np.array([a for a, _ in pair_list], dtype=np.intp)
        other = np.array([b for _, b in pair_list], dtype=np.intp)
        distance = chooser.integers(0, 65, len(pair_list)).astype(np.intp)
        expected = np.lexsort((other, distance, photo))
        assert np.array_equal(match_order(photo, other, distance, photos), expected)
        monkeypatch.setattr(PHO013, "_MAX_COMBINED", 1)  # too many photos for the key
        assert np.array_equal(match_order(photo, other, distance, photos), expected)
        monkeypatch.undo()


# PHO014: the suffix without pathlib.

_TRICKY_REFS = [
    "mug.jpg", "MUG.JPG", "a/b/mug.png", "a\\b\\mug.webp", "mug", ".jpg", "mug.", "a/.jpg",
    "a/b.jpg/", "a/b.jpg/.", "a/b.jpg/./", "a/..", "..", ".", "/", "", "//x.gif", "a.tar.gz",
    "a/b.c/d", "mug..jpg", "mug.jpg.", "dir.png/", "x/./y.tif", "https://cdn.example/m.jpg",
    "https://cdn.example/m.JPEG?w=200#top", "https://cdn.example/m%2Ejpg", "https://cdn/a%2Fb.png",
    "https://cdn.example", "https://cdn.example/", "https://cdn.example/dir.png/", "file:///a/b.heic",
    "http://h/a.jpg/%2E", " https://h/a.png", "https://h/a.jp\tg", "HTTP://H/A.AVIF",
    "https://h/a.png\n", "https://[::1]/a.png", "https://[::1/a.png", "https://hé.example/a.png",
    "https://user:pw@h:8080/a/b.gif", "https://h/é/a.webp", "https://h/a.png ", "https://h//a.bmp",
]  # fmt: skip


def same_as_plain(ref: str) -> None:
    try:
        expected = plain_extension_format(ref)
    except ValueError:  # the plain way refuses it (a bracket without its pair): so must this
        with pytest.raises(ValueError):
            extension_format(ref)
        return
    assert extension_format(ref) == expected, ref


def test_extension_format_matches_pathlib() -> None:
    for ref in _TRICKY_REFS:
        same_as_plain(ref)
    chooser = random.Random(14)
    alphabet = "/\\..ajpgnJPG%2Ef:?#[] \t\né@"
    prefixes = ("", "https://h/", "http://", "https://", "HTTP://h/", " http://h/", "http:/")
    for _ in range(20_000):
        ref = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(0, 14)))
        for prefix in prefixes:
            same_as_plain(prefix + ref)


def test_server_format_claims_what_the_content_type_claims() -> None:
    types = [
        None, "", "image/jpeg", "IMAGE/PNG; charset=binary", " image/webp ", "text/html",
        "application/octet-stream", "binary/octet-stream;x=1", "image/x-ms-bmp", "image/heic",
    ]  # fmt: skip
    for content_type in types:
        media_type = (content_type or "").split(";")[0].strip().lower()
        for real in ("JPEG", "PNG", "WEBP", "BMP", "HEIC", "text/html"):
            plain = media_type not in PHO014._GENERIC and (
                PHO014.MEDIA_TYPES.get(media_type, media_type) != real
            )
            claimed = server_format(content_type)
            assert (claimed is not None and claimed != real) == plain, (content_type, real)


def test_is_main_is_the_lowest_position() -> None:
    chooser = random.Random(15)
    for _ in range(2000):
        positions = chooser.sample(range(1, 30), chooser.randint(1, 4))
        listing = Listing.from_dict(
            {
                "id": "L1",
                "marketplace": "ebay",
                "source": {"file": "export.csv", "lines": [2]},
                "photos": [{"ref": f"{n}.jpg", "position": n} for n in positions],
            }
        )
        for photo in listing.photos:
            assert is_main(listing, photo) == (photo.position == min(positions))


def test_pho006_words_each_size_as_before(folder: Path) -> None:
    """PHO006 words a photo's size only when it is over a limit: the words are as they were."""
    config = {"rules": {"PHO006": {"max_long_side": 1000, "max_megapixels": 0.5, "max_bytes": 1}}}
    found = [f for _, f in audit_photos(folder, config) if f.rule == "PHO006"]
    ctx = CheckContext(Config({}), {"offline": True, "no_cache": True})
    expected = []
    for listing in catalog(folder):
        for photo in listing.photos:
            result = photo_service(ctx).result(photo.ref, base_dir(listing))
            if not isinstance(result, PhotoMeasures):
                continue
            name = label(listing.marketplace)
            sizes = [
                ("max_long_side", 1000, f"{result.long_side} px on its longest side", "1000 px"),
                ("max_megapixels", 0.5, f"{result.megapixels:.1f} MP", "0.5 MP"),
                ("max_bytes", 1, f"{result.bytes / 1e6:.1f} MB", "1e-06 MB"),
            ]
            measured = {
                "max_long_side": result.long_side,
                "max_megapixels": result.megapixels,
                "max_bytes": result.bytes,
            }
            expected += [
                f"photo {photo.position} ({photo.ref}) is {shown}; {name} accepts at most {limit}"
                for key, value, shown, limit in sizes
                if measured[key] > value
            ]
    assert [f.message for f in found] == expected
    assert any("px on its longest side" in message for message in expected)


# The analysis cache: entries read without a buffered file.


def measures(**changes: Any) -> PhotoMeasures:
    values: dict[str, Any] = {
        "sharpness": 812.5, "mean_luminance": 121.25, "dark_clipped": 0.0, "bright_clipped": 0.01,
        "region": "product", "border_white": 0.9876, "corner_min": 255, "product_fill": 0.88,
        "product_area": 0.51, "uniformity": 0.8, "dhash": (1 << 64) - 3, "width": 2000,
        "height": 1500, "format": "JPEG", "bytes": 123_456, "content_type": "image/jpeg",
        "animated": False,
    }  # fmt: skip
    return PhotoMeasures(**{**values, **changes})


def test_cached_measures_read_back_as_the_plain_reader_reads_them(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path)
    kept = {"a" * 64: measures(), "b" * 64: measures(content_type=None, dhash=0)}
    for digest, value in kept.items():
        cache.put(digest, value)
    names = [f.name for f in fields(PhotoMeasures)]
    for digest, value in kept.items():
        path = tmp_path / "analysis" / "v1" / digest[:2] / f"{digest}.json"
        assert cache._name(digest) == str(path)
        plain = PhotoMeasures(**{name: json.loads(path.read_bytes())[name] for name in names})
        assert cache.get(digest) == plain == value
        assert value.to_dict() == {name: getattr(value, name) for name in names}
    assert cache.get("c" * 64) is None  # absent
    damaged = "d" * 64
    Path(cache._name(damaged)).parent.mkdir(parents=True, exist_ok=True)
    Path(cache._name(damaged)).write_bytes(b'{"sharpness": 1')
    assert cache.get(damaged) is None
    # Padded with JSON whitespace: read whole up to the longest entry, damaged beyond it.
    for spaces, expected in ((3_000, measures()), (4_500, None)):
        padded = f"{spaces:064d}"
        text = json.dumps(measures().to_dict()).replace(",", "," + " " * spaces)
        Path(cache._name(padded)).parent.mkdir(parents=True, exist_ok=True)
        Path(cache._name(padded)).write_text(text)
        assert (len(text) > 64 * 1024) == (expected is None)
        assert cache.get(padded) == expected
