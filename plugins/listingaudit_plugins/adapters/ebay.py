"""eBay exports: File Exchange / Seller Hub uploads, the draft template and two downloads.

Four formats (``shared/reference/export-formats.md`` §2.1-2.4) share one alias table (§2.6), so a
column means the same thing whether it is spelt ``*StartPrice``, ``Start price`` or ``Price``:

- ``ebay-fx``: the category template / upload. ``Info`` rows around the data, a first header cell
  ``*Action(SiteID=US|Country=US|Currency=USD|…)`` carrying the site and currency, ``*`` marking
  required columns, variation parent rows followed by ``Relationship=Variation`` child rows.
- ``ebay-draft``: the Seller Hub draft template: ``#INFO`` rows, then ``Action(…)`` and
  human-readable headers (``Custom label (SKU)``, ``Item photo URL``, ``Condition ID``…).
- ``ebay-active-report``: Seller Hub's "All active listings" report; a variation listing is a
  parent row and child rows sharing the ``Item number``.
- ``ebay-fx-download``: the classic File Exchange active-listings download (``$19.99`` prices).

A fact a file does not carry stays absent: ``returns`` is ``None`` when no return column exists,
and a ``$`` price sets no currency unless the header or the site says which dollar it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from listingaudit import hookimpl
from listingaudit.conditions import from_ebay_id, from_words
from listingaudit.model import (
    Condition,
    Listing,
    Package,
    PaidBy,
    Photo,
    ReturnPolicy,
    ShippingOffer,
    SourceRef,
    Variant,
)
from listingaudit.problems import ProblemLog
from listingaudit.reading import Recognition
from listingaudit.tabular import (
    FieldPicker,
    Header,
    InputFile,
    Record,
    Row,
    normalize_header,
)
from listingaudit.values import (
    clean_barcode,
    html_to_text,
    parse_bool,
    parse_int,
    parse_money,
    parse_number,
)

MARKETPLACE = "ebay"
FX, DRAFT, REPORT, DOWNLOAD = "ebay-fx", "ebay-draft", "ebay-active-report", "ebay-fx-download"
LABELS = {
    FX: "eBay File Exchange / Seller Hub upload",
    DRAFT: "eBay Seller Hub draft template",
    REPORT: "eBay Seller Hub all active listings report",
    DOWNLOAD: "eBay classic File Exchange download",
}

# --- Column aliases (export-formats.md §2.6): field -> normalized spellings, preferred first ---

_IDENTIFIER_PREFIXES = ("product:", "productid:", "p:", "c:", "")
ALIASES: dict[str, tuple[str, ...]] = {
    "item_id": ("itemid", "item number", "item id"),
    "sku": ("customlabel", "custom label (sku)", "custom label"),
    "title": ("title", "item title"),
    "description": ("description",),
    "category": ("category", "category id", "ebay category 1 number", "category number"),
    "category_name": ("ebay category 1 name", "category leaf name", "category name"),
    "condition_id": ("conditionid", "condition id"),
    # Text in the report and the classic download; the ID itself in some old FX headers.
    "condition": ("condition",),
    "condition_note": ("conditiondescription", "condition description"),
    "photos": ("picurl", "item photo url"),
    "price": ("startprice", "start price", "price", "current price"),
    "quantity": ("quantity", "available quantity", "quantity available"),
    "currency": ("currency",),
    "site": ("siteid", "listing site", "site listed"),
    "country": ("country",),
    "listing_format": ("format",),
    "relationship": ("relationship",),
    "relationship_details": ("relationshipdetails", "relationship details", "variation details"),
    "handling_days": ("dispatchtimemax", "max dispatch time"),
    "shipping_type": ("shippingtype", "shipping type"),
    "shipping_profile": ("shippingprofilename", "shipping profile name"),
    "payment_profile": ("paymentprofilename", "payment profile name"),
    "returns_accepted": ("returnsacceptedoption", "returns accepted option"),
    "returns_within": ("returnswithinoption", "returns within option"),
    "returns_paid_by": (
        "shippingcostpaidbyoption",
        "shippingcostpaidby",
        "return shipping cost paid by",
    ),
    "refund": ("refundoption", "refund option"),
    "return_profile": ("returnprofilename", "return profile name"),
    "weight_major": ("weightmajor",),
    "weight_minor": ("weightminor",),
    "weight_unit": ("weightunit",),
    "measurement_unit": ("measurementunit",),
    "length": ("packagelength",),
    "width": ("packagewidth",),
    "depth": ("packagedepth",),
    "shipping_package": ("shippingpackage",),
    "product_id_type": ("productidtype", "product id type"),
    "product_id_value": ("productidvalue", "product id value"),
    **{
        name: tuple(f"{prefix}{name}" for prefix in _IDENTIFIER_PREFIXES)
        for name in ("upc", "ean", "isbn", "mpn")
    },
    "epid": (
        *(f"{prefix}epid" for prefix in _IDENTIFIER_PREFIXES),
        "ebay product id(epid)",
        "product:productreferenceid",
        "product reference id",
    ),
}
BARCODES = ("upc", "ean", "isbn")
#: Fields read as identifiers, through ``clean_barcode`` alike.
IDENTIFIERS = (*BARCODES, "mpn", "epid")
PACKAGE_FIELDS = ("weight_major", "weight_minor", "length", "width", "depth")
#: The parts of a shipping service slot, as ``_service_columns`` names them.
SERVICE_PARTS = ("option", "cost", "additionalcost", "freeshipping")
RETURN_FIELDS = (
    "returns_accepted",
    "returns_within",
    "returns_paid_by",
    "refund",
    "return_profile",
)

# Column spellings only the FX template uses, and only the human-label templates use (§2.6).
FX_MARKERS = frozenset(
    {
        "customlabel",
        "category",
        "startprice",
        "conditionid",
        "picurl",
        "itemid",
        "dispatchtimemax",
        "relationshipdetails",
        "returnsacceptedoption",
        "shippingprofilename",
        "returnprofilename",
        "conditiondescription",
    }
)
DRAFT_MARKERS = frozenset(
    {
        "custom label (sku)",
        "category id",
        "item photo url",
        "condition id",
        "start price",
        "price",
        "item number",
        "max dispatch time",
        "relationship details",
        "returns accepted option",
        "shipping profile name",
        "return profile name",
    }
)
# What a file of each format must show, as eBay spells it: (display name, normalized spellings).
SIGNATURES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    FX: (("*Category", ("category",)), ("*Title", ("title",)), ("*StartPrice", ("startprice",))),
    DRAFT: (
        ("Category ID", ("category id",)),
        ("Title", ("title",)),
        ("Price", ("price", "start price")),
    ),
    REPORT: (
        ("Item number", ("item number",)),
        ("Title", ("title",)),
        ("Variation details", ("variation details",)),
        ("Custom label (SKU)", ("custom label (sku)",)),
        ("Available quantity", ("available quantity",)),
        ("Currency", ("currency",)),
        ("Start price", ("start price",)),
        ("Current price", ("current price",)),
        ("eBay category 1 number", ("ebay category 1 number",)),
        ("Condition", ("condition",)),
    ),
    DOWNLOAD: (
        ("Item ID", ("item id",)),
        ("Custom Label", ("custom label",)),
        ("Item Title", ("item title",)),
        ("Price", ("price",)),
        ("Quantity Available", ("quantity available",)),
        ("Category Number", ("category number",)),
        ("Condition ID", ("condition id",)),
        ("Variation Details", ("variation details",)),
    ),
}

# Currency of each eBay site, by SiteCodeType name and numeric site ID. Source: eBay Trading API
# SiteCodeType (developer.ebay.com/devzone/xml/docs/Reference/eBay/types/SiteCodeType.html) and
# "eBay Site ID to Global ID Mapping". Canada is left out: its sites take both CAD and USD.
SITE_CURRENCY = {
    **dict.fromkeys(("us", "0", "ebaymotors", "100"), "USD"),
    **dict.fromkeys(("uk", "3"), "GBP"),
    **dict.fromkeys(("australia", "15"), "AUD"),
    **dict.fromkeys(("switzerland", "193"), "CHF"),
    **dict.fromkeys(("hongkong", "201"), "HKD"),
    **dict.fromkeys(("india", "203"), "INR"),
    **dict.fromkeys(("malaysia", "207"), "MYR"),
    **dict.fromkeys(("philippines", "211"), "PHP"),
    **dict.fromkeys(("poland", "212"), "PLN"),
    **dict.fromkeys(("singapore", "216"), "SGD"),
    **dict.fromkeys(
        (
            *("austria", "16", "belgium_french", "23", "france", "71", "germany", "77"),
            *("italy", "101", "belgium_dutch", "123", "netherlands", "146", "spain", "186"),
            *("ireland", "205"),
        ),
        "EUR",
    ),
}
# Trading API ShippingTypeCodeType: is the (domestic, international) cost calculated by eBay?
CALCULATED = {
    "flat": (False, False),
    "freightflat": (False, False),
    "calculated": (True, True),
    "flatdomesticcalculatedinternational": (False, True),
    "calculateddomesticflatinternational": (True, False),
}
# Trading API MeasureType: English weights are lbs + oz and lengths inches; metric kg + g and cm.
GRAMS = {"english": (453.59237, 28.349523125), "metric": (1000.0, 1.0)}
CENTIMETRES = {"english": 2.54, "metric": 1.0}
UNIT_SYSTEMS = {
    **dict.fromkeys(
        ("english", "imperial", "lb", "lbs", "pound", "pounds", "oz", "in", "inch", "inches"),
        "english",
    ),
    **dict.fromkeys(
        (
            *("metric", "kg", "kgs", "kilogram", "kilograms", "g", "gr", "gram", "grams"),
            *("cm", "centimeter", "centimeters", "centimetre", "centimetres"),
        ),
        "metric",
    ),
}
# eBay's word for "this product has no such identifier" (seen in the active-listings report).
NOT_APPLICABLE = "does not apply"

_ACTION = re.compile(r"^\*?\s*action\s*(?:\((?P<settings>[^)]*)\))?\s*$", re.IGNORECASE)
_SERVICE_FX = re.compile(
    r"^(intl)?shippingservice-(\d+):(option|cost|additionalcost|freeshipping)$"
)
_SERVICE_HUMAN = re.compile(
    r"^(intl |international )?shipping service (\d+) (option|cost|additional cost|free shipping)$"
)
_WINDOW = re.compile(r"^(?:(days|months)_?\s*(\d+)|(\d+)\s*(days?|months?)?)$", re.IGNORECASE)

Number = TypeVar("Number", int, float)


def _is_info(cells: list[str]) -> bool:
    """eBay's help rows (``Info,…`` / ``#INFO …``) that may sit before, between or after data."""
    first = cells[0].lstrip("\ufeff").strip().lower() if cells else ""
    return first.startswith(("info", "#info"))


def _action_settings(cell: str) -> dict[str, str] | None:
    """``*Action(SiteID=US|Currency=USD)`` -> ``{"siteid": "US", "currency": "USD"}``.

    ``None`` when the cell is not an Action header cell at all.
    """
    match = _ACTION.match(cell.strip().lstrip("\ufeff"))
    if match is None:
        return None
    settings: dict[str, str] = {}
    for part in (match.group("settings") or "").split("|"):
        key, sep, value = part.partition("=")
        if sep:
            settings[key.strip().lower()] = value.strip()
    return settings


# --- Recognition -------------------------------------------------------------------------------


@hookimpl
def listingaudit_recognise(source: InputFile) -> Recognition | None:
    """Find the header after any ``Info`` rows and tell the four formats apart by its columns."""
    preamble: list[list[str]] = []
    header: list[str] | None = None
    for cells in source.sample_rows:
        if not any(cell.strip() for cell in cells):
            continue
        if _is_info(cells):
            preamble.append(cells)
            continue
        header = cells
        break
    if header is None:
        return _preamble_only(preamble)
    keys = {normalize_header(cell) for cell in header}
    settings = next((s for c in header if (s := _action_settings(c)) is not None), None)
    if settings is not None:
        return _recognise_upload(keys, bool(settings) or bool(preamble))
    if "item number" in keys or {"variation details", "title"} <= keys:
        return _by_signature(REPORT, keys)
    if "item id" in keys or "item title" in keys:
        return _by_signature(DOWNLOAD, keys)
    if preamble:
        return _missing_action(keys)
    return None


def _recognise_upload(keys: set[str], templated: bool) -> Recognition:
    """An Action header: the draft template if its other columns are mostly human labels."""
    human, camel = len(keys & DRAFT_MARKERS), len(keys & FX_MARKERS)
    fmt = DRAFT if human > camel else FX
    if templated:
        # ``Action(SiteID=…)`` or an ``Info``/``#INFO`` preamble: nothing else looks like this.
        return Recognition(fmt, MARKETPLACE, 0.97, LABELS[fmt])
    if max(human, camel) >= 2:
        return Recognition(fmt, MARKETPLACE, 0.85, LABELS[fmt])
    missing = tuple(name for name, spellings in SIGNATURES[fmt] if not keys & set(spellings))
    return Recognition(fmt, MARKETPLACE, 0.3, LABELS[fmt], missing=missing)


def _by_signature(fmt: str, keys: set[str]) -> Recognition:
    """Confident when the first (anchor) column and most of the signature are present."""
    signature = SIGNATURES[fmt]
    missing = tuple(name for name, spellings in signature if not keys & set(spellings))
    share = 1 - len(missing) / len(signature)
    anchored = signature[0][0] not in missing
    if anchored and share >= 0.6:
        return Recognition(fmt, MARKETPLACE, round(0.6 + 0.38 * share, 3), LABELS[fmt], missing)
    return Recognition(fmt, MARKETPLACE, round(0.45 * share, 3), LABELS[fmt], missing)


def _missing_action(keys: set[str]) -> Recognition:
    """eBay's ``Info`` preamble but no Action header cell: an upload that lost its first column."""
    fmt = DRAFT if len(keys & DRAFT_MARKERS) > len(keys & FX_MARKERS) else FX
    return Recognition(fmt, MARKETPLACE, 0.4, LABELS[fmt], missing=("*Action(…)",))


def _preamble_only(preamble: list[list[str]]) -> Recognition | None:
    """Only ``Info`` rows in the sample: eBay's help text, but no header to read by."""
    if not preamble:
        return None
    return Recognition(FX, MARKETPLACE, 0.2, LABELS[FX], missing=("*Action(…)",))


# --- Reading -----------------------------------------------------------------------------------


@hookimpl
def listingaudit_read(
    source: InputFile, recognition: Recognition, problems: ProblemLog
) -> Iterable[Listing] | None:
    """Listings one group at a time, for the four eBay formats only."""
    if recognition.format not in LABELS:
        return None
    return _read(source, recognition.format, problems)


def _read(source: InputFile, fmt: str, problems: ProblemLog) -> Iterator[Listing]:
    rows = _data_rows(source.rows(problems))
    first = next(rows, None)
    if first is None:
        return
    header = Header(first.cells, source.name, first.line, problems)
    reader = _Reader(source.name, fmt, header, problems)
    records = (header.record(row, problems) for row in rows)
    grouped = _by_relationship if fmt in (FX, DRAFT) else _by_item
    for group in grouped(records, reader):
        yield reader.listing(group)


def _data_rows(rows: Iterable[Row]) -> Iterator[Row]:
    """The header and data rows: blank rows and eBay's ``Info`` rows are not data."""
    return (row for row in rows if not row.blank and not _is_info(row.cells))


@dataclass
class _Group:
    """The rows of one listing: its parent row, variation rows and other attached rows."""

    parent: Record
    variants: list[Record] = field(default_factory=list)
    attached: list[Record] = field(default_factory=list)

    @property
    def records(self) -> list[Record]:
        if not self.variants and not self.attached:  # most listings: no sorting needed
            return [self.parent]
        return sorted([self.parent, *self.variants, *self.attached], key=lambda r: r.line)


def _by_relationship(records: Iterable[Record], reader: _Reader) -> Iterator[_Group]:
    """FX / draft: a row with no ``Relationship`` starts a listing; the rows after it belong."""
    group: _Group | None = None
    for record in records:
        value, column = reader.columns.cell(record, "relationship")
        relationship = value.lower()
        if not relationship:
            if group:
                yield group
            group = _Group(record)
        elif group is None:
            reader.problems.add(
                reader.file,
                record.line,
                "orphan-row",
                f"a {column}={value} row with no parent listing row before it; eBay rejects it",
                column=column,
            )
        elif relationship == "variation":
            group.variants.append(record)
        else:
            group.attached.append(record)
    if group:
        yield group


def _by_item(records: Iterable[Record], reader: _Reader) -> Iterator[_Group]:
    """Report / download: consecutive rows with one item number are a parent and its variations."""
    group: _Group | None = None
    for record in records:
        item = reader.text(record, "item_id")
        if group and item and item == reader.text(group.parent, "item_id"):
            group.variants.append(record)
            continue
        if group:
            yield group
        group = _Group(record)
    if group:
        yield group


class _Columns:
    """One file's header resolved against the alias table."""

    def __init__(self, header: Header) -> None:
        self._written = {key: header.cells[pos].lstrip("*") for key, pos in header.index.items()}
        self.keys: dict[str, list[str]] = {
            name: [key for key in spellings if key in header] for name, spellings in ALIASES.items()
        }
        self.settings: dict[str, str] = {}
        for key, position in header.index.items():
            settings = _action_settings(header.cells[position])
            if settings is not None:
                self.keys["action"] = [key]
                self.settings = settings
                break
        self.required = [
            key
            for key, position in header.index.items()
            if header.cells[position].startswith("*") and key not in self.keys.get("action", [])
        ]
        self.descriptors = [key for key in header.index if key.startswith(("cd:", "cda:"))]
        self.services = _service_columns(header)
        #: Each shipping slot's (option, cost, additional cost, free) keys, "" for a part the
        #: slot lacks (no row has that key), so every part is read alike.
        self.service_keys = tuple(
            (intl, tuple(parts.get(part, "") for part in SERVICE_PARTS))
            for intl, parts in self.services
        )
        # Each field's present spellings with their written column, looked up on every row.
        self._found = {
            name: tuple((key, self._written[key]) for key in keys)
            for name, keys in self.keys.items()
        }
        self.fields = FieldPicker(self.keys, absent=("action",))
        self._once_column = {name: self._written[key] for name, key in self.fields.once.items()}

    def has(self, name: str) -> bool:
        return bool(self.keys.get(name))

    def written(self, key: str) -> str:
        """A column as the file spells it, without the ``*`` marker."""
        return self._written[key]

    def cell(self, record: Record, name: str) -> tuple[str, str]:
        """The first non-empty value among the field's spellings, and its column."""
        for key, written in self._found.get(name, ()):
            value = record.values.get(key)
            if value:
                return value, written
        return "", ""

    def column(self, record: Record, name: str) -> str:
        """The column a field's (non-empty) value on this row was read from, as written."""
        once = self._once_column.get(name)
        return once if once is not None else self.cell(record, name)[1]

    def text(self, record: Record, name: str) -> str:
        """The first non-empty value among the field's spellings."""
        for key in self.keys.get(name, ()):
            value = record.values.get(key)
            if value:
                return value
        return ""


def _service_columns(header: Header) -> list[tuple[bool, dict[str, str]]]:
    """``ShippingService-N:*`` / ``IntlShippingService-N:*`` (or human labels) by slot."""
    slots: dict[tuple[bool, int], dict[str, str]] = {}
    for key in header.index:
        match = _SERVICE_FX.match(key) or _SERVICE_HUMAN.match(key)
        if match:
            intl, number, part = match.groups()
            slots.setdefault((bool(intl), int(number)), {})[part.replace(" ", "")] = key
    return [(intl, parts) for (intl, _), parts in sorted(slots.items())]


# Condition mapping builds a new Condition each time, yet a file holds only a few distinct
# (value, column) pairs: cached, the frozen Conditions are shared between listings.
_condition_by_id = lru_cache(maxsize=1024)(from_ebay_id)
_condition_by_words = lru_cache(maxsize=1024)(from_words)


class _Reader:
    """Turns one file's row groups into listings, reporting each bad value where it is.

    Each row's fields are read once (``_Columns.fields``) and handed to the methods below as
    ``f``; the record itself is for its line, the raw keys and the columns problems name.
    """

    def __init__(self, file: str, fmt: str, header: Header, problems: ProblemLog) -> None:
        self.file = file
        self.fmt = fmt
        self.columns = _Columns(header)
        self.header_names = header.names
        self.problems = problems
        self.has_note = self.columns.has("condition_note")
        self.has_returns = any(self.columns.has(name) for name in RETURN_FIELDS)
        #: Whether any product identifier column exists (many templates have none).
        self.has_identifiers = any(
            self.columns.has(name) for name in (*IDENTIFIERS, "product_id_value")
        )

    def text(self, record: Record, name: str) -> str:
        return self.columns.text(record, name)

    def _bad(self, record: Record, column: str, message: str) -> None:
        self.problems.add(self.file, record.line, "type-error", message, column=column)

    def _not_a(self, record: Record, column: str, value: str, what: str) -> None:
        self._bad(record, column, f"{column} is not {what}: {value!r}")

    def _parsed(
        self,
        record: Record,
        f: dict[str, str],
        name: str,
        parse: Callable[[str], Number | None],
        what: str,
    ) -> Number | None:
        """Field ``name`` parsed; ``None`` when empty, or (with a problem) not a number >= 0."""
        value = f[name]
        if not value:
            return None
        number = parse(value)
        if number is None or number < 0:
            self._not_a(record, self.columns.column(record, name), value, what)
            return None
        return number

    def money(self, record: Record, f: dict[str, str], name: str) -> float | None:
        return self._parsed(record, f, name, parse_money, "a price")

    def count(self, record: Record, f: dict[str, str], name: str) -> int | None:
        return self._parsed(record, f, name, parse_int, "a count")

    def listing(self, group: _Group) -> Listing:
        row = group.parent
        f = self.columns.fields(row)
        records = group.records
        item_id, sku = f["item_id"], f["sku"]
        listing = Listing(
            id=item_id or sku or f"line-{row.line}",
            marketplace=MARKETPLACE,
            source=SourceRef(
                self.file, tuple(r.line for r in records), self.fmt, self.header_names
            ),
            title=f["title"] or None,
            # "" when the column is there but empty: the seller left the note blank.
            condition_note=f["condition_note"] if self.has_note else None,
            category=f["category"] or f["category_name"] or None,
            raw=[r.raw for r in records],
        )
        description = f["description"]
        if description:
            listing.description_html = description
            listing.description_text = html_to_text(description)
        listing.condition = self.condition(row, f)
        listing.photos = self.photos(f["photos"], None)
        listing.currency = self.currency(f)
        listing.price = self.money(row, f, "price")
        listing.quantity = self.count(row, f, "quantity")
        listing.handling_days = self.count(row, f, "handling_days")
        listing.identifiers = self.identifiers(f)
        if item_id:
            listing.identifiers["item_id"] = item_id
        if sku:
            listing.identifiers["sku"] = sku
        listing.shipping = self.shipping(row, f)
        listing.package = self.package(row, f)
        listing.returns = self.returns(row, f)
        listing.extra = self.extra(group, f)
        if listing.extra.get("action", "").lower() == "draft":
            listing.status = "draft"
        elif self.fmt in (REPORT, DOWNLOAD):
            listing.status = "active"
        self.add_variants(listing, group)
        return listing

    def add_variants(self, listing: Listing, group: _Group) -> None:
        """Variation rows become variants; the parent's price and quantity fall back to theirs."""
        for child in group.variants:
            f = self.columns.fields(child)
            sku = f["sku"] or None
            barcode = next((v for name in BARCODES if (v := self.barcode(f[name]))), None)
            listing.variants.append(
                Variant(
                    sku=sku,
                    options=_options(f["relationship_details"]),
                    price=self.money(child, f, "price"),
                    quantity=self.count(child, f, "quantity"),
                    barcode=barcode,
                    line=child.line,
                )
            )
            for photo in self.photos(f["photos"], sku):
                listing.photos.append(Photo(photo.ref, len(listing.photos) + 1, None, sku))
        prices = [v.price for v in listing.variants if v.price is not None]
        if listing.price is None and prices:
            listing.price = min(prices)
        quantities = [v.quantity for v in listing.variants if v.quantity is not None]
        if listing.quantity is None and quantities:
            listing.quantity = sum(quantities)

    def condition(self, row: Record, f: dict[str, str]) -> Condition | None:
        """``ConditionID`` first (eBay's display names vary by category); else the words."""
        name = "condition_id"
        value = f[name]
        from_id = bool(value)
        if not from_id:
            name = "condition"
            value = f[name]
        if not value:
            return None
        column = self.columns.column(row, name)
        numeric = value.split(".")[0].isdigit()
        if numeric:
            found = _condition_by_id(value, column)
        else:
            found = None if from_id else _condition_by_words(value, column)
        if found is None:
            known = "an eBay condition ID" if from_id or numeric else "a condition name it knows"
            self._bad(row, column, f"{column} is not {known}: {value!r}")
        return found

    def photos(self, text: str, variant_sku: str | None) -> list[Photo]:
        """``|``-joined URLs, main first; a variation row's ``Red=https://…`` keeps the URL."""
        if "=" not in text:  # most cells: plain URLs, no variation value to take them from
            urls = filter(None, map(str.strip, text.split("|")))
            return [Photo(ref, n, None, variant_sku) for n, ref in enumerate(urls, 1)]
        refs = []
        for part in text.split("|"):
            ref = part.strip()
            name, sep, rest = ref.partition("=")
            if sep and "://" not in name and "/" not in name:
                ref = rest.strip()
            if ref:
                refs.append(ref)
        return [Photo(ref, n, None, variant_sku) for n, ref in enumerate(refs, 1)]

    def currency(self, f: dict[str, str]) -> str | None:
        """The row's ``Currency``, the Action cell's, else the site's; ``$`` alone says nothing."""
        stated = f["currency"] or self.columns.settings.get("currency", "")
        if stated:
            return stated.upper()
        site = self.columns.settings.get("siteid") or f["site"]
        return SITE_CURRENCY.get(site.lower())

    def barcode(self, text: str) -> str:
        if not text:
            return ""
        value = clean_barcode(text)[0]
        return "" if value.lower() == NOT_APPLICABLE else value

    def identifiers(self, f: dict[str, str]) -> dict[str, str]:
        if not self.has_identifiers:  # every field below reads "", and so finds nothing
            return {}
        found = {name: self.barcode(f[name]) for name in IDENTIFIERS}
        kind = f["product_id_type"].lower()
        if kind in found and not found[kind]:
            found[kind] = self.barcode(f["product_id_value"])
        return {name: value for name, value in found.items() if value}

    def shipping(self, row: Record, f: dict[str, str]) -> list[ShippingOffer]:
        shipping_type = f["shipping_type"].lower()
        domestic, international = CALCULATED.get(shipping_type, (None, None))
        offers = []
        values = row.values
        for intl, (option_key, cost_key, additional_key, free_key) in self.columns.service_keys:
            option = values.get(option_key, "")
            cost = values.get(cost_key, "")
            additional = values.get(additional_key, "")
            free_text = values.get(free_key, "")
            if not (option or cost or additional or free_text):
                continue
            free = parse_bool(free_text) if free_text else None
            if free_text and free is None:
                free_column = self.columns.written(free_key)
                self._bad(row, free_column, f"{free_column} is not 1/0: {free_text!r}")
            offers.append(
                ShippingOffer(
                    service=option or None,
                    cost=self._service_money(row, cost, cost_key),
                    additional_cost=self._service_money(row, additional, additional_key),
                    free=free,
                    calculated=international if intl else domestic,
                    international=intl,
                )
            )
        profile = f["shipping_profile"]
        if profile:
            offers.append(ShippingOffer(profile=profile))
        return offers

    def _service_money(self, row: Record, value: str, key: str) -> float | None:
        """A shipping service's cost cell (column ``key``) as a price, like ``money``."""
        if not value:
            return None
        number = parse_money(value)
        if number is None or number < 0:
            self._not_a(row, self.columns.written(key), value, "a price")
            return None
        return number

    def package(self, row: Record, f: dict[str, str]) -> Package | None:
        """Weight to grams and dimensions to centimetres, in the unit system the row names."""
        major, minor, length, width, depth = (
            self._parsed(row, f, name, parse_number, "a number") for name in PACKAGE_FIELDS
        )
        if major is None and minor is None and length is None and width is None and depth is None:
            return None
        weight_unit, length_unit = f["weight_unit"], f["measurement_unit"]
        weight_key, length_key = weight_unit.lower(), length_unit.lower()
        weight_system = UNIT_SYSTEMS.get(weight_key) or UNIT_SYSTEMS.get(length_key)
        length_system = UNIT_SYSTEMS.get(length_key) or weight_system
        for unit, key, name in (
            (weight_unit, weight_key, "weight_unit"),
            (length_unit, length_key, "measurement_unit"),
        ):
            if unit and key not in UNIT_SYSTEMS:
                column = self.columns.column(row, name)
                self._bad(row, column, f"{column} is not a unit eBay uses: {unit!r}")
        weight_g = _grams(major, minor, weight_system)
        if weight_system is None or length_system is None:
            numbers = (
                ("weight_major", major, weight_system),
                ("weight_minor", minor, weight_system),
                ("length", length, length_system),
                ("width", width, length_system),
                ("depth", depth, length_system),
            )
            unitless = [
                self.columns.column(row, name)
                for name, number, system in numbers
                if number is not None and not system
            ]
            if unitless:
                message = f"{', '.join(unitless)} given without a unit (WeightUnit/MeasurementUnit)"
                self._bad(row, unitless[0], message)
        dims = [
            None if n is None or length_system is None else _centimetres(f[name], length_system)
            for name, n in (("length", length), ("width", width), ("depth", depth))
        ]
        if weight_g is None and all(d is None for d in dims):
            return None
        return Package(weight_g, dims[0], dims[1], dims[2])

    def returns(self, row: Record, f: dict[str, str]) -> ReturnPolicy | None:
        """The spelled-out terms or a policy name; ``None`` when the file has no return column."""
        if not self.has_returns:
            return None
        raw = {self.columns.column(row, name): f[name] for name in RETURN_FIELDS if f[name]}
        accepted_text = f["returns_accepted"]
        accepted = _accepted(accepted_text)
        if accepted_text and accepted is None:
            column = self.columns.column(row, "returns_accepted")
            self._bad(
                row,
                column,
                f"{column} is not ReturnsAccepted/ReturnsNotAccepted: {accepted_text!r}",
            )
        window_text = f["returns_within"]
        window = _window_days(window_text)
        if window_text and window is None:
            column = self.columns.column(row, "returns_within")
            self._bad(row, column, f"{column} is not a period: {window_text!r}")
        paid_text = f["returns_paid_by"]
        paid_by: PaidBy | None = None
        if paid_text.lower() in ("buyer", "seller"):
            paid_by = "buyer" if paid_text.lower() == "buyer" else "seller"
        elif paid_text:
            column = self.columns.column(row, "returns_paid_by")
            self._bad(row, column, f"{column} is not Buyer/Seller: {paid_text!r}")
        return ReturnPolicy(
            accepted=accepted,
            window_days=window,
            paid_by=paid_by,
            refund=f["refund"] or None,
            profile=f["return_profile"] or None,
            raw=raw,
        )

    def extra(self, group: _Group, f: dict[str, str]) -> dict[str, Any]:
        """Format facts with no model field: Action, site, policy names, empty required columns."""
        values = group.parent.values
        settings = self.columns.settings
        extra: dict[str, Any] = {
            "action": f["action"],
            "site": settings.get("siteid") or f["site"],
            "country": settings.get("country") or f["country"],
            "listing_format": f["listing_format"],
            "shipping_type": f["shipping_type"],
            "shipping_package": f["shipping_package"],
            "payment_profile": f["payment_profile"],
            "category_name": f["category_name"] if f["category"] else "",
            "condition_descriptors": {
                self.columns.written(key): values[key]
                for key in self.columns.descriptors
                if values.get(key)
            },
            "empty_required": self.empty_required(group, f),
        }
        return {key: value for key, value in extra.items() if value}

    def empty_required(self, group: _Group, f: dict[str, str]) -> list[str]:
        """``*`` columns an ``Add`` row leaves empty (variation rows may fill them instead)."""
        if f["action"].lower() not in ("add", "verifyadd"):
            return []
        values = group.parent.values
        if all(map(values.get, self.columns.required)):  # most rows: every one is filled
            return []
        return [
            self.columns.written(key)
            for key in self.columns.required
            if not values.get(key)
            and not (group.variants and all(v.values.get(key) for v in group.variants))
        ]


@lru_cache(maxsize=1024)
def _centimetres(text: str, system: str) -> float | None:
    """A package side as written (one ``package`` accepted), in centimetres to the 0.001.

    Cached: a catalog repeats a few sizes, and rounding one costs four times a lookup
    (measured). Keyed by the text, not the number, so that "-0" stays -0.0 (as 0.0 == -0.0).
    """
    number = parse_number(text)
    return None if number is None else round(number * CENTIMETRES[system], 3)


def _grams(major: float | None, minor: float | None, system: str | None) -> float | None:
    if system is None or (major is None and minor is None):
        return None
    major_g, minor_g = GRAMS[system]
    return round((major or 0) * major_g + (minor or 0) * minor_g, 3)


def _accepted(text: str) -> bool | None:
    words = text.lower().replace(" ", "")
    if words == "returnsaccepted":
        return True
    if words == "returnsnotaccepted":
        return False
    return parse_bool(text) if text else None


@lru_cache(maxsize=256)  # a catalog states a few return periods: each is matched once
def _window_days(text: str) -> int | None:
    """``Days_30``, ``30 Days``, ``30`` -> 30; the legacy ``Months_1`` is read as 30 days."""
    match = _WINDOW.match(text.strip())
    if not match:
        return None
    unit_first, number_after, number, unit_after = match.groups()
    unit = (unit_first or unit_after or "days").lower()
    days = int(number_after or number)
    return days * 30 if unit.startswith("month") else days


def _options(details: str) -> dict[str, str]:
    """``Color=Red|Size=M`` or ``Color=Red;Size=M``; a parent's ``Color=Red;Blue`` keeps both."""
    options: dict[str, str] = {}
    name = ""
    for part in re.split(r"[|;]", details):
        key, sep, value = part.partition("=")
        if sep:
            name = key.strip()
            options[name] = value.strip()
        elif name and part.strip():
            options[name] += f";{part.strip()}"
    return options
