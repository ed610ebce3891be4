"""The photo plan: every bundled photo, what it shows, how it was degraded; and its bytes.

``PHOTOS`` is the single list of files under ``examples/*/photos/``: the catalogs name them,
``examples/README.md`` describes them.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from .backdrops import placeholder
from .degrade import blur, shrink, underexpose
from .shots import Shot, render

#: Every photo's seed derives from this one (``seed_of``); the placeholder uses it as is.
SEED = 20261123
#: Encoder quality for the JPEG and WebP files.
JPEG_QUALITY = 85


def seed_of(name: str) -> int:
    """A stable seed per photo name (``hash()`` is salted per process; crc32 is not)."""
    return SEED ^ zlib.crc32(name.encode("utf-8"))


@dataclass(frozen=True)
class Photo:
    """One file under ``examples/``: a rendered shot, then the named degradations, in order."""

    path: str
    shot: Shot | None  # None: the "no image" placeholder
    #: Gaussian blur radius in pixels (a soft, missed-focus photo).
    blur: float = 0.0
    #: Under-exposed, as from a dim room with no fill light (``degrade.underexpose``).
    dark: bool = False
    #: Downscale so the longest side is this many pixels (0: keep).
    longest: int = 0
    #: Render exactly as this other photo does (same seed): a re-encoded copy of it.
    twin: str = ""

    @property
    def seed(self) -> int:
        return seed_of(self.twin or self.path)


SHOPIFY_PX, EBAY_PX, AMAZON_PX = (2048, 2048), (1600, 1200), (1200, 1500)


def _photos() -> list[Photo]:
    """Shopify recommends 2048 px, eBay ~1600 px, Amazon >= 1000 px for zoom (rules §1.7)."""
    s, e, a = SHOPIFY_PX, EBAY_PX, AMAZON_PX
    teal = (("color", "#2f7f86"),)
    sand = (("color", "#c9b79c"),)
    navy_pack = (("color", "#2f3e5c"),)
    red_lamp = (("color", "#8c2f2f"),)
    atlas = (("color", "#24476b"), ("worn", True))
    return [
        Photo("shopify/photos/mug-teal.jpg", Shot("mug", s, teal)),
        Photo("shopify/photos/mug-sand.jpg", Shot("mug", s, sand)),
        Photo(
            "shopify/photos/mug-charcoal.jpg", Shot("mug", s, (("color", "#3c3f44"),), mirror=True)
        ),
        Photo("shopify/photos/daypack-olive.jpg", Shot("backpack", s)),
        Photo("shopify/photos/daypack-navy.jpg", Shot("backpack", s, navy_pack)),
        Photo("shopify/photos/desk-lamp-blurry.jpg", Shot("lamp", s), blur=5.0),
        Photo("shopify/photos/field-watch.jpg", Shot("watch", s)),
        Photo("shopify/photos/field-watch-dial.jpg", Shot("watch", s, fill=1.9)),
        Photo("shopify/photos/field-watch-back.jpg", Shot("watch", s, (("caseback", True),))),
        Photo("shopify/photos/field-watch-side.jpg", Shot("watch", s, turn=True)),
        Photo(
            "shopify/photos/trail-runner-small.jpg", Shot("sneaker", s, mirror=True), longest=300
        ),
        Photo("shopify/photos/rangefinder-dark.jpg", Shot("camera", s), dark=True),
        Photo("shopify/photos/atlas-hardcover.jpg", Shot("book", s, (("worn", True),))),
        Photo("shopify/photos/headphones.jpg", Shot("headphones", s)),
        Photo("shopify/photos/bud-vase-on-table.jpg", Shot("vase", s, fill=0.55, clutter=True)),
        Photo("shopify/photos/no-image.png", None),
        Photo("shopify/photos/smartphone.jpg", Shot("phone", s)),
        Photo("ebay/photos/phone-front.jpg", Shot("phone", e)),
        Photo("ebay/photos/phone-back.jpg", Shot("phone", e, (("back", True),))),
        Photo("ebay/photos/phone-screen.jpg", Shot("phone", e, fill=2.4, focus=(0.0, -0.1))),
        Photo("ebay/photos/phone-back-side.jpg", Shot("phone", e, (("back", True),), turn=True)),
        Photo(
            "ebay/photos/watch.jpg", Shot("watch", e, (("dial", "#2b2f33"), ("strap", "#3b2a20")))
        ),
        Photo(
            "ebay/photos/rangefinder-dark.jpg",
            Shot("camera", e, (("leather", "#2a2320"),)),
            dark=True,
        ),
        Photo("ebay/photos/trail-runner.jpg", Shot("sneaker", e)),
        Photo("ebay/photos/atlas.jpg", Shot("book", e, atlas, stretch=1.9)),
        Photo(
            "ebay/photos/atlas-corner.jpg",
            Shot("book", e, atlas, fill=3.0, focus=(0.35, -0.36), stretch=1.9),
        ),
        Photo(
            "ebay/photos/atlas-back.jpg",
            Shot("book", e, (*atlas, ("back", True)), stretch=1.9, mirror=True),
        ),
        Photo("ebay/photos/atlas-cloth.jpg", Shot("book", e, atlas, fill=2.4, stretch=1.9)),
        Photo(
            "ebay/photos/paperback.jpg",
            Shot("book", e, (("color", "#d4a12a"), ("paperback", True)), stretch=1.15),
        ),
        Photo("ebay/photos/mug.jpg", Shot("mug", e, teal)),
        Photo("ebay/photos/desk-lamp.jpg", Shot("lamp", e, stretch=0.9)),
        Photo("ebay/photos/headphones.jpg", Shot("headphones", e)),
        Photo("ebay/photos/daypack.jpg", Shot("backpack", e, stretch=1.1)),
        Photo("ebay/photos/bud-vase-blurry.jpg", Shot("vase", e), blur=4.0),
        Photo("ebay/photos/digital-camera-small.jpg", Shot("camera", e, mirror=True), longest=300),
        Photo("ebay/photos/trail-runner-on-table.jpg", Shot("sneaker", e, fill=0.6, clutter=True)),
        Photo(
            "ebay/photos/phone-front-copy.jpg",
            Shot("phone", e),
            longest=1200,
            twin="ebay/photos/phone-front.jpg",
        ),
        Photo("amazon/photos/runner.jpg", Shot("sneaker", a)),
        Photo("amazon/photos/runner-laces.jpg", Shot("sneaker", a, fill=3.2, focus=(0.05, -0.1))),
        Photo("amazon/photos/headphones.jpg", Shot("headphones", a)),
        Photo(
            "amazon/photos/headphones-cup.jpg", Shot("headphones", a, fill=2.2, focus=(0.36, 0.25))
        ),
        Photo("amazon/photos/rangefinder.jpg", Shot("camera", a)),
        Photo(
            "amazon/photos/atlas-used.jpg", Shot("book", a, (("color", "#2d5a3d"), ("worn", True)))
        ),
        Photo("amazon/photos/watch.jpg", Shot("watch", a, (("dial", "#e9e4d8"),))),
        Photo("amazon/photos/desk-lamp.webp", Shot("lamp", a)),
        Photo(
            "amazon/photos/bud-vase-on-table.jpg",
            Shot("vase", a, (("color", "#9b6a4f"),), fill=0.55, clutter=True),
        ),
        Photo(
            "amazon/photos/smartphone.jpg", Shot("phone", a, (("back", True), ("color", "#5b6b7a")))
        ),
        Photo("amazon/photos/mug-teal.jpg", Shot("mug", a, teal)),
        Photo("amazon/photos/mug-sand.jpg", Shot("mug", a, sand, mirror=True)),
        Photo("amazon/photos/daypack-navy.jpg", Shot("backpack", a, navy_pack)),
        Photo("amazon/photos/daypack-blurry.jpg", Shot("backpack", a, stretch=1.35), blur=6.0),
        Photo("amazon/photos/desk-lamp-small-in-frame.jpg", Shot("lamp", a, red_lamp, fill=0.42)),
    ]


PHOTOS = _photos()


def make_photo(photo: Photo) -> Image.Image:
    """Render and degrade one planned photo (not yet encoded)."""
    if photo.shot is None:
        return placeholder(1000, SEED)
    image = render(photo.shot, photo.seed)
    if photo.blur:
        image = blur(image, photo.blur)
    if photo.dark:
        image = underexpose(image)
    if photo.longest:
        image = shrink(image, photo.longest)
    return image


def encode(image: Image.Image, path: str) -> bytes:
    """The file's bytes, in the format its extension names."""
    out = io.BytesIO()
    suffix = Path(path).suffix.lower()
    if suffix == ".png":
        image.save(out, "PNG", optimize=True)
    elif suffix == ".webp":
        image.save(out, "WEBP", quality=JPEG_QUALITY, method=4)
    else:
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()
