"""Listing text is untrusted: what every report writer does to it before showing it.

Sellers' titles, descriptions and cell values end up in reports that people open in terminals,
browsers and spreadsheets. Control characters (ANSI escapes, BEL), bidirectional overrides
(which reorder what a reader sees, "Trojan Source") and spreadsheet formulas must never act
there; they are shown instead. The JSON outputs keep the text exactly, escaped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from listingaudit.safetext import visible

__all__ = ["cell", "export_path", "json_text", "markdown", "visible"]

# Cells a spreadsheet runs as a formula (OWASP "CSV injection"), fullwidth forms included:
# some Excel locales read "＝" as "=".
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_JSON_UNSAFE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def cell(text: object) -> str:
    """A spreadsheet cell that shows ``text`` and never runs it as a formula."""
    value = visible(text)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def markdown(text: object) -> str:
    """Inline Markdown (and the HTML GitHub allows inside it) that shows ``text`` literally."""
    escaped = visible(text).replace("&", "&amp;").replace("<", "&lt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)


def json_text(data: Any) -> str:
    """Indented UTF-8 JSON that keeps every value exactly, with bidi controls, line separators
    and lone surrogates written as ``\\u`` escapes so no viewer reorders or breaks the text."""
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def export_path(name: str) -> tuple[str, str | None]:
    """The file on disk behind a source name, and the archive member it names if any.

    Archive members are shown as ``exports.zip!products.csv`` (``listingaudit.archives``).
    """
    archive, bang, member = name.partition("!")
    if bang and member and not Path(name).exists():
        return archive, member
    return name, None
