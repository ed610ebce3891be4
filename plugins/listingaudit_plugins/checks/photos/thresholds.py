"""Per-marketplace photo thresholds, read from ``data/<marketplace>.json`` with their sources.

Each number in a data file sits next to its source, the date it was taken and a confidence
label (OFFICIAL, THIRD-PARTY, UNVERIFIED), so a finding can say where its threshold comes from.
An entry may list dated ``changes`` (Google's 500 px minimum from 31 Jan 2027): the latest one
already in force wins.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

_NAME = re.compile(r"^[a-z0-9_-]+$")


@dataclass(frozen=True)
class Limit:
    """A threshold and where it comes from (shown in findings)."""

    value: Any
    source: str


@cache
def _document(marketplace: str) -> dict[str, Any] | None:
    if not _NAME.match(marketplace):
        return None
    path = resources.files(__package__).joinpath(f"data/{marketplace}.json")
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def label(marketplace: str) -> str:
    """The marketplace's name as sellers know it ("eBay", "Google Merchant Center")."""
    document = _document(marketplace)
    return str(document["label"]) if document else marketplace


def marketplace_limits(marketplace: str, today: date | None = None) -> dict[str, Limit]:
    """The thresholds in force ``today`` for ``marketplace`` (none for an unknown one)."""
    return dict(_limits_on(marketplace, today or date.today()))


@lru_cache(maxsize=256)
def _limits_on(marketplace: str, today: date) -> dict[str, Limit]:
    """Remembered by day: the data files do not change during a run (never change the result)."""
    document = _document(marketplace)
    if document is None:
        return {}
    limits: dict[str, Limit] = {}
    for key, entry in document["thresholds"].items():
        current, since = entry, f"as of {entry['date']}"
        for change in entry.get("changes", []):
            if today >= date.fromisoformat(change["from"]):
                current, since = change, f"in force from {change['from']}"
        source = f"{document['label']}: {current['source']} [{current['confidence']}], {since}"
        limits[key] = Limit(current["value"], source)
    return limits
