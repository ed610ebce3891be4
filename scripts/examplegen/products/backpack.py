"""The waxed-canvas daypack (``PRODUCTS["backpack"]``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..canvas import Canvas, hexrgb
from ..shading import band, cylinder, ramp, weave
from ..shapes import Op, Point, arc_points, line, rect, spline


def backpack(c: Canvas, color: str = "#5a6b3c") -> None:
    """Waxed-canvas daypack: front pocket, zips, webbing, leather patch."""
    canvas_col, web = hexrgb(color), hexrgb("#2b2b2b")
    c.shadow(rect(-0.3, 0.38, 0.33, 0.48, 0.1), strength=0.5, blur=0.02)
    for sx in (-1, 1):
        m = c.mask(rect(sx * 0.335 - 0.03, -0.22, sx * 0.335 + 0.03, 0.38, 0.025))
        if m:
            x, y = c.coords(m)
            c.paint(
                m,
                web,
                cylinder(x, sx * 0.335 - 0.03, sx * 0.335 + 0.03, ambient=0.6)
                * weave(x, y, 0.004, 0.15),
            )
    handle = c.mask(line(arc_points(0, -0.39, 0.09, 0.1, 180, 360), 0.028))
    if handle:
        x, y = c.coords(handle)
        c.paint(handle, web, weave(x, y, 0.004, 0.2))
    body = c.mask(rect(-0.32, -0.4, 0.32, 0.47, 0.15))
    if body:
        x, y = c.coords(body)
        shade = cylinder(x, -0.32, 0.32, ambient=0.45) * ramp(y, -0.4, 0.47, 1.05, 0.85)
        texture = weave(x, y, 0.0045, 0.04) * c.mottle(body, 14, 0.06)
        c.paint(
            body, canvas_col, shade * texture, 0.1 * band(x, -0.2, 0.05) * c.mottle(body, 30, 0.5)
        )
    top_zip = arc_points(0, -0.15, 0.27, 0.21, 180, 360, 60)
    _zipper(c, top_zip, 0.016, 0.009, pull=rect(0.19, -0.33, 0.215, -0.27, 0.006))
    pocket = c.mask(rect(-0.25, 0.06, 0.25, 0.43, 0.08))
    if pocket:
        x, y = c.coords(pocket)
        bulge = 1.0 - 0.25 * np.hypot(x / 0.25, (y - 0.245) / 0.185) ** 2
        c.paint(
            pocket,
            canvas_col * 0.9,
            np.clip(bulge, 0.7, 1.05) * weave(x, y, 0.0045, 0.06) * c.mottle(pocket, 14, 0.05),
        )
    c.dashes(
        spline(
            [
                (-0.235, 0.1),
                (-0.235, 0.39),
                (-0.2, 0.415),
                (0.2, 0.415),
                (0.235, 0.39),
                (0.235, 0.1),
            ],
            6,
            closed=False,
        ),
        0.01,
        0.006,
        0.0025,
        canvas_col * 0.55,
    )
    pocket_zip = [(-0.21, 0.09), (0.21, 0.09)]
    _zipper(c, pocket_zip, 0.014, 0.008, pull=rect(0.15, 0.085, 0.175, 0.15, 0.006))
    for sx in (-1, 1):
        strap = c.mask(rect(sx * 0.16 - 0.022, -0.16, sx * 0.16 + 0.022, 0.45, 0.004))
        if strap:
            x, y = c.coords(strap)
            c.paint(strap, web, weave(x, y, 0.0035, 0.18) * ramp(y, -0.16, 0.45, 1.1, 0.85))
        buckle = c.mask(
            rect(sx * 0.16 - 0.03, 0.0, sx * 0.16 + 0.03, 0.04, 0.008),
            rect(sx * 0.16 - 0.02, 0.01, sx * 0.16 + 0.02, 0.03, keep=False),
        )
        if buckle:
            x, _ = c.coords(buckle)
            c.paint(
                buckle,
                hexrgb("#a9a9a9"),
                cylinder(x, sx * 0.16 - 0.03, sx * 0.16 + 0.03, ambient=0.5),
            )
    patch = c.mask(rect(-0.06, -0.06, 0.06, 0.02, 0.01))
    if patch:
        c.paint(patch, hexrgb("#8a5a34"), c.mottle(patch, 2, 0.1))
    c.text(-0.04, -0.03, 0.08, 0.012, hexrgb("#5a3820"))


def _zipper(c: Canvas, path: Sequence[Point], tape: float, teeth: float, pull: Op) -> None:
    """A zip along ``path``: dark tape ``tape`` wide, light teeth ``teeth`` wide, a leather pull."""
    c.fill(line(path, tape), color=hexrgb("#1e1e1e"))
    c.dashes(path, 0.004, 0.004, teeth, hexrgb("#b9b2a0"))
    c.fill(pull, color=hexrgb("#a68a5b"))
