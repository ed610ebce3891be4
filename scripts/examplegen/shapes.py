"""Shapes in product units: the vocabulary every drawing is written in.

Products are drawn in "product units" (about -0.5..0.5 across the product), mapped to pixels by a
scale and an origin that ``shots.render`` chooses so the product fills the frame as asked. A shape
here is only a description (an ``Op``); ``Canvas.mask`` rasterises it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Op:
    """One shape in a mask: drawn (``keep``) or cut out of what came before."""

    kind: str  # "ellipse" | "rect" | "poly" | "line"
    pts: tuple[Point, ...]
    size: float = 0.0  # rect corner radius or line width, in product units
    keep: bool = True


def ellipse(cx: float, cy: float, rx: float, ry: float, keep: bool = True) -> Op:
    return Op("ellipse", ((cx - rx, cy - ry), (cx + rx, cy + ry)), keep=keep)


def ring(cx: float, cy: float, r: float, inner: float) -> tuple[Op, Op]:
    """A circular outline: the disc of radius ``r`` less the disc of radius ``inner``."""
    return ellipse(cx, cy, r, r), ellipse(cx, cy, inner, inner, keep=False)


def rect(x0: float, y0: float, x1: float, y1: float, r: float = 0.0, keep: bool = True) -> Op:
    return Op("rect", ((x0, y0), (x1, y1)), r, keep)


def poly(points: Iterable[Point], keep: bool = True) -> Op:
    return Op("poly", tuple(points), keep=keep)


def line(points: Iterable[Point], width: float, keep: bool = True) -> Op:
    return Op("line", tuple(points), width, keep)


def rotated(cx: float, cy: float, w: float, h: float, angle: float) -> Op:
    """A ``w`` x ``h`` rectangle centred on (cx, cy), turned by ``angle`` radians."""
    c, s = math.cos(angle), math.sin(angle)
    corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    return poly((cx + x * c - y * s, cy + x * s + y * c) for x, y in corners)


def spline(points: Sequence[Point], steps: int = 12, closed: bool = True) -> list[Point]:
    """A Catmull-Rom curve through ``points``: smooth outlines from a few control points."""
    pts = list(points)
    n = len(pts)
    out: list[Point] = []
    segments = n if closed else n - 1
    for i in range(segments):
        p0 = pts[(i - 1) % n] if closed or i > 0 else pts[0]
        p1, p2 = pts[i], pts[(i + 1) % n]
        p3 = pts[(i + 2) % n] if closed or i + 2 < n else pts[-1]
        for step in range(steps):
            t = step / steps
            weights = (
                (-t + 2 * t * t - t**3) / 2,
                (2 - 5 * t * t + 3 * t**3) / 2,
                (t + 4 * t * t - 3 * t**3) / 2,
                (-t * t + t**3) / 2,
            )
            x = sum(w * p[0] for w, p in zip(weights, (p0, p1, p2, p3), strict=True))
            y = sum(w * p[1] for w, p in zip(weights, (p0, p1, p2, p3), strict=True))
            out.append((x, y))
    if not closed:
        out.append(pts[-1])
    return out


def ribbon(center: Sequence[Point], widths: Sequence[float]) -> Op:
    """A band of varying width along a centre line (straps, stripes, headbands)."""
    left: list[Point] = []
    right: list[Point] = []
    for i, (x, y) in enumerate(center):
        a = center[max(i - 1, 0)]
        b = center[min(i + 1, len(center) - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        norm = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / norm, dx / norm
        half = widths[i] / 2
        left.append((x + nx * half, y + ny * half))
        right.append((x - nx * half, y - ny * half))
    return poly(left + right[::-1])


def arc_points(
    cx: float, cy: float, rx: float, ry: float, start: float, end: float, n: int = 48
) -> list[Point]:
    """Points on an elliptical arc, angles in degrees (0 = right, 90 = down)."""
    return [
        (
            cx + rx * math.cos(math.radians(start + (end - start) * i / (n - 1))),
            cy + ry * math.sin(math.radians(start + (end - start) * i / (n - 1))),
        )
        for i in range(n)
    ]
