"""The example generator, imported by path: the benchmark reuses its headers and its renderer.

``scripts/`` is not a package, so ``scripts/make_examples.py`` is loaded from its file once and
registered under its module name (dataclasses look their module up in ``sys.modules``).
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_examples.py"


@cache
def generator() -> ModuleType:
    """``scripts/make_examples.py`` as a module."""
    name = "make_examples"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {SCRIPT}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
