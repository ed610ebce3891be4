"""The brass desk lamp (``PRODUCTS["lamp"]``)."""

from __future__ import annotations

import numpy as np

from ..canvas import Canvas, hexrgb
from ..shading import band, cylinder, ramp
from ..shapes import ellipse, poly, rect


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
