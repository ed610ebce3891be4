"""Shipping markup end to end: real export formats through the adapters, then the SHP rules.

Fixtures (``tests/fixtures/checks/shipping``, described in its README) are small files in
each marketplace's format; prices are pinned with ``[shipping] as_of``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from listingaudit.audit import AuditOptions, run_audit
from listingaudit.checks import Finding
from listingaudit.config import Config, ConfigError, validate
from listingaudit.model import Listing, Package, ShippingOffer, SourceRef
from listingaudit.plugins import LoadedPlugins
from listingaudit_plugins.checks.shipping.settings import ShippingSettings
from tests.test_rule_cases import run_rule

FIXTURES = Path(__file__).parent / "fixtures" / "checks" / "shipping"
AS_OF = {"as_of": "2026-11-23"}


def keys(plugins: LoadedPlugins) -> list[Any]:
    return [key for group in plugins.hook.listingaudit_config_keys() for key in group]


def audit(
    plugins: LoadedPlugins, path: Path, shipping: dict[str, Any] | None = None
) -> dict[str, list[Finding]]:
    """Findings of the shipping family by listing id."""
    data = {"shipping": {**AS_OF, **(shipping or {})}}
    validate(data, keys(plugins), "test config")
    result = run_audit(
        plugins, Config(data, None, keys(plugins)), [path], AuditOptions(select=["shipping"])
    )
    assert [p for p in result.report.problems if p.code == "check-error"] == []
    return {r.listing.id: r.findings for r in result.report.listings}


def rules(findings: list[Finding]) -> list[str]:
    return sorted(f.rule for f in findings)


def test_ebay_us_upload(plugins: LoadedPlugins) -> None:
    found = audit(plugins, FIXTURES / "ebay-us.csv")
    assert {listing: rules(f) for listing, f in found.items()} == {
        "SHIP-OVER": ["SHP001"],
        "SHIP-FAIR": [],
        "SHIP-FREE": [],
        "SHIP-CALC": [],
        "SHIP-ADDL": ["SHP002"],
        "SHIP-CHEAP": ["SHP003"],
        "SHIP-NOPKG": ["SHP004"],
        "SHIP-UPS": ["SHP004"],
        "SHIP-PROFILE": ["SHP005"],
        "SHIP-AUCTION": [],
        "SHIP-PICKUP": [],
        "SHIP-BIG": [],
        "SHIP-BIG-OVER": ["SHP001"],
    }
    over = found["SHIP-OVER"][0]
    assert over.evidence["buyer_cost"] == 24.99
    assert over.evidence["estimate_high"] == 13.65
    assert over.evidence["weight_used"] == "14 oz actual"
    assert over.evidence["table_effective"] == "2026-10-04"
    big = found["SHIP-BIG-OVER"][0]
    assert big.evidence["weight_used"] == "25 lb dimensional (actual 3 lb)"
    assert "priced from the 2025-10-05 table" in big.message


def test_ebay_business_policy_resolved_from_configuration(plugins: LoadedPlugins) -> None:
    declared = {"profiles": {"Flat 7": {"cost": 30.0, "service": "USPSParcel"}}}
    found = audit(plugins, FIXTURES / "ebay-us.csv", declared)
    assert rules(found["SHIP-PROFILE"]) == ["SHP001"]
    assert found["SHIP-PROFILE"][0].evidence["charged_by"] == "profile 'Flat 7'"


def test_ebay_uk_upload_uses_royal_mail(plugins: LoadedPlugins) -> None:
    found = audit(plugins, FIXTURES / "ebay-uk.csv")
    assert {listing: rules(f) for listing, f in found.items()} == {
        "UK-OVER": ["SHP001"],
        "UK-FAIR": [],
        "UK-T48": ["SHP004"],
        "UK-COURIER": ["SHP001"],
    }
    assert found["UK-OVER"][0].evidence["currency"] == "GBP"
    assert found["UK-OVER"][0].evidence["estimate_high"] == 3.90
    # An unnamed courier is judged against the dearest Royal Mail service, Tracked 24.
    courier = found["UK-COURIER"][0].evidence
    assert (courier["carrier_service"], courier["estimate_high"]) == (
        "Royal Mail Tracked 24 (Post Office)",
        5.15,
    )
    assert "Tracked 48 prices are missing" in found["UK-T48"][0].message


def test_a_currency_without_tables_is_not_judged(plugins: LoadedPlugins) -> None:
    found = audit(plugins, FIXTURES / "ebay-au.csv")
    assert [(f.rule, f.evidence["reason"]) for f in found["AU-POST"]] == [
        ("SHP004", "there are no carrier rate tables for AUD")
    ]


def test_shopify_store_shipping(plugins: LoadedPlugins) -> None:
    undeclared = audit(plugins, FIXTURES / "shopify.csv")
    assert {listing: rules(f) for listing, f in undeclared.items()} == {
        "enamel-pin": ["SHP005"],
        "stoneware-mug": ["SHP005"],
    }
    store = {"store": {"shopify": {"cost": 7.5, "additional_cost": 1.0, "currency": "USD"}}}
    declared = audit(plugins, FIXTURES / "shopify.csv", store)
    # Shopify exports carry weight (Variant Grams) but no box size.
    assert {listing: rules(f) for listing, f in declared.items()} == {
        "enamel-pin": ["SHP003", "SHP004"],
        "stoneware-mug": ["SHP004"],
    }
    assert declared["stoneware-mug"][0].evidence["reason"] == (
        "the listing gives no package dimensions"
    )


def test_amazon_templates(plugins: LoadedPlugins) -> None:
    templates = {"Migrated Template": {"cost": 29.99}, "Economy": {"cost": 6.99}}
    found = audit(plugins, FIXTURES / "amazon-flat-file.txt", {"profiles": templates})
    assert {listing: rules(f) for listing, f in found.items()} == {
        "AMZ-OVER": ["SHP001"],
        "AMZ-FAIR": [],
        "AMZ-UNDECLARED": ["SHP005"],
    }
    evidence = found["AMZ-OVER"][0].evidence
    assert evidence["charged_by"] == "profile 'Migrated Template'"
    assert evidence["currency"] == "USD"  # from the template's primaryMarketplaceId


def test_not_judged_is_said_once_per_listing(plugins: LoadedPlugins) -> None:
    listing = Listing(
        "two-options",
        "ebay",
        SourceRef("upload.csv", (3,)),
        currency="USD",
        shipping=[
            ShippingOffer(service="USPSParcel", cost=8.5),
            ShippingOffer(service="USPSPriority", cost=12.0),
        ],
    )
    found = run_rule(plugins, "SHP004", [listing], {})
    assert len(found) == 1
    assert found[0].evidence["charges"] == [
        "shipping option 1: 8.50 (the listing gives no package weight or dimensions)",
        "shipping option 2: 12.00 (the listing gives no package weight or dimensions)",
    ]


def test_each_overcharged_option_is_its_own_finding(plugins: LoadedPlugins) -> None:
    listing = Listing(
        "two-options",
        "ebay",
        SourceRef("upload.csv", (3,)),
        currency="USD",
        package=Package(396.893, 15.24, 10.16, 5.08),
        shipping=[
            ShippingOffer(service="USPSParcel", cost=24.99),
            ShippingOffer(service="USPSPriority", cost=40.0),
        ],
    )
    found = run_rule(plugins, "SHP001", [listing], {"shipping": AS_OF})
    assert [f.evidence["service"] for f in found] == ["USPSParcel", "USPSPriority"]


def test_shipping_settings_defaults() -> None:
    settings = ShippingSettings.from_config(Config({}))
    assert (settings.as_of, settings.max_zone, settings.profiles) == (date.today(), 8, {})


@pytest.mark.parametrize(
    ("section", "complaint"),
    [
        ({"as_of": "23/11/2026"}, "as_of"),
        ({"as_of": "2026-13-01"}, "as_of"),
        ({"max_zone": 10}, "max_zone"),
        ({"zones": [1, 8]}, "unknown key"),
        ({"profiles": {"Migrated Template": {"additional_cost": 1.0}}}, "'cost' is a required"),
        ({"store": {"shopify": {"cost": 5, "currency": "usd"}}}, "currency"),
    ],
)
def test_bad_shipping_configuration_is_named(
    plugins: LoadedPlugins, section: dict[str, Any], complaint: str
) -> None:
    with pytest.raises(ConfigError, match=complaint):
        validate({"shipping": section}, keys(plugins), "listingaudit.toml")


def test_rules_are_listed_and_documented(run_cli: Callable[..., Any]) -> None:
    listed = run_cli("rules")
    for code in ("SHP001", "SHP002", "SHP003", "SHP004", "SHP005"):
        assert code in listed.out
    shown = run_cli("rules", "SHP001")
    assert shown.code == 0
    assert "Why it matters" in shown.out and "markup_ratio" in shown.out


def test_real_uploads_are_never_accused(plugins: LoadedPlugins, samples: Path) -> None:
    """The ebayscout upload charges 6.00/7.00 for pins: below postage, and unmeasured."""
    upload = (
        samples / "ebay" / "russwbeck__ebayscout__2026-10-03_penn-state-button-listings.EXCERPT.csv"
    )
    found = audit(plugins, upload)
    assert found and all(rules(f) == ["SHP004"] for f in found.values())
