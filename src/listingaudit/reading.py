"""From paths on the command line to listings: find the files, pick an adapter, read.

Formats are recognised from content, never from file names. Each adapter plugin answers
``listingaudit_recognise`` with a confidence; the most confident one reads the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pluggy

from listingaudit.archives import archive_kind, unpacked
from listingaudit.model import Listing
from listingaudit.problems import ProblemLog
from listingaudit.tabular import InputError, InputFile, normalize_header

#: Below this confidence a recognition is only a hint used in the "unknown format" message.
MIN_CONFIDENCE = 0.5
EXPORT_SUFFIXES = {".csv", ".txt", ".tsv", ".tab", ".zip", ".gz"}
# Columns only order and customer exports have: such files hold buyers' personal data, so they
# are refused before any row is read.
PERSONAL_DATA_COLUMNS = frozenset(
    {
        "email",
        "customer email",
        "buyer email",
        "buyer-email",
        "billing name",
        "shipping name",
        "buyer name",
        "buyer-name",
        "buyer username",
        "recipient-name",
        "ship-address-1",
        "shipping address1",
        "billing address1",
        "buyer-phone-number",
        "phone",
        "ship to name",
        "ship to address 1",
        "first name",
        "last name",
        "accepts email marketing",
    }
)


@dataclass(frozen=True)
class Recognition:
    """An adapter's answer to "can you read this file?"."""

    format: str
    marketplace: str
    confidence: float
    label: str = ""
    missing: tuple[str, ...] = ()
    options: dict[str, str] = field(default_factory=dict)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and export-looking files inside folders (sorted, recursive)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in EXPORT_SUFFIXES
            )
        else:
            found.append(path)
    return found


def choose(answers: Iterable[Recognition | None], marketplace: str | None) -> Recognition | None:
    candidates = [a for a in answers if a is not None]
    if marketplace:
        candidates = [a for a in candidates if a.marketplace == marketplace]
    if not candidates:
        return None
    return max(candidates, key=lambda a: (a.confidence, -len(a.missing)))


def unknown_format_message(source: InputFile, nearest: Recognition | None) -> str:
    if nearest is None:
        return f"{source.name}: not a listing export any loaded adapter can read"
    missing = ", ".join(nearest.missing[:6]) or "the expected header"
    return (
        f"{source.name}: unknown format; nearest is {nearest.label or nearest.format}, "
        f"which needs columns it lacks: {missing}"
    )


def refuse_personal_data(source: InputFile) -> None:
    """Stop before reading rows of an order or customer export passed by mistake."""
    for row in source.sample_rows[:5]:
        found = sorted({normalize_header(c) for c in row} & PERSONAL_DATA_COLUMNS)
        if len(found) >= 2:
            raise InputError(
                f"{source.name}: looks like an order or customer export (columns "
                f"{', '.join(found[:3])}); it holds buyers' personal data and was not read"
            )


@contextmanager
def open_sources(path: Path, encoding: str | None = None) -> Iterator[list[InputFile]]:
    """The export files at ``path``: the file itself, or the members of a zip/gzip archive."""
    name = str(path)
    kind = archive_kind(path)
    if kind is None:
        yield [InputFile.open(path, name=name, encoding=encoding)]
        return
    with unpacked(path, kind, name) as members:
        yield [InputFile.open(p, name=n, encoding=encoding) for p, n in members]


def recognise(
    hook: pluggy.HookRelay, source: InputFile, marketplace: str | None = None
) -> Recognition:
    """The adapter's recognition for ``source``, or :class:`InputError` naming the nearest."""
    refuse_personal_data(source)
    answers = hook.listingaudit_recognise(source=source)
    best = choose(answers, marketplace)
    if best is None or (best.confidence < MIN_CONFIDENCE and not marketplace):
        raise InputError(unknown_format_message(source, best or choose(answers, None)))
    return best


def read_source(
    hook: pluggy.HookRelay,
    source: InputFile,
    problems: ProblemLog,
    marketplace: str | None = None,
) -> Iterator[Listing]:
    """Listings of one opened file. File-level failures raise :class:`InputError`."""
    recognition = recognise(hook, source, marketplace)
    listings = hook.listingaudit_read(source=source, recognition=recognition, problems=problems)
    if listings is None:
        raise InputError(f"{source.name}: no loaded adapter reads {recognition.format}")
    yield from listings
