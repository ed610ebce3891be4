"""The return policy that applies to a listing, and where it was found, or why it was not.

In order: terms on the listing itself (eBay's return columns); a business-policy profile the
listing names, resolved through the user's policies; for marketplaces that keep the policy at
store or account level (Amazon, Shopify), the user's ``[returns.store]`` declaration, then for
Shopify the store's refund-policy page. Whatever cannot be resolved is "unverified", with the
reason; nothing is assumed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from listingaudit.checks import CheckContext
from listingaudit.model import Listing

from .profiles import profiles
from .settings import settings
from .shop import shop_page
from .terms import Terms
from .wording import PACKAGE

KNOWN = "known"
#: The format has return columns but they are empty (eBay).
MISSING = "missing"
UNVERIFIED = "unverified"
_NOT_NAME = re.compile(r"[\s*_\-]+")
_STORE_LEVEL_KEY = "returns.store_level"


@cache
def rules() -> dict[str, Any]:
    text = resources.files(PACKAGE).joinpath("data/rules.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(frozen=True, slots=True)
class Resolution:
    status: str
    terms: Terms | None = None
    #: Where the terms came from, or (unverified) why none could be had.
    source: str = ""
    #: For unverified policies: by-reference, not-in-file, not-declared, fetch-failed.
    reason: str = ""


def _carries_return_columns(listing: Listing) -> bool:
    names = rules()["return_columns"]["names"]
    return any(_NOT_NAME.sub("", h).lower() in names for row in listing.raw for h in row)


def _store_declaration(ctx: CheckContext, marketplace: str) -> tuple[Terms, str] | None:
    store = settings(ctx).get("store") or {}
    if isinstance(store.get(marketplace), dict):
        where = f"[returns.store.{marketplace}] in configuration"
        return Terms.from_table(store[marketplace]), where
    if "accepted" in store:
        return Terms.from_table(store), "[returns.store] in configuration"
    return None


def resolve(listing: Listing, ctx: CheckContext) -> Resolution:
    """The listing's policy, resolved once for all the returns rules."""
    return ctx.shared(listing, "returns.policy", lambda: _resolve(listing, ctx))


def _resolve(listing: Listing, ctx: CheckContext) -> Resolution:
    returns = listing.returns
    if returns is not None and returns.accepted is not None:
        terms = Terms(returns.accepted, returns.window_days, returns.paid_by)
        return Resolution(KNOWN, terms, "the listing's return columns")
    if returns is not None and returns.profile:
        profile = profiles(ctx).find(returns.profile)
        if profile is None:
            return Resolution(
                UNVERIFIED,
                source=f"policy by reference ('{returns.profile}'), not checked: name its terms in "
                "[returns] policies_file or [returns.profiles]",
                reason="by-reference",
            )
        return Resolution(
            KNOWN, profile.terms, f"business policy '{profile.name}' ({profile.origin})"
        )
    if listing.marketplace in rules()["per_listing"]["marketplaces"]:
        if returns is not None or _carries_return_columns(listing):
            return Resolution(MISSING, source="the listing's return columns are empty")
        return Resolution(
            UNVERIFIED,
            source="this file carries no return policy (a report, not a listing file)",
            reason="not-in-file",
        )
    return _store_level(ctx, listing.marketplace)


def _store_level(ctx: CheckContext, marketplace: str) -> Resolution:
    """The policy of a marketplace that keeps it at store or account level: the same for every
    listing of the marketplace, so resolved once per run."""
    resolved: dict[str, Resolution] = ctx.services.setdefault(_STORE_LEVEL_KEY, {})
    found = resolved.get(marketplace)
    if found is None:
        found = resolved[marketplace] = _resolve_store_level(ctx, marketplace)
    return found


def _resolve_store_level(ctx: CheckContext, marketplace: str) -> Resolution:
    declared = _store_declaration(ctx, marketplace)
    if declared is not None:
        return Resolution(KNOWN, declared[0], declared[1])
    page = shop_page(ctx) if marketplace == "shopify" else None
    if page is not None:
        if page.terms is not None:
            return Resolution(KNOWN, page.terms, f"the store's refund policy ({page.url})")
        return Resolution(UNVERIFIED, source=f"{page.url}: {page.failure}", reason="fetch-failed")
    name = marketplace.capitalize()
    where = "store" if marketplace == "shopify" else "account"
    hint = " or name the store with --shop / [returns] shop_url" if marketplace == "shopify" else ""
    return Resolution(
        UNVERIFIED,
        source=f"{name} keeps the return policy at {where} level: declare it in "
        f"[returns.store.{marketplace}]{hint}",
        reason="not-declared",
    )


def prepare(listings: Sequence[Listing], ctx: CheckContext) -> None:
    """Read what the run needs before the first listing: the policies file (a broken one stops
    the run with a configuration error) and, for Shopify listings, the store's policy page."""
    profiles(ctx)
    shopify = any(listing.marketplace == "shopify" for listing in listings)
    if shopify and _store_declaration(ctx, "shopify") is None:
        shop_page(ctx)
