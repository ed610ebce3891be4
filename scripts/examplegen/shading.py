"""Light and material: shading factors over product-unit coordinate arrays.

Each returns a multiplier (about 1 = the flat colour) for ``Canvas.paint``'s ``shade`` or
``gloss``, computed from the coordinates ``Canvas.coords`` gives for a mask's pixels.
"""

from __future__ import annotations

import math

import numpy as np

from .canvas import Array


def cylinder(x: Array, x0: float, x1: float, light: float = -0.55, ambient: float = 0.3) -> Array:
    """Lambert shading across a vertical cylinder lit from the upper left."""
    t = np.clip((x - (x0 + x1) / 2) / ((x1 - x0) / 2), -1.0, 1.0)
    nz = np.sqrt(1.0 - t * t)
    norm = math.hypot(light, 1.0)
    lam = np.clip((t * light + nz) / norm, 0.0, 1.0)
    return ambient + (1.0 - ambient) * lam


def band(x: Array, center: float, width: float) -> Array:
    """A soft highlight stripe."""
    return np.exp(-(((x - center) / width) ** 2))


def ramp(v: Array, v0: float, v1: float, a: float, b: float) -> Array:
    """Linear gradient from ``a`` at ``v0`` to ``b`` at ``v1``."""
    return a + (b - a) * np.clip((v - v0) / (v1 - v0), 0.0, 1.0)


def weave(x: Array, y: Array, period: float, depth: float) -> Array:
    """Woven fabric: crossing threads."""
    u = np.sin(2 * np.pi * x / period)
    v = np.sin(2 * np.pi * y / period)
    fabric: Array = 1.0 + depth * (0.6 * u * v + 0.4 * (u * u - v * v))
    return fabric


def angle_of(x: Array, y: Array, cx: float, cy: float) -> Array:
    return np.arctan2(y - cy, x - cx)
