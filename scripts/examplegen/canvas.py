"""The canvas products are painted on: anti-aliased masks, shading, shadows, stitching, grain.

Pixels are float RGB in [0, 1]; the canvas also records how much of each pixel is product, which
``shots.render`` uses to frame the product and ``Canvas.grain`` to keep the white background
exactly white.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .shapes import Op, Point, line, rect

#: Supersampling factor for anti-aliased edges (shapes are drawn at 4x and box-averaged).
SS = 4
Array = np.ndarray
#: The studio background: pure white (Amazon's main-image rule, marketplace-rules.md §1.1).
WHITE = np.ones(3, np.float32)


def hexrgb(code: str) -> Array:
    """``"#rrggbb"`` as a float32 RGB triple in [0, 1]."""
    code = code.lstrip("#")
    return np.array([int(code[i : i + 2], 16) / 255 for i in (0, 2, 4)], np.float32)


@dataclass
class Mask:
    """Anti-aliased coverage of a shape, in a window of the canvas."""

    alpha: Array
    top: int
    left: int

    @property
    def window(self) -> tuple[slice, slice]:
        h, w = self.alpha.shape
        return slice(self.top, self.top + h), slice(self.left, self.left + w)


class Canvas:
    """An RGB float image plus the product's coverage (for grain and for framing)."""

    def __init__(
        self,
        width: int,
        height: int,
        scale: float,
        origin: Point,
        background: Array,
        seed: int,
        stretch: float = 1.0,
    ) -> None:
        self.width, self.height = width, height
        self.k = float(scale)
        #: Horizontal stretch of the product (a landscape atlas, a slimmer pack).
        self.sx = float(stretch)
        self.ox, self.oy = origin
        self.img = np.empty((height, width, 3), np.float32)
        self.img[...] = background
        self.cover = np.zeros((height, width), np.float32)
        self.rng = np.random.default_rng(seed)

    def _px(self, p: Point) -> Point:
        return self.ox + p[0] * self.k * self.sx, self.oy + p[1] * self.k

    def mask(self, *ops: Op, pad: float = 0.0) -> Mask | None:
        """Rasterise ``ops`` (at ``SS`` x, then box-averaged); ``None`` when off the canvas."""
        xs: list[float] = []
        ys: list[float] = []
        for op in ops:
            if not op.keep:
                continue
            grow = op.size if op.kind == "line" else 0.0
            for p in op.pts:
                x, y = self._px(p)
                xs += [x - grow * self.k, x + grow * self.k]
                ys += [y - grow * self.k, y + grow * self.k]
        margin = 2 + pad
        left = max(int(min(xs) - margin), 0)
        top = max(int(min(ys) - margin), 0)
        right = min(int(max(xs) + margin) + 1, self.width)
        bottom = min(int(max(ys) + margin) + 1, self.height)
        if right <= left or bottom <= top:
            return None
        image = Image.new("L", ((right - left) * SS, (bottom - top) * SS), 0)
        draw = ImageDraw.Draw(image)

        def at(p: Point) -> Point:
            x, y = self._px(p)
            return (x - left) * SS, (y - top) * SS

        for op in ops:
            fill = 255 if op.keep else 0
            pts = [at(p) for p in op.pts]
            if op.kind == "ellipse":
                draw.ellipse([pts[0], pts[1]], fill=fill)
            elif op.kind == "rect":
                radius = op.size * self.k * SS
                draw.rounded_rectangle([pts[0], pts[1]], radius=radius, fill=fill)
            elif op.kind == "poly":
                draw.polygon(pts, fill=fill)
            else:
                width = max(round(op.size * self.k * SS), 1)
                draw.line(pts, fill=fill, width=width, joint="curve")
        alpha = np.asarray(image.reduce(SS), np.float32) / 255.0
        return Mask(alpha, top, left)

    def coords(self, m: Mask) -> tuple[Array, Array]:
        """Product-unit coordinates of each pixel centre in the mask's window."""
        h, w = m.alpha.shape
        xs = (np.arange(m.left, m.left + w, dtype=np.float32) + 0.5 - self.ox) / (self.k * self.sx)
        ys = (np.arange(m.top, m.top + h, dtype=np.float32) + 0.5 - self.oy) / self.k
        return np.broadcast_to(xs, (h, w)), np.broadcast_to(ys[:, None], (h, w))

    def paint(
        self,
        m: Mask | None,
        color: Array,
        shade: Array | float = 1.0,
        gloss: Array | float = 0.0,
        opacity: float = 1.0,
        product: bool = True,
    ) -> None:
        """Lay ``color * shade + gloss`` over the mask's window."""
        if m is None:
            return
        win = m.window
        region = self.img[win]
        col = np.asarray(color, np.float32) * np.asarray(shade, np.float32)[..., None]
        col = col + np.asarray(gloss, np.float32)[..., None]
        a = (m.alpha * opacity)[..., None]
        region += (col - region) * a
        if product:
            np.maximum(self.cover[win], m.alpha * opacity, out=self.cover[win])

    def fill(
        self, *ops: Op, color: Array, opacity: float = 1.0, product: bool = True
    ) -> Mask | None:
        """``mask`` + ``paint`` with a flat colour."""
        m = self.mask(*ops)
        self.paint(m, color, opacity=opacity, product=product)
        return m

    def shadow(self, *ops: Op, strength: float, blur: float) -> None:
        """A soft contact shadow: the shape, Gaussian-blurred, darkening what is under it."""
        radius = float(blur * self.k)
        m = self.mask(*ops, pad=3 * radius)
        if m is None:
            return
        soft = Image.fromarray(np.round(m.alpha * 255).astype(np.uint8), "L")
        alpha = np.asarray(soft.filter(ImageFilter.GaussianBlur(radius)), np.float32) / 255.0
        self.img[m.window] *= (1.0 - strength * alpha)[..., None]

    def dashes(
        self, points: Sequence[Point], dash: float, gap: float, width: float, color: Array
    ) -> None:
        """Stitching: short segments along a polyline."""
        ops: list[Op] = []
        carry = 0.0
        drawing = True
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            length = math.hypot(x1 - x0, y1 - y0)
            pos = 0.0
            while pos < length:
                step = min((dash if drawing else gap) - carry, length - pos)
                if drawing:
                    a, b = pos / length, (pos + step) / length
                    ops.append(
                        line(
                            [
                                (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
                                (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b),
                            ],
                            width,
                        )
                    )
                pos += step
                carry += step
                if carry >= (dash if drawing else gap) - 1e-9:
                    carry = 0.0
                    drawing = not drawing
        for op in ops:
            self.fill(op, color=color)

    def text(
        self, x: float, y: float, width: float, height: float, color: Array, lines: int = 1
    ) -> None:
        """Printed or engraved lettering, suggested by rows of word-sized blocks."""
        rows = [y + i * height * 1.9 for i in range(lines)]
        for row in rows:
            cursor = x
            end = x + width * (0.55 + 0.45 * self.rng.random()) if lines > 1 else x + width
            while cursor < end:
                word = min(height * (1.2 + 3.0 * self.rng.random()), end - cursor)
                self.fill(rect(cursor, row, cursor + word, row + height, height * 0.3), color=color)
                cursor += word + height * 0.7

    def mottle(self, m: Mask, cell_px: float, depth: float) -> Array:
        """Smooth random variation (leather grain, glaze, wax): 1 +/- ``depth``."""
        h, w = m.alpha.shape
        gh, gw = max(int(h / cell_px) + 2, 2), max(int(w / cell_px) + 2, 2)
        noise = self.rng.standard_normal((gh, gw)).astype(np.float32)
        smooth = np.asarray(Image.fromarray(noise, "F").resize((w, h), Image.Resampling.BICUBIC))
        return 1.0 + depth * smooth

    def grain(self, sigma: float) -> None:
        """Sensor noise on the product (the blown-out white background stays exactly white)."""
        ys, xs = np.nonzero(self.cover.any(axis=1))[0], np.nonzero(self.cover.any(axis=0))[0]
        if len(ys) == 0:
            return
        win = slice(ys[0], ys[-1] + 1), slice(xs[0], xs[-1] + 1)
        region = self.img[win]
        noise = self.rng.standard_normal(region.shape, dtype=np.float32) * sigma
        region += noise * self.cover[win][..., None]

    def to_image(self) -> Image.Image:
        data = np.clip(self.img * 255.0 + 0.5, 0, 255).astype(np.uint8)
        return Image.fromarray(data, "RGB")
