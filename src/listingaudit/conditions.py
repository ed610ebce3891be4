"""The shared condition vocabulary: every marketplace's own condition values, mapped to one set.

The mapping lives in ``data/conditions.json`` so a new marketplace or language is a data change.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from listingaudit.model import Condition

KINDS = ("new", "refurbished", "used", "collectible", "for_parts")


@cache
def vocabulary() -> dict[str, Any]:
    text = resources.files("listingaudit").joinpath("data/conditions.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def kind(code: str) -> str:
    """``new``, ``refurbished``, ``used``, ``collectible`` or ``for_parts``."""
    entry = vocabulary()["codes"].get(code)
    return str(entry["kind"]) if entry else "used"


def label(code: str) -> str:
    entry = vocabulary()["codes"].get(code)
    return str(entry["label"]) if entry else code


def _lookup(table: str, key: str, raw: str, origin: str) -> Condition | None:
    code = vocabulary()[table].get(key)
    return Condition(code=code, raw=raw, origin=origin) if code else None


def from_ebay_id(raw: str, origin: str = "ConditionID") -> Condition | None:
    """eBay ``ConditionID`` (1000…7000); unknown IDs fall back to the nearest lower ID's family."""
    digits = raw.strip().split(".")[0]
    if not digits.isdigit():
        return None
    found = _lookup("ebay_condition_id", digits, raw.strip(), origin)
    if found:
        return found
    known = sorted(int(k) for k in vocabulary()["ebay_condition_id"])
    lower = [k for k in known if k <= int(digits)]
    return _lookup("ebay_condition_id", str(lower[-1]), raw.strip(), origin) if lower else None


def from_amazon(raw: str, origin: str = "item-condition") -> Condition | None:
    """Amazon numeric ``item-condition``, ``condition_type`` enum, or a template's label."""
    value = raw.strip()
    if value.isdigit():
        return _lookup("amazon_item_condition", value, value, origin)
    key = value.lower().replace(" ", "_").replace("-", "_")
    key = re.sub(r"_+", "_", key)
    return _lookup("amazon_condition_type", key, value, origin) or from_words(value, origin)


def from_words(raw: str, origin: str = "condition") -> Condition | None:
    """A condition written out ("Used - Very Good", "refurbished", "New with tags")."""
    key = re.sub(r"\s+", " ", raw.strip().lower().replace("–", "-").replace("—", "-"))
    key = re.sub(r"\s*-\s*", " - ", key)
    found = _lookup("words", key, raw.strip(), origin)
    if found:
        return found
    return _lookup("words", key.replace(" - ", " "), raw.strip(), origin)
