"""eBay business policies: listings that name a return profile instead of spelling out terms.

The user can resolve profile names two ways: ``[returns] policies_file`` names a JSON file, either
the eBay Account API's ``getReturnPolicies`` response as downloaded (``{"returnPolicies": [...]}``)
or a plain table ``{"Profile name": {"accepted": true, "window_days": 30, "paid_by": "buyer"}}``;
and ``[returns.profiles."Profile name"]`` tables in configuration, which win over the file.
A policies file that cannot be read is a configuration error, named with its line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match

from listingaudit.checks import CheckContext
from listingaudit.config import ConfigError

from .settings import settings
from .terms import SCHEMA as TERMS_SCHEMA
from .terms import Terms

_SERVICE_KEY = "returns.profiles"
#: The fields of eBay's Account API ``ReturnPolicy`` that make the terms (marketplace-rules.md
#: §3.1; developer.ebay.com/api-docs/sell/account/types/api:ReturnPolicy).
_ACCOUNT_API_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["returnPolicies"],
    "properties": {
        "returnPolicies": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "returnsAccepted"],
                "properties": {
                    "name": {"type": "string"},
                    "returnPolicyId": {"type": "string"},
                    "returnsAccepted": {"type": "boolean"},
                    "returnPeriod": {
                        "type": "object",
                        "required": ["value", "unit"],
                        "properties": {
                            "value": {"type": "integer", "minimum": 0},
                            "unit": {"enum": ["DAY", "MONTH"]},
                        },
                    },
                    "returnShippingCostPayer": {"enum": ["BUYER", "SELLER"]},
                },
            },
        }
    },
}
_TABLE_SCHEMA: dict[str, Any] = {"type": "object", "additionalProperties": TERMS_SCHEMA}
_DAYS_PER_UNIT = {"DAY": 1, "MONTH": 30}


@dataclass(frozen=True)
class Profile:
    name: str
    terms: Terms
    #: Where the profile was defined: the policies file's name or "[returns.profiles]".
    origin: str


class Profiles:
    """Profiles by name (exact, then ignoring case and spaces) and by eBay policy ID."""

    def __init__(self, profiles: list[tuple[Profile, str | None]]) -> None:
        self._exact: dict[str, Profile] = {}
        self._loose: dict[str, Profile] = {}
        for profile, policy_id in profiles:
            for key in (profile.name, policy_id):
                if key:
                    self._exact[key] = profile
                    self._loose[_loose(key)] = profile

    def find(self, reference: str) -> Profile | None:
        return self._exact.get(reference) or self._loose.get(_loose(reference))


def _loose(name: str) -> str:
    return " ".join(name.split()).casefold()


def profiles(ctx: CheckContext) -> Profiles:
    """The profiles this run knows, read once per run."""
    found = ctx.services.get(_SERVICE_KEY)
    if not isinstance(found, Profiles):
        found = ctx.services[_SERVICE_KEY] = _load(ctx)
    return found


def _load(ctx: CheckContext) -> Profiles:
    section = settings(ctx)
    entries: list[tuple[Profile, str | None]] = []
    if section.get("policies_file"):
        path = Path(section["policies_file"])
        if not path.is_absolute() and ctx.config.path is not None:
            path = ctx.config.path.parent / path
        entries.extend(read_policies_file(path))
    for name, table in (section.get("profiles") or {}).items():
        entries.append((Profile(name, Terms.from_table(table), "[returns.profiles]"), None))
    return Profiles(entries)


def read_policies_file(path: Path) -> list[tuple[Profile, str | None]]:
    """Profiles from a policies file, each with its eBay policy ID if the file gives one."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as error:
        raise ConfigError(
            f"{path}: cannot read the return policies file named by [returns] policies_file "
            f"({error.strerror})"
        ) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise ConfigError(f"{path}: {where}: not valid JSON ({error.msg})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text (save the policies file as UTF-8)") from None
    if isinstance(data, dict) and "returnPolicies" in data:
        _validate(data, _ACCOUNT_API_SCHEMA, path)
        return [_from_account_api(policy, path.name) for policy in data["returnPolicies"]]
    _validate(data, _TABLE_SCHEMA, path)
    return [
        (Profile(name, Terms.from_table(table), path.name), None) for name, table in data.items()
    ]


def _validate(data: Any, schema: dict[str, Any], path: Path) -> None:
    error = best_match(jsonschema.Draft202012Validator(schema).iter_errors(data))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "(top level)"
        raise ConfigError(f"{path}: {where}: {error.message}")


def _from_account_api(policy: dict[str, Any], origin: str) -> tuple[Profile, str | None]:
    period = policy.get("returnPeriod")
    window = period["value"] * _DAYS_PER_UNIT[period["unit"]] if period else None
    payer = policy.get("returnShippingCostPayer")
    terms = Terms(policy["returnsAccepted"], window, payer.lower() if payer else None)
    return Profile(policy["name"], terms, origin), policy.get("returnPolicyId")
