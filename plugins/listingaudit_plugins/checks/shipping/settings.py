"""The ``[shipping]`` configuration section: the price date, the zones, and declared terms.

Shopify and Amazon listings name no per-listing shipping cost (export-formats.md §5): the user
declares what buyers pay under a profile or template name (``[shipping.profiles."Name"]``, the
eBay business-policy or Amazon ``merchant-shipping-group`` name) or per marketplace for listings
that name none (``[shipping.store.shopify]``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from listingaudit.config import Config, ConfigKey

_TERMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["cost"],
    "properties": {
        "cost": {"type": "number", "minimum": 0, "description": "First item, in `currency`."},
        "additional_cost": {"type": "number", "minimum": 0, "description": "Each extra item."},
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
        "service": {
            "type": "string",
            "description": "The carrier service as an eBay code (USPSParcel...).",
        },
    },
}

CONFIG_KEY = ConfigKey(
    section="shipping",
    schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "as_of": {
                "type": "string",
                "pattern": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
                "description": "Judge against prices in force on this day (default: today).",
            },
            "max_zone": {
                "type": "integer",
                "minimum": 1,
                "maximum": 9,
                "description": "Farthest USPS zone a flat charge must cover (default 8).",
            },
            "profiles": {
                "type": "object",
                "additionalProperties": _TERMS_SCHEMA,
                "description": "What buyers pay under each shipping profile or template name.",
            },
            "store": {
                "type": "object",
                "additionalProperties": _TERMS_SCHEMA,
                "description": "What buyers pay, by marketplace, when a listing names no profile.",
            },
        },
    },
    default={},
    help="Shipping markup: price date, zones, and the terms behind profile names.",
)

# carrier-rates.md §6: "a charge well above the retail price for the farthest lower-48 zone
# (zone 8), plus packaging, is the clearest sign of overcharging". Zone 9 (US territories) is
# opt-in: its Priority Mail prices are about twice zone 8's.
DEFAULT_MAX_ZONE = 8


@dataclass(frozen=True)
class Terms:
    """Declared shipping terms (a profile, a template, a store default)."""

    cost: float
    additional_cost: float | None = None
    currency: str | None = None
    service: str | None = None


@dataclass(frozen=True)
class ShippingSettings:
    as_of: date
    max_zone: int
    profiles: dict[str, Terms]
    store: dict[str, Terms]

    @classmethod
    @lru_cache(maxsize=8)  # read once per run's configuration, not once per listing
    def from_config(cls, config: Config) -> ShippingSettings:
        section: dict[str, Any] = config.section("shipping") or {}
        as_of = section.get("as_of")
        return cls(
            as_of=date.fromisoformat(as_of) if as_of else date.today(),
            max_zone=section.get("max_zone", DEFAULT_MAX_ZONE),
            profiles={k: Terms(**v) for k, v in section.get("profiles", {}).items()},
            store={k: Terms(**v) for k, v in section.get("store", {}).items()},
        )
