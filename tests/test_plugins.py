"""Plugin loading: entry points, ``-p MODULE``, ``-p no:NAME``, broken plugins, unknown hooks."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from listingaudit import hookspecs
from listingaudit.plugins import PluginError, load_plugins

from .conftest import FIXTURES, CliResult

BAZAAR = FIXTURES / "thirdparty" / "bazaar.csv"


def _install_distribution(root: Path, name: str, entry_points: str) -> None:
    """A minimal installed distribution on ``root`` (what pip leaves in site-packages)."""
    info = root / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(textwrap.dedent(entry_points))


@pytest.fixture
def bazaar_entry_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install_distribution(
        tmp_path, "listingaudit_bazaar", "[listingaudit]\nbazaar = madeup_market\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.syspath_prepend(str(Path(__file__).parent))


def test_every_hookspec_is_documented() -> None:
    specs = [name for name in dir(hookspecs) if name.startswith("listingaudit_")]
    assert len(specs) >= 6
    for name in specs:
        doc = getattr(hookspecs, name).__doc__ or ""
        assert len(doc.split()) >= 12, f"{name} needs a docstring that says what it returns"


def test_third_party_adapter_loads_through_an_entry_point(bazaar_entry_point: None) -> None:
    loaded = load_plugins()
    names = {info.name: info for info in loaded.info}
    assert "bazaar" in names
    assert names["bazaar"].version == "1.0"
    assert "read" in names["bazaar"].provides and "recognise" in names["bazaar"].provides


def test_entry_point_plugin_is_blocked_with_no(bazaar_entry_point: None) -> None:
    loaded = load_plugins(["no:bazaar"])
    assert "bazaar" not in {info.name for info in loaded.info}


def test_third_party_adapter_audits_through_the_cli(
    bazaar_entry_point: None, run_cli: Callable[..., CliResult]
) -> None:
    result = run_cli("audit", BAZAAR, "--format", "json", "--ignore", "photos")
    assert result.code in (0, 1), result.err
    report = result.json()
    assert [item["id"] for item in report["listings"]] == ["B-1", "B-2"]
    assert report["listings"][1]["source"]["lines"] == [3, 3]
    assert {item["marketplace"] for item in report["listings"]} == {"bazaar"}


def test_dash_p_loads_a_module_and_no_blocks_it(
    monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., CliResult]
) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    listed = run_cli("-p", "madeup_market", "plugins")
    assert "madeup_market" in listed.out and "1.2.3" in listed.out
    audited = run_cli("-p", "madeup_market", "audit", BAZAAR, "-f", "json", "--ignore", "photos")
    assert audited.code in (0, 1), audited.err
    assert len(audited.json()["listings"]) == 2
    blocked = run_cli("-p", "madeup_market", "-p", "no:madeup_market", "audit", BAZAAR)
    assert blocked.code == 2
    assert "unknown format" in blocked.err or "not a listing export" in blocked.err


def test_builtin_plugin_can_be_blocked(run_cli: Callable[..., CliResult]) -> None:
    listed = run_cli("-p", "no:shopify", "plugins")
    assert "listingaudit_plugins.adapters.shopify" not in listed.out
    assert "listingaudit_plugins.adapters.ebay" in listed.out


def test_plugin_that_fails_to_import_is_named_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., CliResult]
) -> None:
    (tmp_path / "broken_plugin.py").write_text("raise RuntimeError('boom at import')\n")
    _install_distribution(tmp_path, "broken", "[listingaudit]\nbroken = broken_plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    result = run_cli("plugins")
    assert result.code == 0
    assert "plugin 'broken' (broken 1.0) failed to load: RuntimeError: boom at import" in result.err
    assert "listingaudit_plugins.adapters.shopify" in result.out


def test_hook_without_spec_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "typo_plugin.py").write_text(
        "from listingaudit import hookimpl\n"
        "@hookimpl\n"
        "def listingaudit_recognize(source):\n"  # American spelling: not a hook
        "    return None\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError, match="listingaudit_recognize"):
        load_plugins(["typo_plugin"])


def test_unknown_hook_exits_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., CliResult]
) -> None:
    (tmp_path / "typo_plugin2.py").write_text(
        "from listingaudit import hookimpl\n@hookimpl\ndef listingaudit_chekcs():\n    return []\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    result = run_cli("-p", "typo_plugin2", "plugins")
    assert result.code == 2
    assert "listingaudit_chekcs" in result.err
    assert "Traceback" not in result.err


def test_nearest_format_is_named_for_an_unknown_file(
    monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., CliResult]
) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    result = run_cli("-p", "madeup_market", "audit", FIXTURES / "thirdparty" / "bazaar-partial.csv")
    assert result.code == 2
    assert "nearest is Bazaar CSV" in result.err and "headline, cost" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_module_is_importable_twice_without_side_effects() -> None:
    # Loading happens in a function: importing the host registers nothing by itself.
    first, second = load_plugins(), load_plugins()
    assert first.manager is not second.manager
    assert sys.modules.get("listingaudit.plugins") is not None
