"""Build ``examples/``: rendered product photos, degraded copies, one catalog per marketplace.

    python scripts/make_examples.py            # rewrite examples/ in place
    python scripts/make_examples.py --out DIR  # build somewhere else

Everything is seeded, so a rebuild is byte-for-byte identical with the same Pillow (and the
libjpeg-turbo / libwebp it bundles). The photos are drawn, not photographed: shaded shapes with
highlights, soft shadows, material textures and sensor grain on pure white, the product's bounding
box filling 85% of the frame (Amazon's main-image rule, ../shared/reference/marketplace-rules.md
§1.1). Some are then degraded in controlled, named ways (Gaussian blur, under-exposure, 300 px,
cluttered off-white background, product small in the frame, near-uniform placeholder, WebP) so that
every photo check has something to find. The catalogs use the marketplaces' real headers
(../shared/reference/export-formats.md §1.2 d, §2.1, §3.3) and mix good listings with
deliberately bad ones; ``examples/README.md`` lists which is which.
"""

from __future__ import annotations

import argparse
import base64
import csv
import io
import itertools
import math
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261123
#: Supersampling factor for anti-aliased edges (shapes are drawn at 4x and box-averaged).
SS = 4
#: Amazon: "The product must fill 85% of the image frame" (marketplace-rules.md §1.1).
FILL = 0.85
JPEG_QUALITY = 85

Point = tuple[float, float]
Array = np.ndarray


def hexrgb(code: str) -> Array:
    """``"#rrggbb"`` as a float32 RGB triple in [0, 1]."""
    code = code.lstrip("#")
    return np.array([int(code[i : i + 2], 16) / 255 for i in (0, 2, 4)], np.float32)


def seed_of(name: str) -> int:
    """A stable seed per photo name (``hash()`` is salted per process; crc32 is not)."""
    return SEED ^ zlib.crc32(name.encode("utf-8"))


# --- Drawing toolkit -----------------------------------------------------------------------------
#
# Products are drawn in "product units" (about -0.5..0.5 across the product), mapped to pixels by
# a scale and an origin that ``render`` chooses so the product fills the frame as asked.


@dataclass(frozen=True)
class Op:
    """One shape in a mask: drawn (``keep``) or cut out of what came before."""

    kind: str  # "ellipse" | "rect" | "poly" | "line"
    pts: tuple[Point, ...]
    size: float = 0.0  # rect corner radius or line width, in product units
    keep: bool = True


def ellipse(cx: float, cy: float, rx: float, ry: float, keep: bool = True) -> Op:
    return Op("ellipse", ((cx - rx, cy - ry), (cx + rx, cy + ry)), keep=keep)


def rect(x0: float, y0: float, x1: float, y1: float, r: float = 0.0, keep: bool = True) -> Op:
    return Op("rect", ((x0, y0), (x1, y1)), r, keep)


def poly(points: Iterable[Point], keep: bool = True) -> Op:
    return Op("poly", tuple(points), keep=keep)


def line(points: Iterable[Point], width: float, keep: bool = True) -> Op:
    return Op("line", tuple(points), width, keep)


def rotated(cx: float, cy: float, w: float, h: float, angle: float) -> Op:
    """A ``w`` x ``h`` rectangle centred on (cx, cy), turned by ``angle`` radians."""
    c, s = math.cos(angle), math.sin(angle)
    corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    return poly((cx + x * c - y * s, cy + x * s + y * c) for x, y in corners)


def spline(points: Sequence[Point], steps: int = 12, closed: bool = True) -> list[Point]:
    """A Catmull-Rom curve through ``points``: smooth outlines from a few control points."""
    pts = list(points)
    n = len(pts)
    out: list[Point] = []
    segments = n if closed else n - 1
    for i in range(segments):
        p0 = pts[(i - 1) % n] if closed or i > 0 else pts[0]
        p1, p2 = pts[i], pts[(i + 1) % n]
        p3 = pts[(i + 2) % n] if closed or i + 2 < n else pts[-1]
        for step in range(steps):
            t = step / steps
            weights = (
                (-t + 2 * t * t - t**3) / 2,
                (2 - 5 * t * t + 3 * t**3) / 2,
                (t + 4 * t * t - 3 * t**3) / 2,
                (-t * t + t**3) / 2,
            )
            x = sum(w * p[0] for w, p in zip(weights, (p0, p1, p2, p3), strict=True))
            y = sum(w * p[1] for w, p in zip(weights, (p0, p1, p2, p3), strict=True))
            out.append((x, y))
    if not closed:
        out.append(pts[-1])
    return out


def ribbon(center: Sequence[Point], widths: Sequence[float]) -> Op:
    """A band of varying width along a centre line (straps, stripes, headbands)."""
    left: list[Point] = []
    right: list[Point] = []
    for i, (x, y) in enumerate(center):
        a = center[max(i - 1, 0)]
        b = center[min(i + 1, len(center) - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        norm = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / norm, dx / norm
        half = widths[i] / 2
        left.append((x + nx * half, y + ny * half))
        right.append((x - nx * half, y - ny * half))
    return poly(left + right[::-1])


def arc_points(
    cx: float, cy: float, rx: float, ry: float, start: float, end: float, n: int = 48
) -> list[Point]:
    """Points on an elliptical arc, angles in degrees (0 = right, 90 = down)."""
    return [
        (
            cx + rx * math.cos(math.radians(start + (end - start) * i / (n - 1))),
            cy + ry * math.sin(math.radians(start + (end - start) * i / (n - 1))),
        )
        for i in range(n)
    ]


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


# --- Shading helpers (all take product-unit coordinate arrays) ------------------------------------


def cylinder(x: Array, x0: float, x1: float, light: float = -0.55, ambient: float = 0.3) -> Array:
    """Lambert shading across a vertical cylinder lit from the upper left."""
    t = np.clip((x - (x0 + x1) / 2) / ((x1 - x0) / 2), -1.0, 1.0)
    nz = np.sqrt(1.0 - t * t)
    norm = math.hypot(light, 1.0)
    lam = np.clip((t * light + nz) / norm, 0.0, 1.0)
    return ambient + (1.0 - ambient) * lam


def band(x: Array, center: float, width: float) -> Array:
    """A soft highlight stripe."""
    return np.exp(-(((x - center) / width) ** 2))


def ramp(v: Array, v0: float, v1: float, a: float, b: float) -> Array:
    """Linear gradient from ``a`` at ``v0`` to ``b`` at ``v1``."""
    return a + (b - a) * np.clip((v - v0) / (v1 - v0), 0.0, 1.0)


def weave(x: Array, y: Array, period: float, depth: float) -> Array:
    """Woven fabric: crossing threads."""
    u = np.sin(2 * np.pi * x / period)
    v = np.sin(2 * np.pi * y / period)
    fabric: Array = 1.0 + depth * (0.6 * u * v + 0.4 * (u * u - v * v))
    return fabric


def angle_of(x: Array, y: Array, cx: float, cy: float) -> Array:
    return np.arctan2(y - cy, x - cx)


# --- Products ----------------------------------------------------------------------------------


def mug(c: Canvas, color: str = "#2f7f86") -> None:
    """Glazed stoneware mug, handle on the right."""
    base = hexrgb(color)
    c.shadow(ellipse(-0.04, 0.41, 0.32, 0.045), strength=0.55, blur=0.02)
    handle = c.mask(ellipse(0.25, 0.0, 0.21, 0.21), ellipse(0.25, 0.0, 0.125, 0.135, keep=False))
    if handle:
        x, y = c.coords(handle)
        d = np.hypot(x - 0.25, y)
        t = np.clip((d - 0.17) / 0.045, -1, 1)
        shade = (0.35 + 0.65 * np.sqrt(1 - t * t)) * (0.8 - 0.25 * y / 0.21)
        c.paint(handle, base, shade, gloss=0.35 * band(d, 0.175, 0.012) * (y < 0))
    body = c.mask(
        rect(-0.36, -0.36, 0.22, 0.38),
        ellipse(-0.07, 0.38, 0.29, 0.045),
        ellipse(-0.07, -0.36, 0.29, 0.06),
    )
    if body:
        x, y = c.coords(body)
        shade = cylinder(x, -0.36, 0.22) * ramp(y, 0.1, 0.42, 1.0, 0.82) * c.mottle(body, 30, 0.02)
        gloss = 0.6 * band(x, -0.24, 0.022) * ramp(y, -0.3, 0.35, 1.0, 0.4)
        gloss = gloss + 0.18 * band(x, 0.17, 0.01)
        c.paint(body, base, shade, gloss)
    # Unglazed foot ring.
    foot = c.mask(ellipse(-0.07, 0.38, 0.29, 0.045), rect(-0.4, 0.33, 0.3, 0.37, keep=False))
    if foot:
        x, _ = c.coords(foot)
        c.paint(foot, hexrgb("#cdbb9f"), cylinder(x, -0.36, 0.22, ambient=0.5))
    rim = c.mask(ellipse(-0.07, -0.36, 0.29, 0.06), ellipse(-0.07, -0.356, 0.268, 0.05, keep=False))
    if rim:
        x, _ = c.coords(rim)
        c.paint(rim, base * 1.12, cylinder(x, -0.36, 0.22, ambient=0.6), 0.25 * band(x, -0.2, 0.05))
    inside = c.mask(ellipse(-0.07, -0.356, 0.268, 0.05))
    if inside:
        x, y = c.coords(inside)
        c.paint(
            inside, base * 0.8, ramp(y, -0.40, -0.31, 0.95, 0.35) * cylinder(x, -0.34, 0.2, 0.6)
        )
    # A small printed maker's mark.
    cream = hexrgb("#f3ecdc")
    c.fill(
        ellipse(-0.1, 0.0, 0.055, 0.055), ellipse(-0.1, 0.0, 0.045, 0.045, keep=False), color=cream
    )
    c.fill(
        poly([(-0.135, 0.02), (-0.11, -0.025), (-0.09, 0.005), (-0.08, -0.01), (-0.065, 0.02)]),
        color=cream,
    )
    c.text(-0.17, 0.08, 0.14, 0.012, cream)


def sneaker(c: Canvas, color: str = "#34506e", accent: str = "#e07a5f") -> None:
    """Low-top running shoe, side view, toe to the left."""
    base, acc = hexrgb(color), hexrgb(accent)
    dark = hexrgb("#1d1f24")
    c.shadow(ellipse(0.0, 0.2, 0.5, 0.03), strength=0.6, blur=0.02)
    tongue = c.mask(
        poly(
            spline([(0.05, -0.21), (0.075, -0.295), (0.15, -0.305), (0.185, -0.26), (0.17, -0.22)])
        )
    )
    if tongue:
        _, y = c.coords(tongue)
        c.paint(tongue, base * 1.1, ramp(y, -0.3, -0.21, 1.1, 0.7) * c.mottle(tongue, 3, 0.06))
    outline = [
        (-0.472, 0.085),
        (-0.468, 0.02),
        (-0.41, -0.032),
        (-0.30, -0.07),
        (-0.17, -0.10),
        (-0.02, -0.16),
        (0.10, -0.235),
        (0.17, -0.245),
        (0.26, -0.215),
        (0.34, -0.23),
        (0.42, -0.27),
        (0.465, -0.2),
        (0.478, -0.08),
        (0.462, 0.08),
        (0.2, 0.085),
        (-0.25, 0.085),
    ]
    upper = c.mask(poly(spline(outline)))
    if upper:
        x, y = c.coords(upper)
        shade = (
            ramp(y, -0.26, 0.08, 1.1, 0.75)
            * weave(x, y, 0.006, 0.08)
            * ramp(x, -0.5, -0.4, 0.8, 1.0)
        )
        c.paint(upper, base, shade, 0.1 * band(y, -0.06, 0.03) * ramp(x, -0.4, 0.3, 1.0, 0.0))
    lining = c.mask(
        poly(
            spline(
                [
                    (0.165, -0.236),
                    (0.26, -0.206),
                    (0.34, -0.221),
                    (0.415, -0.258),
                    (0.40, -0.232),
                    (0.33, -0.202),
                    (0.26, -0.19),
                    (0.18, -0.222),
                ]
            )
        )
    )
    if lining:
        _, y = c.coords(lining)
        c.paint(lining, dark, ramp(y, -0.25, -0.19, 1.6, 0.8) * c.mottle(lining, 2, 0.1))
    toe = c.mask(
        poly(
            spline(
                [
                    (-0.47, 0.08),
                    (-0.466, 0.02),
                    (-0.415, -0.03),
                    (-0.33, -0.058),
                    (-0.295, -0.035),
                    (-0.35, -0.012),
                    (-0.42, 0.02),
                    (-0.43, 0.08),
                    (-0.45, 0.085),
                ]
            )
        )
    )
    if toe:
        _, y = c.coords(toe)
        c.paint(toe, acc, ramp(y, -0.06, 0.08, 1.08, 0.78) * c.mottle(toe, 3, 0.07))
    heel = c.mask(
        poly(
            spline(
                [
                    (0.30, 0.08),
                    (0.33, -0.02),
                    (0.40, -0.14),
                    (0.455, -0.205),
                    (0.475, -0.08),
                    (0.46, 0.08),
                    (0.38, 0.085),
                ]
            )
        )
    )
    if heel:
        _, y = c.coords(heel)
        c.paint(heel, acc, ramp(y, -0.2, 0.08, 1.08, 0.75) * c.mottle(heel, 3, 0.07))
    stripe = spline(
        [(-0.24, 0.065), (-0.08, 0.03), (0.06, -0.02), (0.2, -0.075), (0.28, -0.115)],
        8,
        closed=False,
    )
    widths = [
        0.012 + 0.04 * math.sin(math.pi * (i / (len(stripe) - 1)) ** 0.7)
        for i in range(len(stripe))
    ]
    c.fill(ribbon(stripe, widths), color=acc * 1.05)
    c.dashes(
        spline([(-0.455, 0.06), (-0.42, 0.005), (-0.36, -0.03), (-0.31, -0.045)], 6, closed=False),
        0.008,
        0.006,
        0.0025,
        acc * 0.55,
    )
    c.dashes(
        spline([(0.32, 0.06), (0.345, -0.02), (0.405, -0.12), (0.45, -0.18)], 6, closed=False),
        0.008,
        0.006,
        0.0025,
        acc * 0.55,
    )
    eyelets = [(-0.15 + 0.053 * i, -0.112 - 0.026 * i) for i in range(6)]
    c.fill(ribbon(spline(eyelets, 6, closed=False), [0.05] * 31), color=base * 0.72)
    c.dashes(
        spline([(x - 0.004, y + 0.022) for x, y in eyelets], 6, closed=False),
        0.007,
        0.005,
        0.002,
        base * 1.35,
    )
    lace = hexrgb("#f4f2ec")
    for ex, ey in eyelets:
        c.fill(ellipse(ex, ey, 0.009, 0.009), color=hexrgb("#c9c6bf"))
        c.fill(ellipse(ex, ey, 0.005, 0.005), color=dark)
        bar = c.mask(line([(ex + 0.006, ey + 0.004), (ex - 0.022, ey - 0.034)], 0.013))
        if bar:
            x, y = c.coords(bar)
            c.paint(bar, lace, 0.82 + 0.18 * np.cos((x - ex + y - ey) * 140))
    top_x, top_y = eyelets[-1]
    for dx, dy in [(-0.05, -0.015), (0.035, 0.03)]:
        c.fill(
            line(
                spline(
                    [
                        (top_x - 0.01, top_y - 0.03),
                        (top_x + dx, top_y + dy - 0.03),
                        (top_x + dx * 0.8, top_y + dy + 0.01),
                        (top_x - 0.005, top_y - 0.02),
                    ],
                    8,
                    closed=False,
                ),
                0.01,
            ),
            color=lace * 0.95,
        )
    c.fill(rotated(0.455, -0.265, 0.028, 0.065, -0.3), color=acc * 0.85)
    sole_outline = [
        (-0.50, 0.075),
        (-0.44, 0.066),
        (-0.2, 0.074),
        (0.2, 0.076),
        (0.44, 0.064),
        (0.50, 0.08),
        (0.49, 0.16),
        (0.42, 0.195),
        (0.0, 0.196),
        (-0.36, 0.19),
        (-0.47, 0.16),
    ]
    sole = c.mask(poly(spline(sole_outline)))
    if sole:
        x, y = c.coords(sole)
        shade = ramp(y, 0.07, 0.19, 1.0, 0.78) * c.mottle(sole, 4, 0.015)
        c.paint(sole, hexrgb("#efece5"), shade, 0.1 * band(y, 0.09, 0.01))
    groove = spline([(-0.46, 0.14), (-0.2, 0.15), (0.2, 0.152), (0.46, 0.14)], 10, closed=False)
    c.fill(line(groove, 0.004), color=hexrgb("#c6c1b6"))
    outsole = c.mask(poly(spline(sole_outline)), rect(-0.6, 0.0, 0.6, 0.172, keep=False))
    c.paint(outsole, hexrgb("#3a3a3c"))
    for i in range(38):
        x0 = -0.44 + i * 0.024
        c.fill(rect(x0, 0.182, x0 + 0.008, 0.197), color=hexrgb("#1c1c1d"))


def book(
    c: Canvas,
    color: str = "#7a1f2b",
    worn: bool = False,
    paperback: bool = False,
    back: bool = False,
) -> None:
    """Cloth-bound hardcover (or a paperback) with gilt lettering and visible page edges; or its
    back cover (blurb and barcode sticker; shoot it mirrored so the spine is on the right)."""
    base = hexrgb(color)
    gold = hexrgb("#d9b45a") if not paperback else hexrgb("#f5efe0")
    thick = 0.018 if paperback else 0.045
    edge = (0.30 + thick + 0.02, 0.47 + thick * 0.6 + 0.012)
    c.shadow(rect(-0.33, -0.46, *edge, 0.02), strength=0.35, blur=0.025)
    pages = c.mask(
        poly(
            [
                (0.30, -0.47),
                (0.30 + thick, -0.47 + thick * 0.6),
                (0.30 + thick, 0.47 + thick * 0.6),
                (0.30, 0.47),
            ]
        ),
        poly(
            [
                (-0.35, 0.47),
                (0.30, 0.47),
                (0.30 + thick, 0.47 + thick * 0.6),
                (-0.35 + thick, 0.47 + thick * 0.6),
            ]
        ),
    )
    if pages:
        x, y = c.coords(pages)
        lines = 0.9 + 0.06 * np.sin(2 * np.pi * (x + y) / 0.0022)
        c.paint(pages, hexrgb("#f1ead8"), lines * c.mottle(pages, 2, 0.03))
    cover = c.mask(rect(-0.35, -0.5, 0.30, 0.47, 0.006 if paperback else 0.012))
    if cover:
        x, y = c.coords(cover)
        shade = ramp(x, -0.35, 0.3, 1.0, 0.86) * ramp(y, -0.5, 0.47, 1.05, 0.9)
        texture = c.mottle(cover, 4, 0.025) if paperback else weave(x, y, 0.004, 0.06)
        gloss = 0.08 * band(x + 0.6 * y, -0.1, 0.12)
        c.paint(cover, base, shade * texture * c.mottle(cover, 40, 0.03), gloss)
    hinge = c.mask(rect(-0.315, -0.5, -0.3, 0.47))
    if hinge:
        x, _ = c.coords(hinge)
        c.paint(hinge, base, 0.6 + 0.5 * band(x, -0.303, 0.004))
    if back:
        c.text(-0.24, -0.36, 0.46, 0.016, gold, lines=9)
        c.fill(rect(0.02, 0.2, 0.24, 0.38, 0.006), color=hexrgb("#fbfaf6"))
        for i in range(34):
            x0 = 0.035 + i * 0.0055
            width = 0.0012 + 0.0024 * float(c.rng.random())
            c.fill(rect(x0, 0.215, x0 + width, 0.335), color=hexrgb("#161616"))
        c.text(0.04, 0.345, 0.17, 0.012, hexrgb("#161616"))
        c.text(-0.24, 0.33, 0.12, 0.016, gold)
    else:
        if not paperback:
            c.fill(
                rect(-0.26, -0.43, 0.23, 0.41, 0.01),
                rect(-0.25, -0.42, 0.22, 0.40, 0.008, keep=False),
                color=gold,
            )
        c.text(-0.17, -0.33, 0.32, 0.03, gold, lines=2)
        c.fill(
            ellipse(-0.02, 0.0, 0.1, 0.1), ellipse(-0.02, 0.0, 0.088, 0.088, keep=False), color=gold
        )
        wave = [(-0.09 + 0.01 * i, 0.01 + 0.02 * math.sin(i / 2.2)) for i in range(15)]
        c.fill(line(wave, 0.008), color=gold)
        c.fill(poly([(-0.07, -0.02), (-0.02, -0.07), (0.03, -0.02)]), color=gold)
        c.text(-0.12, 0.28, 0.2, 0.018, gold)
    if worn:
        for cx, cy in [(-0.34, -0.49), (0.29, -0.49), (0.29, 0.46), (-0.34, 0.46), (0.1, 0.2)]:
            c.fill(ellipse(cx, cy, 0.03, 0.022), color=hexrgb("#d8c7b0"), opacity=0.35)


def lamp(c: Canvas, color: str = "#1f4d3a") -> None:
    """Desk lamp: brass base and stem, enamel cone shade, warm bulb."""
    brass, enamel = hexrgb("#b8893e"), hexrgb(color)
    c.shadow(ellipse(0.0, 0.465, 0.30, 0.03), strength=0.6, blur=0.02)
    base = c.mask(
        ellipse(0, 0.405, 0.24, 0.05),
        rect(-0.24, 0.405, 0.24, 0.445),
        ellipse(0, 0.445, 0.24, 0.045),
    )
    if base:
        x, y = c.coords(base)
        c.paint(base, brass, cylinder(x, -0.24, 0.24), 0.5 * band(x, -0.14, 0.02))
    top = c.mask(ellipse(0, 0.405, 0.235, 0.046))
    if top:
        x, y = c.coords(top)
        r = np.hypot(x / 0.235, (y - 0.405) / 0.046)
        c.paint(top, brass * 1.1, 0.75 + 0.25 * np.cos(r * 9) * (1 - r), 0.3 * band(x, -0.08, 0.05))
    stem = c.mask(rect(-0.016, -0.2, 0.016, 0.41))
    if stem:
        x, _ = c.coords(stem)
        c.paint(stem, brass, cylinder(x, -0.016, 0.016), 0.7 * band(x, -0.007, 0.003))
    for yy in (-0.2, 0.12):
        knob = c.mask(ellipse(0, yy, 0.03, 0.03))
        if knob:
            x, y = c.coords(knob)
            c.paint(
                knob,
                brass,
                cylinder(x, -0.03, 0.03),
                0.6 * band(np.hypot(x + 0.01, y - yy + 0.01), 0, 0.008),
            )
    chain = [(0.14, -0.12 + 0.012 * i) for i in range(14)]
    for bx, by in chain:
        c.fill(ellipse(bx, by, 0.0045, 0.0045), color=brass * 0.9)
    c.fill(ellipse(0.14, 0.058, 0.01, 0.014), color=brass)
    shade_op = poly([(-0.11, -0.5), (0.11, -0.5), (0.28, -0.12), (-0.28, -0.12)])
    glow = c.mask(ellipse(0, -0.12, 0.28, 0.035))
    shade = c.mask(shade_op)
    if shade:
        x, y = c.coords(shade)
        half = 0.11 + (y + 0.5) / 0.38 * 0.17
        t = x / half
        shading = cylinder(t, -1, 1) * ramp(y, -0.5, -0.12, 1.05, 0.9) * c.mottle(shade, 20, 0.02)
        c.paint(shade, enamel, shading, 0.55 * band(t, -0.45, 0.06) + 0.15 * band(t, 0.8, 0.05))
    if glow:
        x, y = c.coords(glow)
        r = np.hypot(x / 0.28, (y + 0.12) / 0.035)
        c.paint(glow, hexrgb("#fff4d6"), 0.88 + 0.12 * (1 - r))
    c.fill(ellipse(0, -0.115, 0.065, 0.03), color=hexrgb("#ffffff"))
    cap = c.mask(ellipse(0, -0.5, 0.11, 0.016))
    if cap:
        x, _ = c.coords(cap)
        c.paint(cap, brass, cylinder(x, -0.11, 0.11))


def phone(c: Canvas, color: str = "#3b3f46", back: bool = False) -> None:
    """Smartphone, front (home screen) or back (camera module)."""
    frame_col = hexrgb(color)
    c.shadow(rect(-0.23, -0.47, 0.26, 0.52, 0.07), strength=0.45, blur=0.03)
    for x0, y0, y1 in [(-0.252, -0.3, -0.22), (-0.252, -0.19, -0.11), (0.242, -0.25, -0.13)]:
        c.fill(rect(x0, y0, x0 + 0.01, y1, 0.004), color=frame_col * 0.9)
    body = c.mask(rect(-0.245, -0.5, 0.245, 0.5, 0.07))
    if body:
        x, _ = c.coords(body)
        c.paint(
            body,
            frame_col,
            cylinder(x, -0.245, 0.245, ambient=0.45),
            0.4 * band(x, -0.236, 0.004) + 0.2 * band(x, 0.237, 0.003),
        )
    if back:
        glass = c.mask(rect(-0.235, -0.49, 0.235, 0.49, 0.062))
        if glass:
            x, y = c.coords(glass)
            c.paint(
                glass,
                frame_col * 1.1,
                ramp(y, -0.5, 0.5, 1.05, 0.9) * c.mottle(glass, 3, 0.015),
                0.06 * band(x - y * 0.4, -0.05, 0.08),
            )
        bump = c.mask(rect(-0.215, -0.47, -0.02, -0.275, 0.05))
        if bump:
            x, y = c.coords(bump)
            c.paint(bump, frame_col * 1.2, ramp(y, -0.47, -0.275, 1.05, 0.85))
        for lx, ly in [(-0.16, -0.42), (-0.16, -0.325), (-0.075, -0.372)]:
            c.fill(ellipse(lx, ly, 0.042, 0.042), color=hexrgb("#9ea3aa"))
            c.fill(ellipse(lx, ly, 0.035, 0.035), color=hexrgb("#15161a"))
            lens = c.mask(ellipse(lx, ly, 0.022, 0.022))
            if lens:
                x, y = c.coords(lens)
                tint = np.stack(
                    [
                        ramp(x - lx, -0.02, 0.02, 0.1, 0.3),
                        ramp(y - ly, -0.02, 0.02, 0.1, 0.2),
                        np.full_like(x, 0.35),
                    ],
                    -1,
                )
                c.paint(
                    lens, tint, 1.0, 0.8 * band(np.hypot(x - lx + 0.008, y - ly + 0.008), 0, 0.004)
                )
        c.fill(ellipse(-0.06, -0.44, 0.011, 0.011), color=hexrgb("#f2eadb"))
        c.fill(
            ellipse(0.0, 0.0, 0.04, 0.045),
            ellipse(0.015, -0.02, 0.022, 0.022, keep=False),
            color=frame_col * 1.35,
        )
        return
    c.fill(rect(-0.235, -0.49, 0.235, 0.49, 0.062), color=hexrgb("#0b0c0e"))
    screen = c.mask(rect(-0.222, -0.477, 0.222, 0.477, 0.052))
    if screen:
        x, y = c.coords(screen)
        a, b = hexrgb("#3a5fd0"), hexrgb("#b04fc4")
        mix = np.clip(0.5 + 0.9 * (x * 0.6 + y * 0.8), 0, 1)[..., None]
        wallpaper = a * (1 - mix) + b * mix
        c.paint(
            screen,
            wallpaper,
            c.mottle(screen, 60, 0.12),
            0.12 * band(np.hypot(x + 0.08, y - 0.18), 0, 0.12),
        )
    c.fill(rect(-0.05, -0.457, 0.05, -0.432, 0.0125), color=hexrgb("#000000"))
    white = hexrgb("#ffffff")
    c.text(-0.19, -0.449, 0.045, 0.012, white)
    for i in range(3):
        c.fill(rect(0.13 + i * 0.022, -0.449, 0.145 + i * 0.022, -0.437, 0.003), color=white)
    palette = [
        "#f2b134",
        "#4caf50",
        "#2196f3",
        "#e53935",
        "#ffffff",
        "#8e24aa",
        "#00897b",
        "#fb8c00",
        "#3949ab",
        "#6d4c41",
    ]
    size, gap = 0.075, 0.033
    for row in range(5):
        for col in range(4):
            x0 = -0.183 + col * (size + gap)
            y0 = -0.36 + row * (size + 0.055)
            tone = hexrgb(palette[int(c.rng.integers(len(palette)))])
            icon = c.mask(rect(x0, y0, x0 + size, y0 + size, 0.02))
            if icon:
                _, y = c.coords(icon)
                c.paint(icon, tone, ramp(y, y0, y0 + size, 1.1, 0.85))
            glyph = (
                ellipse(x0 + size / 2, y0 + size / 2, 0.018, 0.018)
                if (row + col) % 2
                else rect(x0 + 0.022, y0 + 0.025, x0 + size - 0.022, y0 + size - 0.025, 0.006)
            )
            c.fill(glyph, color=hexrgb("#9e9e9e") if tone.min() > 0.95 else white)
            c.text(x0 + 0.012, y0 + size + 0.012, size - 0.024, 0.008, white)
    dock = c.mask(rect(-0.205, 0.33, 0.205, 0.455, 0.045))
    c.paint(dock, white, opacity=0.25)
    for col in range(4):
        x0 = -0.183 + col * (size + gap)
        tone = hexrgb(palette[(col * 3 + 1) % len(palette)])
        c.fill(rect(x0, 0.355, x0 + size, 0.355 + size, 0.02), color=tone)
    c.fill(rect(-0.07, 0.462, 0.07, 0.468, 0.003), color=white)
    reflection = c.mask(poly([(-0.222, -0.1), (0.222, -0.477), (0.222, -0.3), (-0.222, 0.08)]))
    c.paint(reflection, white, opacity=0.07)


def watch(c: Canvas, dial: str = "#1c2b3a", strap: str = "#7b4a2a", caseback: bool = False) -> None:
    """Wristwatch: steel case, sunburst dial, leather strap with stitching (or the back)."""
    steel, leather = hexrgb("#c9ccd1"), hexrgb(strap)
    c.shadow(
        rect(-0.1, -0.45, 0.14, 0.53, 0.03),
        ellipse(0.02, 0.03, 0.24, 0.24),
        strength=0.4,
        blur=0.03,
    )
    for top in (True, False):
        y_far, y_near = (-0.5, -0.16) if top else (0.5, 0.16)
        shape = poly([(-0.095, y_far), (0.095, y_far), (0.112, y_near), (-0.112, y_near)])
        tip = ellipse(0, y_far, 0.095, 0.03)
        m = c.mask(shape, tip)
        if m:
            x, y = c.coords(m)
            c.paint(
                m,
                leather,
                cylinder(x, -0.11, 0.11, ambient=0.55)
                * c.mottle(m, 3, 0.08)
                * c.mottle(m, 25, 0.04),
            )
        for side in (-1, 1):
            c.dashes(
                [(side * 0.082, y_far + (0.02 if top else -0.02)), (side * 0.097, y_near)],
                0.009,
                0.006,
                0.003,
                hexrgb("#e9dcc3"),
            )
        if top:
            c.fill(rect(-0.11, -0.44, 0.11, -0.41, 0.006), color=leather * 0.7)
            c.fill(
                rect(-0.1, -0.5, 0.1, -0.475, 0.008),
                rect(-0.085, -0.495, 0.085, -0.48, keep=False),
                color=steel,
            )
        else:
            for i in range(5):
                c.fill(ellipse(0, 0.3 + 0.035 * i, 0.008, 0.009), color=hexrgb("#2a1a10"))
    for sx in (-1, 1):
        for sy in (-1, 1):
            lug = c.mask(
                rect(
                    sx * 0.115 - 0.03, sy * 0.17 - 0.03, sx * 0.115 + 0.03, sy * 0.17 + 0.03, 0.012
                )
            )
            if lug:
                x, _ = c.coords(lug)
                c.paint(lug, steel, cylinder(x, sx * 0.115 - 0.03, sx * 0.115 + 0.03))
    crown = c.mask(rect(0.222, -0.032, 0.272, 0.032, 0.008))
    if crown:
        x, y = c.coords(crown)
        c.paint(crown, steel, (0.75 + 0.25 * np.sin(y * 900)) * ramp(y, -0.03, 0.03, 1.05, 0.7))
    case = c.mask(ellipse(0, 0, 0.235, 0.235))
    if case:
        x, y = c.coords(case)
        ang = angle_of(x, y, 0, 0)
        c.paint(
            case,
            steel,
            0.62 + 0.38 * np.cos(ang + 2.3),
            0.4 * band(np.hypot(x, y), 0.225, 0.004) * (np.cos(ang + 2.3) > 0.3),
        )
    if caseback:
        _caseback(c, steel)
        return
    dial_m = c.mask(ellipse(0, 0, 0.198, 0.198))
    if dial_m:
        x, y = c.coords(dial_m)
        ang = angle_of(x, y, 0, 0)
        sunburst = 0.82 + 0.22 * np.cos(2 * (ang + 0.8)) + 0.025 * np.sin(ang * 720)
        c.paint(dial_m, hexrgb(dial), sunburst * c.mottle(dial_m, 2, 0.015))
    light_dial = float(hexrgb(dial).mean()) > 0.6
    white = hexrgb("#2a2a2a") if light_dial else hexrgb("#f2f2ee")
    lume = hexrgb("#eae3c8")
    for i in range(60):
        a = math.radians(i * 6)
        if i % 5:
            tick = [
                (0.188 * math.sin(a), -0.188 * math.cos(a)),
                (0.178 * math.sin(a), -0.178 * math.cos(a)),
            ]
            c.fill(line(tick, 0.0035), color=white)
    for i in range(12):
        a = math.radians(i * 30)
        width = 0.026 if i % 3 == 0 else 0.016
        cx, cy = 0.145 * math.sin(a), -0.145 * math.cos(a)
        marker = c.mask(rotated(cx, cy, width, 0.04, a))
        c.paint(marker, steel, 1.05)
        c.fill(rotated(cx, cy, width * 0.55, 0.03, a), color=lume)
    c.text(-0.045, -0.095, 0.09, 0.013, white)
    c.text(-0.03, 0.07, 0.06, 0.009, white)
    c.fill(rect(0.09, -0.016, 0.128, 0.016, 0.003), color=hexrgb("#fbfbf8"))
    c.fill(rect(0.1, -0.006, 0.118, 0.007, 0.002), color=hexrgb("#222222"))
    for angle, length, width in [
        (math.radians(305), 0.095, 0.016),
        (math.radians(60), 0.15, 0.011),
    ]:
        tipx, tipy = length * math.sin(angle), -length * math.cos(angle)
        nx, ny = math.cos(angle) * width / 2, math.sin(angle) * width / 2
        c.fill(
            poly(
                [
                    (-nx * 1.2, -ny * 1.2),
                    (tipx - nx * 0.3, tipy - ny * 0.3),
                    (tipx * 1.05, tipy * 1.05),
                    (tipx + nx * 0.3, tipy + ny * 0.3),
                    (nx * 1.2, ny * 1.2),
                ]
            ),
            color=steel,
        )
        c.fill(
            line([(tipx * 0.35, tipy * 0.35), (tipx * 0.92, tipy * 0.92)], width * 0.45), color=lume
        )
    second = math.radians(200)
    c.fill(
        line(
            [
                (-0.04 * math.sin(second), 0.04 * math.cos(second)),
                (0.17 * math.sin(second), -0.17 * math.cos(second)),
            ],
            0.0035,
        ),
        color=hexrgb("#d13b2f"),
    )
    c.fill(ellipse(0, 0, 0.012, 0.012), color=steel)
    crystal = c.mask(ellipse(-0.06, -0.07, 0.13, 0.09))
    c.paint(crystal, WHITE, opacity=0.1)


def _caseback(c: Canvas, steel: Array) -> None:
    """A screw-down steel caseback: brushed finish, engraved rings and text, wrench notches."""
    back = c.mask(ellipse(0, 0, 0.2, 0.2))
    if back:
        x, y = c.coords(back)
        ang = angle_of(x, y, 0, 0)
        brushed = 0.85 + 0.1 * np.cos(2 * (ang + 0.5)) + 0.03 * np.sin(np.hypot(x, y) * 2400)
        c.paint(back, steel, brushed)
    engraving = steel * 0.5
    for radius in (0.17, 0.1):
        ring = ellipse(0, 0, radius - 0.003, radius - 0.003, keep=False)
        c.fill(ellipse(0, 0, radius, radius), ring, color=engraving)
    for i in range(6):
        a = math.radians(i * 60)
        c.fill(rotated(0.185 * math.cos(a), 0.185 * math.sin(a), 0.03, 0.012, a), color=engraving)
    c.text(-0.06, -0.14, 0.12, 0.01, engraving)
    c.text(-0.05, 0.125, 0.1, 0.01, engraving)
    c.text(-0.05, -0.025, 0.1, 0.014, engraving, lines=2)


def backpack(c: Canvas, color: str = "#5a6b3c") -> None:
    """Waxed-canvas daypack: front pocket, zips, webbing, leather patch."""
    canvas_col, web = hexrgb(color), hexrgb("#2b2b2b")
    c.shadow(rect(-0.3, 0.38, 0.33, 0.48, 0.1), strength=0.5, blur=0.02)
    for sx in (-1, 1):
        m = c.mask(rect(sx * 0.335 - 0.03, -0.22, sx * 0.335 + 0.03, 0.38, 0.025))
        if m:
            x, y = c.coords(m)
            c.paint(
                m,
                web,
                cylinder(x, sx * 0.335 - 0.03, sx * 0.335 + 0.03, ambient=0.6)
                * weave(x, y, 0.004, 0.15),
            )
    handle = c.mask(line(arc_points(0, -0.39, 0.09, 0.1, 180, 360), 0.028))
    if handle:
        x, y = c.coords(handle)
        c.paint(handle, web, weave(x, y, 0.004, 0.2))
    body = c.mask(rect(-0.32, -0.4, 0.32, 0.47, 0.15))
    if body:
        x, y = c.coords(body)
        shade = cylinder(x, -0.32, 0.32, ambient=0.45) * ramp(y, -0.4, 0.47, 1.05, 0.85)
        texture = weave(x, y, 0.0045, 0.04) * c.mottle(body, 14, 0.06)
        c.paint(
            body, canvas_col, shade * texture, 0.1 * band(x, -0.2, 0.05) * c.mottle(body, 30, 0.5)
        )
    zip_path = arc_points(0, -0.15, 0.27, 0.21, 180, 360, 60)
    c.fill(line(zip_path, 0.016), color=hexrgb("#1e1e1e"))
    c.dashes(zip_path, 0.004, 0.004, 0.009, hexrgb("#b9b2a0"))
    c.fill(rect(0.19, -0.33, 0.215, -0.27, 0.006), color=hexrgb("#a68a5b"))
    pocket = c.mask(rect(-0.25, 0.06, 0.25, 0.43, 0.08))
    if pocket:
        x, y = c.coords(pocket)
        bulge = 1.0 - 0.25 * np.hypot(x / 0.25, (y - 0.245) / 0.185) ** 2
        c.paint(
            pocket,
            canvas_col * 0.9,
            np.clip(bulge, 0.7, 1.05) * weave(x, y, 0.0045, 0.06) * c.mottle(pocket, 14, 0.05),
        )
    c.dashes(
        spline(
            [
                (-0.235, 0.1),
                (-0.235, 0.39),
                (-0.2, 0.415),
                (0.2, 0.415),
                (0.235, 0.39),
                (0.235, 0.1),
            ],
            6,
            closed=False,
        ),
        0.01,
        0.006,
        0.0025,
        canvas_col * 0.55,
    )
    c.fill(line([(-0.21, 0.09), (0.21, 0.09)], 0.014), color=hexrgb("#1e1e1e"))
    c.dashes([(-0.21, 0.09), (0.21, 0.09)], 0.004, 0.004, 0.008, hexrgb("#b9b2a0"))
    c.fill(rect(0.15, 0.085, 0.175, 0.15, 0.006), color=hexrgb("#a68a5b"))
    for sx in (-1, 1):
        strap = c.mask(rect(sx * 0.16 - 0.022, -0.16, sx * 0.16 + 0.022, 0.45, 0.004))
        if strap:
            x, y = c.coords(strap)
            c.paint(strap, web, weave(x, y, 0.0035, 0.18) * ramp(y, -0.16, 0.45, 1.1, 0.85))
        buckle = c.mask(
            rect(sx * 0.16 - 0.03, 0.0, sx * 0.16 + 0.03, 0.04, 0.008),
            rect(sx * 0.16 - 0.02, 0.01, sx * 0.16 + 0.02, 0.03, keep=False),
        )
        if buckle:
            x, _ = c.coords(buckle)
            c.paint(
                buckle,
                hexrgb("#a9a9a9"),
                cylinder(x, sx * 0.16 - 0.03, sx * 0.16 + 0.03, ambient=0.5),
            )
    patch = c.mask(rect(-0.06, -0.06, 0.06, 0.02, 0.01))
    if patch:
        c.paint(patch, hexrgb("#8a5a34"), c.mottle(patch, 2, 0.1))
    c.text(-0.04, -0.03, 0.08, 0.012, hexrgb("#5a3820"))


def headphones(c: Canvas, color: str = "#26282c") -> None:
    """Over-ear headphones: padded headband, steel sliders, cushioned cups."""
    shell, steel, pad = hexrgb(color), hexrgb("#b7bcc3"), hexrgb("#1a1a1c")
    c.shadow(
        ellipse(-0.32, 0.43, 0.12, 0.04), ellipse(0.32, 0.43, 0.12, 0.04), strength=0.55, blur=0.025
    )
    for sx in (-1, 1):
        slider = c.mask(rect(sx * 0.33 - 0.016, -0.08, sx * 0.33 + 0.016, 0.1, 0.006))
        if slider:
            x, y = c.coords(slider)
            c.paint(
                slider,
                steel,
                cylinder(x, sx * 0.33 - 0.016, sx * 0.33 + 0.016),
                0.4 * band(x, sx * 0.33 - 0.006, 0.003),
            )
        for i in range(6):
            c.fill(
                line(
                    [(sx * 0.33 - 0.008, -0.06 + 0.02 * i), (sx * 0.33 + 0.008, -0.06 + 0.02 * i)],
                    0.002,
                ),
                color=steel * 0.5,
            )
    arc = arc_points(0, 0.02, 0.36, 0.47, 190, 350, 64)
    band_m = c.mask(ribbon(arc, [0.065] * len(arc)))
    if band_m:
        x, y = c.coords(band_m)
        c.paint(
            band_m,
            shell,
            ramp(y, -0.45, 0.0, 1.2, 0.8) * c.mottle(band_m, 3, 0.05),
            0.18 * band(y, -0.43, 0.012),
        )
    inner = arc_points(0, 0.02, 0.33, 0.43, 200, 340, 64)
    cushion = c.mask(ribbon(inner, [0.03] * len(inner)))
    if cushion:
        x, y = c.coords(cushion)
        c.paint(cushion, pad * 1.6, c.mottle(cushion, 2, 0.12) * ramp(y, -0.4, 0.0, 1.1, 0.8))
    c.dashes(arc_points(0, 0.02, 0.355, 0.465, 200, 340, 64), 0.01, 0.007, 0.0025, shell * 1.8)
    for sx in (-1, 1):
        cx = sx * 0.33
        yoke = c.mask(line(arc_points(cx, 0.25, 0.13, 0.17, 200, 340, 32), 0.018))
        if yoke:
            x, _ = c.coords(yoke)
            c.paint(yoke, steel, 0.8, 0.3 * band(x, cx - 0.05, 0.02))
        cup = c.mask(ellipse(cx, 0.26, 0.12, 0.18))
        if cup:
            x, y = c.coords(cup)
            r = np.hypot((x - cx + 0.04) / 0.12, (y - 0.19) / 0.18)
            c.paint(cup, shell, 1.15 - 0.45 * np.clip(r, 0, 1), 0.3 * band(r, 0.25, 0.08))
        c.fill(
            ellipse(cx, 0.26, 0.085, 0.13),
            ellipse(cx, 0.26, 0.078, 0.122, keep=False),
            color=steel * 0.8,
        )
        c.text(cx - 0.035, 0.25, 0.07, 0.01, steel)
    for i in range(3):
        c.fill(ellipse(0.44, 0.2 + 0.035 * i, 0.008, 0.012), color=shell * 0.5)
    c.fill(ellipse(0.41, 0.36, 0.005, 0.005), color=hexrgb("#4cd964"))


def camera(c: Canvas, leather: str = "#1b1b1c") -> None:
    """35 mm rangefinder: chrome top plate, leatherette body, knurled lens."""
    chrome, black = hexrgb("#d6d8db"), hexrgb(leather)
    c.shadow(rect(-0.46, 0.26, 0.48, 0.34, 0.04), strength=0.55, blur=0.025)
    for x0, x1, y0 in [
        (-0.38, -0.25, -0.265),
        (0.17, 0.33, -0.275),
        (0.07, 0.12, -0.25),
        (-0.06, 0.06, -0.235),
    ]:
        knob = c.mask(rect(x0, y0, x1, -0.19, 0.008))
        if knob:
            x, y = c.coords(knob)
            knurl = 0.8 + 0.2 * np.sin(x * 1400) if x1 - x0 > 0.1 else 1.0
            c.paint(knob, chrome, cylinder(x, x0, x1, ambient=0.5) * knurl)
    top = c.mask(rect(-0.47, -0.2, 0.47, -0.02, 0.04))
    if top:
        x, y = c.coords(top)
        brushed = 1 + 0.03 * c.rng.standard_normal((y.shape[0], 1), dtype=np.float32)
        chrome_bands = ramp(y, -0.2, -0.02, 1.1, 0.7) * (1 - 0.35 * band(y, -0.11, 0.015))
        c.paint(top, chrome, chrome_bands * brushed)
    for x0, y0, x1, y1, tint in [
        (-0.40, -0.16, -0.27, -0.07, "#2c3a4a"),
        (0.24, -0.15, 0.33, -0.08, "#2c3a4a"),
        (-0.2, -0.15, -0.13, -0.09, "#e8e6df"),
    ]:
        win = c.mask(rect(x0, y0, x1, y1, 0.01))
        if win:
            x, y = c.coords(win)
            c.paint(
                win,
                hexrgb(tint),
                ramp(y, y0, y1, 1.3, 0.8),
                0.3 * band(x - x0 - (y - y0), 0.02, 0.01),
            )
    c.text(-0.06, -0.13, 0.14, 0.016, hexrgb("#2a2a2a"))
    body = c.mask(rect(-0.48, -0.03, 0.48, 0.26, 0.05))
    if body:
        x, y = c.coords(body)
        c.paint(
            body,
            black,
            c.mottle(body, 2, 0.35) * ramp(y, -0.03, 0.26, 1.3, 0.8),
            0.06 * band(x, -0.3, 0.08),
        )
    bottom = c.mask(rect(-0.47, 0.22, 0.47, 0.29, 0.03))
    if bottom:
        _, y = c.coords(bottom)
        c.paint(bottom, chrome, ramp(y, 0.22, 0.29, 1.05, 0.65))
    for sx in (-1, 1):
        c.fill(rect(sx * 0.49 - 0.015, -0.12, sx * 0.49 + 0.015, -0.07, 0.006), color=chrome * 0.9)
    c.fill(rotated(-0.27, 0.0, 0.03, 0.09, 0.5), color=chrome * 0.85)
    cx, cy = 0.0, 0.07
    rings = [
        (0.215, chrome, "ring"),
        (0.198, hexrgb("#202022"), "knurl"),
        (0.165, chrome, "ticks"),
        (0.14, hexrgb("#111111"), "plain"),
    ]
    for radius, tone, kind in rings:
        m = c.mask(ellipse(cx, cy, radius, radius))
        if m is None:
            continue
        x, y = c.coords(m)
        ang = angle_of(x, y, cx, cy)
        light = 0.7 + 0.3 * np.cos(ang + 2.3)
        if kind == "knurl":
            light = light * (0.75 + 0.25 * np.sin(ang * 120))
        c.paint(m, tone, light)
        if kind == "ticks":
            for i in range(24):
                a = math.radians(-150 + i * 12.5)
                c.fill(
                    line(
                        [
                            (cx + 0.15 * math.cos(a), cy + 0.15 * math.sin(a)),
                            (cx + 0.16 * math.cos(a), cy + 0.16 * math.sin(a)),
                        ],
                        0.003,
                    ),
                    color=hexrgb("#222222"),
                )
    for i in range(20):
        a = math.radians(200 + i * 7)
        c.fill(
            ellipse(cx + 0.128 * math.cos(a), cy + 0.128 * math.sin(a), 0.003, 0.003),
            color=hexrgb("#e6e6e6"),
        )
    glass = c.mask(ellipse(cx, cy, 0.11, 0.11))
    if glass:
        x, y = c.coords(glass)
        r = np.hypot(x - cx, y - cy) / 0.11
        coat = np.stack(
            [
                0.12 + 0.25 * band(x - cx, -0.04, 0.03),
                0.1 + 0.3 * band(y - cy, 0.04, 0.03),
                0.2 + 0.1 * (1 - r),
            ],
            -1,
        )
        spec = 0.9 * band(np.hypot(x - cx + 0.04, y - cy + 0.045), 0, 0.014)
        c.paint(glass, coat, 0.8 + 0.2 * np.cos(r * 14), spec)
    for radius in (0.07, 0.04):
        c.fill(
            ellipse(cx, cy, radius, radius),
            ellipse(cx, cy, radius - 0.003, radius - 0.003, keep=False),
            color=hexrgb("#3a3f55"),
        )


def vase(c: Canvas, color: str = "#6f8f8a") -> None:
    """Thrown ceramic bud vase: two-tone drip glaze, speckles, unglazed foot."""
    glaze, top_glaze = hexrgb(color), hexrgb("#e7e0cf")
    profile = [
        (0.065, -0.5),
        (0.055, -0.44),
        (0.05, -0.33),
        (0.085, -0.17),
        (0.18, 0.03),
        (0.215, 0.2),
        (0.19, 0.38),
        (0.14, 0.47),
        (0.125, 0.5),
    ]
    smooth = spline(profile, 10, closed=False)
    c.shadow(ellipse(0.02, 0.5, 0.2, 0.03), strength=0.55, blur=0.02)
    outline = [(r, y) for r, y in smooth] + [(-r, y) for r, y in reversed(smooth)]
    body = c.mask(poly(outline))
    if body:
        x, y = c.coords(body)
        ys = np.array([p[1] for p in smooth], np.float32)
        rs = np.array([p[0] for p in smooth], np.float32)
        half = np.interp(y, ys, rs)
        t = x / np.maximum(half, 1e-3)
        drip = -0.12 + 0.03 * np.sin(x * 90) + 0.015 * np.sin(x * 230)
        mix = np.clip((y - drip) / 0.015, 0, 1)[..., None]
        colour = top_glaze * (1 - mix) + glaze * mix
        shade = cylinder(t, -1, 1) * c.mottle(body, 3, 0.04)
        c.paint(body, colour, shade, 0.55 * band(t, -0.42, 0.07) + 0.1 * band(t, 0.75, 0.05))
    foot = c.mask(poly(outline), rect(-0.3, -0.6, 0.3, 0.465, keep=False))
    if foot:
        x, _ = c.coords(foot)
        c.paint(
            foot, hexrgb("#c8b08a"), cylinder(x, -0.14, 0.14, ambient=0.5) * c.mottle(foot, 2, 0.08)
        )
    for _ in range(140):
        yy = float(c.rng.uniform(-0.45, 0.44))
        half = float(np.interp(yy, [p[1] for p in smooth], [p[0] for p in smooth]))
        xx = float(c.rng.uniform(-0.85, 0.85)) * half
        c.fill(ellipse(xx, yy, 0.0025, 0.0025), color=hexrgb("#3b332b"), opacity=0.6)
    mouth = c.mask(ellipse(0, -0.5, 0.065, 0.016))
    c.paint(mouth, top_glaze * 1.05)
    c.fill(ellipse(0, -0.499, 0.045, 0.011), color=hexrgb("#2d2a25"))


PRODUCTS: dict[str, Callable[..., None]] = {
    "mug": mug,
    "sneaker": sneaker,
    "book": book,
    "lamp": lamp,
    "phone": phone,
    "watch": watch,
    "backpack": backpack,
    "headphones": headphones,
    "camera": camera,
    "vase": vase,
}


# --- Shots: a product, a frame, a framing --------------------------------------------------------

WHITE = np.ones(3, np.float32)
#: Sensor noise on the product, as a fraction of full scale (about 2 of 255 levels).
GRAIN = 0.007


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
    function = PRODUCTS[shot.product]
    options = dict(shot.options)
    return lambda canvas: function(canvas, **options)


def render(shot: Shot, seed: int) -> Image.Image:
    """Render ``shot``: measure the product's extent on a small probe, then frame it exactly."""
    draw = _draw(shot)
    probe = Canvas(512, 512, 200.0, (256.0, 256.0), WHITE, seed, shot.stretch)
    draw(probe)
    ys, xs = np.nonzero(probe.cover > 0.5)
    x0, x1 = (xs.min() - 256) / 200.0, (xs.max() + 1 - 256) / 200.0
    y0, y1 = (ys.min() - 256) / 200.0, (ys.max() + 1 - 256) / 200.0
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


def clutter(c: Canvas) -> None:
    """A kitchen-table scene: off-white wall, wood grain, a plant, a cup, papers, a pen."""
    x0, x1 = -c.ox / c.k, (c.width - c.ox) / c.k
    y0, y1 = -c.oy / c.k, (c.height - c.oy) / c.k
    wall = c.mask(rect(x0, y0, x1, y1))
    if wall:
        x, y = c.coords(wall)
        # Subway tiles: 0.18 x 0.09 units, rows offset by half a tile, thin grout lines.
        rows = (y - y0) / 0.09
        across = (x + 0.09 * (np.floor(rows) % 2)) / 0.18
        gap = np.minimum(
            np.abs(rows - np.round(rows)) * 0.09, np.abs(across - np.round(across)) * 0.18
        )
        grout = 1.0 - 0.15 * np.exp(-((gap / 0.0025) ** 2))
        c.paint(
            wall,
            hexrgb("#e9e2d3"),
            ramp(y, y0, y1, 1.0, 0.88) * c.mottle(wall, 90, 0.03) * grout,
            product=False,
        )
    table_y = y0 + 0.64 * (y1 - y0)
    table = c.mask(rect(x0, table_y, x1, y1))
    if table:
        x, y = c.coords(table)
        wave = y * 260 + 6 * np.sin(x * 9 + y * 40) + 3 * np.sin(x * 23)
        grain = 0.93 + 0.04 * np.sin(wave) + 0.03 * np.sin(wave * 2.7)
        c.paint(table, hexrgb("#a57a52"), grain * c.mottle(table, 8, 0.03), product=False)
    c.fill(rect(x0, table_y, x1, table_y + 0.008), color=hexrgb("#6e4d31"), product=False)
    rng = c.rng
    left, right = x0 + 0.12 * (x1 - x0), x1 - 0.12 * (x1 - x0)
    # A potted plant at the back left.
    px, py = left + float(rng.uniform(-0.03, 0.03)), table_y - 0.02
    for _ in range(9):
        angle = float(rng.uniform(-2.4, -0.7))
        length = float(rng.uniform(0.12, 0.22))
        cx, cy = px + math.cos(angle) * length * 0.6, py - 0.1 + math.sin(angle) * length * 0.6
        leaf = c.mask(rotated(cx, cy, length, 0.05, angle))
        if leaf:
            c.paint(leaf, hexrgb("#4f7a3a"), c.mottle(leaf, 8, 0.15), product=False)
    c.shadow(ellipse(px + 0.02, py + 0.1, 0.1, 0.02), strength=0.35, blur=0.02)
    c.fill(
        poly(
            [
                (px - 0.09, py - 0.08),
                (px + 0.09, py - 0.08),
                (px + 0.07, py + 0.1),
                (px - 0.07, py + 0.1),
            ]
        ),
        color=hexrgb("#c06a45"),
        product=False,
    )
    # A coffee cup at the right.
    cx, cy = right + float(rng.uniform(-0.03, 0.03)), table_y + 0.08
    c.shadow(ellipse(cx + 0.02, cy + 0.09, 0.09, 0.02), strength=0.35, blur=0.02)
    cup = c.mask(rect(cx - 0.07, cy - 0.06, cx + 0.07, cy + 0.08, 0.02))
    if cup:
        x, _ = c.coords(cup)
        c.paint(
            cup, hexrgb("#f4f1ea"), cylinder(x, cx - 0.07, cx + 0.07, ambient=0.6), product=False
        )
    c.fill(ellipse(cx, cy - 0.06, 0.07, 0.018), color=hexrgb("#5b3a22"), product=False)
    # Papers and a pen on the table in front.
    for i in range(3):
        c.fill(
            rotated(left + 0.05 + 0.03 * i, y1 - 0.08, 0.26, 0.18, float(rng.uniform(-0.4, 0.4))),
            color=hexrgb("#f7f5ef") * (0.96 + 0.02 * i),
            product=False,
        )
    c.fill(
        rotated(right - 0.05, y1 - 0.06, 0.22, 0.012, float(rng.uniform(-0.5, 0.5))),
        color=hexrgb("#1c3d7a"),
        product=False,
    )


def placeholder(size: int) -> Image.Image:
    """A 'no image' placeholder: flat light grey with a small outlined picture icon and caption."""
    c = Canvas(size, size, size * 0.8, (size / 2, size / 2), hexrgb("#ececec"), SEED)
    mark = hexrgb("#c4c4c4")
    c.fill(
        rect(-0.08, -0.065, 0.08, 0.065, 0.012),
        rect(-0.074, -0.059, 0.074, 0.059, 0.008, keep=False),
        color=mark,
    )
    c.fill(
        line([(-0.06, 0.045), (-0.02, -0.005), (0.005, 0.025), (0.03, 0.0), (0.06, 0.045)], 0.005),
        color=mark,
    )
    c.fill(ellipse(0.035, -0.03, 0.011, 0.011), color=mark)
    c.text(-0.07, 0.1, 0.14, 0.012, mark)
    return c.to_image()


# --- The photo plan: what each bundled photo is and how it was degraded --------------------------


@dataclass(frozen=True)
class Photo:
    """One file under ``examples/``: a rendered shot, then the named degradations, in order."""

    path: str
    shot: Shot | None  # None: the "no image" placeholder
    #: Gaussian blur radius in pixels (a soft, missed-focus photo).
    blur: float = 0.0
    #: Under-exposure: gamma 2.2 then 38% gain, as from a dim room with no fill light.
    dark: bool = False
    #: Downscale so the longest side is this many pixels (0: keep).
    longest: int = 0
    #: Render exactly as this other photo does (same seed): a re-encoded copy of it.
    twin: str = ""

    @property
    def seed(self) -> int:
        return seed_of(self.twin or self.path)


DARK_GAMMA, DARK_GAIN = 2.2, 0.38
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
        return placeholder(1000)
    image = render(photo.shot, photo.seed)
    if photo.blur:
        image = image.filter(ImageFilter.GaussianBlur(photo.blur))
    if photo.dark:
        lut = [round(255 * DARK_GAIN * (i / 255) ** DARK_GAMMA) for i in range(256)]
        image = image.point(lut * 3)
    if photo.longest:
        ratio = photo.longest / max(image.size)
        size = (round(image.width * ratio), round(image.height * ratio))
        image = image.resize(size, Image.Resampling.LANCZOS)
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


# --- Catalogs ----------------------------------------------------------------------------------


def upc(item: int) -> str:
    """A valid UPC-A (check digit computed) under a made-up company prefix."""
    body = f"86000412{item:03d}"
    odd = sum(int(d) for d in body[0::2])
    even = sum(int(d) for d in body[1::2])
    return body + str((10 - (odd * 3 + even) % 10) % 10)


#: Excel's rendering of the UPC 850064060010 after a re-save (export-formats.md §4, item 7).
EXCEL_DAMAGED_UPC = "8.50064E+11"

# Shopify, 2025 export generation (export-formats.md §1.2 d): `Option1 Linked To` columns and
# metafield columns; this store's metafields differ from the sample's, as they do store to store.
SHOPIFY_HEADER = [
    "Handle",
    "Title",
    "Body (HTML)",
    "Vendor",
    "Product Category",
    "Type",
    "Tags",
    "Published",
    "Option1 Name",
    "Option1 Value",
    "Option1 Linked To",
    "Option2 Name",
    "Option2 Value",
    "Option2 Linked To",
    "Option3 Name",
    "Option3 Value",
    "Option3 Linked To",
    "Variant SKU",
    "Variant Grams",
    "Variant Inventory Tracker",
    "Variant Inventory Qty",
    "Variant Inventory Policy",
    "Variant Fulfillment Service",
    "Variant Price",
    "Variant Compare At Price",
    "Variant Requires Shipping",
    "Variant Taxable",
    "Variant Barcode",
    "Image Src",
    "Image Position",
    "Image Alt Text",
    "Gift Card",
    "SEO Title",
    "SEO Description",
    "Google Shopping / Google Product Category",
    "Google Shopping / Gender",
    "Google Shopping / Age Group",
    "Google Shopping / MPN",
    "Google Shopping / Condition",
    "Google Shopping / Custom Product",
    "Google Shopping / Custom Label 0",
    "Google Shopping / Custom Label 1",
    "Google Shopping / Custom Label 2",
    "Google Shopping / Custom Label 3",
    "Google Shopping / Custom Label 4",
    "Google: Custom Product (product.metafields.mm-google-shopping.custom_product)",
    "Color (product.metafields.shopify.color-pattern)",
    "Material (product.metafields.shopify.material)",
    "Variant Image",
    "Variant Weight Unit",
    "Variant Tax Code",
    "Cost per item",
    "Status",
]


@dataclass
class ShopifyProduct:
    handle: str
    title: str
    body: str
    category: str
    type: str
    tags: str
    #: (option value, SKU, grams, quantity, price, barcode, variant image file or "")
    variants: list[tuple[str, str, float, int, str, str, str]]
    #: (file under photos/, alt text), in Image Position order
    images: list[tuple[str, str]]
    option: str = "Title"
    condition: str = ""
    weight_unit: str = "g"
    material: str = ""


def _shopify_products() -> list[ShopifyProduct]:
    bc = ["'0" + upc(i) for i in range(1, 30)]
    return [
        ShopifyProduct(
            "stoneware-mug",
            "Stoneware Mug, 12 oz",
            "<p>Wheel-thrown stoneware mug with a reactive glaze. Holds 12 oz (350 ml).</p>"
            "<ul><li>Dishwasher and microwave safe</li><li>Unglazed foot ring</li>"
            "<li>Each glaze varies slightly from the photos</li></ul>",
            "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs",
            "Mugs",
            "ceramics, kitchen, mug",
            [
                ("Teal", "NF-MUG-TEAL", 350.0, 24, "24.00", bc[0], "mug-teal.jpg"),
                ("Sand", "NF-MUG-SAND", 350.0, 18, "24.00", bc[1], "mug-sand.jpg"),
            ],
            [("mug-teal.jpg", "Teal stoneware mug"), ("mug-sand.jpg", "Sand stoneware mug")],
            option="Color",
            condition="new",
            material="Stoneware",
        ),
        ShopifyProduct(
            "waxed-canvas-daypack",
            "Waxed Canvas Daypack, 20 L",
            "<p>Waxed cotton canvas daypack with a padded laptop sleeve (fits 15 in), a zip front "
            "pocket and leather trim.</p><ul><li>20 litres</li><li>Water-resistant</li></ul>",
            "Luggage & Bags > Backpacks",
            "Backpacks",
            "bags, canvas",
            [
                ("Olive", "NF-PACK-OLV", 900.0, 9, "118.00", bc[2], "daypack-olive.jpg"),
                ("Navy", "NF-PACK-NVY", 900.0, 6, "118.00", bc[3], "daypack-navy.jpg"),
            ],
            [
                ("daypack-olive.jpg", "Olive daypack, front"),
                ("daypack-navy.jpg", "Navy daypack, front"),
            ],
            option="Color",
            condition="new",
            material="Waxed cotton canvas",
        ),
        ShopifyProduct(
            "brass-desk-lamp",
            "Brass Desk Lamp with Enamel Shade",
            "<p>Solid brass stem and base, green enamel shade, pull-chain switch. E26 bulb, "
            "60 W max.</p>",
            "Home & Garden > Lighting > Lamps",
            "Lamps",
            "lighting",
            [("Default Title", "NF-LAMP-BRS", 2200.0, 4, "145.00", bc[4], "")],
            [("desk-lamp-blurry.jpg", "Brass desk lamp")],
            condition="new",
        ),
        ShopifyProduct(
            "field-watch-38mm-refurbished",
            "Field Watch 38 mm, Refurbished",
            "<p>Automatic field watch, serviced by our watchmaker in 2026: new crystal and "
            "gaskets, movement cleaned and regulated (+4 s/day).</p><p>Condition: light hairline "
            "scratches on the case sides; the leather strap is new.</p>",
            "Apparel & Accessories > Jewelry > Watches",
            "Watches",
            "refurbished, watches",
            [("Default Title", "NF-WATCH-38R", 180.0, 1, "265.00", bc[5], "")],
            [
                ("field-watch.jpg", "Field watch, dial"),
                ("field-watch-dial.jpg", "Dial close up"),
                ("field-watch-back.jpg", "Caseback"),
                ("field-watch-side.jpg", "Crown side"),
            ],
            condition="refurbished",
        ),
        ShopifyProduct(
            "trail-runner-sneaker",
            "Trail Runner Sneaker",
            "<p>Lightweight trail runner with a recycled mesh upper and a grippy rubber "
            "outsole.</p>",
            "Apparel & Accessories > Shoes",
            "Sneakers",
            "shoes, running",
            [
                (size, f"NF-RUN-{size}", 820.0, 5, "98.00", bc[6 + i], "")
                for i, size in enumerate(["8", "9", "10", "11"])
            ],
            [("trail-runner-small.jpg", "Trail runner, side")],
            option="Size",
            condition="new",
        ),
        ShopifyProduct(
            "vintage-rangefinder-camera",
            "Vintage 35mm Rangefinder Camera",
            "<p>Classic 35mm rangefinder from the 1970s with a 40 mm f/1.7 lens. "
            "Shutter fires at all speeds.</p>",
            "Cameras & Optics > Cameras > Film Cameras",
            "Cameras",
            "vintage, film, used",
            [("Default Title", "NF-CAM-RF35", 620.0, 1, "189.00", "", "")],
            [("rangefinder-dark.jpg", "Rangefinder camera, front")],
            condition="used",
        ),
        ShopifyProduct(
            "illustrated-atlas-of-rivers",
            "The Illustrated Atlas of Rivers (Hardcover, 2nd ed.)",
            "<p>See photos.</p>",
            "Media > Books > Print Books",
            "Books",
            "books, used",
            [("Default Title", "NF-BOOK-ATLAS", 1100.0, 1, "34.00", "'9780000000002", "")],
            [("atlas-hardcover.jpg", "Atlas, front cover")],
            condition="used",
        ),
        ShopifyProduct(
            "wireless-over-ear-headphones",
            "Wireless Over-Ear Headphones",
            "<p>Brand new, never used. Small scratch on the left ear cup from storage.</p>"
            "<ul><li>30 h battery</li><li>Active noise cancelling</li></ul>",
            "Electronics > Audio > Audio Components > Headphones & Headsets > Headphones",
            "Headphones",
            "audio",
            [("Default Title", "NF-HP-OE1", 410.0, 7, "149.00", bc[10], "")],
            [("headphones.jpg", "Over-ear headphones")],
            condition="new",
        ),
        ShopifyProduct(
            "ceramic-bud-vase",
            "Ceramic Bud Vase, Sage Drip Glaze",
            "<p>Hand-thrown bud vase, 7 in tall, with a sage and cream drip glaze.</p>",
            "Home & Garden > Decor > Vases",
            "Vases",
            "ceramics, decor",
            [("Default Title", "NF-VASE-SAGE", 520.0, 3, "42.00", bc[11], "")],
            [("bud-vase-on-table.jpg", "Bud vase on the studio table")],
            condition="new",
        ),
        ShopifyProduct(
            "desk-accessories-mystery-bundle",
            "Desk Accessories Mystery Bundle",
            "<p>Three desk accessories picked by us: a surprise every time.</p>",
            "Office Supplies > Office Instruments",
            "Bundles",
            "bundle",
            [("Default Title", "NF-BUNDLE-DESK", 700.0, 20, "39.00", "", "")],
            [("no-image.png", "")],
            condition="new",
        ),
        ShopifyProduct(
            "unlocked-smartphone-128gb",
            "Unlocked Smartphone, 128 GB",
            "<p>6.1 in OLED display, dual camera, 128 GB storage. Unlocked for all carriers.</p>",
            "Electronics > Communications > Telephony > Mobile Phones",
            "Phones",
            "phones",
            [("Default Title", "NF-PHONE-128", 240.0, 8, "429.00", EXCEL_DAMAGED_UPC, "")],
            [("smartphone.jpg", "Smartphone, home screen")],
            condition="new",
        ),
        ShopifyProduct(
            "stoneware-mug-gift-set",
            "Stoneware Mug Gift Set (2 mugs)",
            "<p>Two 12 oz charcoal stoneware mugs in a gift box.</p>",
            "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs",
            "Mugs",
            "gift, ceramics",
            [("Default Title", "NF-MUG-TEAL", 900.0, 10, "44.00", bc[12], "")],
            [("mug-charcoal.jpg", "Charcoal stoneware mug")],
            condition="new",
        ),
    ]


def shopify_rows() -> list[list[str]]:
    """Header, then per product: product row, variant rows, image-only rows (§1.1)."""
    rows = [SHOPIFY_HEADER]
    for product in _shopify_products():
        for i in range(max(len(product.variants), len(product.images))):
            row = dict.fromkeys(SHOPIFY_HEADER, "")
            row["Handle"] = product.handle
            if i == 0:
                row.update(
                    {
                        "Title": product.title,
                        "Body (HTML)": product.body,
                        "Vendor": "Northfield Supply Co.",
                        "Product Category": product.category,
                        "Type": product.type,
                        "Tags": product.tags,
                        "Published": "true",
                        "Option1 Name": product.option,
                        "Gift Card": "false",
                        "Google Shopping / Condition": product.condition,
                        "Google Shopping / Custom Product": "false",
                        "Material (product.metafields.shopify.material)": product.material,
                        "Status": "active",
                    }
                )
            if i < len(product.variants):
                value, sku, grams, qty, price, barcode, image = product.variants[i]
                row.update(
                    {
                        "Option1 Value": value,
                        "Variant SKU": sku,
                        "Variant Grams": f"{grams:.1f}",
                        "Variant Inventory Tracker": "shopify",
                        "Variant Inventory Qty": str(qty),
                        "Variant Inventory Policy": "deny",
                        "Variant Fulfillment Service": "manual",
                        "Variant Price": price,
                        "Variant Requires Shipping": "true",
                        "Variant Taxable": "true",
                        "Variant Barcode": barcode,
                        "Variant Image": f"photos/{image}" if image else "",
                        "Variant Weight Unit": product.weight_unit,
                    }
                )
            if i < len(product.images):
                src, alt = product.images[i]
                row.update(
                    {
                        "Image Src": f"photos/{src}",
                        "Image Position": str(i + 1),
                        "Image Alt Text": alt,
                    }
                )
            rows.append([row[column] for column in SHOPIFY_HEADER])
    return rows


# eBay Seller Hub / File Exchange upload (export-formats.md §2.1): the `Info` row, the `*Action(…)`
# header cell, the older `ConditionDescription` column and the fuller shipping and package columns.
EBAY_INFO = ["Info", "Version=1.0.0", "Template=fx_category_template_EBAY_US"]
EBAY_HEADER = [
    "*Action(SiteID=US|Country=US|Currency=USD|Version=1193|CC=UTF-8)",
    "CustomLabel",
    "*Category",
    "StoreCategory",
    "*Title",
    "Subtitle",
    "Relationship",
    "RelationshipDetails",
    "ScheduleTime",
    "*ConditionID",
    "ConditionDescription",
    "C:Brand",
    "C:Color",
    "PicURL",
    "GalleryType",
    "VideoID",
    "*Description",
    "*Format",
    "*Duration",
    "*StartPrice",
    "BuyItNowPrice",
    "BestOfferEnabled",
    "BestOfferAutoAcceptPrice",
    "MinimumBestOfferPrice",
    "*Quantity",
    "ImmediatePayRequired",
    "*Location",
    "ShippingType",
    "ShippingService-1:Option",
    "ShippingService-1:Cost",
    "ShippingService-1:AdditionalCost",
    "ShippingService-1:FreeShipping",
    "ShippingService-2:Option",
    "ShippingService-2:Cost",
    "*DispatchTimeMax",
    "WeightMajor",
    "WeightMinor",
    "WeightUnit",
    "PackageLength",
    "PackageWidth",
    "PackageDepth",
    "MeasurementUnit",
    "ShippingPackage",
    "PromotionalShippingDiscount",
    "ShippingDiscountProfileID",
    "*ReturnsAcceptedOption",
    "ReturnsWithinOption",
    "RefundOption",
    "ShippingCostPaidByOption",
    "AdditionalDetails",
]
EBAY_TRAILER = [
    [
        "Info",
        ">>> Get more details on how to complete listings and discover how to customise your "
        "listings with advanced features: https://pages.ebay.com/sh/reports/help/create-listings-bulk/",
    ],
    ["Info", ">>> Condition descriptions are ignored for new items (ConditionID 1000-1499)"],
]


@dataclass
class EbayItem:
    sku: str
    category: str
    title: str
    condition: str
    note: str
    photos: str  # the PicURL cell as written, `|`-joined
    description: str
    price: str
    #: (service, cost, additional cost, free) for ShippingService-1
    shipping: tuple[str, str, str, str]
    #: (pounds, ounces, length, width, depth in inches)
    package: tuple[int, int, int, int, int]
    brand: str = "Harbor Resale"
    color: str = ""
    quantity: int = 1
    dispatch: int = 1
    returns: tuple[str, str, str, str] = ("ReturnsAccepted", "Days_30", "MoneyBack", "Buyer")


def _ebay_items() -> list[EbayItem]:
    free = ("USPSParcel", "0.00", "", "1")
    return [
        EbayItem(
            "HR-PHONE-128-GR",
            "9355",
            "Smartphone 128GB Unlocked Graphite - Good, Battery 88%",
            "3000",
            "Light hairline scratches on the screen edges (photo 3). Battery health 88%. No "
            "cracks, no dead pixels. Factory reset, no accounts.",
            "photos/phone-front.jpg|photos/phone-back.jpg|photos/phone-screen.jpg|"
            "photos/phone-back-side.jpg",
            "<p>Unlocked 128GB smartphone in graphite, fully tested.</p><ul><li>Works on all US "
            "carriers</li><li>USB-C cable included</li></ul>",
            "219.00",
            free,
            (0, 12, 8, 5, 3),
            color="Graphite",
        ),
        EbayItem(
            "HR-WATCH-AUTO-38",
            "31387",
            "Automatic Field Watch 38mm Steel Black Dial Leather Strap",
            "3000",
            "",
            "photos/watch.jpg",
            "<p>Pre-owned automatic field watch, 38mm steel case.</p>",
            "145.00",
            ("USPSParcel", "8.95", "", ""),
            (0, 8, 6, 4, 3),
            color="Black",
        ),
        EbayItem(
            "HR-CAM-RF-35",
            "15230",
            "Vintage 35mm Rangefinder Film Camera Body Chrome 40mm f/1.7",
            "3000",
            "See photos.",
            "photos/rangefinder-dark.jpg",
            "<p>Classic 35mm rangefinder with a 40mm f/1.7 lens.</p>",
            "159.00",
            ("USPSParcel", "11.50", "", ""),
            (1, 6, 9, 6, 5),
            color="Silver",
        ),
        EbayItem(
            "HR-SNKR-TR-10",
            "15709",
            "Trail Runner Sneakers Mens Size 10 Navy Coral New",
            "1000",
            "",
            "photos/trail-runner.jpg",
            "<p>Brand new, never worn. Small scuff on the left toe from the store display.</p>",
            "79.00",
            ("UPSGround", "12.40", "", ""),
            (2, 2, 13, 8, 5),
            color="Navy",
        ),
        EbayItem(
            "HR-BOOK-ATLAS",
            "261186",
            "The Illustrated Atlas of Rivers Hardcover 2nd Edition",
            "5000",
            "Dust jacket missing. Corners lightly bumped (photo 2). Pages clean and tight, no "
            "writing or highlighting.",
            "photos/atlas.jpg | photos/atlas-corner.jpg | photos/atlas-back.jpg|"
            "photos/atlas-cloth.jpg",
            "<p>Hardcover atlas, 2nd edition, 224 pages, full-colour maps.</p>",
            "24.00",
            ("USPSMedia", "4.49", "1.00", ""),
            (2, 0, 12, 10, 2),
        ),
        EbayItem(
            "HR-PAPERBACK-QH",
            "261186",
            "The Quiet Harbor Paperback Novel Like New",
            "2750",
            "",
            "photos/paperback.jpg",
            "<p>Paperback novel, read once, no creases.</p>",
            "9.00",
            ("USPSPriority", "24.99", "", ""),
            (0, 7, 8, 6, 1),
        ),
        EbayItem(
            "HR-MUG-TEAL",
            "20693",
            "Stoneware Coffee Mug 12oz Teal Handmade Reactive Glaze",
            "1000",
            "",
            "photos/mug.jpg",
            "<p>Wheel-thrown stoneware mug, 12oz, dishwasher safe. Buy several: six in stock.</p>",
            "22.00",
            ("USPSParcel", "9.50", "12.00", ""),
            (1, 0, 6, 6, 6),
            color="Teal",
            quantity=6,
        ),
        EbayItem(
            "HR-LAMP-BRASS",
            "112581",
            "Brass Desk Lamp Green Enamel Shade Vintage Style Rewired",
            "3000",
            "Rewired in 2025. Small paint chip inside the shade rim; the brass has a light patina.",
            "photos/desk-lamp.jpg",
            "<p>Brass banker-style desk lamp, pull-chain switch, E26 socket.</p>",
            "89.00",
            ("UPSGround", "18.75", "", ""),
            (6, 4, 20, 12, 12),
            color="Green",
            dispatch=20,
        ),
        EbayItem(
            "HR-HEAD-OE-BLK",
            "112529",
            "Over-Ear Wireless Headphones Black Tested Working",
            "3000",
            "Ear pads show light wear; small scuff on the headband. Bluetooth and wired "
            "both tested; the battery holds about 20 hours.",
            "photos/headphones.jpg",
            "<p>Over-ear wireless headphones with active noise cancelling.</p>",
            "64.00",
            ("USPSParcel", "10.25", "", ""),
            (1, 4, 10, 8, 5),
            color="Black",
            returns=("ReturnsNotAccepted", "", "", ""),
        ),
        EbayItem(
            "HR-PACK-OLIVE",
            "169285",
            "Waxed Canvas Daypack Backpack 20L Olive Leather Trim",
            "1000",
            "",
            "photos/daypack.jpg",
            "<p>New waxed canvas daypack, 20 litres, padded laptop sleeve.</p>",
            "98.00",
            ("USPSParcel", "12.95", "", ""),
            (2, 4, 16, 12, 4),
            color="Olive",
            returns=("ReturnsAccepted", "Days_14", "MoneyBack", "Buyer"),
        ),
        EbayItem(
            "HR-VASE-SAGE",
            "20517",
            "Handmade Ceramic Bud Vase Sage Drip Glaze 7in",
            "1000",
            "",
            "photos/bud-vase-blurry.jpg",
            "<p>Hand-thrown bud vase with a sage and cream drip glaze.</p>",
            "36.00",
            ("USPSParcel", "9.95", "", ""),
            (1, 2, 8, 6, 6),
            color="Green",
        ),
        EbayItem(
            "HR-CAM-DIG-RF",
            "31388",
            "Rangefinder-Style Digital Camera Body Silver Refurbished",
            "2500",
            "Refurbished in-house: new grip leatherette, sensor cleaned, firmware updated. Light "
            "wear on the top plate.",
            "photos/digital-camera-small.jpg",
            "<p>Digital rangefinder-style camera body, 24MP, with charger and one battery.</p>",
            "449.00",
            ("USPSPriority", "13.60", "", ""),
            (1, 10, 9, 6, 5),
            color="Silver",
        ),
        EbayItem(
            "HR-SNKR-TR-9U",
            "15709",
            "Trail Runner Sneakers Mens Size 9 Navy Coral Pre-owned",
            "3000",
            "Worn twice indoors. Soles clean, no odor. Original box not included.",
            "photos/trail-runner-on-table.jpg",
            "<p>Trail runner sneakers, size 9, lightly worn.</p>",
            "49.00",
            ("UPSGround", "12.40", "", ""),
            (2, 0, 13, 8, 5),
            color="Navy",
        ),
        EbayItem(
            "HR-PHONE-64-GR",
            "9355",
            "Smartphone 64GB Unlocked Graphite - Good, Battery 91%",
            "3000",
            "Light scratches on the back glass; the screen is perfect. Battery health 91%.",
            "photos/phone-front-copy.jpg",
            "<p>Unlocked 64GB smartphone in graphite, tested and reset.</p>",
            "179.00",
            free,
            (0, 12, 8, 5, 3),
            color="Graphite",
        ),
    ]


def ebay_rows() -> list[list[str]]:
    """Info row, header, one row per item, trailing Info rows."""
    rows: list[list[str]] = [EBAY_INFO, EBAY_HEADER]
    for item in _ebay_items():
        service, cost, additional, free = item.shipping
        pounds, ounces, length, width, depth = item.package
        accepted, within, refund, paid_by = item.returns
        cells = {
            EBAY_HEADER[0]: "Add",
            "CustomLabel": item.sku,
            "*Category": item.category,
            "*Title": item.title,
            "*ConditionID": item.condition,
            "ConditionDescription": item.note,
            "C:Brand": item.brand,
            "C:Color": item.color,
            "PicURL": item.photos,
            "*Description": item.description,
            "*Format": "FixedPrice",
            "*Duration": "GTC",
            "*StartPrice": item.price,
            "BestOfferEnabled": "0",
            "*Quantity": str(item.quantity),
            "*Location": "97214",
            "ShippingType": "Flat",
            "ShippingService-1:Option": service,
            "ShippingService-1:Cost": cost,
            "ShippingService-1:AdditionalCost": additional,
            "ShippingService-1:FreeShipping": free,
            "ShippingService-2:Option": "Pickup",
            "ShippingService-2:Cost": "0.00",
            "*DispatchTimeMax": str(item.dispatch),
            "WeightMajor": str(pounds),
            "WeightMinor": str(ounces),
            "WeightUnit": "lbs",
            "PackageLength": str(length),
            "PackageWidth": str(width),
            "PackageDepth": str(depth),
            "MeasurementUnit": "English",
            "ShippingPackage": "PackageThickEnvelope" if pounds == 0 else "LargePackage",
            "*ReturnsAcceptedOption": accepted,
            "ReturnsWithinOption": within,
            "RefundOption": refund,
            "ShippingCostPaidByOption": paid_by,
        }
        rows.append([cells.get(column, "") for column in EBAY_HEADER])
    rows.extend(EBAY_TRAILER)
    return rows


# Amazon category inventory flat file (export-formats.md §3.3): row 1 metadata and group labels,
# row 2 labels, row 3 attribute names; tab-delimited, no quoting.
AMAZON_COLUMNS = [
    ("feed_product_type", "Product Type", ""),
    ("item_sku", "Seller SKU", ""),
    ("brand_name", "Brand Name", ""),
    ("item_name", "Product Name", ""),
    ("external_product_id", "Product ID", ""),
    ("external_product_id_type", "Product ID Type", ""),
    ("manufacturer", "Manufacturer", ""),
    ("part_number", "Manufacturer Part Number", ""),
    ("product_description", "Product Description", "Discovery"),
    ("bullet_point1", "Key Product Features", ""),
    ("bullet_point2", "Key Product Features", ""),
    ("update_delete", "Update Delete", "Offer"),
    ("standard_price", "Standard Price", ""),
    ("quantity", "Quantity", ""),
    ("condition_type", "Condition Type", ""),
    ("condition_note", "Condition Note", ""),
    ("main_image_url", "Main Image URL", "Images"),
    *[(f"other_image_url{i}", "Other Image URL", "") for i in range(1, 9)],
    ("swatch_image_url", "Swatch Image URL", ""),
    ("parent_child", "Parentage", "Variation"),
    ("parent_sku", "Parent SKU", ""),
    ("relationship_type", "Relationship Type", ""),
    ("variation_theme", "Variation Theme", ""),
    ("size_name", "Size", ""),
    ("color_name", "Color", ""),
    ("website_shipping_weight", "Shipping Weight", "Dimensions"),
    ("website_shipping_weight_unit_of_measure", "Website Shipping Weight Unit Of Measure", ""),
    ("merchant_shipping_group_name", "Merchant Shipping Group", "Fulfillment"),
    ("fulfillment_latency", "Handling Time", ""),
    ("country_of_origin", "Country/Region of Origin", ""),
]
AMAZON_PRODUCT_TYPES = "SHOES,HEADPHONES,CAMERA_DIGITAL,ABIS_BOOK,WATCH,HOME,LUGGAGE,CELLULAR_PHONE"
AMAZON_META = [
    "TemplateType=fptcustom",
    "Version=2021.1014",
    "TemplateSignature=" + base64.b64encode(AMAZON_PRODUCT_TYPES.encode()).decode(),
    "settings=contentLanguageTag=en_US&feedType=113&headerLanguageTag=en_US&isEdit=false"
    "&labelRow=2&attributeRow=3&dataRow=4&primaryMarketplaceId=amzn1.mp.o.ATVPDKIKX0DER"
    "&templateIdentifier=3b0a6c1e-5d2f-4f7e-9a41-2c8d7e5b9f10&timestamp=2026-11-02T10:14:07.512Z",
]


def _amazon_items() -> list[dict[str, str]]:
    """One dict per data row, keyed by attribute name."""
    standard = {
        "update_delete": "Update",
        "merchant_shipping_group_name": "Migrated Template",
        "fulfillment_latency": "1",
        "country_of_origin": "China",
        "brand_name": "Brightline",
        "manufacturer": "Brightline Goods",
    }
    runner = {
        **standard,
        "feed_product_type": "shoes",
        "color_name": "Navy/Coral",
        "main_image_url": "photos/runner.jpg",
        "other_image_url1": "photos/runner-laces.jpg",
        "bullet_point1": "Recycled mesh upper",
        "bullet_point2": "Grippy rubber outsole",
        "product_description": "Lightweight trail runner with a recycled mesh upper.",
        "variation_theme": "SizeName",
    }
    rows: list[dict[str, str]] = [
        {
            **runner,
            "item_sku": "BL-RUNNER",
            "parent_child": "parent",
            "item_name": "Brightline Trail Runner Men's Running Shoe, Navy/Coral",
        },
    ]
    for i, size in enumerate(["9", "10", "11"]):
        rows.append(
            {
                **runner,
                "item_sku": f"BL-RUNNER-{size.zfill(2)}",
                "parent_child": "child",
                "parent_sku": "BL-RUNNER",
                "relationship_type": "Variation",
                "size_name": size,
                "item_name": f"Brightline Trail Runner Men's Running Shoe, Navy/Coral, Size {size}",
                "external_product_id": upc(40 + i),
                "external_product_id_type": "UPC",
                "part_number": f"TR-NC-{size}",
                "standard_price": "89.00",
                "quantity": "12",
                "condition_type": "New",
                "website_shipping_weight": "2.1",
                "website_shipping_weight_unit_of_measure": "LB",
            }
        )

    def item(
        sku: str,
        product_type: str,
        name: str,
        ident: str,
        price: str,
        condition: str,
        note: str,
        images: list[str],
        weight: str,
        unit: str,
        description: str,
        **more: str,
    ) -> dict[str, str]:
        row = {
            **standard,
            "item_sku": sku,
            "feed_product_type": product_type,
            "item_name": name,
            "external_product_id": ident,
            "external_product_id_type": "UPC" if ident else "",
            "part_number": sku.removeprefix("BL-"),
            "standard_price": price,
            "quantity": "5",
            "condition_type": condition,
            "condition_note": note,
            "website_shipping_weight": weight,
            "website_shipping_weight_unit_of_measure": unit,
            "product_description": description,
        }
        row["main_image_url"] = f"photos/{images[0]}"
        for n, image in enumerate(images[1:], start=1):
            row[f"other_image_url{n}"] = f"photos/{image}"
        row.update(more)
        return row

    rows += [
        item(
            "BL-HEADPHONES-BLK",
            "headphones",
            "Brightline Wireless Over-Ear Headphones, Black",
            upc(50),
            "129.00",
            "New",
            "",
            ["headphones.jpg", "headphones-cup.jpg"],
            "0.9",
            "LB",
            "Over-ear wireless headphones with active noise cancelling and 30 h battery.",
        ),
        item(
            "BL-CAM-RF-USED",
            "camera",
            "Vintage 35mm Rangefinder Film Camera, 40mm f/1.7",
            "",
            "145.00",
            "Used - Good",
            "",
            ["rangefinder.jpg"],
            "620",
            "GR",
            "Classic 35mm rangefinder with a fast 40mm lens.",
            quantity="1",
        ),
        item(
            "BL-ATLAS-USED",
            "abis_book",
            "The Illustrated Atlas of Rivers, 2nd Edition (Hardcover)",
            "",
            "22.00",
            "Used - Very Good",
            "See photos.",
            ["atlas-used.jpg"],
            "1.1",
            "KG",
            "Hardcover atlas with full-colour maps.",
            quantity="1",
        ),
        item(
            "BL-WATCH-38-CRM",
            "watch",
            "Brightline 38mm Automatic Field Watch, Cream Dial",
            upc(51),
            "199.00",
            "New",
            "",
            ["watch.jpg"],
            "180",
            "GR",
            "Automatic field watch. Display model: a light scratch on the crystal, otherwise new.",
        ),
        item(
            "BL-LAMP-BRASS",
            "home",
            "Brightline Brass Desk Lamp with Green Enamel Shade",
            upc(52),
            "139.00",
            "New",
            "",
            ["desk-lamp.webp"],
            "2.2",
            "KG",
            "Solid brass desk lamp with a pull-chain switch.",
        ),
        item(
            "BL-VASE-TERRA",
            "home",
            "Brightline Ceramic Bud Vase, Terracotta Drip Glaze",
            upc(53),
            "38.00",
            "New",
            "",
            ["bud-vase-on-table.jpg"],
            "520",
            "GR",
            "Hand-thrown bud vase, 7 in tall.",
        ),
        item(
            "BL-PHONE-128",
            "cellular_phone",
            "Brightline Unlocked Smartphone, 128 GB, Slate",
            EXCEL_DAMAGED_UPC,
            "429.00",
            "New",
            "",
            ["smartphone.jpg"],
            "240",
            "GR",
            "6.1 in OLED display, dual camera, unlocked.",
        ),
        item(
            "BL-MUG-01",
            "home",
            "Brightline Stoneware Mug, 12 oz, Teal",
            upc(54),
            "24.00",
            "New",
            "",
            ["mug-teal.jpg"],
            "350",
            "GR",
            "Wheel-thrown stoneware mug.",
        ),
        item(
            "BL-MUG-01",
            "home",
            "Brightline Stoneware Mug, 12 oz, Sand",
            upc(55),
            "24.00",
            "New",
            "",
            ["mug-sand.jpg"],
            "350",
            "GR",
            "Wheel-thrown stoneware mug.",
        ),
        item(
            "BL-DAYPACK-NVY",
            "luggage",
            "Brightline Waxed Canvas Daypack, 20 L, Navy",
            upc(56),
            "118.00",
            "New",
            "",
            ["daypack-navy.jpg"],
            "900",
            "GR",
            "Waxed cotton canvas daypack with a padded laptop sleeve.",
            fulfillment_latency="25",
        ),
        item(
            "BL-DAYPACK-OLV",
            "luggage",
            "Brightline Waxed Canvas Daypack, 20 L, Olive",
            upc(57),
            "118.00",
            "New",
            "",
            ["daypack-blurry.jpg"],
            "900",
            "GR",
            "Waxed cotton canvas daypack with a padded laptop sleeve.",
        ),
        item(
            "BL-LAMP-RED",
            "home",
            "Brightline Desk Lamp with Red Enamel Shade",
            upc(58),
            "129.00",
            "New",
            "",
            ["desk-lamp-small-in-frame.jpg"],
            "2.1",
            "KG",
            "Desk lamp with a red enamel shade and brass stem.",
        ),
    ]
    return rows


def amazon_rows() -> list[list[str]]:
    """The three header rows, then the data rows."""
    groups = [group for _, _, group in AMAZON_COLUMNS]
    first = [*AMAZON_META, *groups[len(AMAZON_META) :]]
    rows = [
        first,
        [label for _, label, _ in AMAZON_COLUMNS],
        [name for name, _, _ in AMAZON_COLUMNS],
    ]
    rows += [[item.get(name, "") for name, _, _ in AMAZON_COLUMNS] for item in _amazon_items()]
    return rows


# --- Writing -----------------------------------------------------------------------------------


def _csv_bytes(rows: list[list[str]], newline: str, bom: bool) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def _tsv_bytes(rows: list[list[str]], newline: str) -> bytes:
    for row in rows:
        for cell in row:
            if any(ch in cell for ch in "\t\r\n"):
                raise ValueError(f"a flat-file cell cannot hold a tab or newline: {cell!r}")
    return "".join("\t".join(row) + newline for row in rows).encode("utf-8")


def catalogs() -> dict[str, bytes]:
    """Each catalog's bytes by path under examples/, with the line endings and BOMs real files
    have: Shopify UTF-8 with LF and no BOM (§1.1); eBay UTF-8 with BOM and CRLF (§2.1); the
    Amazon flat file tab-delimited with CRLF, as Excel's "Text (Tab delimited)" writes it."""
    return {
        "shopify/products_export.csv": _csv_bytes(shopify_rows(), "\n", bom=False),
        "ebay/fx-upload.csv": _csv_bytes(ebay_rows(), "\r\n", bom=True),
        "amazon/flat-file.txt": _tsv_bytes(amazon_rows(), "\r\n"),
    }


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "examples", help="where to write")
    args = parser.parse_args(argv)
    written = build(args.out)
    total = sum(path.stat().st_size for path in written)
    print(f"wrote {len(written)} files, {total / 1e6:.2f} MB, under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
