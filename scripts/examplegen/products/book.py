"""The book: a cloth hardcover or a paperback, front or back (``PRODUCTS["book"]``)."""

from __future__ import annotations

import math

import numpy as np

from ..canvas import Canvas, hexrgb
from ..shading import band, ramp, weave
from ..shapes import ellipse, line, poly, rect, ring


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
        c.fill(*ring(-0.02, 0.0, 0.1, 0.088), color=gold)
        wave = [(-0.09 + 0.01 * i, 0.01 + 0.02 * math.sin(i / 2.2)) for i in range(15)]
        c.fill(line(wave, 0.008), color=gold)
        c.fill(poly([(-0.07, -0.02), (-0.02, -0.07), (0.03, -0.02)]), color=gold)
        c.text(-0.12, 0.28, 0.2, 0.018, gold)
    if worn:
        for cx, cy in [(-0.34, -0.49), (0.29, -0.49), (0.29, 0.46), (-0.34, 0.46), (0.1, 0.2)]:
            c.fill(ellipse(cx, cy, 0.03, 0.022), color=hexrgb("#d8c7b0"), opacity=0.35)
