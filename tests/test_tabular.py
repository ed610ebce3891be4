"""Reading exports as they really arrive: encodings, line endings, delimiters and damage."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest

from listingaudit.archives import MAX_RATIO
from listingaudit.problems import ProblemLog
from listingaudit.reading import open_sources, refuse_personal_data
from listingaudit.tabular import Header, InputError, InputFile, detect_encoding


def _write(tmp_path: Path, data: bytes, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _records(path: Path) -> tuple[list[tuple[int, dict[str, str]]], ProblemLog]:
    problems = ProblemLog()
    source = InputFile.open(path)
    rows = source.rows(problems)
    first = next(rows)
    header = Header(first.cells, source.name, first.line, problems)
    records = [
        (row.line, dict(header.record(row, problems).values)) for row in rows if not row.blank
    ]
    return records, problems


TEXT = 'Handle,Title,Body\nmug,Crème mug,"<p>line one\nline two</p>"\nlamp,Lamp – brass,plain\n'


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("cp1252", b"", "cp1252"),
        ("utf-16-le", b"\xff\xfe", "utf-16"),
    ],
)
def test_encodings_are_detected_and_decoded(
    tmp_path: Path, encoding: str, prefix: bytes, expected: str
) -> None:
    path = _write(tmp_path, prefix + TEXT.encode(encoding))
    assert InputFile.open(path).encoding == expected
    records, problems = _records(path)
    assert [r[1]["title"] for r in records] == ["Crème mug", "Lamp – brass"]
    assert len(problems) == 0


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_physical_line_numbers_survive_any_line_ending(tmp_path: Path, newline: str) -> None:
    path = _write(tmp_path, TEXT.replace("\n", newline).encode())
    records, _ = _records(path)
    # The second record starts on line 4: the quoted HTML cell spans lines 2 and 3.
    assert [line for line, _ in records] == [2, 4]
    assert records[0][1]["body"] == f"<p>line one{newline}line two</p>"


def test_semicolon_and_tab_delimiters(tmp_path: Path) -> None:
    semicolon = _write(tmp_path, b"Handle;Title;Price\nmug;Mug;12,50\n", "eu.csv")
    assert InputFile.open(semicolon).delimiter == ";"
    tab = _write(tmp_path, b'sku\titem-name\nA1\tA 5" "tall" vase\n', "amazon.txt")
    records, _ = _records(tab)
    # Tab files are read without quote handling: Amazon writes " as data.
    assert records[0][1]["item-name"] == 'A 5" "tall" vase'


def test_bom_never_leaks_into_the_first_header(tmp_path: Path) -> None:
    path = _write(tmp_path, b"\xef\xbb\xbf*Action(SiteID=US),Title\nAdd,Mug\n")
    records, _ = _records(path)
    assert "action(siteid=us)" in records[0][1]


def test_padded_cells_are_trimmed_and_blank_rows_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path, b"Handle  ,Title   \nmug     ,Mug     \n   ,    \n\n")
    records, problems = _records(path)
    assert records == [(2, {"handle": "mug", "title": "Mug"})]
    assert len(problems) == 0


def test_damage_is_reported_with_line_and_column(tmp_path: Path) -> None:
    data = b"Handle,Title,,Title\nmug,Mug,oops,Again,extra\nlamp,L\x00amp,,\n"
    records, problems = _records(_write(tmp_path, data))
    codes = {(p.code, p.line, p.column) for p in problems}
    assert ("duplicate-header", 1, "Title") in codes
    assert ("blank-header", 2, "#3") in codes
    assert ("extra-cell", 2, "#5") in codes
    assert ("nul-byte", 3, "Title") in codes
    assert records[1][1]["title"] == "Lamp"


def test_invalid_utf8_deep_in_the_file_is_located(tmp_path: Path) -> None:
    # Past the first MiB that detection reads, so the file is taken as UTF-8.
    good = "".join(f"sku-{n},Item {n}\n" for n in range(70_000)).encode()
    data = b"SKU,Title\n" + good + b"bad,Caf\xc3 broken\n"
    records, problems = _records(_write(tmp_path, data))
    assert len(records) == 70_001
    [problem] = [p for p in problems if p.code == "encoding-error"]
    assert (problem.line, problem.column) == (70_002, "Title")


def test_unbalanced_quote_is_named_not_silently_swallowed(tmp_path: Path) -> None:
    data = b'Handle,Title,Body\nmug,"Mug,body\nlamp,Lamp,body\nvase,Vase,body\n'
    _, problems = _records(_write(tmp_path, data))
    [problem] = [p for p in problems if p.code == "unbalanced-quote"]
    assert problem.line == 2
    assert "lines 2-" in problem.message


def test_a_huge_cell_is_bounded(tmp_path: Path) -> None:
    big = b"x" * (5 * 1024 * 1024)
    data = b'Handle,Title\nmug,"' + big + b'"\nlamp,Lamp\n'
    records, problems = _records(_write(tmp_path, data))
    assert any(p.code == "unreadable-row" and p.line == 2 for p in problems)
    assert records[-1][1]["handle"] == "lamp"


def test_ten_thousand_columns(tmp_path: Path) -> None:
    header = ",".join(f"c{n}" for n in range(10_000))
    row = ",".join(str(n) for n in range(10_000))
    records, problems = _records(_write(tmp_path, f"{header}\n{row}\n".encode()))
    assert records[0][1]["c9999"] == "9999"
    assert len(problems) == 0


def test_empty_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        InputFile.open(_write(tmp_path, b"  \n\n"))


def test_detector_is_only_a_last_resort() -> None:
    assert detect_encoding("Crème brûlée".encode("cp1252")) == "cp1252"
    assert detect_encoding("グラス".encode("shift_jis") * 50) in {"shift_jis", "cp932"}


def test_order_exports_are_refused_before_reading_rows(tmp_path: Path) -> None:
    data = b"Name,Email,Financial Status,Billing Name,Lineitem name\n#1001,a@b.c,paid,Ann,Mug\n"
    source = InputFile.open(_write(tmp_path, data))
    with pytest.raises(InputError, match="personal data"):
        refuse_personal_data(source)


def test_zip_and_gzip_exports_are_read(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("../../etc/export.csv", TEXT)
        archive.writestr("notes.pdf", b"%PDF")
    zipped = _write(tmp_path, buffer.getvalue(), "export.zip")
    with open_sources(zipped) as sources:
        assert [s.name for s in sources] == [f"{zipped}!../../etc/export.csv"]
        assert sources[0].path.parent != tmp_path.parent  # a temp copy, never the named path
        assert "Crème mug" in sources[0].head
    gzipped = _write(tmp_path, gzip.compress(TEXT.encode()), "export.csv.gz")
    with open_sources(gzipped) as sources:
        assert "Crème mug" in sources[0].head


def test_decompression_bomb_is_refused(tmp_path: Path) -> None:
    bomb = _write(tmp_path, gzip.compress(b"a," * (MAX_RATIO * 20_000)), "bomb.csv.gz")
    with pytest.raises(InputError, match="decompression bomb"), open_sources(bomb):
        pass


def test_short_rows_are_named(tmp_path: Path) -> None:
    records, problems = _records(_write(tmp_path, b"Handle,Title,Price\nmug,Mug\n"))
    assert records[0][1]["price"] == ""
    assert [(p.code, p.line, p.column) for p in problems] == [("missing-cell", 2, "Price")]


def test_mixed_line_endings_in_one_file(tmp_path: Path) -> None:
    data = b"Handle,Title\r\nmug,Mug\nlamp,Lamp\rvase,Vase\r\n"
    records, problems = _records(_write(tmp_path, data))
    assert [(line, r["handle"]) for line, r in records] == [(2, "mug"), (3, "lamp"), (4, "vase")]
    assert len(problems) == 0


def test_repeated_problems_are_capped_with_a_count(tmp_path: Path) -> None:
    rows = "".join(f"sku-{n},Item,extra\n" for n in range(500))
    _, problems = _records(_write(tmp_path, f"SKU,Title\n{rows}".encode()))
    kept = list(problems)
    assert len(problems) == 500  # every one is counted...
    assert len(kept) == problems.cap + 1  # ...the first ones are listed, then one summary
    assert kept[-1].line is None and "450 more 'extra-cell' problems" in kept[-1].message


def test_records_key_the_first_of_repeated_headers_and_keep_raw_cells_as_written(
    tmp_path: Path,
) -> None:
    data = b'Handle, Title ,,Title,Price\n mug ,Mug,x,Again\nlamp,"Lamp\nshade",,Other,9\n'
    problems = ProblemLog()
    source = InputFile.open(_write(tmp_path, data))
    rows = source.rows(problems)
    first = next(rows)
    header = Header(first.cells, source.name, first.line, problems)
    clean, damaged = (header.record(row, problems) for row in rows)
    # A short row: the missing cell reads as empty and is left out of the raw row.
    assert dict(clean.values) == {"handle": "mug", "title": "Mug", "price": ""}
    assert clean.raw == {"Handle": " mug ", "Title": "Mug"}
    # A cell with a line break takes the cell-by-cell path and gives the same shape.
    assert dict(damaged.values) == {"handle": "lamp", "title": "Lamp\nshade", "price": "9"}
    assert damaged.raw == {"Handle": "lamp", "Title": "Lamp\nshade", "Price": "9"}


def test_a_one_column_file(tmp_path: Path) -> None:
    records, problems = _records(_write(tmp_path, b"SKU\nA1\n B2 \n"))
    assert records == [(2, {"sku": "A1"}), (3, {"sku": "B2"})]
    assert len(problems) == 0
