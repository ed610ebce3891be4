"""Values as exports write them: prices, numbers, booleans, barcodes, HTML descriptions."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from listingaudit.values import (
    _parsed_text,
    _simple_markup_text,
    clean_barcode,
    html_to_text,
    parse_bool,
    parse_int,
    parse_money,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("19.99", 19.99),
        ("$19.99", 19.99),
        ("£ 7.50", 7.5),
        ("1,299.00", 1299.0),
        ("19,99", 19.99),
        ("1.299,00", 1299.0),
        ("25 USD", 25.0),
        ("1E+2", 100.0),
        ("", None),
        ("free", None),
        ("NaN", None),
        ("1e400", None),
    ],
)
def test_parse_money(text: str, value: float | None) -> None:
    assert parse_money(text) == value


def test_plain_numbers_read_as_their_exact_decimal_value() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        whole = str(rng.randint(0, 10 ** rng.randint(0, 20)))
        text = rng.choice(["", "-"]) + whole.zfill(rng.randint(1, 4))
        if rng.random() < 0.7:
            text += "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 20)))
        assert parse_money(text) == float(Decimal(text)), text
        assert parse_money(f" {text} ") == parse_money(text)


def test_parse_int_refuses_fractions() -> None:
    assert parse_int("12") == 12
    assert parse_int("12.0") == 12
    assert parse_int("12.5") is None


@pytest.mark.parametrize(
    ("text", "value"), [("TRUE", True), ("true", True), ("0", False), ("", None)]
)
def test_parse_bool(text: str, value: bool | None) -> None:
    assert parse_bool(text) is value


def test_barcodes() -> None:
    assert clean_barcode("'0850064060010") == ("0850064060010", None)
    assert clean_barcode("8.50064E+11") == ("8.50064E+11", "scientific-notation")
    assert clean_barcode("850064060010.0") == ("850064060010", "decimal-suffix")


def test_html_to_text_keeps_words_and_drops_code() -> None:
    html = "<p>Glaze chip&nbsp;on base.</p><ul><li>350 ml</li></ul><script>alert(1)</script>"
    assert html_to_text(html) == "Glaze chip on base. 350 ml"
    assert html_to_text("plain   text\nhere") == "plain text here"
    assert html_to_text('<?xml version="1.0" encoding="utf-8"?><p>x</p>') == "x"


_NAMES = ["p", "br", "ul", "ol", "li", "b", "STRONG", "em", "span", "div", "a", "h2", "img", "Hr"]
_OTHERS = ["script", "style", "table", "td", "pre", "title", "template", "font", "o:p", "body"]
_ATTRIBUTES = ["", ' class="x"', " style='color: red'", " href=/a?b=1", " data-id = 7", " checked"]
_ATTRIBUTES += [' title="a>b"', ' title="<i>"', " alt='it''s'", ' x="&amp;"', "/", " /"]
_WORDS = ["mug", "Glaze chip", "350 ml", "café", "naïve", "🙂", "a&b", "5 < 6", "x > y", "'", '"']
_WORDS += ["&amp;", "&lt;b&gt;", "&nbsp;", "&#39;", "&quot;", "&copy;", "&AMP;", "& ", "&#x27;"]
_WORDS += ["\t", "\n", "\r\n", "\xa0", "\u2028", "\u200b", "\x0b", "\x01", "\x85", "\ue000"]
_WORDS += ["<!-- note -->", "<", ">", "<!DOCTYPE html>", "</b>", "</p>", "</br>", "</li x=1>"]


def _markup(rng: random.Random, depth: int = 0) -> str:
    """Description-like markup: nested formatting tags around words, with now and then a tag
    that hides or restructures text, an entity, a stray bracket or end tag, an odd character."""
    pieces = []
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.4 or depth > 3:
            pieces.append(rng.choice(_WORDS[:4] if rng.random() < 0.7 else _WORDS))
            continue
        name = rng.choice(_NAMES if roll < 0.95 else _OTHERS)
        start = f"<{name}{rng.choice(_ATTRIBUTES)}>"
        end = f"</{name}>" if rng.random() < 0.9 else ""
        pieces.append(start + _markup(rng, depth + 1) + end)
    return rng.choice(["", " ", "\n"]).join(pieces)


def test_formatting_markup_skips_the_parser_and_gives_the_parser_s_text() -> None:
    rng = random.Random(20261207)
    skipped = 0
    for _ in range(4000):
        html = _markup(rng)
        fast = _simple_markup_text(html)
        if fast is not None:
            skipped += 1
            assert fast == _parsed_text(html), html
    # Enough of the generated markup takes the fast way for the comparison to mean something.
    assert skipped > 500
    description = '<p>Mug&nbsp;#1 <b class="x">in excellent shape.</b></p><ul><li>Tested</li></ul>'
    assert _simple_markup_text(description) == "Mug #1 in excellent shape. Tested"
    assert _simple_markup_text("<p>a</p><script>b</script>") is None
    assert _simple_markup_text("a</b>b") is None
