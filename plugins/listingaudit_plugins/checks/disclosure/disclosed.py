"""Where a listing discloses its condition: the condition note, or a passage of its description.

A format with a condition-note column (eBay ``ConditionDescription``, Amazon ``item-note`` /
``condition_note``) is judged on that column. A format without one (Shopify, eBay's 2026
templates) can only disclose in the description, so the description's sentences about condition
count as the disclosure, and findings say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from listingaudit.model import Listing

from .condition import rules
from .vocabulary import Vocabulary

NOTE = "condition note"
DESCRIPTION = "description"
_NOT_NAME = re.compile(r"[\s*_\-]+")
#: Description columns: eBay "*Description", Shopify "Body (HTML)" / "Description", Amazon
#: "item-description" / "product_description" (export-formats.md §1-§3).
_DESCRIPTION_COLUMNS = ("description", "body(html)", "itemdescription", "productdescription")


@dataclass(frozen=True, slots=True)
class Disclosure:
    """The disclosure text and where it lives, or (``text`` empty) why there is none.

    ``missing`` is ``empty-note`` (the note column is there but empty), ``no-passage`` (no note,
    and no sentence of the description is about condition) or ``not-in-file`` (the file carries
    neither a note nor a description). Whether a format has a column is known from
    ``data/rules.json`` for the built-in formats, else from the listing's fields and the headers
    of its rows.
    """

    text: str
    where: str
    missing: str | None = None


def _headers(listing: Listing) -> set[str]:
    return {_NOT_NAME.sub("", header).lower() for row in listing.raw for header in row}


def _format_carries(listing: Listing, fact: str) -> bool | None:
    """What ``data/rules.json`` knows of the listing's format (``None``: not listed)."""
    known = rules()["formats"].get(listing.source.format, {}).get(fact)
    return bool(known) if known is not None else None


def has_note_column(listing: Listing) -> bool:
    """Whether the listing's format has a condition-note column (filled or not)."""
    if listing.condition_note is not None:
        return True
    known = _format_carries(listing, "note")
    if known is not None:
        return known
    return not _headers(listing).isdisjoint(rules()["note_columns"]["names"])


def has_description_column(listing: Listing) -> bool:
    """Whether the listing's format has a description column (filled or not)."""
    if listing.description_text is not None or listing.description_html is not None:
        return True
    known = _format_carries(listing, "description")
    if known is not None:
        return known
    return any(h.startswith(_DESCRIPTION_COLUMNS) for h in _headers(listing))


def disclosure(listing: Listing, vocabulary: Vocabulary) -> Disclosure:
    note = (listing.condition_note or "").strip()
    if note:
        return Disclosure(note, NOTE)
    if has_note_column(listing):
        return Disclosure("", NOTE, "empty-note")
    if not has_description_column(listing):
        return Disclosure("", DESCRIPTION, "not-in-file")
    description = (listing.description_text or "").strip()
    passage = vocabulary.condition_passage(description)
    return Disclosure(passage, DESCRIPTION, None if passage else "no-passage")
