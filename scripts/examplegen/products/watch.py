"""The wristwatch, dial or caseback (``PRODUCTS["watch"]``)."""

from __future__ import annotations

import math

import numpy as np

from ..canvas import WHITE, Array, Canvas, hexrgb
from ..shading import angle_of, band, cylinder, ramp
from ..shapes import ellipse, line, poly, rect, ring, rotated


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
        c.fill(*ring(0, 0, radius, radius - 0.003), color=engraving)
    for i in range(6):
        a = math.radians(i * 60)
        c.fill(rotated(0.185 * math.cos(a), 0.185 * math.sin(a), 0.03, 0.012, a), color=engraving)
    c.text(-0.06, -0.14, 0.12, 0.01, engraving)
    c.text(-0.05, 0.125, 0.1, 0.01, engraving)
    c.text(-0.05, -0.025, 0.1, 0.014, engraving, lines=2)
