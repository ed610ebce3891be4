"""Build ``examples/``: rendered product photos, degraded copies, one catalog per marketplace.

Everything is seeded, so a rebuild is byte-for-byte identical with the same Pillow (and the
libjpeg-turbo / libwebp it bundles). The photos are drawn, not photographed: shaded shapes with
highlights, soft shadows, material textures and sensor grain on pure white, the product's bounding
box filling 85% of the frame (Amazon's main-image rule, ../shared/reference/marketplace-rules.md
§1.1). Some are then degraded in controlled, named ways (Gaussian blur, under-exposure, 300 px,
cluttered off-white background, product small in the frame, near-uniform placeholder, WebP) so that
every photo check has something to find. The catalogs use the marketplaces' real headers
(../shared/reference/export-formats.md §1.2 d, §2.1, §3.3) and mix good listings with
deliberately bad ones; ``examples/README.md`` lists which is which.

Read it in this order: ``shapes``, ``canvas`` and ``shading`` (the drawing toolkit), ``products``
(one module per product), ``backdrops`` and ``shots`` (framing a product in a photo),
``degrade`` and ``photos`` (the photo plan), ``catalogs`` (one module per marketplace).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .catalogs import catalogs
from .catalogs.amazon import AMAZON_COLUMNS, amazon_rows
from .catalogs.barcodes import upc
from .catalogs.ebay import EBAY_HEADER, EBAY_INFO, EBAY_TRAILER
from .catalogs.shopify import SHOPIFY_HEADER
from .photos import JPEG_QUALITY, PHOTOS, encode, make_photo
from .shots import FILL, Shot, render

__all__ = [
    "AMAZON_COLUMNS",
    "EBAY_HEADER",
    "EBAY_INFO",
    "EBAY_TRAILER",
    "FILL",
    "JPEG_QUALITY",
    "PHOTOS",
    "SHOPIFY_HEADER",
    "Shot",
    "amazon_rows",
    "build",
    "render",
    "upc",
]


def build(out: Path, photos: Iterable[str] | None = None) -> list[Path]:
    """Write the catalogs and the photos (all, or only the ``photos`` paths) under ``out``."""
    wanted = None if photos is None else set(photos)
    written: list[Path] = []
    files = dict(catalogs())
    for photo in PHOTOS:
        if wanted is None or photo.path in wanted:
            files[photo.path] = encode(make_photo(photo), photo.path)
    for relative, data in sorted(files.items()):
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written
