"""Parsing the values exports really hold: ``$19.99``, ``1.234,56``, ``TRUE``, ``'0850…``.

Adapters use these so every format treats prices, numbers, booleans, barcodes and HTML alike.
A value that cannot be parsed returns ``None``; the adapter reports it as a ``type-error``.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import lxml.etree
import lxml.html
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

_CURRENCY = re.compile(r"^[\s$€£¥]*|(?:\s*(?:USD|EUR|GBP|CAD|AUD|JPY))$", re.IGNORECASE)
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d+$")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_TAG = re.compile(r"<[a-zA-Z/!]")
#: Formatting tags (end tags bare, start tags with well-formed attributes). Tags that hide
#: text, restructure a document or change how text is read are not among them.
_PLAIN_NAMES = r"(p|br|hr|ul|ol|li|b|strong|i|em|u|s|small|sub|sup|span|div|a|img|h[1-6])"
_PLAIN_TAG = re.compile(
    rf"</{_PLAIN_NAMES}\s*>|<{_PLAIN_NAMES}"
    r"""(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?)*\s*(/?)>""",
    re.IGNORECASE,
)
_VOID = frozenset({"br", "hr", "img"})
_BLOCKS = frozenset({"p", "div", "ul", "ol", "li", "hr", "h1", "h2", "h3", "h4", "h5", "h6"})
#: Where a block may open without the parser closing the element it is in first.
_HOLDS_BLOCKS = frozenset({None, "div", "li"})
_PLAIN_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "#39": "'", "nbsp": " "}
_PLAIN_ENTITY = re.compile(r"&(amp|lt|gt|quot|#39|nbsp);")
_OTHER_AMPERSAND = re.compile(r"&(?!(?:amp|lt|gt|quot|#39|nbsp);)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# The number parsers are cached: a catalog repeats most of the numbers it holds (quantities,
# weights, sizes, shipping costs, many prices), and a repeat costs a dict lookup instead of a
# parse, a quarter to a half of its instructions (measured). They are pure functions of the
# text and return immutable values, so a cached answer is the answer.
_PARSED_NUMBERS = 4096


@lru_cache(maxsize=_PARSED_NUMBERS)
def parse_money(text: str) -> float | None:
    """A price as written: ``19.99``, ``$19.99``, ``1,299.00``, ``19,99``, ``1.299,00``."""
    if _PLAIN_NUMBER.fullmatch(text):
        # Most cells: float() reads these exactly as the Decimal route below does, cheaper.
        return float(text)
    value = _CURRENCY.sub("", text.strip()).replace(" ", "").replace("\u00a0", "")
    if not value:
        return None
    if "," in value and "." in value:
        # The later separator is the decimal one.
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    elif "," in value:
        whole, _, frac = value.rpartition(",")
        value = f"{whole.replace(',', '')}.{frac}" if len(frac) != 3 else value.replace(",", "")
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    result = float(number)
    return result if math.isfinite(result) else None  # "1e400" overflows a float


@lru_cache(maxsize=_PARSED_NUMBERS)
def parse_number(text: str) -> float | None:
    """A plain number, tolerating a decimal comma and scientific notation."""
    return parse_money(text) if text.strip() else None


@lru_cache(maxsize=_PARSED_NUMBERS)
def parse_int(text: str) -> int | None:
    if len(text) < 16 and text.isdigit() and text.isascii():
        # Most cells: plain digits, which the float route below reads exactly below 10**15.
        return int(text)
    number = parse_number(text)
    if number is None or number != int(number):
        return None
    return int(number)


def parse_bool(text: str) -> bool | None:
    value = text.strip().lower()
    if value in {"true", "yes", "y", "1", "on"}:
        return True
    if value in {"false", "no", "n", "0", "off"}:
        return False
    return None


def clean_barcode(text: str) -> tuple[str, str | None]:
    """A barcode without Excel's guard apostrophe, and what damage it shows (if any).

    ``'0850064060010`` is fine (Shopify's own guard). ``8.50064E+11`` was turned into a number
    by a spreadsheet and lost digits; that cannot be undone, only reported.
    """
    value = text.strip()
    if value.startswith("'"):
        value = value[1:]
    if value.isdigit():  # most barcodes: digits alone show neither kind of damage below
        return value, None
    if _SCIENTIFIC.match(value):
        return value, "scientific-notation"
    if value.endswith(".0") and value[:-2].isdigit():
        return value[:-2], "decimal-suffix"
    return value, None


def html_to_text(html: str) -> str:
    """The words a buyer reads in an HTML description, whitespace collapsed.

    Plain text (no tags) skips parsing, and so does text with only formatting tags (most
    descriptions, see ``_simple_markup_text``). lxml parses the rest: on listing descriptions it
    is 3.5x faster than BeautifulSoup (17,000 vs 5,000 docs/s measured), which matters at a
    million rows; BeautifulSoup takes over for what lxml refuses (encoding declarations, junk).
    """
    if not _TAG.search(html) and "&" not in html:
        return " ".join(html.split())
    simple = _simple_markup_text(html)
    return simple if simple is not None else _parsed_text(html)


def _parsed_text(html: str) -> str:
    """The text of any markup, by lxml (BeautifulSoup for what lxml refuses)."""
    try:
        root = lxml.html.fromstring(html)
        for hidden in root.iter("script", "style", "template"):
            hidden.drop_tree()
        pieces: Iterable[str] = root.itertext()
    except (ValueError, lxml.etree.LxmlError):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            soup = BeautifulSoup(html, "html.parser")
        for node in soup(["script", "style", "template"]):
            node.decompose()
        pieces = soup.stripped_strings
    return " ".join(" ".join(pieces).split())


def _simple_markup_text(html: str) -> str | None:
    """The text of ``html`` without a parser, when it is only formatting tags and a few
    entities (most descriptions): about 4 us a description against lxml's 30 (measured).

    ``None`` for anything else (other tags, comments, stray ``<``/``>``, other entities, control
    characters, tags a parser would close or drop), which goes to the parser. Equal to the
    parser's text on what it accepts: ``tests/test_values.py`` compares the two on generated
    markup with the lxml (libxml2) that is installed.
    """
    # split() gives text, then each tag's three groups (end name, start name, "/"), then text...
    parts = _PLAIN_TAG.split(html)
    if not _separates_text(tuple(parts[1::4]), tuple(parts[2::4]), tuple(parts[3::4])):
        return None
    # Each kept tag separates the text around it, as the parser's text pieces are joined.
    text = " ".join(parts[::4])
    if "<" in text or ">" in text or _CONTROL.search(text):
        return None
    if "&" in text:
        if _OTHER_AMPERSAND.search(text):
            return None
        text = _PLAIN_ENTITY.sub(lambda m: _PLAIN_ENTITIES[m.group(1)], text)
    result = " ".join(text.split())
    # Other invisible characters (format, private-use, unassigned): leave them to the parser.
    return result if result.isprintable() else None


@lru_cache(maxsize=1024)  # descriptions of a catalog share a few tag sequences
def _separates_text(
    closing: tuple[str | None, ...], opening: tuple[str | None, ...], slashes: tuple[str, ...]
) -> bool:
    """Whether a parser would keep this sequence of tags (end tag names, start tag names, "/"
    of each start tag) as written, so that each tag separates the text around it."""
    opened: list[str] = []
    for end, start, slash in zip(closing, opening, slashes, strict=True):
        if end:
            # Only an end tag that closes the innermost element separates text for certain:
            # a parser drops stray ones ("a</b>b" reads "ab") and closes others early.
            if not opened or opened[-1] != end.lower():
                return False
            opened.pop()
            continue
        name = (start or "").lower()
        inside = opened[-1] if opened else None
        if name == "li":
            nested = inside in ("ul", "ol")
        elif name in _BLOCKS:
            nested = inside in _HOLDS_BLOCKS
        else:
            nested = name != "a" or "a" not in opened
        if not nested:
            return False
        if name in _VOID:
            continue
        # A parser may take "<b/>" for an empty element, making the "</b>" after it a stray.
        if slash:
            return False
        opened.append(name)
    return True


def split_list(text: str, separator: str = ",") -> list[str]:
    return [part.strip() for part in text.split(separator) if part.strip()]
