"""Reading delimited exports as they really are: any encoding, delimiter and line ending.

Marketplace exports arrive UTF-8 with or without a BOM (eBay adds one), cp1252 (Amazon UK/EU
reports, Excel re-saves), or UTF-16 with a BOM (Excel "Unicode text"); with LF, CRLF or bare CR;
comma-, tab- or semicolon-delimited; with quoted multi-line HTML. This module turns such a file
into rows that carry the 1-based physical line they start on, and records every row it cannot
read as a located problem instead of stopping.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal

import charset_normalizer

from listingaudit.problems import ProblemLog

# Bounded, not unlimited: a stray quote must not swallow a whole file into one cell.
MAX_CELL_CHARS = 4 * 1024 * 1024
HEAD_BYTES = 1024 * 1024
MULTIBYTE = {"shift_jis", "cp932", "euc_jp", "gb18030", "gb2312", "big5", "euc_kr", "cp949"}
csv.field_size_limit(MAX_CELL_CHARS)


class InputError(Exception):
    """A whole file cannot be read. The message is one line meant for the user."""


# Row and Record are not frozen: a frozen dataclass's __init__ sets each field through
# ``object.__setattr__``, which made building them 2.5-3x dearer (measured), and one of each is
# built for every row of a file. Nothing assigns to their fields after reading.
@dataclass(slots=True)
class Row:
    """One CSV record: the physical line it starts on and its cells as written."""

    line: int
    cells: list[str]

    @property
    def blank(self) -> bool:
        # Stops at the first cell with text: for most rows the first one.
        return not any(map(str.strip, self.cells))


def detect_encoding(head: bytes) -> str:
    """BOM, then strict UTF-8, then cp1252, then a detector's best guess (as a hint only).

    A detector alone mistakes Western cp1252 for cp1250 ("Crème" → "Crčme"), so it comes last.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    guess = charset_normalizer.from_bytes(head).best()
    high = sum(byte >= 0x80 for byte in head)
    # Western text has a few accented letters; CJK multi-byte text is mostly high bytes.
    if guess and guess.encoding in MULTIBYTE and high > len(head) // 5:
        return str(guess.encoding)
    try:
        head.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        pass
    return str(guess.encoding) if guess else "latin-1"


_QUOTED = re.compile(r'"[^"]*"')


def detect_delimiter(sample_lines: Iterable[str]) -> str:
    """The delimiter that splits the first lines most consistently (quoted text ignored)."""
    scores = {"\t": 0, ",": 0, ";": 0, "|": 0}
    for line in sample_lines:
        bare = _QUOTED.sub("", line)
        for delimiter in scores:
            scores[delimiter] += bare.count(delimiter)
    # '|' joins eBay picture URLs inside cells; it is a delimiter only when nothing else is.
    best = max(("\t", ",", ";"), key=lambda d: scores[d])
    if scores[best] == 0 and scores["|"] > 0:
        return "|"
    return best if scores[best] > 0 else ","


@dataclass
class InputFile:
    """An export opened for reading: its encoding, delimiter and first decoded text."""

    path: Path
    name: str
    encoding: str
    delimiter: str
    head: str
    size: int
    sample_rows: list[list[str]] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path, name: str | None = None, encoding: str | None = None) -> InputFile:
        display = name or str(path)
        try:
            size = path.stat().st_size
            with path.open("rb") as stream:
                raw = stream.read(HEAD_BYTES)
        except OSError as error:
            raise InputError(f"{display}: cannot read file ({error.strerror or error})") from None
        if not raw.strip():
            raise InputError(f"{display}: the file is empty")
        chosen = encoding or detect_encoding(raw)
        head = raw.decode(chosen, errors="replace")
        head = head.lstrip("\ufeff")
        lines = [line for line in head.splitlines()[:30] if line.strip()]
        delimiter = detect_delimiter(lines[:10])
        opened = cls(path, display, chosen, delimiter, head, size)
        opened.sample_rows = opened._sample(lines)
        return opened

    @property
    def quoting(self) -> Literal[0, 3]:
        """Tab-delimited exports are read without quote handling: Amazon writes ``"`` as data."""
        return csv.QUOTE_NONE if self.delimiter == "\t" else csv.QUOTE_MINIMAL

    def _sample(self, lines: list[str]) -> list[list[str]]:
        """The first records, parsed, for format recognition (no line accounting)."""
        text = "\n".join(lines[:30])
        try:
            rows = csv.reader(text.splitlines(), delimiter=self.delimiter, quoting=self.quoting)
            return list(rows)
        except csv.Error:
            return [line.split(self.delimiter) for line in lines]

    def rows(self, problems: ProblemLog) -> Iterator[Row]:
        """Every record with its starting physical line. Unreadable records become problems."""
        with self.path.open(encoding=self.encoding, errors="replace", newline="") as stream:
            reader = csv.reader(stream, delimiter=self.delimiter, quoting=self.quoting)
            start = 1
            while True:
                try:
                    # A plain for loop (not next() in a try per row): the try is entered again
                    # only after an unreadable record.
                    for cells in reader:
                        if start == 1 and cells:
                            cells[0] = cells[0].lstrip("\ufeff")
                        yield Row(start, cells)
                        start = reader.line_num + 1
                    return
                except csv.Error as error:
                    end = reader.line_num
                    span = f"lines {start}-{end}" if end > start else f"line {start}"
                    problems.add(
                        self.name,
                        start,
                        "unreadable-row",
                        f"{span} could not be read ({error}); check for an unbalanced quote",
                    )
                    start = end + 1


def normalize_header(name: str) -> str:
    """Header names compared the way marketplaces mean them: no ``*``, case or extra spaces."""
    name = name.strip().lstrip("\ufeff").lstrip("*").strip()
    return re.sub(r"\s+", " ", name).lower()


@dataclass(slots=True)  # not frozen, like ``Row``: one is built for every row
class Record:
    """A data row keyed by normalized header, with the original row kept for the report."""

    line: int
    #: By normalized header, or by the names of the ``Selection`` the row was read with.
    values: Mapping[str, str]
    raw: dict[str, str]

    def get(self, *names: str) -> str:
        """The first non-empty value among ``names`` (normalized header spellings), else ''."""
        for name in names:
            value = self.values.get(name)
            if value:
                return value
        return ""


def _swallowed_rows(cell: str, width: int) -> bool:
    """True when a multi-line cell holds lines that look like whole rows of the file."""
    need = max(2, width // 2)
    return any(
        max(line.count(","), line.count("\t"), line.count(";")) >= need
        for line in cell.splitlines()[1:]
    )


def _filled_in(empty: dict[str, str], names: Sequence[str], cells: Sequence[str]) -> dict[str, str]:
    """A copy of ``empty`` (every name reading "") with each filled cell stored, stripped.

    Most cells of an export are empty (Shopify: 16 of 53), and the copy already reads "" for
    them: only the filled ones are stripped and stored (13% fewer instructions on Shopify's
    rows than storing every cell, measured). ``compress`` keeps the names whose cell is not
    empty and ``filter(None, ...)`` those cells, in the same order. A copy of a dict already
    holding every name (same order) is not resized while it fills: 8% fewer instructions than
    ``dict(zip(...))`` (measured).
    """
    values = empty.copy()
    values.update(zip(compress(names, cells), map(str.strip, filter(None, cells)), strict=True))
    return values


def picker(keys: Sequence[Any]) -> Callable[[Any], Sequence[str]]:
    """A getter of several items at once, always returning a sequence (one per key).

    ``itemgetter`` picks them at C level, but given one key it returns the item itself and
    given none it cannot be built at all; both are wrapped here so callers can ``zip`` alike.
    """
    if len(keys) > 1:
        return itemgetter(*keys)
    return lambda items: tuple(items[key] for key in keys)


class FieldPicker:
    """Every field of a row at once, for a format whose fields have several spellings.

    Built once per file from each field's columns present in it (normalized keys, preferred
    first): the fields the file spells one way (nearly all) are picked together at C level,
    those it spells several ways take their first non-empty spelling, and those it lacks (and
    ``absent`` names) read as "". A listing reads dozens of fields: a lookup call for each cost
    more than the rest of its reading (measured).
    """

    def __init__(self, present: Mapping[str, Sequence[str]], absent: Iterable[str] = ()) -> None:
        #: Field -> its one column, for the fields the file spells one way.
        self.once = {name: keys[0] for name, keys in present.items() if len(keys) == 1}
        self._once_names = tuple(self.once)
        self._pick_once = picker(tuple(self.once.values()))
        self._several = tuple((n, tuple(keys)) for n, keys in present.items() if len(keys) > 1)
        self._absent = dict.fromkeys((*present, *absent), "")

    def __call__(self, record: Record) -> dict[str, str]:
        """Every field's first non-empty value on the row, "" when it has none."""
        values = record.values
        found = self._absent.copy()
        found.update(zip(self._once_names, self._pick_once(values), strict=False))
        for name, keys in self._several:
            found[name] = next(filter(None, map(values.get, keys)), "")
        return found


class Selection:
    """The columns a reader wants in ``Record.values``, under names of its choosing.

    ``Header.record`` otherwise strips and stores every column of every row, though an adapter
    may read only some of them (Shopify: 35 fields of 53 columns); with a selection only those
    are stripped and stored, and keyed by the adapter's own field names, so the adapter needs
    no second per-row dict. ``absent`` names read as "" (fields the file has no column for).
    """

    def __init__(self, header: Header, columns: Mapping[str, str], absent: Iterable[str] = ()):
        #: Name -> normalized header key, each key one of ``header``'s columns.
        self.columns = dict(columns)
        self.names = tuple(self.columns)
        self.empty = dict.fromkeys((*absent, *self.names), "")
        self.pick = picker(tuple(header.index[key] for key in self.columns.values()))


class Header:
    """A header row: column positions by normalized name, checked once for damage."""

    def __init__(self, cells: list[str], file: str, line: int, problems: ProblemLog) -> None:
        self.cells = [cell.strip().lstrip("\ufeff") for cell in cells]
        #: The header as written, once per file: listings share it in ``SourceRef.columns``.
        self.names = tuple(self.cells)
        self.file = file
        self.line = line
        self.index: dict[str, int] = {}
        for position, cell in enumerate(self.cells):
            key = normalize_header(cell)
            if not key:
                continue
            if key in self.index:
                problems.add(
                    file,
                    line,
                    "duplicate-header",
                    f"column {position + 1} repeats the header '{cell}'; the first one is used",
                    column=cell,
                )
                continue
            self.index[key] = position
        self._blank = [p for p, cell in enumerate(self.cells) if not cell]
        # What ``record`` needs for a clean row, worked out once per file: the kept columns'
        # keys, written names and positions, and a C-level picker of their cells.
        self._keys = tuple(self.index)
        self._empty = dict.fromkeys(self._keys, "")
        self._written = tuple(self.cells[p] for p in self.index.values())
        positions = tuple(self.index.values())
        self._reach = max(positions, default=-1) + 1
        self._pick = picker(positions)
        #: Every column is kept, in order (no blank or repeated header: nearly every file).
        self._keeps_all = positions == tuple(range(len(self.cells)))

    def __contains__(self, name: str) -> bool:
        return name in self.index

    def has_any(self, *names: str) -> bool:
        return any(name in self.index for name in names)

    def record(self, row: Row, problems: ProblemLog, selection: Selection | None = None) -> Record:
        """Match a row's cells to this header, reporting cells that do not fit it.

        ``values`` holds every column by normalized header, or only ``selection``'s; ``raw``
        and the problems reported are the same either way.
        """
        cells = row.cells
        width = len(self.cells)
        if len(cells) > width:
            extra = [c for c in cells[width:] if c.strip()]
            if extra:
                problems.add(
                    self.file,
                    row.line,
                    "extra-cell",
                    f"{len(cells)} cells but the header has {width}; extra values ignored: "
                    f"{extra[0][:40]!r}",
                    column=f"#{width + 1}",
                )
        elif len(cells) < width:
            problems.add(
                self.file,
                row.line,
                "missing-cell",
                f"{len(cells)} cells but the header has {width}; the missing ones read as empty",
                column=self.cells[len(cells)] or f"#{len(cells) + 1}",
            )
        for position in self._blank:
            if position < len(cells) and cells[position].strip():
                problems.add(
                    self.file,
                    row.line,
                    "blank-header",
                    f"column {position + 1} has a value but no header; it is ignored",
                    column=f"#{position + 1}",
                )
        # Most rows are clean: look for damage once in the whole row, cell by cell only if found.
        joined = "\x1f".join(cells)
        if "\x00" in joined or "\ufffd" in joined or "\n" in joined:
            return self._damaged(row, problems, selection)
        if len(cells) < self._reach:
            cells = cells + [""] * (self._reach - len(cells))
        # A row as wide as a header whose columns are all kept is its own pick: copying its
        # cells would cost a tenth of this method (measured).
        picked = cells if self._keeps_all and len(cells) == self._reach else self._pick(cells)
        # Built by C-level iterators rather than a Python loop (measured faster than
        # comprehensions too): this runs once per row of the file.
        if selection is None:
            values = _filled_in(self._empty, self._keys, picked)
        else:
            values = _filled_in(selection.empty, selection.names, selection.pick(cells))
        # The filled cells under their header as written: ``compress`` keeps the (name, cell)
        # pairs whose cell is not empty.
        raw = dict(compress(zip(self._written, picked, strict=True), picked))
        return Record(row.line, values, raw)

    def _damaged(self, row: Row, problems: ProblemLog, selection: Selection | None) -> Record:
        """A row holding NUL bytes, undecodable bytes or line breaks, checked cell by cell."""
        cells = row.cells
        width = len(self.cells)
        values: dict[str, str] = {}
        raw: dict[str, str] = {}
        for key, position in self.index.items():
            cell = cells[position] if position < len(cells) else ""
            if "\x00" in cell:
                problems.add(
                    self.file,
                    row.line,
                    "nul-byte",
                    "NUL bytes removed from the cell (a binary file, or a damaged save?)",
                    column=self.cells[position],
                )
                cell = cell.replace("\x00", "")
            if "\n" in cell and _swallowed_rows(cell, width):
                last = row.line + cell.count("\n")
                problems.add(
                    self.file,
                    row.line,
                    "unbalanced-quote",
                    f"a quote opened here is never closed: lines {row.line}-{last} were read "
                    "as one cell; close the quote or remove it",
                    column=self.cells[position],
                )
            if "\ufffd" in cell:
                problems.add(
                    self.file,
                    row.line,
                    "encoding-error",
                    "bytes that are not valid text in this file's encoding were replaced by �",
                    column=self.cells[position],
                )
            values[key] = cell.strip()
            if cell:
                raw[self.cells[position]] = cell
        if selection is not None:
            chosen = selection.empty.copy()
            chosen.update((name, values[key]) for name, key in selection.columns.items())
            values = chosen
        return Record(row.line, values, raw)
