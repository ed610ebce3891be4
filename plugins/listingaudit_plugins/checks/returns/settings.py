"""The ``[returns]`` configuration section, read once per run rather than once per listing."""

from __future__ import annotations

from typing import Any

from listingaudit.checks import CheckContext

SECTION = "returns"
_SERVICE_KEY = "returns.settings"


def settings(ctx: CheckContext) -> dict[str, Any]:
    found = ctx.services.get(_SERVICE_KEY)
    if not isinstance(found, dict):
        found = ctx.services[_SERVICE_KEY] = dict(ctx.config.section(SECTION) or {})
    return found
