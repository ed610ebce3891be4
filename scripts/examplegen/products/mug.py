"""The stoneware mug (``PRODUCTS["mug"]``)."""

from __future__ import annotations

import numpy as np

from ..canvas import Canvas, hexrgb
from ..shading import band, cylinder, ramp
from ..shapes import ellipse, poly, rect, ring


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
    c.fill(*ring(-0.1, 0.0, 0.055, 0.045), color=cream)
    c.fill(
        poly([(-0.135, 0.02), (-0.11, -0.025), (-0.09, 0.005), (-0.08, -0.01), (-0.065, 0.02)]),
        color=cream,
    )
    c.text(-0.17, 0.08, 0.14, 0.012, cream)
