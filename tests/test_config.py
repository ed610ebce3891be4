"""Configuration: found upward, validated with messages that name the key, defaults applied."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest

from listingaudit.checks import Check, CheckContext, Severity
from listingaudit.config import Config, ConfigError, ConfigKey, find_config, load_config
from listingaudit.model import Listing
from listingaudit.starter import STARTER_CONFIG

from .conftest import CliResult

KEYS = [ConfigKey("returns", {"type": "object", "properties": {"min": {"type": "integer"}}}, {})]


def test_found_from_the_current_folder_upward(tmp_path: Path) -> None:
    (tmp_path / "listingaudit.toml").write_text("version = 1\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "listingaudit.toml"


def test_pyproject_table_counts_only_when_present(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[tool.listingaudit]\nignore = ["photos"]\n')
    config = load_config(None, KEYS, tmp_path)
    assert config.get("ignore") == ["photos"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = 1\n", "(top level): unknown key ('colour' was unexpected)"),
        ('[severity]\nPHO001 = "fatal"\n', "severity.PHO001: 'fatal' is not one of"),
        ("[gate]\nfail_under = 120\n", "gate.fail_under: 120 is greater than the maximum of 100"),
        ("[returns]\nmin = 'thirty'\n", "returns.min: 'thirty' is not of type 'integer'"),
        ("[[listing_ignores]]\nlisting = 'A'\nrules = ['X']\n", "'reason' is a required property"),
        ("select = [\n", "not valid TOML"),
    ],
)
def test_bad_configuration_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "listingaudit.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, KEYS)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_bad_configuration_exits_2_without_traceback(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    config = tmp_path / "listingaudit.toml"
    config.write_text("[gate]\nfail_on = 'sometimes'\n")
    export = tmp_path / "x.csv"
    export.write_text("Handle,Title\nmug,Mug\n")
    result = run_cli("audit", export, "--config", config)
    assert result.code == 2
    assert "gate.fail_on" in result.err and "Traceback" not in result.err


def test_starter_file_is_valid_configuration(tmp_path: Path, plugins: object) -> None:
    path = tmp_path / "listingaudit.toml"
    path.write_text(STARTER_CONFIG)
    keys = [k for group in plugins.hook.listingaudit_config_keys() for k in group]  # type: ignore[attr-defined]
    config = load_config(path, keys)
    assert config.get("scoring.penalties.error") == 25


def test_init_writes_the_starter_and_refuses_to_overwrite(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    target = tmp_path / "listingaudit.toml"
    assert run_cli("init", target).code == 0
    assert target.read_text() == STARTER_CONFIG
    again = run_cli("init", target)
    assert again.code == 2 and "already exists" in again.err


class _Threshold(Check):
    """What it checks: a number. Why it matters: tests. Bad: 1. Good: 2. Source: none."""

    code = "TST001"
    family = "test"
    severity = Severity.INFO
    title = "test"
    defaults: ClassVar[dict[str, Any]] = {"minimum": 3, "label": "x"}


def test_rule_settings_merge_defaults_rule_and_marketplace() -> None:
    config = Config({"rules": {"TST001": {"minimum": 5, "ebay": {"minimum": 7}}}})
    ctx = CheckContext(config)
    check = _Threshold()
    assert ctx.settings(check) == {"minimum": 5, "label": "x"}
    assert ctx.settings(check, "ebay") == {"minimum": 7, "label": "x"}
    assert ctx.settings(check, "amazon") == {"minimum": 5, "label": "x"}


def test_rule_settings_are_merged_once_and_handed_out_as_copies() -> None:
    ctx = CheckContext(Config({"rules": {"TST001": {"minimum": 5}}}))
    check = _Threshold()
    ctx.settings(check, "ebay")["minimum"] = 99
    assert ctx.settings(check, "ebay") == {"minimum": 5, "label": "x"}


def test_shared_values_are_worked_out_once_per_listing() -> None:
    ctx = CheckContext(Config({}))
    first, second = Listing.from_dict({"id": "a"}), Listing.from_dict({"id": "b"})
    calls: list[str] = []

    def work(listing: Listing) -> str:
        calls.append(listing.id)
        return listing.id.upper()

    assert [ctx.shared(first, "name", lambda: work(first)) for _ in range(3)] == ["A"] * 3
    assert ctx.shared(second, "name", lambda: work(second)) == "B"
    assert ctx.shared(first, "name", lambda: work(first)) == "A"
    assert calls == ["a", "b", "a"]


def test_check_classes_must_document_themselves() -> None:
    with pytest.raises(TypeError, match="rule code"):

        class BadCode(Check):
            """What it checks Why it matters Bad Good Source"""

            code = "bad"

    with pytest.raises(TypeError, match="Source"):

        class NoSource(Check):
            """What it checks Why it matters Bad Good"""

            code = "TST002"
