"""A third-party plugin for a made-up marketplace ("bazaar"), used to test plugin loading.

It is written exactly as an outside package would write one: public hooks only.
"""

from __future__ import annotations

from collections.abc import Iterator

from listingaudit import hookimpl
from listingaudit.model import Listing, SourceRef
from listingaudit.problems import ProblemLog
from listingaudit.reading import Recognition
from listingaudit.tabular import Header, InputFile
from listingaudit.values import parse_money

__version__ = "1.2.3"
COLUMNS = ("bazaar id", "headline", "cost")


@hookimpl
def listingaudit_recognise(source: InputFile) -> Recognition | None:
    if not source.sample_rows:
        return None
    header = {cell.strip().lower() for cell in source.sample_rows[0]}
    found = [c for c in COLUMNS if c in header]
    if not found:
        return None
    missing = tuple(c for c in COLUMNS if c not in header)
    return Recognition("bazaar-csv", "bazaar", len(found) / len(COLUMNS), "Bazaar CSV", missing)


@hookimpl
def listingaudit_read(
    source: InputFile, recognition: Recognition, problems: ProblemLog
) -> Iterator[Listing] | None:
    if recognition.format != "bazaar-csv":
        return None
    return _read(source, problems)


def _read(source: InputFile, problems: ProblemLog) -> Iterator[Listing]:
    rows = source.rows(problems)
    first = next(rows)
    header = Header(first.cells, source.name, first.line, problems)
    for row in rows:
        if row.blank:
            continue
        record = header.record(row, problems)
        yield Listing(
            id=record.get("bazaar id"),
            marketplace="bazaar",
            source=SourceRef(source.name, (row.line,), "bazaar-csv"),
            title=record.get("headline"),
            price=parse_money(record.get("cost")),
            raw=[record.raw],
        )
