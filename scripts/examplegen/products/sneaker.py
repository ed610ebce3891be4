"""The running shoe (``PRODUCTS["sneaker"]``)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..canvas import Array, Canvas, hexrgb
from ..shading import band, ramp, weave
from ..shapes import Point, ellipse, line, poly, rect, ribbon, rotated, spline


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
    toe_cap = [
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
    _overlay(c, toe_cap, acc, ramp_from=-0.06, darkest=0.78)
    heel_counter = [
        (0.30, 0.08),
        (0.33, -0.02),
        (0.40, -0.14),
        (0.455, -0.205),
        (0.475, -0.08),
        (0.46, 0.08),
        (0.38, 0.085),
    ]
    _overlay(c, heel_counter, acc, ramp_from=-0.2, darkest=0.75)
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
    for seam in (
        [(-0.455, 0.06), (-0.42, 0.005), (-0.36, -0.03), (-0.31, -0.045)],
        [(0.32, 0.06), (0.345, -0.02), (0.405, -0.12), (0.45, -0.18)],
    ):
        c.dashes(spline(seam, 6, closed=False), 0.008, 0.006, 0.0025, acc * 0.55)
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


def _overlay(
    c: Canvas, outline: Sequence[Point], color: Array, ramp_from: float, darkest: float
) -> None:
    """An accent panel stitched over the upper, shaded darker from ``ramp_from`` to the sole."""
    panel = c.mask(poly(spline(outline)))
    if panel:
        _, y = c.coords(panel)
        c.paint(panel, color, ramp(y, ramp_from, 0.08, 1.08, darkest) * c.mottle(panel, 3, 0.07))
