"""Listing text is untrusted: how any output shows it without letting it act.

Sellers' titles and descriptions end up in terminals, browsers and spreadsheets. Control
characters (ANSI escapes, BEL) and bidirectional overrides (which reorder what a reader sees,
"Trojan Source") must be shown, never obeyed.
"""

from __future__ import annotations

import unicodedata

#: Bidirectional controls (Unicode TR9 explicit embeddings, overrides, isolates and marks).
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Categories never shown as themselves: controls, line/paragraph separators, lone surrogates
# (from undecodable bytes), unassigned and private-use code points. Other format characters
# (zero-width joiner in emoji, soft hyphen) are harmless and kept.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Zl", "Zp", "Cs", "Cn", "Co"})


def _shown(char: str, multiline: bool) -> str:
    if multiline and char in "\n\t":
        return char
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: "\x07" shows as "␇"
    if code == 0x7F:
        return "\u2421"  # ␡
    if char in BIDI_CONTROLS or unicodedata.category(char) in _HIDDEN_CATEGORIES:
        return f"<U+{code:04X}>"
    return char


def visible(text: object, *, multiline: bool = False) -> str:
    """``text`` with every control, bidi and invisible-separator character shown, not obeyed.

    Also makes the text valid XML 1.0 and encodable as UTF-8 (lone surrogates are shown).
    """
    value = str(text)
    if value.isprintable():  # the common case; bidi controls are format characters, not printable
        return value
    return "".join(_shown(char, multiline) for char in value)
