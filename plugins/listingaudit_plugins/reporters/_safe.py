"""Listing text is untrusted: what every report writer does to it before showing it.

Sellers' titles, descriptions and cell values end up in reports that people open in terminals,
browsers and spreadsheets. Control characters (ANSI escapes, BEL), bidirectional overrides
(which reorder what a reader sees, "Trojan Source") and spreadsheet formulas must never act
there; they are shown instead. The JSON outputs keep the text exactly, escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from listingaudit.safetext import visible

__all__ = ["cell", "export_path", "markdown", "visible", "write_json"]

# Cells a spreadsheet runs as a formula (OWASP "CSV injection"), fullwidth forms included:
# some Excel locales read "＝" as "=".
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_JSON_UNSAFE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_ENCODER = json.JSONEncoder(indent=2, ensure_ascii=False, default=str)
# The same layout (floats in exponent form aside: 1e-7 for 1e-07).
_ORJSON = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS


def cell(text: object) -> str:
    """A spreadsheet cell that shows ``text`` and never runs it as a formula."""
    value = visible(text)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def markdown(text: object) -> str:
    """Inline Markdown (and the HTML GitHub allows inside it) that shows ``text`` literally."""
    escaped = visible(text).replace("&", "&amp;").replace("<", "&lt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)


def write_json(data: Any, out: IO[str]) -> None:
    """Indented UTF-8 JSON that keeps every value exactly, with bidi controls, line separators
    and lone surrogates written as ``\\u`` escapes so no viewer reorders or breaks the text.

    Written piece by piece so a report never exists as one string: an iterator in ``data`` (a
    generator of listings) becomes an array written one item at a time, each by orjson (the
    standard library indents in pure Python, ~10x slower). The text is what
    ``json.dumps(data, indent=2, ensure_ascii=False, default=str)`` gives with lists in place
    of the iterators, but for floats in exponent form (``1e-7`` for ``1e-07``).
    """
    for piece in _pieces(data, ""):
        # Each unsafe character is escaped on its own, so escaping piece by piece is exact;
        # most pieces are ASCII, which has none (a check much cheaper than the search).
        if not piece.isascii():
            piece = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", piece)
        out.write(piece)
    out.write("\n")


def _pieces(value: Any, indent: str) -> Iterator[str]:
    """``value`` as JSON whose lines after the first are indented by ``indent``.

    Dicts and lists are opened and closed here, so the iterators inside them stay lazy; an
    iterator's items are plain data, each encoded whole (one encoder call per listing).
    """
    inner = indent + "  "
    if isinstance(value, dict) and value:
        for n, (key, item) in enumerate(value.items()):
            yield f"{',' if n else '{'}\n{inner}{_ENCODER.encode(key)}: "
            yield from _pieces(item, inner)
        yield f"\n{indent}}}"
    elif isinstance(value, list | tuple | Iterator):
        lazy = isinstance(value, Iterator)
        empty = True
        for item in value:
            yield f"{'[' if empty else ','}\n{inner}"
            if lazy:
                yield _indented(item).replace("\n", "\n" + inner)
            else:
                yield from _pieces(item, inner)
            empty = False
        yield "[]" if empty else f"\n{indent}]"
    else:
        yield _ENCODER.encode(value)


def _indented(item: Any) -> str:
    """``item`` as indented JSON: orjson, or the standard library for text orjson refuses (lone
    surrogates, which are not UTF-8 but do occur in damaged exports)."""
    try:
        return orjson.dumps(item, default=str, option=_ORJSON).decode()
    except orjson.JSONEncodeError:
        return _ENCODER.encode(item)


def export_path(name: str) -> tuple[str, str | None]:
    """The file on disk behind a source name, and the archive member it names if any.

    Archive members are shown as ``exports.zip!products.csv`` (``listingaudit.archives``).
    """
    archive, bang, member = name.partition("!")
    if bang and member and not Path(name).exists():
        return archive, member
    return name, None
