"""Returns checks: does the listing take items back, on what terms, and does it say so truthfully?

Rules RET001-RET006. The policy is read from the listing (eBay), resolved through the user's
eBay business policies, declared in ``[returns.store]`` (Amazon, Shopify), or read from the
Shopify store's refund-policy page (``--shop`` / ``[returns] shop_url``).
"""

from __future__ import annotations

from typing import Any

from listingaudit import hookimpl
from listingaudit.checks import Check
from listingaudit.config import ConfigKey
from listingaudit_plugins.checks.textmatch import languages

from .RET001 import ReturnPolicyMissing
from .RET002 import ReturnsNotAccepted
from .RET003 import ReturnWindowShort
from .RET004 import BuyerPaysReturns
from .RET005 import ReturnPolicyUnverified
from .RET006 import ReturnTextContradictsPolicy
from .settings import SECTION
from .terms import SCHEMA as TERMS
from .wording import DEFAULT_LANGUAGES, PACKAGE

_STORE: dict[str, Any] = {
    "type": "object",
    "description": "The store's or account's return policy (Amazon, Shopify): accepted, "
    "window_days, paid_by; or one table per marketplace, e.g. [returns.store.shopify].",
    "properties": TERMS["properties"],
    "dependentRequired": {"window_days": ["accepted"], "paid_by": ["accepted"]},
    "additionalProperties": TERMS,
}


@hookimpl
def listingaudit_checks() -> list[type[Check]]:
    return [
        ReturnPolicyMissing,
        ReturnsNotAccepted,
        ReturnWindowShort,
        BuyerPaysReturns,
        ReturnPolicyUnverified,
        ReturnTextContradictsPolicy,
    ]


@hookimpl
def listingaudit_config_keys() -> list[ConfigKey]:
    return [
        ConfigKey(
            SECTION,
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "languages": languages.schema(PACKAGE),
                    "policies_file": {
                        "type": "string",
                        "minLength": 1,
                        "description": "eBay return business policies (Account API "
                        "getReturnPolicies JSON, or {name: terms}), relative to this file.",
                    },
                    "profiles": {
                        "type": "object",
                        "description": "eBay return profiles by name: accepted, window_days, "
                        "paid_by.",
                        "additionalProperties": TERMS,
                    },
                    "store": _STORE,
                    "shop_url": {
                        "type": "string",
                        "pattern": r"^(https?://)?[^\s/]+(/\S*)?$",
                        "description": "The Shopify store whose /policies/refund-policy page "
                        "states the policy (the --shop option wins).",
                    },
                },
            },
            {"languages": list(DEFAULT_LANGUAGES)},
            "Returns checks: eBay business policies, the store's policy, the Shopify store.",
        )
    ]
