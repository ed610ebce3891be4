"""Shopify product CSV, every header generation: one listing per run of rows sharing a handle.

Shopify spends many rows on one product: the product row, a row per further variant and
image-only rows, all with the same handle (``reference/export-formats.md`` §1.1). Column names
grew over the years and were all renamed in 2025 (§1.2, §1.3); ``ALIASES`` maps each field to
every spelling, compared as :func:`~listingaudit.tabular.normalize_header` leaves them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from operator import itemgetter
from typing import Any, TypeVar

from listingaudit import hookimpl
from listingaudit.conditions import from_words
from listingaudit.model import Condition, Listing, Package, Photo, SourceRef, Variant
from listingaudit.problems import ProblemLog
from listingaudit.reading import Recognition
from listingaudit.tabular import Header, InputFile, Record, Selection, normalize_header
from listingaudit.values import (
    clean_barcode,
    html_to_text,
    parse_bool,
    parse_int,
    parse_money,
    parse_number,
    split_list,
)

FORMAT = "shopify-products"
MARKETPLACE = "shopify"
LABEL = "Shopify product CSV"

#: Field -> its normalized header names: legacy (generations a-d) first, then the 2025 name (e).
ALIASES: dict[str, tuple[str, ...]] = {
    "handle": ("handle", "url handle"),
    "title": ("title",),
    "body": ("body (html)", "description"),
    "vendor": ("vendor",),
    "category": ("product category",),
    "google_category": ("google shopping / google product category",),
    "type": ("type",),
    "tags": ("tags",),
    "published": ("published", "published on online store"),
    "status": ("status",),
    "gift_card": ("gift card",),
    "seo_title": ("seo title",),
    "condition": ("google shopping / condition",),
    **{f"option{n}_name": (f"option{n} name",) for n in (1, 2, 3)},
    **{f"option{n}_value": (f"option{n} value",) for n in (1, 2, 3)},
    "sku": ("variant sku", "sku"),
    "barcode": ("variant barcode", "barcode"),
    "price": ("variant price", "price"),
    "compare_at": ("variant compare at price", "compare-at price"),
    "tracker": ("variant inventory tracker", "inventory tracker"),
    "quantity": ("variant inventory qty", "inventory quantity"),
    # deny/continue in a-d; a boolean "keep selling" in e.
    "policy": ("variant inventory policy",),
    "continue_selling": ("continue selling when out of stock",),
    "grams": ("variant grams", "weight value (grams)"),
    "requires_shipping": ("variant requires shipping", "requires shipping"),
    "image": ("image src", "product image url"),
    "image_position": ("image position",),
    "image_alt": ("image alt text",),
    "variant_image": ("variant image", "variant image url"),
}
#: The Google & YouTube channel keeps a product's condition in this metafield (§1.1, §1.4).
CONDITION_METAFIELD = "(product.metafields.mm-google-shopping.condition)"

#: A header is Shopify's when it has all of these (labels as the "nearest format" message says)...
REQUIRED = {"handle": "Handle", "title": "Title", "price": "Variant Price"}
#: ...and the more of these it has, the surer the recognition.
SUPPORTING = (
    "body",
    "vendor",
    "published",
    "option1_name",
    "sku",
    "grams",
    "requires_shipping",
    "image",
    "image_position",
)
#: A row with any of these is a variant row; without them it is an image-only row.
VARIANT_FIELDS = (
    "option1_value",
    "option2_value",
    "option3_value",
    "sku",
    "barcode",
    "price",
    "compare_at",
    "quantity",
    "grams",
)
OPTION_NAMES = ("option1_name", "option2_name", "option3_name")
OPTION_VALUES = ("option1_value", "option2_value", "option3_value")
BARCODE_DAMAGE = {
    "scientific-notation": "was turned into a number by a spreadsheet and lost its digits; "
    "re-export it or format the column as text",
    "decimal-suffix": "was saved as a number by a spreadsheet; leading zeros may be lost",
}

Number = TypeVar("Number", int, float)


@hookimpl
def listingaudit_recognise(source: InputFile) -> Recognition | None:
    """Sure when the header names a handle, a title and a price; a near miss otherwise."""
    if not source.sample_rows:
        return None
    names = {normalize_header(cell) for cell in source.sample_rows[0]}
    present = {field for field, aliases in ALIASES.items() if names.intersection(aliases)}
    missing = tuple(label for field, label in REQUIRED.items() if field not in present)
    support = sum(field in present for field in SUPPORTING)
    if not missing:
        return Recognition(FORMAT, MARKETPLACE, 0.9 + 0.1 * support / len(SUPPORTING), LABEL)
    found = len(REQUIRED) - len(missing)
    if found + support < 2:
        return None
    # At most 0.4: below the host's threshold, but named in its "unknown format" message.
    confidence = 0.15 * found + 0.1 * support / len(SUPPORTING)
    return Recognition(FORMAT, MARKETPLACE, confidence, LABEL, missing)


@hookimpl
def listingaudit_read(
    source: InputFile, recognition: Recognition, problems: ProblemLog
) -> Iterator[Listing] | None:
    """Lazily read a file this module recognised; ``None`` for any other format."""
    if recognition.format != FORMAT:
        return None
    return _read(source, problems)


#: A data row and its fields (``Record.values`` by field name, see ``_Columns.selection``).
_Row = tuple[Record, Mapping[str, str]]


def _read(source: InputFile, problems: ProblemLog) -> Iterator[Listing]:
    """Listings one handle group at a time: memory holds one group, never the file."""
    rows = source.rows(problems)
    first = next((row for row in rows if not row.blank), None)
    if first is None:
        return
    header = Header(first.cells, source.name, first.line, problems)
    columns = _Columns(header)
    builder = _Builder(source.name, columns, problems)
    group: list[_Row] = []
    group_handle = ""
    for row in rows:
        if row.blank:
            continue
        record = header.record(row, problems, columns.selection)
        fields = record.values
        handle = fields["handle"]
        if not handle:
            problems.add(
                source.name,
                record.line,
                "missing-cell",
                "row has no handle, so it belongs to no product; it was not read",
                column=columns.label("handle"),
            )
            continue
        if group and handle != group_handle:
            yield builder.listing(group_handle, group)
            group = []
        group_handle = handle
        group.append((record, fields))
    if group:
        yield builder.listing(group_handle, group)


class _Columns:
    """Where each field sits in this file's header, whichever generation named it."""

    def __init__(self, header: Header) -> None:
        self.header = header
        self.keys: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        for field, aliases in ALIASES.items():
            found = next((name for name in aliases if name in header), None)
            if found:
                self._add(header, field, found)
        metafield = next((k for k in header.index if k.endswith(CONDITION_METAFIELD)), None)
        if metafield:
            self._add(header, "condition_metafield", metafield)
        # Rows are read into their fields only, by field name; the absent ones are "" (so
        # every field can be read without a test).
        self.selection = Selection(header, self.keys, (*ALIASES, "condition_metafield"))

    def _add(self, header: Header, field: str, key: str) -> None:
        self.keys[field] = key
        self.labels[field] = header.cells[header.index[key]]

    def label(self, field: str) -> str:
        """The column as the file names it (its legacy name when the file lacks it)."""
        return self.labels.get(field) or ALIASES[field][0].capitalize()


_variant_cells = itemgetter(*VARIANT_FIELDS)


def _is_variant(fields: Mapping[str, str]) -> bool:
    """Whether the row fills any variant column (else it only adds an image)."""
    return any(_variant_cells(fields))


def _overall_policy(variants: list[Variant]) -> str | None:
    """``continue`` if any variant keeps selling at zero stock (the overselling risk)."""
    policies = {v.inventory_policy for v in variants if v.inventory_policy}
    if "continue" in policies:
        return "continue"
    return "deny" if policies else None


# Condition mapping builds a new Condition each time, yet a file holds only a few distinct
# (value, column) pairs: cached, the frozen Conditions are shared between listings.
_condition_from_words = lru_cache(maxsize=1024)(from_words)


class _Builder:
    """Turns one handle group's rows into a listing, reporting values it cannot use.

    Each row comes with its fields (``f``), read once; the record is for its line and raw cells.
    """

    def __init__(self, file: str, columns: _Columns, problems: ProblemLog) -> None:
        self.file = file
        self.columns = columns
        self.problems = problems

    def listing(self, handle: str, group: list[_Row]) -> Listing:
        """The listing of one handle's rows; product-level fields come from the first row."""
        product = group[0]
        f = product[1]
        title = f["title"]
        options = [f[name] or f"Option{n}" for n, name in enumerate(OPTION_NAMES, start=1)]
        rows = [row for row in group if _is_variant(row[1])]
        parsed = [self._variant(row, options) for row in rows]
        variants = [variant for variant, _ in parsed]
        extra = self._extra(product, rows[0] if rows else None)
        if not title:
            # A variant row whose product row is missing or elsewhere: Shopify's import
            # needs the title on a handle's first row.
            extra["missing_product_row"] = True
        damaged = [v.sku or v.barcode or "" for v, damage in parsed if damage]
        if damaged:
            extra["barcode_damage"] = damaged
        identifiers: dict[str, str] = {}
        if variants and variants[0].sku:
            identifiers["sku"] = variants[0].sku
        if parsed and parsed[0][0].barcode and not parsed[0][1]:
            identifiers["gtin"] = parsed[0][0].barcode
        weight = next((v.weight_g for v in variants if v.weight_g), None)
        body = f["body"]
        return Listing(
            id=handle,
            marketplace=MARKETPLACE,
            source=SourceRef(
                self.file, tuple(r.line for r, _ in group), FORMAT, self.columns.header.names
            ),
            title=title or None,
            description_html=body or None,
            description_text=(html_to_text(body) or None) if body else None,
            condition=self._condition(product),
            photos=self._photos(group, rows, variants),
            price=variants[0].price if variants else None,
            variants=variants,
            quantity=self._quantity(rows, variants),
            inventory_policy=_overall_policy(variants),
            package=Package(weight_g=weight) if weight else None,
            identifiers=identifiers,
            category=f["category"] or f["google_category"] or None,
            tags=split_list(f["tags"]),
            status=f["status"] or None,
            extra=extra,
            raw=[r.raw for r, _ in group],
        )

    def _extra(self, product: _Row, first_variant: _Row | None) -> dict[str, Any]:
        """Store facts the shared model has no field for."""
        extra: dict[str, Any] = {}
        f = product[1]
        for field in ("vendor", "type", "seo_title"):
            if text := f[field]:
                extra[field] = text
        flags = {"published": product, "gift_card": product, "requires_shipping": first_variant}
        for field, row in flags.items():
            flag = self._flag(row, field) if row else None
            if flag is not None:
                extra[field] = flag
        return extra

    def _variant(self, row: _Row, options: list[str]) -> tuple[Variant, bool]:
        """A variant row, and whether its barcode shows spreadsheet damage."""
        record, f = row
        barcode, damage = self._barcode(row)
        grams = self._number(row, "grams", parse_number, "a weight in grams", 0.0)
        variant = Variant(
            sku=f["sku"] or None,
            options={
                name: value
                for name, field in zip(options, OPTION_VALUES, strict=True)
                if (value := f[field])
            },
            price=self._number(row, "price", parse_money, "a price", 0.0),
            compare_at_price=self._number(row, "compare_at", parse_money, "a price", 0.0),
            quantity=self._number(row, "quantity", parse_int, "a whole number"),
            barcode=barcode,
            # Exports write 0.0 for a weight never entered: zero means unknown, not weightless.
            weight_g=grams or None,
            inventory_policy=self._policy(row),
            line=record.line,
        )
        return variant, damage

    def _barcode(self, row: _Row) -> tuple[str | None, bool]:
        """The barcode without Shopify's ``'`` guard; damage by a spreadsheet is a problem."""
        text = row[1]["barcode"]
        if not text:
            return None, False
        barcode, damage = clean_barcode(text)
        if damage:
            self.problems.add(
                self.file,
                row[0].line,
                "excel-damage",
                f"barcode {text!r} {BARCODE_DAMAGE[damage]}",
                column=self.columns.label("barcode"),
            )
        return barcode or None, damage is not None

    def _quantity(self, rows: list[_Row], variants: list[Variant]) -> int | None:
        """Stock across variants whose inventory Shopify tracks (untracked stock is unlimited)."""
        known = "tracker" in self.columns.keys
        tracked = [
            v.quantity
            for (_, f), v in zip(rows, variants, strict=True)
            if v.quantity is not None and (f["tracker"] or not known)
        ]
        return sum(tracked) if tracked else None

    def _photos(self, group: list[_Row], rows: list[_Row], variants: list[Variant]) -> list[Photo]:
        """Product images by ``Image Position`` (unnumbered ones after, in file order), then
        variant images not already shown; each URL once."""
        found: list[tuple[float, int, str, str]] = []
        for index, row in enumerate(group):
            ref = row[1]["image"]
            if ref:
                position = self._number(row, "image_position", parse_int, "a position", 1)
                order = math.inf if position is None else position
                found.append((order, index, ref, row[1]["image_alt"]))
        found.sort(key=lambda image: image[:2])
        # (ref, alt text, variant SKU)
        images: list[tuple[str, str | None, str | None]] = [
            (ref, alt or None, None) for _, _, ref, alt in found
        ]
        for (_, f), variant in zip(rows, variants, strict=True):
            ref = f["variant_image"]
            if ref:
                images.append((ref, None, variant.sku))
        photos: list[Photo] = []
        seen: set[str] = set()
        for ref, alt, sku in images:
            if ref not in seen:
                seen.add(ref)
                photos.append(Photo(ref, len(photos) + 1, alt, sku))
        return photos

    def _condition(self, product: _Row) -> Condition | None:
        """Only from columns that state it; guessing from tags or title is a check's job."""
        for field in ("condition", "condition_metafield"):
            text = product[1][field]
            if not text:
                continue
            found = _condition_from_words(text, self.columns.label(field))
            if found:
                return found
            self.problems.add(
                self.file,
                product[0].line,
                "unknown-value",
                f"condition {text!r} is not one Google Shopping knows (new, used, refurbished)",
                column=self.columns.label(field),
            )
        return None

    def _policy(self, row: _Row) -> str | None:
        text = row[1]["policy"]
        if text:
            if text.lower() in ("deny", "continue"):
                return text.lower()
            self._type_error(row, "policy", text, "deny or continue")
            return None
        keep_selling = self._flag(row, "continue_selling")
        if keep_selling is None:
            return None
        return "continue" if keep_selling else "deny"

    def _flag(self, row: _Row, field: str) -> bool | None:
        text = row[1][field]
        if not text:
            return None
        flag = parse_bool(text)
        if flag is None:
            self._type_error(row, field, text, "true or false")
        return flag

    def _number(
        self,
        row: _Row,
        field: str,
        parse: Callable[[str], Number | None],
        expected: str,
        minimum: Number | None = None,
    ) -> Number | None:
        text = row[1][field]
        if not text:
            return None
        value = parse(text)
        if value is None or (minimum is not None and value < minimum):
            self._type_error(row, field, text, expected)
            return None
        return value

    def _type_error(self, row: _Row, field: str, text: str, expected: str) -> None:
        self.problems.add(
            self.file,
            row[0].line,
            "type-error",
            f"{text!r} is not {expected}; the value is left empty",
            column=self.columns.label(field),
        )
