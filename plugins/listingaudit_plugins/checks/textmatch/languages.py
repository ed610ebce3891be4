"""Vocabulary files by language: ``data/<language>.json`` beside a check family's modules.

Adding a language is adding one file; configuration chooses which files a run reads, and the
lists and tables of every chosen file are merged, so English and German phrases can both match.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

#: Data files in a family's ``data/`` folder that are not vocabularies.
_NOT_LANGUAGES = {"rules"}


def available(package: str) -> list[str]:
    """The languages a family ships (``en`` for ``data/en.json``), sorted."""
    folder = resources.files(package).joinpath("data")
    names = (entry.name for entry in folder.iterdir() if entry.name.endswith(".json"))
    return sorted(
        n.removesuffix(".json") for n in names if n.removesuffix(".json") not in _NOT_LANGUAGES
    )


@cache
def load(package: str, languages: tuple[str, ...]) -> dict[str, Any]:
    """The chosen languages' vocabularies merged: lists concatenated, tables combined.

    Keys starting with ``_`` (``_about``, ``_source``) are documentation and are dropped.
    """
    merged: dict[str, Any] = {}
    for language in languages:
        text = resources.files(package).joinpath(f"data/{language}.json").read_text("utf-8")
        _merge(merged, json.loads(text))
    return merged


def _merge(into: dict[str, Any], data: dict[str, Any]) -> None:
    for key, value in data.items():
        if key.startswith("_"):
            continue
        if isinstance(value, dict):
            _merge(into.setdefault(key, {}), value)
        elif isinstance(value, list):
            into.setdefault(key, []).extend(value)
        else:
            into[key] = value


def schema(package: str) -> dict[str, Any]:
    """The JSON Schema of a ``languages = [...]`` configuration key for ``package``."""
    return {
        "type": "array",
        "items": {"enum": available(package)},
        "minItems": 1,
        "uniqueItems": True,
        "description": "Vocabulary languages to use (files in the family's data/ folder).",
    }
