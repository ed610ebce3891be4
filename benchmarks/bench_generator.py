"""The example generator, imported by path: the benchmark reuses its headers and its renderer.

``scripts/`` is not on the import path, so the ``scripts/examplegen/`` package is loaded from its
folder once and registered under its name (its modules import each other through it, and
dataclasses look their module up in ``sys.modules``).
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "examplegen"


@cache
def generator() -> ModuleType:
    """The ``scripts/examplegen/`` package."""
    name = "examplegen"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, PACKAGE / "__init__.py", submodule_search_locations=[str(PACKAGE)]
    )
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {PACKAGE}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
