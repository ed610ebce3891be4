"""Fulfilment checks: the family turns off as one, its data file, and real exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from listingaudit.audit import AuditOptions, run_audit
from listingaudit.config import Config
from listingaudit.plugins import LoadedPlugins
from listingaudit_plugins.checks.fulfilment import FUL002

from .conftest import FIXTURES

UPLOAD = FIXTURES / "checks" / "ebay-upload.csv"


def _rules(
    plugins: LoadedPlugins, path: Path, config: dict[str, Any], options: AuditOptions
) -> dict[str, set[str]]:
    keys = [key for group in plugins.hook.listingaudit_config_keys() for key in group]
    result = run_audit(plugins, Config(config, None, keys), [path], options)
    return {r.listing.id: {f.rule for f in r.findings} for r in result.report.listings}


def test_family_fires_on_the_upload_fixture(plugins: LoadedPlugins) -> None:
    found = _rules(plugins, UPLOAD, {}, AuditOptions(select=["fulfilment"]))
    assert found == {"CAM-1": set(), "MIX-1": {"FUL001"}, "CARD-1": {"FUL002"}, "MUG-1": set()}


@pytest.mark.parametrize(
    ("config", "options"),
    [
        ({"ignore": ["fulfilment"]}, AuditOptions()),
        ({}, AuditOptions(ignore=["fulfilment"])),
    ],
)
def test_family_turns_off_as_one(
    plugins: LoadedPlugins, config: dict[str, Any], options: AuditOptions
) -> None:
    found = _rules(plugins, UPLOAD, config, options)
    assert found, "the other families still ran"
    assert all(not code.startswith("FUL") for rules in found.values() for code in rules)
    assert any(code.startswith("DIS") for rules in found.values() for code in rules)


def test_every_untracked_service_names_its_service_and_source() -> None:
    path = Path(FUL002.__file__).parent / "data" / "services.json"
    untracked = json.loads(path.read_text("utf-8"))["untracked"]
    assert "USPSFirstClassLetter" in untracked and "UK_RoyalMailSecondClassStandard" in untracked
    for code, entry in untracked.items():
        assert entry["service"], code
        assert "carrier-rates.md" in entry["_source"] or "eBay" in entry["_source"], code
    # Tracked services, pickup and unknown carriers are not in the table.
    for fine in (
        "USPSParcel",
        "USPSPriority",
        "UK_RoyalMailTracked48",
        "Pickup",
        "ShippingMethodStandard",
    ):
        assert fine not in untracked


def test_real_shopify_export_keeps_selling_out_of_stock_products(
    plugins: LoadedPlugins, samples: Path
) -> None:
    """The Stache Wax store sells its variants with ``Variant Inventory Policy = continue``."""
    path = samples / "shopify" / "YadaYadaSoftware__shopify-variant-splitter__products_export_1.csv"
    keys = [key for group in plugins.hook.listingaudit_config_keys() for key in group]
    result = run_audit(plugins, Config({}, None, keys), [path], AuditOptions(select=["FUL003"]))
    findings = {r.listing.id: r.findings for r in result.report.listings}
    assert findings["mustache-wax"], "mustache-wax variants keep selling at zero stock"
    variants = findings["mustache-wax"][0].evidence["variants"]
    assert "og1oz-light-black-usa" in variants and len(variants) == 7


def test_real_ebay_upload_handling_and_services_are_fine(
    plugins: LoadedPlugins, samples: Path
) -> None:
    """3-day handling, USPSParcel and Pickup: nothing to report."""
    path = (
        samples / "ebay" / "russwbeck__ebayscout__2026-10-03_penn-state-button-listings.EXCERPT.csv"
    )
    found = _rules(plugins, path, {}, AuditOptions(select=["fulfilment"]))
    assert len(found) == 4 and all(rules == set() for rules in found.values())
