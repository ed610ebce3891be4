"""The normalized listing: one shape for every marketplace.

Adapters fill in what their format carries and leave the rest as ``None`` (or empty): a field a
format does not carry is absent, never guessed. ``Listing.to_dict`` drops absent fields, and the
result validates against ``schemas/listing.schema.json``.

Units are normalized at the adapter: weights in grams, lengths in centimetres, money as a float in
the listing's currency, windows and handling times in days.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

Marketplace = str  # "shopify" | "ebay" | "amazon" | a plugin's own name
PaidBy = Literal["buyer", "seller"]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a listing came from: the file and the 1-based physical line of each of its rows."""

    file: str
    lines: tuple[int, ...]
    format: str = ""
    #: The file's header as written (one tuple shared by every listing of the file), so a check
    #: can tell a column left empty from a column the format does not have.
    columns: tuple[str, ...] = ()

    @property
    def first_line(self) -> int:
        return self.lines[0] if self.lines else 0

    @property
    def last_line(self) -> int:
        return self.lines[-1] if self.lines else 0


@dataclass(frozen=True, slots=True)
class Photo:
    """One listing photo, as referenced by the export (URL, ``file://`` URL or local path)."""

    ref: str
    position: int
    alt: str | None = None
    variant_sku: str | None = None


@dataclass(frozen=True, slots=True)
class Condition:
    """The item's condition: ``code`` from the shared vocabulary, ``raw`` as the file wrote it."""

    code: str
    raw: str
    # Where the condition was read from ("ConditionID", "Google Shopping / Condition", "tags"...).
    origin: str = ""


@dataclass(frozen=True, slots=True)
class ShippingOffer:
    """A shipping option as the buyer sees it. ``cost`` is for the first item."""

    service: str | None = None
    cost: float | None = None
    additional_cost: float | None = None
    free: bool | None = None
    calculated: bool | None = None
    profile: str | None = None
    international: bool = False


@dataclass(frozen=True, slots=True)
class Package:
    """Shipping weight (grams) and package dimensions (centimetres)."""

    weight_g: float | None = None
    length_cm: float | None = None
    width_cm: float | None = None
    height_cm: float | None = None


@dataclass(frozen=True, slots=True)
class ReturnPolicy:
    accepted: bool | None = None
    window_days: int | None = None
    paid_by: PaidBy | None = None
    refund: str | None = None
    profile: str | None = None
    # The marketplace's own words, e.g. "ReturnsAccepted" / "Days_30".
    raw: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Variant:
    sku: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    price: float | None = None
    compare_at_price: float | None = None
    quantity: int | None = None
    barcode: str | None = None
    weight_g: float | None = None
    inventory_policy: str | None = None
    line: int | None = None


@dataclass(slots=True)
class Listing:
    """One sellable listing, however many rows the export spent on it."""

    id: str
    marketplace: Marketplace
    source: SourceRef
    title: str | None = None
    description_html: str | None = None
    description_text: str | None = None
    condition: Condition | None = None
    condition_note: str | None = None
    photos: list[Photo] = field(default_factory=list)
    price: float | None = None
    currency: str | None = None
    variants: list[Variant] = field(default_factory=list)
    quantity: int | None = None
    # "deny" (stop selling at zero) or "continue" (keep selling: overselling risk).
    inventory_policy: str | None = None
    shipping: list[ShippingOffer] = field(default_factory=list)
    package: Package | None = None
    handling_days: int | None = None
    returns: ReturnPolicy | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    status: str | None = None
    # Facts a format carries that the shared model has no field for (e.g. eBay's Action, site).
    extra: dict[str, Any] = field(default_factory=dict)
    # The rows as read, one mapping of header -> cell per row, in file order.
    raw: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self, *, include_raw: bool = True) -> dict[str, Any]:
        """A JSON-ready mapping without absent fields (see ``schemas/listing.schema.json``)."""
        data: dict[str, Any] = _plain(self)
        if not include_raw:
            data.pop("raw", None)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Listing:
        """The inverse of ``to_dict`` (missing ``id``/``source`` get test-friendly defaults)."""
        data = dict(data)
        source = data.pop("source", {"file": "listing", "lines": [1]})
        condition = data.pop("condition", None)
        package = data.pop("package", None)
        returns = data.pop("returns", None)
        return cls(
            id=str(data.pop("id", "listing-1")),
            marketplace=str(data.pop("marketplace", "shopify")),
            source=SourceRef(
                source["file"],
                tuple(source["lines"]),
                source.get("format", ""),
                tuple(source.get("columns", ())),
            ),
            condition=Condition(**condition) if condition else None,
            photos=[Photo(**p) for p in data.pop("photos", [])],
            variants=[Variant(**v) for v in data.pop("variants", [])],
            shipping=[ShippingOffer(**o) for o in data.pop("shipping", [])],
            package=Package(**package) if package else None,
            returns=ReturnPolicy(**returns) if returns else None,
            **data,
        )

    @property
    def text_fields(self) -> dict[str, str]:
        """Title, description and condition note: the seller's own words, by field name."""
        found = {
            "title": self.title,
            "description": self.description_text,
            "condition_note": self.condition_note,
        }
        return {name: text for name, text in found.items() if text}


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in fields(value):
            item = _plain(getattr(value, f.name))
            if item is None or item == [] or item == {}:
                continue
            out[f.name] = item
        return out
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
