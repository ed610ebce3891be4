"""The controlled ways a rendered photo is made worse, so that each photo check has something to
find: Gaussian blur (missed focus), under-exposure (a dim room) and shrinking (too small to zoom).
"""

from __future__ import annotations

from PIL import Image, ImageFilter

#: Under-exposure as from a dim room with no fill light: gamma 2.2, then 38% gain.
DARK_GAMMA, DARK_GAIN = 2.2, 0.38


def blur(image: Image.Image, radius: float) -> Image.Image:
    """A soft, missed-focus photo: Gaussian blur of ``radius`` pixels."""
    return image.filter(ImageFilter.GaussianBlur(radius))


def underexpose(image: Image.Image) -> Image.Image:
    """A dark photo: every channel through gamma ``DARK_GAMMA``, then scaled by ``DARK_GAIN``."""
    lut = [round(255 * DARK_GAIN * (i / 255) ** DARK_GAMMA) for i in range(256)]
    return image.point(lut * 3)


def shrink(image: Image.Image, longest: int) -> Image.Image:
    """A small photo: Lanczos-downscaled so its longest side is ``longest`` pixels."""
    ratio = longest / max(image.size)
    size = (round(image.width * ratio), round(image.height * ratio))
    return image.resize(size, Image.Resampling.LANCZOS)
