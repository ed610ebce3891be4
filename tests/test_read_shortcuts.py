"""The shortcuts reading takes for speed give what the general route gives.

Each fast path (plain-digit integers, blank rows, per-row field dictionaries of the eBay,
Shopify and Amazon adapters, rows read into selected columns only) is compared with the
slower, plainer code it stands in for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from listingaudit.problems import ProblemLog
from listingaudit.tabular import Header, InputFile, Record, Row, Selection, picker
from listingaudit.values import parse_int, parse_number
from listingaudit_plugins.adapters import amazon, ebay, shopify

FIXTURES = Path(__file__).parent / "fixtures"


def _int_by_float_route(text: str) -> int | None:
    """``parse_int`` without its shortcut: the number read as a price, kept when whole."""
    number = parse_number(text)
    return None if number is None or number != int(number) else int(number)


@pytest.mark.parametrize(
    "text",
    [
        *("0", "7", "007", "42", "123456789012345", "999999999999999", "1234567890123456"),
        *("9" * 20, "", " 7", "7 ", "+7", "-7", "7.0", "7.5", "1_000", "٣", "²", "1e3"),
    ],
)
def test_parse_int_reads_as_the_float_route_does(text: str) -> None:
    assert parse_int(text) == _int_by_float_route(text)


def test_long_digit_strings_keep_the_float_route() -> None:
    # Past 15 digits a float is not exact: the shortcut must not change what is read.
    assert parse_int("9" * 20) == int(float("9" * 20)) != int("9" * 20)


@pytest.mark.parametrize(
    "cells",
    [[], [""], ["", ""], [" ", "\t", "\u00a0"], ["\x1f"], ["", "a"], [" a "], ["\u200b"]],
)
def test_blank_row_is_a_row_of_whitespace(cells: list[str]) -> None:
    assert Row(1, cells).blank is (not "".join(cells).strip())


@pytest.mark.parametrize("keys", [(), (2,), (0, 2)])
def test_picker_gives_one_item_per_key(keys: tuple[int, ...]) -> None:
    assert list(picker(keys)(["a", "b", "c"])) == [["a", "b", "c"][k] for k in keys]


def _rows(path: Path) -> tuple[Header, list[Row]]:
    problems = ProblemLog()
    rows = [row for row in InputFile.open(path).rows(problems) if not row.blank]
    if path.parent.name == "ebay":
        rows = [row for row in rows if not ebay._is_info(row.cells)]
    return Header(rows[0].cells, path.name, rows[0].line, problems), rows[1:]


def _records(path: Path) -> tuple[Header, list[Record]]:
    header, rows = _rows(path)
    return header, [header.record(row, ProblemLog()) for row in rows]


@pytest.mark.parametrize("path", sorted((FIXTURES / "ebay").glob("*.csv")), ids=lambda p: p.name)
def test_ebay_fields_are_the_first_filled_spelling(path: Path) -> None:
    header, records = _records(path)
    columns = ebay._Columns(header)
    assert records
    for record in records:
        fields = columns.fields(record)
        for name in (*ebay.ALIASES, "action"):
            value, column = columns.cell(record, name)
            assert fields[name] == value
            if value:
                assert columns.column(record, name) == column


@pytest.mark.parametrize("path", sorted((FIXTURES / "shopify").glob("*.csv")), ids=lambda p: p.name)
def test_shopify_fields_are_the_columns_values(path: Path) -> None:
    header, rows = _rows(path)
    columns = shopify._Columns(header)
    names = (*shopify.ALIASES, "condition_metafield")
    assert rows
    for row in rows:
        record = header.record(row, ProblemLog())
        fields = header.record(row, ProblemLog(), columns.selection)
        assert (fields.line, fields.raw) == (record.line, record.raw)
        assert tuple(fields.values) == names
        for name in names:
            key = columns.keys.get(name)
            assert fields.values[name] == (record.values[key] if key else "")


@pytest.mark.parametrize(
    "cells",
    [
        [" a ", "b", "", " d", "e "],
        ["a", "b"],
        ["a", "b", "c", "d", "e", "f"],
        ["a", "b", "c", "d", "e", "", "zz"],
        ["a\x00", " b\ufffd", "c", "d", "e"],
        ["a", "b", "line\none,two,three,four", "d", "e"],
        ["a", "b", "c\x00", "d"],
        ["", "", "", "", ""],
    ],
)
def test_selected_columns_read_as_the_whole_row_does(cells: list[str]) -> None:
    # Column 4 has no header and "B" repeats "b": neither can be selected, both are reported.
    header = Header(["A", "b", "*C", "", "B"], "f.csv", 1, ProblemLog())
    selection = Selection(header, {"first": "a", "third": "c", "second": "b"}, ("none", "first"))
    whole, part = ProblemLog(), ProblemLog()
    record = header.record(Row(2, cells), whole)
    chosen = header.record(Row(2, cells), part, selection)
    assert (chosen.line, chosen.raw) == (record.line, record.raw)
    assert list(part) == list(whole)
    assert list(chosen.values.items()) == [
        ("none", ""),
        ("first", record.values["a"]),
        ("third", record.values["c"]),
        ("second", record.values["b"]),
    ]


def _amazon_fields_match(header: Header, records: list[Record]) -> None:
    columns = amazon._Columns(header, "f.txt", ProblemLog())
    assert records
    for record in records:
        fields = columns.fields(record)
        assert tuple(fields) == tuple(amazon.FIELDS)
        for name, spellings in amazon.FIELDS.items():
            assert fields[name] == record.get(*spellings)


@pytest.mark.parametrize("path", sorted((FIXTURES / "amazon").glob("*.txt")), ids=lambda p: p.name)
def test_amazon_fields_are_the_first_filled_spelling(path: Path) -> None:
    problems = ProblemLog()
    source = InputFile.open(path)
    rows = source.rows(problems)
    header = amazon._layout(rows, source, problems).header
    _amazon_fields_match(header, [header.record(row, problems) for row in rows if not row.blank])


def test_amazon_fields_spelled_several_ways_take_the_first_filled() -> None:
    problems = ProblemLog()
    header = Header(["sku", "item_sku", "price", "standard_price", "item-name"], "f", 1, problems)
    rows = [["a", "", "", "2.50", "T"], ["", "b", "1", "2", ""], ["", "", "", "", ""]]
    _amazon_fields_match(header, [header.record(Row(2, cells), problems) for cells in rows])
