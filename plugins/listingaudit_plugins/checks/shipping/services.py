"""Which rate tables price a shipping service, by its eBay code (``data/services.json``).

A code names a carrier service with a table, a service whose prices are missing, a collection
that no carrier prices, or an unknown carrier ("generic"); codes not in the file are generic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from listingaudit_plugins.checks.shipping.rates import RateTable, tables, tables_in


@dataclass(frozen=True)
class Service:
    name: str
    table_ids: tuple[str, ...] = ()
    generic: bool = False
    not_postage: bool = False
    missing: str = ""

    def tables(self, currency: str) -> list[RateTable]:
        """The tables to consult for a charge in ``currency`` (none if the currency differs)."""
        if self.generic:
            return [t for t in tables_in(currency) if t.generic]
        return [tables()[i] for i in self.table_ids if tables()[i].currency == currency]


@cache
def _known() -> dict[str, Service]:
    text = resources.files(__package__).joinpath("data/services.json").read_text("utf-8")
    return {
        code: Service(
            name=entry["name"],
            table_ids=tuple(entry.get("tables", ())),
            generic=entry.get("generic", False),
            not_postage=entry.get("not_postage", False),
            missing=entry.get("missing", ""),
        )
        for code, entry in json.loads(text)["services"].items()
    }


@lru_cache(maxsize=1024)  # asked for every charge by several rules; a catalog uses few codes
def service(code: str | None) -> Service:
    """The service an offer names; an absent or unknown code is a generic service."""
    if not code:
        return Service("service not named", generic=True)
    return _known().get(code.strip()) or Service(f"{code} (carrier unknown)", generic=True)
