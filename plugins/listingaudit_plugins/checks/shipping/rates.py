"""Carrier rate tables kept as data, and what they say a parcel costs.

Each ``data/rates/<id>.json`` is one carrier service: its dimensional-weight rule and its
editions (effective dates, source, confidence label), each edition a list of formats (size
limits) with "weight not over" rows of prices by zone. A price the sources do not give is
``null`` and stays unknown; nothing here is estimated.

Pricing a parcel answers two questions a flat charge must survive: which weight the carrier
bills (the greater of actual and dimensional weight, where the carrier applies it) and the
dearest zone a buyer could be in. Prices rise with weight and with zone (carrier-rates.md
§1.3), so an unknown cell is bounded from above by the next heavier row of the same format, and
the price in the farthest zone considered is the top of the range.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any, Literal, TypeVar

GRAMS_PER = {"g": 1.0, "oz": 28.349523125, "lb": 453.59237}
CM_PER_INCH = 2.54
# "Weight not over" comparisons tolerate float noise from unit conversion (16 oz = 453.59237 g).
_EPSILON = 1e-6
#: What a remembered piece of a rate table is (see ``RateTable._remembered``).
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Parcel:
    """A packed parcel: weight in grams, sides in centimetres (any order)."""

    weight_g: float
    sides_cm: tuple[float, float, float]

    @property
    def sides_desc_cm(self) -> tuple[float, ...]:
        return tuple(sorted(self.sides_cm, reverse=True))

    @property
    def length_plus_girth_in(self) -> float:
        length, width, height = self.sides_desc_cm
        return length / CM_PER_INCH + 2 * (width / CM_PER_INCH + height / CM_PER_INCH)


@dataclass(frozen=True)
class DimensionalRule:
    """How a carrier turns size into billable weight: L x W x H (inches) / divisor, in pounds."""

    divisor: float
    # Only parcels larger than this volume (cubic inches) are billed by size; 0 = every parcel.
    above_cubic_in: float
    inch_rounding: Literal["nearest", "up"]

    def weight_lb(self, parcel: Parcel) -> int | None:
        """The dimensional weight in whole pounds, or ``None`` when the rule does not apply."""
        length, width, height = parcel.sides_cm
        volume = self._inches(length) * self._inches(width) * self._inches(height)
        if volume <= self.above_cubic_in:
            return None
        return math.ceil(volume / self.divisor - _EPSILON)

    def _inches(self, side_cm: float) -> int:
        inches = side_cm / CM_PER_INCH
        if self.inch_rounding == "up":
            return math.ceil(inches - _EPSILON)
        return math.floor(inches + 0.5)


@dataclass(frozen=True, slots=True)
class BillableWeight:
    """The weight a carrier bills, and whether size or scale decided it."""

    actual_g: float
    dimensional_lb: int | None

    @property
    def grams(self) -> float:
        return max(self.actual_g, self.dimensional_g)

    @property
    def dimensional_g(self) -> float:
        return (self.dimensional_lb or 0) * GRAMS_PER["lb"]

    @property
    def basis(self) -> str:
        return "dimensional" if self.dimensional_g > self.actual_g else "actual"

    def describe(self, unit: str) -> str:
        """E.g. ``"12 lb dimensional (actual 3.2 lb)"`` or ``"14.11 oz actual"``."""
        shown = "lb" if unit == "oz" and self.actual_g >= GRAMS_PER["lb"] else unit
        actual = f"{_number(self.actual_g / GRAMS_PER[shown])} {shown}"
        if self.basis == "dimensional":
            return f"{self.dimensional_lb} lb dimensional (actual {actual})"
        return f"{actual} actual"


@dataclass(frozen=True)
class Row:
    not_over: float
    prices: tuple[float | None, ...]


@dataclass(frozen=True)
class Format:
    """A size class of a service ("parcel", "large letter"...) with its weight rows."""

    name: str
    rows: tuple[Row, ...]
    max_sides_cm: tuple[float, ...] | None = None
    max_length_plus_girth_in: float | None = None
    #: Each row's ``not_over`` with the tolerance, when the rows ascend (they do in every
    #: shipped table): ``cell`` then starts at the first row heavy enough instead of scanning
    #: some seventy rows from the top for every zone.
    _bounds: tuple[float, ...] | None = field(default=None, init=False, repr=False, compare=False)
    #: ``span`` answers by first row heavy enough and zones: parcels vary, rows are few.
    _spans: dict[tuple[int, tuple[int, ...]], Span] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        bounds = tuple(row.not_over + _EPSILON for row in self.rows)
        ascending = all(a <= b for a, b in pairwise(bounds))
        # The dataclasses idiom for a value derived from a frozen instance's fields.
        object.__setattr__(self, "_bounds", bounds if ascending else None)

    def fits(self, parcel: Parcel, weight: float) -> bool:
        if self.max_sides_cm is not None and any(
            side > limit + _EPSILON
            for side, limit in zip(parcel.sides_desc_cm, self.max_sides_cm, strict=True)
        ):
            return False
        if (
            self.max_length_plus_girth_in is not None
            and parcel.length_plus_girth_in > self.max_length_plus_girth_in + _EPSILON
        ):
            return False
        return bool(self.rows) and weight <= self.rows[-1].not_over + _EPSILON

    def cell(self, weight: float, zone: int) -> tuple[float, Row] | None:
        """The price for ``weight`` in ``zone``: its row's, else the next heavier known one."""
        start = bisect_left(self._bounds, weight) if self._bounds is not None else 0
        for row in self.rows[start:]:
            price = row.prices[zone]
            if weight <= row.not_over + _EPSILON and price is not None:
                return price, row
        return None

    def span(self, weight: float, zones: tuple[int, ...]) -> Span:
        """``cell`` for each of ``zones``, summed up as a :class:`Span`."""
        if self._bounds is None:  # rows out of order: every row may answer, so no memo
            return Span.of([self.cell(weight, zone) for zone in zones])
        # Every weight whose first heavy-enough row is ``start`` gets the same cells.
        key = (bisect_left(self._bounds, weight), zones)
        found = self._spans.get(key)
        if found is None:
            found = self._spans[key] = Span.of([self.cell(weight, zone) for zone in zones])
        return found


@dataclass(frozen=True, slots=True)
class Span:
    """A format's prices for one weight across the zones considered."""

    #: The nearest zone's price, when known.
    low: float | None
    #: The dearest known price, or ``None`` when no zone has one.
    high: float | None
    #: The row that priced the farthest zone, or ``None`` when that price is unknown.
    top: Row | None

    @classmethod
    def of(cls, cells: list[tuple[float, Row] | None]) -> Span:
        known = [cell[0] for cell in cells if cell]
        return cls(
            low=cells[0][0] if cells[0] else None,
            high=max(known) if known else None,
            top=cells[-1][1] if cells[-1] else None,
        )


@dataclass(frozen=True)
class Edition:
    """One dated price list of a service (its source is in the data file, next to the prices)."""

    effective_from: date | None
    effective_to: date | None
    confidence: str
    formats: tuple[Format, ...]
    overlay: bool = False
    missing: str = ""

    def in_force(self, day: date) -> bool:
        starts = self.effective_from or date.min
        ends = self.effective_to or date.max
        return starts <= day <= ends

    @property
    def label(self) -> str:
        if self.effective_from is None:
            return f"until {self.effective_to}" if self.effective_to else "undated"
        return str(self.effective_from)


@dataclass(frozen=True, slots=True)
class Quote:
    """What a table says the parcel costs across the zones considered."""

    table: RateTable
    edition: Edition
    in_force: bool
    format: str
    band: str
    # The price in the nearest zone considered, when the table gives it.
    low: float | None
    high: float
    zones: str
    weight: BillableWeight

    @property
    def service_name(self) -> str:
        return self.table.name

    @property
    def weight_used(self) -> str:
        return self.weight.describe(self.table.weight_unit)


@dataclass(frozen=True, slots=True)
class Unpriced:
    """Why a table could not price the parcel (a missing cell, a heavier parcel...)."""

    reason: str


@dataclass(frozen=True)
class RateTable:
    id: str
    carrier: str
    service: str
    price_list: str
    currency: str
    generic: bool
    weight_unit: str
    zones: tuple[str, ...]
    dimensional: DimensionalRule | None
    editions: tuple[Edition, ...]
    #: What the table works out the same way for every parcel (the editions in the order a
    #: day consults them, the zones a flat charge covers), kept after the first parcel asks.
    _derived: dict[tuple[str, object], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def name(self) -> str:
        return f"{self.carrier} {self.service} ({self.price_list})"

    def billable_weight(self, parcel: Parcel) -> BillableWeight:
        dimensional = self.dimensional.weight_lb(parcel) if self.dimensional else None
        return BillableWeight(parcel.weight_g, dimensional)

    def zone_indices(self, max_zone: int) -> tuple[int, ...]:
        """Zones a flat charge must cover: numbered zones up to ``max_zone``, or all others."""
        return self._remembered(
            ("zones", max_zone),
            lambda: tuple(
                i
                for i, zone in enumerate(self.zones)
                if not zone.isdigit() or int(zone) <= max_zone
            ),
        )

    def _zone_text(self, zones: tuple[int, ...]) -> str:
        """``_zone_range`` of ``zones``, worked out once per set of zones."""
        return self._remembered(
            ("zone text", zones), lambda: _zone_range([self.zones[i] for i in zones])
        )

    def _band(self, not_over: float) -> str:
        """``"not over 2 lb"``: a row's weight as the tables print it, worked out once per row."""
        return self._remembered(
            ("band", not_over), lambda: f"not over {self._weight_text(not_over)}"
        )

    def _preference(self, day: date) -> list[Edition]:
        return self._remembered(("preference", day), lambda: preference(self.editions, day))

    def _remembered(self, key: tuple[str, object], work: Callable[[], T]) -> T:
        """``work()``, worked out once per ``key``: the table never changes after loading."""
        if key not in self._derived:
            self._derived[key] = work()
        found: T = self._derived[key]
        return found

    def quote(self, parcel: Parcel, day: date, max_zone: int) -> Quote | Unpriced:
        """Price ``parcel`` from the first edition that knows its cell, in force ones first."""
        weight = self.billable_weight(parcel)
        zones = self.zone_indices(max_zone)
        if not zones:
            return Unpriced(f"{self.name} has no zone up to {max_zone}")
        first_reason = ""
        for edition in self._preference(day):
            answer = self._quote_edition(edition, parcel, weight, zones, edition.in_force(day))
            if isinstance(answer, Quote):
                return answer
            first_reason = first_reason or answer.reason
        return Unpriced(first_reason or f"{self.name} has no prices")

    def _quote_edition(
        self,
        edition: Edition,
        parcel: Parcel,
        weight: BillableWeight,
        zones: tuple[int, ...],
        in_force: bool,
    ) -> Quote | Unpriced:
        if not edition.formats:
            return Unpriced(edition.missing or f"{self.name} prices are missing")
        in_unit = weight.grams / GRAMS_PER[self.weight_unit]
        fitting = next((f for f in edition.formats if f.fits(parcel, in_unit)), None)
        if fitting is None:
            return Unpriced(f"the parcel is larger or heavier than any {self.name} format")
        span = fitting.span(in_unit, zones)
        if span.top is None or span.high is None:
            return Unpriced(
                f"the {self.name} price for this weight in zone {self.zones[zones[-1]]} "
                f"is missing from the {edition.label} table"
            )
        return Quote(
            table=self,
            edition=edition,
            in_force=in_force,
            format=fitting.name,
            band=self._band(span.top.not_over),
            low=span.low,
            high=span.high,
            zones=self._zone_text(zones),
            weight=weight,
        )

    def _weight_text(self, amount: float) -> str:
        """Ounces from 1 lb up read as pounds, as the USPS tables print them."""
        if self.weight_unit == "oz" and amount >= 16 and amount % 16 == 0:
            return f"{_number(amount / 16)} lb"
        return f"{_number(amount)} {self.weight_unit}"


def preference(editions: Sequence[Edition], day: date) -> list[Edition]:
    """Editions in the order they are consulted for ``day``.

    In force first (seasonal overlays before the base they lie over), then earlier editions,
    latest first, then later ones, earliest first.
    """
    current = sorted(
        (e for e in editions if e.in_force(day)),
        key=lambda e: (not e.overlay, -(e.effective_from or date.min).toordinal()),
    )
    earlier = sorted(
        (e for e in editions if not e.in_force(day) and (e.effective_from or date.min) <= day),
        key=lambda e: e.effective_from or date.min,
        reverse=True,
    )
    later = sorted(
        (e for e in editions if (e.effective_from or date.min) > day),
        key=lambda e: e.effective_from or date.min,
    )
    return [*current, *earlier, *later]


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _zone_range(zones: list[str]) -> str:
    """``"zones 1–8"``, ``"zone 8"``, or the name of an unnumbered zone (``"UK"``)."""
    if not zones[0].isdigit():
        return ", ".join(zones)
    return f"zone {zones[0]}" if len(zones) == 1 else f"zones {zones[0]}–{zones[-1]}"


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _table(data: dict[str, Any]) -> RateTable:
    dim = data["dimensional_weight"]
    return RateTable(
        id=data["id"],
        carrier=data["carrier"],
        service=data["service"],
        price_list=data["price_list"],
        currency=data["currency"],
        generic=data["generic"],
        weight_unit=data["weight_unit"],
        zones=tuple(data["zones"]),
        dimensional=(
            DimensionalRule(dim["divisor"], dim["above_cubic_in"], dim["inch_rounding"])
            if dim
            else None
        ),
        editions=tuple(
            Edition(
                effective_from=_day(e["effective_from"]),
                effective_to=_day(e["effective_to"]),
                confidence=e["confidence"],
                overlay=e.get("overlay", False),
                missing=e.get("missing", ""),
                formats=tuple(
                    Format(
                        name=f["name"],
                        rows=tuple(Row(r["not_over"], tuple(r["prices"])) for r in f["rows"]),
                        max_sides_cm=tuple(f["max_sides_cm"]) if "max_sides_cm" in f else None,
                        max_length_plus_girth_in=f.get("max_length_plus_girth_in"),
                    )
                    for f in e["formats"]
                ),
            )
            for e in data["editions"]
        ),
    )


@cache
def tables() -> dict[str, RateTable]:
    """Every rate table shipped in ``data/rates``, by id."""
    folder = resources.files(__package__).joinpath("data/rates")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            table = _table(json.loads(entry.read_text("utf-8")))
            found[table.id] = table
    return found


def tables_in(currency: str) -> list[RateTable]:
    return list(_tables_in(currency))


@cache  # asked for every charge judged; the tables never change during a run
def _tables_in(currency: str) -> tuple[RateTable, ...]:
    return tuple(t for t in tables().values() if t.currency == currency)
