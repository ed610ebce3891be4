"""Values as exports write them: prices, numbers, booleans, barcodes, HTML descriptions."""

from __future__ import annotations

import pytest

from listingaudit.values import clean_barcode, html_to_text, parse_bool, parse_int, parse_money


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
