"""The shortcuts reading takes for speed give what the general route gives.

Each fast path (plain-digit integers, blank rows, per-row field dictionaries of the eBay,
Shopify and Amazon adapters, rows read into selected columns only, filled cells stored alone,
cached number parsers, digit-only barcodes, column lists worked out once per file) is compared
with the slower, plainer code it stands in for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from listingaudit import values
from listingaudit.problems import ProblemLog
from listingaudit.tabular import Header, InputFile, Record, Row, Selection, picker
from listingaudit.values import clean_barcode, parse_int, parse_money, parse_number
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


# --- Round 3: rows read into dicts, cached parsers, per-file column lists ----------------------


def _cell_by_cell(header: Header, cells: list[str], selection: Selection | None) -> Record:
    """The record ``Header._damaged`` builds, one cell at a time, for a row with no damage."""
    return header._damaged(Row(2, cells), ProblemLog(), selection)


@pytest.mark.parametrize(
    "written", [["A", "b", "*C", "D"], ["A", "b", "", "*C", "B"]], ids=["all-kept", "some-not"]
)
@pytest.mark.parametrize(
    "cells",
    [
        [" a ", "b", "", " d"],
        ["a", "  ", "\t", "\u00a0"],
        ["", "", "", ""],
        ["a", "b"],
        ["a", "b", "c", "d", "e", "f"],
        ["a", "b", "c", "d", "", "zz"],
        [],
    ],
)
def test_whole_rows_read_as_cell_by_cell(written: list[str], cells: list[str]) -> None:
    # Only filled cells are stripped and stored, and a header keeping every column in order
    # takes the row's cells as they are (as long as the row is exactly as wide).
    header = Header(written, "f.csv", 1, ProblemLog())
    assert header._keeps_all is (written == ["A", "b", "*C", "D"])
    selection = Selection(header, {"second": "b", "first": "a", "third": "c"}, ("none",))
    for chosen in (None, selection):
        fast = header.record(Row(2, list(cells)), ProblemLog(), chosen)
        slow = _cell_by_cell(header, list(cells), chosen)
        assert list(fast.values.items()) == list(slow.values.items())
        assert list(fast.raw.items()) == list(slow.raw.items())


_NUMBERS = [
    *("0", "-0", "0.0", "-0.0", "00", "1", "1.0", "01", "+1", "1e3", "1E+3", "1,5", "1.500"),
    *("1.234,56", "$19.99", "19.99 USD", "", " ", "-", ".", "nan", "inf", "1e400", "9" * 20),
    *("1_000", "٣", "²", " 7 ", "7\n", "-7", "1.5", "0.1"),
]


@pytest.mark.parametrize("parse", [parse_money, parse_number, parse_int], ids=lambda f: f.__name__)
def test_cached_number_parsers_give_what_parsing_gives(parse: Any) -> None:
    # Twice over, both orders: a repeat (a cache hit) reads the same, "-0" stays -0.0 after
    # "0", and 1 (int) and 1.0 (float) stay apart.
    for texts in (_NUMBERS, _NUMBERS[::-1], _NUMBERS):
        assert [repr(parse(t)) for t in texts] == [repr(parse.__wrapped__(t)) for t in texts]


def _clean_barcode_by_patterns(text: str) -> tuple[str, str | None]:
    """``clean_barcode`` without its all-digits shortcut."""
    value = text.strip().removeprefix("'")
    if values._SCIENTIFIC.match(value):
        return value, "scientific-notation"
    if value.endswith(".0") and value[:-2].isdigit():
        return value[:-2], "decimal-suffix"
    return value, None


@pytest.mark.parametrize(
    "text",
    [
        *("0850064060010", "'0850064060010", " 0850064060010 ", "''085", "'", "", "0"),
        *("8.50064E+11", "8E11", "850064060010.0", "'850064060010.0", "1.0", ".0", "12e5"),
        *("١٢٣", "١٢٣.0", "²³", "12 34", "ABC-123"),
    ],
)
def test_digit_barcodes_read_as_the_patterns_do(text: str) -> None:
    assert clean_barcode(text) == _clean_barcode_by_patterns(text)


@pytest.mark.parametrize("system", ["english", "metric"])
def test_ebay_package_sides_cached_by_text_read_as_computed(system: str) -> None:
    texts = ["13", "13.0", "0", "-0", "0.0", "-0.0", "2.5", "1,5", "0.0005", "12.3456"]
    for order in (texts, texts[::-1]):
        for text in order:
            number = parse_number(text)
            assert number is not None
            computed = round(number * ebay.CENTIMETRES[system], 3)
            assert repr(ebay._centimetres(text, system)) == repr(computed)


def test_ebay_packages_read_sides_as_computed() -> None:
    # Whole rows, in an order where "-0" follows "0": a cache keyed by number would mix them.
    names = ["*Action(SiteID=US)", "CustomLabel", "PackageLength", "PackageWidth"]
    names += ["PackageDepth", "MeasurementUnit"]
    header = Header(names, "f.csv", 1, ProblemLog())
    reader = ebay._Reader("f.csv", ebay.FX, header, ProblemLog())
    sides = ["0", "-0", "0.0", "-0.0", "13", "13.0", "2.5", "1,5", "x", "-1"]
    for unit, system in (("English", "english"), ("cm", "metric"), ("", None)):
        for n, side in enumerate(sides + sides[::-1], 2):
            record = header.record(Row(n, ["Add", "S", side, "3", side, unit]), ProblemLog())
            package = reader.package(record, reader.columns.fields(record))
            number = parse_number(side)
            if system is None or number is None or number < 0:
                expected = None
            else:
                expected = round(number * ebay.CENTIMETRES[system], 3)
            assert package is not None or system is None
            assert repr(package and package.length_cm) == repr(expected)
            assert repr(package and package.height_cm) == repr(expected)


@pytest.mark.parametrize(
    "text", ["Days_30", "days_30", "30 Days", "30", " 14 ", "Months_1", "1 month", "", "x", "30x"]
)
def test_ebay_return_windows_cached_read_as_matched(text: str) -> None:
    for _ in range(2):
        assert ebay._window_days(text) == ebay._window_days.__wrapped__(text)


def _empty_required_every_column(reader: Any, group: Any) -> list[str]:
    """``_Reader.empty_required`` without its all-filled shortcut (``Add`` rows only)."""
    return [
        reader.columns.written(key)
        for key in reader.columns.required
        if not group.parent.values.get(key)
        and not (group.variants and all(v.values.get(key) for v in group.variants))
    ]


@pytest.mark.parametrize("path", sorted((FIXTURES / "ebay").glob("*.csv")), ids=lambda p: p.name)
def test_ebay_empty_required_columns_as_every_column_says(path: Path) -> None:
    header, records = _records(path)
    reader = ebay._Reader(path.name, ebay.FX, header, ProblemLog())
    groups = list(ebay._by_relationship(records, reader))
    # Each group as it is, then with its parent's required cells emptied one at a time.
    cases = [*groups]
    for group in groups[:3]:
        for key in reader.columns.required:
            emptied = Record(group.parent.line, {**group.parent.values, key: ""}, {})
            cases.append(ebay._Group(emptied, group.variants, group.attached))
    adds = 0
    for group in cases:
        fields = reader.columns.fields(group.parent)
        if fields["action"].lower() in ("add", "verifyadd"):
            adds += 1
            assert reader.empty_required(group, fields) == _empty_required_every_column(
                reader, group
            )
    assert adds or not reader.columns.required


@pytest.mark.parametrize(
    "path",
    [*sorted((FIXTURES / "ebay").glob("*.csv")), None],
    ids=lambda p: p.name if p else "none",
)
def test_ebay_identifiers_as_every_field_says(path: Path | None) -> None:
    if path is None:
        # No identifier column, but a type naming one.
        header = Header(
            ["*Action(SiteID=US)", "CustomLabel", "ProductIDType"], "f", 1, ProblemLog()
        )
        records = [header.record(Row(2, ["Add", "S", "UPC"]), ProblemLog())]
    else:
        header, records = _records(path)
    reader = ebay._Reader("f", ebay.FX, header, ProblemLog())
    every = ebay._Reader("f", ebay.FX, header, ProblemLog())
    every.has_identifiers = True
    assert records
    for record in records:
        fields = reader.columns.fields(record)
        assert reader.identifiers(fields) == every.identifiers(fields)


def _amazon_rows(path: Path) -> tuple[Header, list[Record]]:
    problems = ProblemLog()
    source = InputFile.open(path)
    rows = source.rows(problems)
    header = amazon._layout(rows, source, problems).header
    return header, [header.record(row, problems) for row in rows if not row.blank]


@pytest.mark.parametrize("path", sorted((FIXTURES / "amazon").glob("*.txt")), ids=lambda p: p.name)
def test_amazon_field_columns_are_the_columns_named(path: Path) -> None:
    header, records = _amazon_rows(path)
    columns = amazon._Columns(header, path.name, ProblemLog())
    assert records
    for record in records:
        cells = amazon._Cells(record, columns)
        for field, spellings in amazon.FIELDS.items():
            assert cells.field_column(field) == cells.column(*spellings)


def test_amazon_field_spelled_several_ways_takes_the_filled_column() -> None:
    header = Header(["sku", "item-condition", "condition_type"], "f", 1, ProblemLog())
    columns = amazon._Columns(header, "f", ProblemLog())
    assert "condition" not in columns.once_columns
    for cells in (["a", "", "New"], ["a", "New", ""], ["a", "", ""]):
        record = header.record(Row(2, cells), ProblemLog())
        row = amazon._Cells(record, columns)
        assert row.field_column("condition") == row.column("item-condition", "condition_type")


@pytest.mark.parametrize(
    "path",
    [*sorted((FIXTURES / "amazon").glob("*.txt")), None],
    ids=lambda p: p.name if p else "every-column",
)
def test_amazon_rows_read_as_with_every_column_looked_up(path: Path | None) -> None:
    if path is None:
        # Every size, identifier and product id column, with values good and bad.
        names = [
            *("sku", "asin1", "asin", "listing-id", "product-id", "product-id-type"),
            *("external_product_id", "external_product_id_type", "package_length"),
            *("package_length_unit_of_measure", "item_width", "item_dimensions_unit_of_measure"),
        ]
        header = Header(names, "f.txt", 1, ProblemLog())
        rows = [
            ["A", "B01", "", "L1", "8.5E+11", "3", "0850", "EAN", "10", "CM", "5", "IN"],
            ["B", "", "B02", "", "0850.0", "", "", "", "", "", "7", "inches"],
            ["C", "", "", "", "", "", "12", "upc", "x", "CM", "", ""],
        ]
        records = [header.record(Row(n, cells), ProblemLog()) for n, cells in enumerate(rows, 2)]
    else:
        header, records = _amazon_rows(path)
    fast = amazon._Columns(header, "f.txt", ProblemLog())
    slow = amazon._Columns(header, "f.txt", ProblemLog())
    slow.sizes = amazon.SIZE_COLUMNS
    slow.ids, slow.product_ids = amazon.ID_COLUMNS, amazon.PRODUCT_ID_COLUMNS
    assert records
    for record in records:
        read = [amazon._Cells(record, columns) for columns in (fast, slow)]
        packages = [repr(amazon._package(cells)) for cells in read]
        identifiers = [amazon._identifiers(cells, "S") for cells in read]
        assert packages[0] == packages[1]
        assert identifiers[0] == identifiers[1]
    assert list(fast.problems) == list(slow.problems)
