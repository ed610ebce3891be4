"""One drawing function per product type, looked up by the name a ``Shot`` gives.

Each draws on a ``Canvas`` in product units (about -0.5..0.5 across the product) and takes its
variations (colours, the back, a worn copy) as keyword arguments. Draw order and every call on
``c.rng`` are part of the output: reordering them changes the committed photos.
"""

from __future__ import annotations

from collections.abc import Callable

from .backpack import backpack
from .book import book
from .camera import camera
from .headphones import headphones
from .lamp import lamp
from .mug import mug
from .phone import phone
from .sneaker import sneaker
from .vase import vase
from .watch import watch

PRODUCTS: dict[str, Callable[..., None]] = {
    "mug": mug,
    "sneaker": sneaker,
    "book": book,
    "lamp": lamp,
    "phone": phone,
    "watch": watch,
    "backpack": backpack,
    "headphones": headphones,
    "camera": camera,
    "vase": vase,
}
