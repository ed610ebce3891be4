"""Return terms in one shape, whichever place they were read from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: JSON Schema of terms written in configuration or in a policies file.
SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["accepted"],
    "properties": {
        "accepted": {"type": "boolean"},
        "window_days": {"type": "integer", "minimum": 0},
        "paid_by": {"enum": ["buyer", "seller"]},
    },
}


@dataclass(frozen=True)
class Terms:
    """Whether returns are accepted, within how many days, and who pays the return postage."""

    accepted: bool
    window_days: int | None = None
    paid_by: str | None = None

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> Terms:
        """Terms from a table that validated against :data:`SCHEMA`."""
        return cls(bool(table["accepted"]), table.get("window_days"), table.get("paid_by"))
