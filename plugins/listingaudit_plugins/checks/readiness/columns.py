"""The columns readiness checks read from a listing's raw rows, by normalized header name.

Whether a format carries a field at all is a fact of its file: a listing from a file with no
title column (an Amazon Inventory Loader, an offer-only flat file) is not missing a title. Raw
rows keep only the cells that hold text, so a file "has" a column when some row of it fills the
column in; a file in which no row has a title reads as a format without titles. The names, and
the rows that need no title or price (an eBay ``Revise``, an Amazon parent row), are data in
``data/columns.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from listingaudit.model import Listing

# eBay's first header cell carries metadata: "*Action(SiteID=US|Country=US|Currency=USD|...)".
_METADATA = re.compile(r"\([^()]*=[^()]*\)\s*$")


@cache  # a file has a few dozen headers, read on every listing
def normalize(header: str) -> str:
    """``"*Action(SiteID=US|...)"`` → ``"action"``; ``" Variant  Price "`` → ``"variant price"``."""
    bare = _METADATA.sub("", header.strip().lstrip("*"))
    return " ".join(bare.lower().split())


@cache
def _vocabulary() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("data/columns.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _names(field: str) -> frozenset[str]:
    return frozenset(normalize(name) for name in _vocabulary()["fields"][field]["columns"])


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell as the file wrote it, with the line its row starts on."""

    line: int | None
    column: str
    text: str


class _Headers:
    """The headers, as files write them, of one field's columns, learned from the rows read.

    Normalizing every header of every row cost more than the rest of the check: a set of the
    headers seen so far lets a row that brings no new header be matched by set operations.
    """

    def __init__(self, names: frozenset[str]) -> None:
        self._names = names
        self._seen: set[str] = set()
        self._matching: set[str] = set()

    def learn(self, row: Mapping[str, str]) -> None:
        for header in row.keys() - self._seen:
            if normalize(header) in self._names:
                self._matching.add(header)
            # Seen only once judged, so another thread never takes it for a non-match.
            self._seen.add(header)

    def of(self, row: Mapping[str, str]) -> list[str]:
        """The row's headers that belong to the field, in the row's order."""
        if not self._seen.issuperset(row):
            self.learn(row)
        if self._matching.isdisjoint(row):
            return []
        # filter() walks the row's headers without a Python step per header (rows are wide).
        return list(filter(self._matching.__contains__, row))


@cache
def _headers(field: str) -> _Headers:
    return _Headers(_names(field))


def cells(listing: Listing, field: str) -> list[Cell]:
    """Every cell of ``field``'s columns in the listing's rows, in file order."""
    headers = _headers(field)
    lines = listing.source.lines
    return [
        Cell(lines[i] if i < len(lines) else None, header, row[header])
        for i, row in enumerate(listing.raw)
        for header in headers.of(row)
    ]


def texts(listing: Listing, field: str) -> list[str]:
    """The texts of :func:`cells`, without lines and columns: a cheaper first look for a check
    that needs the cells themselves only when one of them is wrong."""
    headers = _headers(field)
    return [row[header] for row in listing.raw for header in headers.of(row)]


def carries(listing: Listing, field: str) -> bool:
    """Whether the listing's file has a ``field`` column, filled or not.

    Read from the file's header (``SourceRef.columns``); a listing whose adapter gives no header
    is assumed to carry the field, so it is still judged.
    """
    if not listing.source.columns:
        return True
    return bool(_names(field) & _normalized(listing.source.columns))


@cache
def _normalized(columns: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize(column) for column in columns)


def required_and_empty(listing: Listing, field: str) -> bool:
    """Whether the eBay adapter lists ``field``'s column as an empty ``*`` column (IMP007's)."""
    names = _names(field)
    return any(normalize(column) in names for column in listing.extra.get("empty_required", ()))


def exemption(listing: Listing, field: str) -> str | None:
    """Why the listing's rows need no ``field`` (e.g. ``"Action=Revise"``), or ``None``."""
    if not listing.raw:
        return None
    row = {normalize(header): text.strip() for header, text in listing.raw[0].items()}
    for rule in _vocabulary()["exempt"]:
        value = row.get(normalize(rule["column"]), "")
        if field in rule["fields"] and value.lower() in {v.lower() for v in rule["values"]}:
            return f"{rule['column']}={value}"
    return None
