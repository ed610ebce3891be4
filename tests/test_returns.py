"""Returns checks: the Shopify refund-policy page, eBay policies files, and policy wording."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import responses

from listingaudit.audit import AuditOptions, run_audit
from listingaudit.checks import CheckContext, Finding
from listingaudit.config import Config, ConfigError, ConfigKey, load_config, validate
from listingaudit.model import Listing
from listingaudit.plugins import LoadedPlugins
from listingaudit_plugins.checks.returns import listingaudit_checks
from listingaudit_plugins.checks.returns.base import ReturnsCheck
from listingaudit_plugins.checks.returns.policy import resolve
from listingaudit_plugins.checks.returns.shop import policy_url
from listingaudit_plugins.checks.returns.terms import Terms
from listingaudit_plugins.checks.returns.wording import build

from .conftest import FIXTURES

CHECKS = FIXTURES / "checks"
SHOP = "https://example-outfitters.myshopify.com"
PAGE = f"{SHOP}/policies/refund-policy"
WORDING = build(("en",))


def _keys(plugins: LoadedPlugins) -> list[ConfigKey]:
    return [key for group in plugins.hook.listingaudit_config_keys() for key in group]


def _context(
    plugins: LoadedPlugins,
    config: dict[str, Any] | None = None,
    services: dict[str, Any] | None = None,
    path: Path | None = None,
) -> CheckContext:
    keys = _keys(plugins)
    validate(config or {}, keys, "test")
    return CheckContext(Config(config or {}, path, keys), services or {})


def _run(listings: list[Listing], ctx: CheckContext) -> list[Finding]:
    """Every returns rule over ``listings``, as an audit runs them (prepare, then check)."""
    checks = [check() for check in listingaudit_checks() if issubclass(check, ReturnsCheck)]
    assert len(checks) == 6
    for check in checks:
        check.prepare(listings, ctx)
    return [f for listing in listings for check in checks for f in check.check(listing, ctx)]


def _shopify(*ids: str) -> list[Listing]:
    return [Listing.from_dict({"id": i, "marketplace": "shopify"}) for i in ids]


@pytest.fixture
def mocked() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def _page(mock: responses.RequestsMock, fixture: str, url: str = PAGE) -> None:
    body = (CHECKS / fixture).read_bytes()
    mock.get(url, body=body, content_type="text/html; charset=utf-8")


# --- The Shopify refund-policy page ----------------------------------------------------------


def test_store_page_is_read_once_per_run(
    plugins: LoadedPlugins, mocked: responses.RequestsMock
) -> None:
    _page(mocked, "refund-policy.html")
    ctx = _context(plugins, {"returns": {"shop_url": SHOP}})
    listings = _shopify("a", "b", "c")
    findings = _run(listings, ctx)
    assert len(mocked.calls) == 1
    assert findings == []
    found = resolve(listings[0], ctx)
    assert found.terms == Terms(True, 30, None)
    assert found.source == f"the store's refund policy ({PAGE})"


def test_policy_body_is_read_not_the_menus_or_scripts(
    plugins: LoadedPlugins, mocked: responses.RequestsMock
) -> None:
    """The page's nav says "Final sale", a script "no returns", the footer "All sales final";
    the policy body says 30 days (its EU 14-day clause and exceptions come later)."""
    _page(mocked, "refund-policy.html")
    ctx = _context(plugins, services={"shop_url": SHOP})
    assert resolve(_shopify("a")[0], ctx).terms == Terms(True, 30, None)


def test_legacy_template_window_and_buyer_paid_returns(
    plugins: LoadedPlugins, mocked: responses.RequestsMock
) -> None:
    _page(mocked, "refund-policy-legacy.html")
    ctx = _context(plugins, services={"shop_url": SHOP})
    findings = _run(_shopify("a"), ctx)
    assert {f.rule for f in findings} == {"RET003", "RET004"}
    short = next(f for f in findings if f.rule == "RET003")
    assert short.evidence["window_days"] == 14
    assert short.evidence["policy_source"] == f"the store's refund policy ({PAGE})"


def test_no_returns_page(plugins: LoadedPlugins, mocked: responses.RequestsMock) -> None:
    _page(mocked, "refund-policy-no-returns.html")
    ctx = _context(plugins, services={"shop_url": SHOP})
    assert [f.rule for f in _run(_shopify("a"), ctx)] == ["RET002"]


def test_a_page_that_states_no_policy_is_not_guessed(
    plugins: LoadedPlugins, mocked: responses.RequestsMock
) -> None:
    _page(mocked, "refund-policy-password.html")
    ctx = _context(plugins, services={"shop_url": SHOP})
    findings = _run(_shopify("a"), ctx)
    assert [f.rule for f in findings] == ["RET005"]
    assert "states neither a return window nor that returns are refused" in findings[0].message


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        (responses.Response(responses.GET, PAGE, status=404), "HTTP 404"),
        (requests.ConnectTimeout("slow"), "no answer within 4 s"),
        (requests.ReadTimeout("slow"), "no answer within 4 s"),
        (requests.ConnectionError("refused"), "could not connect (ConnectionError)"),
    ],
)
def test_fetch_failure_is_reported_not_guessed(
    plugins: LoadedPlugins, mocked: responses.RequestsMock, failure: Any, said: str
) -> None:
    if isinstance(failure, responses.Response):
        mocked.add(failure)
    else:
        mocked.get(PAGE, body=failure)
    ctx = _context(plugins, {"returns": {"shop_url": SHOP}, "network": {"timeout_seconds": 4}})
    findings = _run(_shopify("a", "b"), ctx)
    assert [f.rule for f in findings] == ["RET005", "RET005"]
    assert said in findings[0].message
    assert findings[0].evidence == {"reason": "fetch-failed"}
    assert len(mocked.calls) == 1


def test_redirect_to_the_custom_domain_is_followed(
    plugins: LoadedPlugins, mocked: responses.RequestsMock
) -> None:
    custom = "https://www.example-outfitters.com/policies/refund-policy"
    mocked.get(PAGE, status=301, headers={"Location": custom})
    _page(mocked, "refund-policy.html", custom)
    ctx = _context(plugins, services={"shop_url": SHOP})
    assert resolve(_shopify("a")[0], ctx).terms == Terms(True, 30, None)


def test_an_oversized_page_is_refused(
    plugins: LoadedPlugins, mocked: responses.RequestsMock
) -> None:
    mocked.get(PAGE, body=b"<p>30 day returns</p>" + b" " * 2_100_000, content_type="text/html")
    ctx = _context(plugins, services={"shop_url": SHOP})
    found = resolve(_shopify("a")[0], ctx)
    assert found.terms is None and "larger than" in found.source


def test_offline_runs_fetch_nothing(plugins: LoadedPlugins, mocked: responses.RequestsMock) -> None:
    ctx = _context(plugins, services={"shop_url": SHOP, "offline": True})
    findings = _run(_shopify("a"), ctx)
    assert len(mocked.calls) == 0
    assert [f.rule for f in findings] == ["RET005"]
    assert "offline" in findings[0].message


def test_the_command_line_shop_wins_over_configuration(
    plugins: LoadedPlugins, mocked: responses.RequestsMock
) -> None:
    _page(mocked, "refund-policy.html")
    ctx = _context(
        plugins, {"returns": {"shop_url": "https://other.example.com"}}, {"shop_url": SHOP}
    )
    _run(_shopify("a"), ctx)
    assert [call.request.url for call in mocked.calls] == [PAGE]


def test_a_declared_store_policy_needs_no_fetch(
    plugins: LoadedPlugins, mocked: responses.RequestsMock
) -> None:
    config = {
        "returns": {"shop_url": SHOP, "store": {"shopify": {"accepted": True, "window_days": 60}}}
    }
    ctx = _context(plugins, config)
    assert _run(_shopify("a"), ctx) == []
    assert len(mocked.calls) == 0


def test_store_page_and_listing_text_are_compared(
    plugins: LoadedPlugins, mocked: responses.RequestsMock
) -> None:
    """End to end: a Shopify export, --shop, and a title that says FINAL SALE."""
    _page(mocked, "refund-policy.html")
    keys = _keys(plugins)
    result = run_audit(
        plugins,
        Config({}, None, keys),
        [CHECKS / "shopify-products.csv"],
        AuditOptions(select=["returns"], services={"shop_url": SHOP}),
    )
    found = {r.listing.id: [f.rule for f in r.findings] for r in result.report.listings}
    assert found == {"oak-shelf": [], "linen-shirt": ["RET006"], "brass-lamp": []}
    assert len(mocked.calls) == 1


@pytest.mark.parametrize(
    ("shop", "url"),
    [
        ("example.com", "https://example.com/policies/refund-policy"),
        ("https://shop.example.com/", "https://shop.example.com/policies/refund-policy"),
        ("https://shop.example.com/en-gb", "https://shop.example.com/policies/refund-policy"),
        (
            "https://shop.example.com/policies/refund-policy",
            "https://shop.example.com/policies/refund-policy",
        ),
    ],
)
def test_policy_url(shop: str, url: str) -> None:
    assert policy_url(shop) == url


# --- eBay business policies ------------------------------------------------------------------


def _ebay(profile: str) -> Listing:
    return Listing.from_dict({"marketplace": "ebay", "returns": {"profile": profile}})


def test_account_api_policies_file(plugins: LoadedPlugins) -> None:
    ctx = _context(plugins, {"returns": {"policies_file": str(CHECKS / "ebay-policies.json")}})
    found = resolve(_ebay("14 day returns buyer pays"), ctx)
    assert found.terms == Terms(True, 14, "buyer")
    assert found.source == "business policy '14 day returns buyer pays' (ebay-policies.json)"
    # Inventory API listings name the policy by ID.
    assert resolve(_ebay("241957322017"), ctx).terms == Terms(False)
    assert resolve(_ebay("returns accepted  30 days"), ctx).terms == Terms(True, 30, "seller")


def test_table_policies_file_relative_to_the_configuration(
    plugins: LoadedPlugins, tmp_path: Path
) -> None:
    shutil.copy(CHECKS / "ebay-policies-table.json", tmp_path / "policies.json")
    ctx = _context(
        plugins,
        {"returns": {"policies_file": "policies.json"}},
        path=tmp_path / "listingaudit.toml",
    )
    assert resolve(_ebay("No returns"), ctx).terms == Terms(False)


def test_inline_profiles_win_over_the_file(plugins: LoadedPlugins) -> None:
    config = {
        "returns": {
            "policies_file": str(CHECKS / "ebay-policies.json"),
            "profiles": {"No returns": {"accepted": True, "window_days": 30}},
        }
    }
    found = resolve(_ebay("No returns"), _context(plugins, config))
    assert found.terms == Terms(True, 30, None)
    assert found.source == "business policy 'No returns' ([returns.profiles])"


def test_unknown_profile_is_policy_by_reference(plugins: LoadedPlugins) -> None:
    ctx = _context(plugins, {"returns": {"policies_file": str(CHECKS / "ebay-policies.json")}})
    findings = _run([_ebay("Holiday returns")], ctx)
    assert [f.rule for f in findings] == ["RET005"]
    assert "policy by reference ('Holiday returns'), not checked" in findings[0].message


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        (
            "ebay-policies-broken.json",
            r"ebay-policies-broken\.json: line 5 column 1: not valid JSON "
            r"\(Expecting ',' delimiter\)",
        ),
        (
            "ebay-policies-wrong.json",
            r"ebay-policies-wrong\.json: returnPolicies\.0\.returnsAccepted: "
            r"'yes' is not of type 'boolean'",
        ),
        ("no-such-policies.json", r"no-such-policies\.json: cannot read the return policies file"),
    ],
)
def test_a_bad_policies_file_stops_the_run_with_its_location(
    plugins: LoadedPlugins, fixture: str, message: str
) -> None:
    config = Config({"returns": {"policies_file": str(CHECKS / fixture)}}, None, _keys(plugins))
    with pytest.raises(ConfigError, match=message):
        run_audit(plugins, config, [CHECKS / "ebay-upload.csv"], AuditOptions(select=["returns"]))


def test_ebay_upload_with_a_policies_file(plugins: LoadedPlugins, tmp_path: Path) -> None:
    shutil.copy(CHECKS / "ebay-policies.json", tmp_path / "ebay-policies.json")
    config_file = tmp_path / "listingaudit.toml"
    config_file.write_text('[returns]\npolicies_file = "ebay-policies.json"\n')
    config = load_config(config_file, _keys(plugins))
    result = run_audit(
        plugins, config, [CHECKS / "ebay-upload.csv"], AuditOptions(select=["returns"])
    )
    found = {r.listing.id: sorted(f.rule for f in r.findings) for r in result.report.listings}
    assert found == {
        "CAM-1": ["RET006"],
        "MIX-1": ["RET003", "RET004"],
        "CARD-1": ["RET002"],
        "MUG-1": ["RET004"],
    }


def test_store_table_must_say_whether_returns_are_accepted(plugins: LoadedPlugins) -> None:
    with pytest.raises(ConfigError, match="accepted"):
        validate({"returns": {"store": {"window_days": 30}}}, _keys(plugins), "test")
    with pytest.raises(ConfigError, match="paid_by"):
        validate(
            {"returns": {"store": {"shopify": {"accepted": True, "paid_by": "nobody"}}}},
            _keys(plugins),
            "test",
        )


# --- Wording ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("30 Day Returns!", [30]),
        ("We offer 14-day free returns.", [14]),
        ("Returns accepted within 14 days of delivery.", [14]),
        ("Return window: 60 days", [60]),
        ("You have 30 days after receiving your item to request a return.", [30]),
        ("Returns within a month.", [30]),
        ("Our policy lasts 14 days.", [14]),
        ("Thirty day money back guarantee", [30]),
        # Not return windows.
        ("Ships within 2 days, returns accepted.", []),
        ("Refunds are processed within 10 business days.", []),
        ("Warranty: 2 years.", []),
    ],
)
def test_return_windows_in_text(text: str, days: list[int]) -> None:
    assert [w.days for w in WORDING.windows_in(text)] == days


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("Sold as is. NO RETURNS.", ["NO RETURNS"]),
        ("All sales are final", ["All sales are final"]),
        ("Returns not accepted", ["Returns not accepted"]),
        ("No returns after 30 days.", []),
        ("No returns on sale items.", []),
        ("Final sale items cannot be returned.", []),
    ],
)
def test_refusals_in_text(text: str, refusal: list[str]) -> None:
    assert WORDING.refuses(text) == refusal
