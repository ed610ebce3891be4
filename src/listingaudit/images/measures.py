"""From pixels to numbers: size, sharpness, exposure, white background, fill, uniformity, dHash.

Everything is measured at one fixed analysis size (:data:`ANALYSIS_SIZE` on the longest side):
the variance of a Laplacian depends on scale, so a blur threshold means something only at the
scale it was calibrated at. A product on a white background has little detail outside the
product, so sharpness and exposure are measured on the product region (the non-white pixels
and a small margin around them) whenever the border is white; otherwise on the whole frame.
Bump :data:`ANALYSIS_VERSION` whenever a number would change: cached results are keyed by it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from listingaudit.images.decode import decode

ANALYSIS_VERSION = 1
#: Longest side, in pixels, of the image the measures are taken on.
ANALYSIS_SIZE = 512
#: A pixel is "white" when min(R, G, B) reaches this (exact 255 is too strict after JPEG).
WHITE_LEVEL = 250
#: Share of the frame's shorter side taken as the border strip.
BORDER_SHARE = 0.03
#: Luminance at or below which a pixel is clipped dark; at or above, clipped bright.
DARK_LEVEL, BRIGHT_LEVEL = 8, 250
#: A row or column belongs to the product when this share of it is non-white (ignores specks).
_PRODUCT_LINE_SHARE = 0.01
#: Margin, in analysis pixels, added around non-white pixels to include the product's edges.
_MARGIN = 2
#: The border counts as a white background when this share of it is white.
_WHITE_BACKGROUND = 0.6
#: Most a low-contrast region is stretched before the Laplacian (its 1–99th percentile range
#: becomes 0–255, so a white product on white or a dim photo is not called blurry for contrast).
_MAX_STRETCH = 8.0
#: Luminance levels either side of the most common one that count as "the same colour".
_UNIFORM_BAND = 8

Array = NDArray[Any]


@dataclass(frozen=True)
class PixelMeasures:
    """The measures taken on the pixels alone, at the analysis size. Shares are 0 to 1."""

    #: Variance of the Laplacian of the luminance on the region (contrast-stretched), at the
    #: analysis size: below a few hundred the photo is soft.
    sharpness: float
    mean_luminance: float
    dark_clipped: float
    bright_clipped: float
    #: ``"product"`` (white background: the product's pixels) or ``"frame"`` (the whole image).
    region: str
    #: Share of the border strip whose pixels are white (min(R,G,B) >= WHITE_LEVEL).
    border_white: float
    #: The lowest channel value among the four corner pixels (255: all corners pure white).
    corner_min: int
    #: The product's bounding box on its longer side, as a share of the frame's same side.
    product_fill: float
    #: The product's bounding box area as a share of the frame.
    product_area: float
    #: Share of pixels within a few levels of the most common luminance (1.0: one flat colour).
    uniformity: float
    #: 64-bit difference hash of the whole frame; a small Hamming distance means the same photo.
    dhash: int


@dataclass(frozen=True)
class PhotoMeasures(PixelMeasures):
    """What listingaudit measured on one photo: its file, then its pixels."""

    width: int
    height: int
    #: The real format, from the bytes (``JPEG``, ``PNG``...), whatever the name or header say.
    format: str
    bytes: int
    #: The ``Content-Type`` the server sent (``None`` for local files).
    content_type: str | None
    animated: bool

    @property
    def megapixels(self) -> float:
        return self.width * self.height / 1e6

    @property
    def long_side(self) -> int:
        return max(self.width, self.height)

    @property
    def short_side(self) -> int:
        return min(self.width, self.height)

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _FIELD_NAMES}  # flat: no deep copy

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PhotoMeasures:
        return cls(**{name: data[name] for name in _FIELD_NAMES})


#: What ``to_dict`` and ``from_dict`` name, in order: ``fields`` builds them anew on every call,
#: and a warm run reads every photo's measures from the cache.
_FIELD_NAMES = tuple(f.name for f in fields(PhotoMeasures))


def laplacian_variance(lum: Array, mask: Array | None = None) -> float:
    """Variance of the 4-neighbour Laplacian (interior pixels), optionally over ``mask`` only.

    ``lum`` is 8-bit: the Laplacian is taken in ``int16`` (exact: it spans -1020..1020) and only
    the values kept are made ``float32``, whose variance is the figure the thresholds expect.
    """
    lum = lum.astype(np.int16)
    lap = lum[:-2, 1:-1] + lum[2:, 1:-1] + lum[1:-1, :-2] + lum[1:-1, 2:] - 4 * lum[1:-1, 1:-1]
    values = lap if mask is None else lap[mask[1:-1, 1:-1]]
    return float(values.astype(np.float32).var()) if values.size else 0.0


def histogram(grey: Image.Image, mask: Array | None = None) -> Array:
    """Counts of each 8-bit level of ``grey`` (``L``), over ``mask`` only when given.

    Pillow counts in C without copying the pixels; ``np.bincount`` would first widen every
    pixel to 64 bits.
    """
    if mask is None:
        return np.array(grey.histogram(), dtype=np.int64)
    # Pillow counts the pixels where the mask is non-zero: a 0/1 byte view of the booleans is one.
    return np.array(grey.histogram(Image.fromarray(mask.view(np.uint8))), dtype=np.int64)


def percentiles(counts: Array, *shares: float) -> list[int]:
    """Percentiles of 8-bit values, from their histogram (much cheaper than sorting)."""
    cumulative = np.cumsum(counts)
    return [int(np.searchsorted(cumulative, share * cumulative[-1])) for share in shares]


def sharpness(grey: Array, mask: Array | None, counts: Array) -> float:
    """Laplacian variance on ``mask``, as if the region's contrast spanned the full 0–255 range.

    ``counts`` is the histogram of ``grey`` on ``mask``.
    """
    if not counts.any():
        return 0.0
    low, high = percentiles(counts, 0.01, 0.99)
    stretch = min(_MAX_STRETCH, 255.0 / max(high - low, 1))
    return laplacian_variance(grey, mask) * stretch**2


def dilate(mask: Array, radius: int) -> Array:
    """Grow a boolean mask by ``radius`` pixels (a square neighbourhood)."""
    grown = mask.copy()
    for axis in (0, 1):
        source = grown.copy()
        view = grown if axis == 0 else grown.T
        src = source if axis == 0 else source.T
        for shift in range(1, min(radius, src.shape[0] - 1) + 1):
            view[shift:] |= src[:-shift]  # each pixel takes its neighbour ``shift`` before it
            view[:-shift] |= src[shift:]  # and ``shift`` after it; nothing wraps round
    return grown


def border_strip(shape: tuple[int, ...]) -> Array:
    height, width = shape[:2]
    strip = max(1, round(min(height, width) * BORDER_SHARE))
    mask = np.zeros((height, width), dtype=bool)
    mask[:strip, :] = mask[-strip:, :] = True
    mask[:, :strip] = mask[:, -strip:] = True
    return mask


def product_box(non_white: Array) -> tuple[int, int, int, int] | None:
    """``(top, bottom, left, right)`` of the rows and columns that are noticeably non-white."""
    height, width = non_white.shape
    ones = non_white.view(np.uint8)  # summed as bytes into int32: faster than bool counting
    rows = np.flatnonzero(ones.sum(axis=1, dtype=np.int32) > width * _PRODUCT_LINE_SHARE)
    cols = np.flatnonzero(ones.sum(axis=0, dtype=np.int32) > height * _PRODUCT_LINE_SHARE)
    if rows.size == 0 or cols.size == 0:
        return None
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def dhash(grey: Image.Image) -> int:
    """Difference hash: 9×8 grey thumbnail, one bit per "left brighter than right"."""
    small = grey.resize((9, 8), Image.Resampling.LANCZOS)
    grid = np.asarray(small, dtype=np.int16)
    bits = (grid[:, :-1] > grid[:, 1:]).flatten()
    return int("".join("1" if b else "0" for b in bits), 2)


def uniformity(counts: Array) -> float:
    """Share of pixels near the most common level, from the frame's histogram."""
    mode = int(counts.argmax())
    band = counts[max(0, mode - _UNIFORM_BAND) : mode + _UNIFORM_BAND + 1]
    return float(band.sum() / counts.sum())


def measure_pixels(image: Image.Image) -> PixelMeasures:
    """Measure an RGB image already scaled to the analysis size.

    Histograms (from Pillow) stand in for masked copies of the pixels wherever counts are all
    that is needed. Every figure is the one the plain NumPy formulas give: a share is a count
    over a total, divided once, as ``mean`` of a boolean array divides its exact sum.
    """
    rgb = np.asarray(image if image.mode == "RGB" else image.convert("RGB"))
    grey_image = image.convert("L")  # ITU-R BT.601 luma
    grey = np.asarray(grey_image)
    darkest = np.minimum(np.minimum(rgb[..., 0], rgb[..., 1]), rgb[..., 2])
    white = darkest >= WHITE_LEVEL
    border = border_strip(white.shape)
    border_white = np.count_nonzero(white & border) / np.count_nonzero(border)
    corners = darkest[[0, 0, -1, -1], [0, -1, 0, -1]]
    height, width = white.shape

    non_white = ~white
    box = product_box(non_white)
    if box is None:
        fill = area = 0.0
    else:
        top, bottom, left, right = box
        fill = max((bottom - top) / height, (right - left) / width)
        area = (bottom - top) * (right - left) / (height * width)

    frame_counts = histogram(grey_image)
    product_mask: Array | None = None
    if border_white >= _WHITE_BACKGROUND and box is not None:
        product_mask = non_white
    counts = frame_counts if product_mask is None else histogram(grey_image, product_mask)
    total = int(counts.sum())
    # Edges belong to the product: the margin keeps its outline in the sharpness measure.
    edges = None if product_mask is None else dilate(product_mask, _MARGIN)
    edge_counts = frame_counts if edges is None else histogram(grey_image, edges)
    return PixelMeasures(
        sharpness=round(sharpness(grey, edges, edge_counts), 1),
        mean_luminance=round(int(counts @ np.arange(256)) / total, 2),
        dark_clipped=round(int(counts[: DARK_LEVEL + 1].sum()) / total, 4),
        bright_clipped=round(int(counts[BRIGHT_LEVEL:].sum()) / total, 4),
        region="frame" if product_mask is None else "product",
        border_white=round(border_white, 4),
        corner_min=int(corners.min()),
        product_fill=round(fill, 4),
        product_area=round(area, 4),
        uniformity=round(uniformity(frame_counts), 4),
        dhash=dhash(grey_image),
    )


def measure_photo(data: bytes, content_type: str | None = None) -> PhotoMeasures:
    """Decode ``data`` (raising :class:`~listingaudit.images.decode.DecodeError`) and measure it."""
    decoded = decode(data, ANALYSIS_SIZE)
    return PhotoMeasures(
        width=decoded.width,
        height=decoded.height,
        format=decoded.format,
        bytes=len(data),
        content_type=content_type,
        animated=decoded.animated,
        **asdict(measure_pixels(decoded.pixels)),
    )
