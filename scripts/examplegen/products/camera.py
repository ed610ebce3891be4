"""The 35 mm rangefinder camera (``PRODUCTS["camera"]``)."""

from __future__ import annotations

import math

import numpy as np

from ..canvas import Canvas, hexrgb
from ..shading import angle_of, band, cylinder, ramp
from ..shapes import ellipse, line, rect, ring, rotated


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
        c.fill(*ring(cx, cy, radius, radius - 0.003), color=hexrgb("#3a3f55"))
