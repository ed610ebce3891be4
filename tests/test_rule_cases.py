"""Every rule's pass/fail cases, as data: ``tests/cases/<CODE>.toml``.

A case file holds ``[[case]]`` tables, each with a ``listing`` (fields as in
``schemas/listing.schema.json``), ``expect = "fire"`` or ``"silent"``, and optionally
``message`` (a substring the finding's message must contain), ``severity``, ``evidence``
(key/values the finding's evidence must contain) and ``config`` (a configuration table).
Adding a check means adding one module and one case file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from listingaudit.audit import available_checks
from listingaudit.checks import CheckContext, Finding
from listingaudit.config import Config, validate
from listingaudit.model import Listing
from listingaudit.plugins import LoadedPlugins

CASES = Path(__file__).parent / "cases"


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        for number, case in enumerate(data["case"], 1):
            name = case.get("name", f"case {number}")
            params.append(pytest.param(data["rule"], case, id=f"{path.stem}: {name}"))
    return params


def run_rule(
    plugins: LoadedPlugins, code: str, listings: list[Listing], config: dict[str, Any]
) -> list[Finding]:
    """Run one rule over ``listings`` as an audit would (prepare, check, finish)."""
    keys = [key for group in plugins.hook.listingaudit_config_keys() for key in group]
    validate(config, keys, "case config")
    check_class, _ = available_checks(plugins)[code]
    check = check_class()
    ctx = CheckContext(
        Config(config, None, keys), {"hook": plugins.hook, "offline": True, "no_cache": True}
    )
    check.prepare(listings, ctx)
    found = [f for listing in listings for f in check.check(listing, ctx)]
    found.extend(f for _, f in check.finish(ctx))
    return found


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(plugins: LoadedPlugins, code: str, case: dict[str, Any]) -> None:
    listings = [Listing.from_dict(item) for item in case.get("listings", [case.get("listing", {})])]
    findings = [
        f for f in run_rule(plugins, code, listings, case.get("config", {})) if f.rule == code
    ]
    if case["expect"] == "silent":
        assert findings == [], f"expected no {code} finding, got {[f.message for f in findings]}"
        return
    assert findings, f"expected a {code} finding"
    finding = findings[0]
    if "message" in case:
        assert case["message"].lower() in finding.message.lower()
    if "severity" in case:
        assert finding.severity.value == case["severity"]
    for key, value in case.get("evidence", {}).items():
        assert finding.evidence.get(key) == value, f"evidence {key}: {finding.evidence}"


def test_every_rule_is_shown_firing_and_staying_silent(plugins: LoadedPlugins) -> None:
    """Each rule has a case file with both outcomes; photo rules, which need pixels, are
    exercised on generated photos in ``tests/test_photos_rules.py`` instead."""
    photo_tests = (CASES.parent / "test_photos_rules.py").read_text("utf-8")
    for code, (check, _) in available_checks(plugins).items():
        path = CASES / f"{code}.toml"
        if not path.exists():
            assert check.family == "photos" and code in photo_tests, f"{code} has no cases"
            continue
        outcomes = {case["expect"] for case in tomllib.loads(path.read_text("utf-8"))["case"]}
        assert outcomes == {"fire", "silent"}, f"{code}: {outcomes}"
