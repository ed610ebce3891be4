"""The over-ear headphones (``PRODUCTS["headphones"]``)."""

from __future__ import annotations

import numpy as np

from ..canvas import Canvas, hexrgb
from ..shading import band, cylinder, ramp
from ..shapes import arc_points, ellipse, line, rect, ribbon


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
