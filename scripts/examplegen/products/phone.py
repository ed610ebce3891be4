"""The smartphone, front or back (``PRODUCTS["phone"]``)."""

from __future__ import annotations

import numpy as np

from ..canvas import Array, Canvas, hexrgb
from ..shading import band, cylinder, ramp
from ..shapes import ellipse, poly, rect


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
        _back(c, frame_col)
    else:
        _home_screen(c)


def _back(c: Canvas, frame_col: Array) -> None:
    """The glass back: a camera bump with three lenses, a flash and the maker's logo."""
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
            c.paint(lens, tint, 1.0, 0.8 * band(np.hypot(x - lx + 0.008, y - ly + 0.008), 0, 0.004))
    c.fill(ellipse(-0.06, -0.44, 0.011, 0.011), color=hexrgb("#f2eadb"))
    c.fill(
        ellipse(0.0, 0.0, 0.04, 0.045),
        ellipse(0.015, -0.02, 0.022, 0.022, keep=False),
        color=frame_col * 1.35,
    )


def _home_screen(c: Canvas) -> None:
    """The front: black bezel, gradient wallpaper, status bar, a grid of app icons and a dock."""
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
