"""What is drawn that is not the product: a cluttered table scene behind it, or a placeholder.

Both make photos the audit should flag: a busy off-white background instead of pure white, and
a "no image" stand-in instead of a product photo.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

from .canvas import Canvas, hexrgb
from .shading import cylinder, ramp
from .shapes import ellipse, line, poly, rect, rotated


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


def placeholder(size: int, seed: int) -> Image.Image:
    """A 'no image' placeholder: flat light grey with a small outlined picture icon and caption."""
    c = Canvas(size, size, size * 0.8, (size / 2, size / 2), hexrgb("#ececec"), seed)
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
