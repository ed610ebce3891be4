"""A shot: which product, in what frame, how tightly framed; and rendering it to an image.

The product is drawn once on a small probe to measure its extent, then again on the real canvas
at the scale that makes its bounding box fill ``Shot.fill`` of the frame.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PIL import Image

from .backdrops import clutter
from .canvas import WHITE, Canvas
from .products import PRODUCTS
from .shapes import Point

#: Amazon: "The product must fill 85% of the image frame" (marketplace-rules.md §1.1).
FILL = 0.85
#: Sensor noise on the product, as a fraction of full scale (about 2 of 255 levels).
GRAIN = 0.007
#: The probe that measures a product: a square canvas this many pixels wide, at this many pixels
#: per product unit, the product's origin at its centre.
PROBE_SIZE, PROBE_SCALE = 512, 200.0


@dataclass(frozen=True)
class Shot:
    """What to render: a product (with its drawing options) in a frame of ``size`` pixels."""

    product: str
    size: tuple[int, int] = (1600, 1600)
    options: tuple[tuple[str, object], ...] = ()
    #: Share of the frame the product's bounding box fills (on its tighter axis).
    fill: float = FILL
    #: An off-white wall, a wooden table and props around the product.
    clutter: bool = False
    #: The point of the product to centre on, as a fraction of its extent (for detail shots).
    focus: Point = (0.0, 0.0)
    #: Flipped left to right (a mug's handle on the other side).
    mirror: bool = False
    #: Turned a quarter, the product lying on its side.
    turn: bool = False
    #: Horizontal stretch of the product's proportions.
    stretch: float = 1.0


def _draw(shot: Shot) -> Callable[[Canvas], None]:
    """The product's drawing function with the shot's options bound (it is drawn twice)."""
    function = PRODUCTS[shot.product]
    options = dict(shot.options)
    return lambda canvas: function(canvas, **options)


def _extent(
    draw: Callable[[Canvas], None], seed: int, stretch: float
) -> tuple[float, float, float, float]:
    """The product's bounding box in product units (x0, x1, y0, y1), measured on the probe."""
    centre = PROBE_SIZE / 2
    probe = Canvas(PROBE_SIZE, PROBE_SIZE, PROBE_SCALE, (centre, centre), WHITE, seed, stretch)
    draw(probe)
    ys, xs = np.nonzero(probe.cover > 0.5)
    return (
        (xs.min() - centre) / PROBE_SCALE,
        (xs.max() + 1 - centre) / PROBE_SCALE,
        (ys.min() - centre) / PROBE_SCALE,
        (ys.max() + 1 - centre) / PROBE_SCALE,
    )


def render(shot: Shot, seed: int) -> Image.Image:
    """Render ``shot``: measure the product's extent on a small probe, then frame it exactly."""
    draw = _draw(shot)
    x0, x1, y0, y1 = _extent(draw, seed, shot.stretch)
    width, height = shot.size[::-1] if shot.turn else shot.size
    k = shot.fill * min(width / (x1 - x0), height / (y1 - y0))
    cx = (x0 + x1) / 2 + shot.focus[0] * (x1 - x0)
    cy = (y0 + y1) / 2 + shot.focus[1] * (y1 - y0)
    origin = (width / 2 - k * cx, height / 2 - k * cy)
    canvas = Canvas(width, height, k, origin, WHITE, seed, shot.stretch)
    if shot.clutter:
        clutter(canvas)
    draw(canvas)
    canvas.grain(GRAIN)
    image = canvas.to_image()
    if shot.mirror:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    if shot.turn:
        image = image.transpose(Image.Transpose.ROTATE_90)
    return image
