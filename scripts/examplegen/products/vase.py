"""The ceramic bud vase (``PRODUCTS["vase"]``)."""

from __future__ import annotations

import numpy as np

from ..canvas import Canvas, hexrgb
from ..shading import band, cylinder
from ..shapes import ellipse, poly, rect, spline


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
