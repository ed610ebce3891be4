"""The documentation stays true: README's configuration validates, its test command is CI's."""

from __future__ import annotations

import re
import tomllib

from listingaudit.config import validate
from listingaudit.plugins import LoadedPlugins
from listingaudit.starter import STARTER_CONFIG

from .conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def _keys(plugins: LoadedPlugins) -> list:  # type: ignore[type-arg]
    return [key for group in plugins.hook.listingaudit_config_keys() for key in group]


def test_readme_configuration_example_is_valid(plugins: LoadedPlugins) -> None:
    [block] = re.findall(r"```toml\nversion = 1\n(.*?)```", README, re.S)
    validate(tomllib.loads("version = 1\n" + block), _keys(plugins), "README")


def test_starter_configuration_is_valid(plugins: LoadedPlugins) -> None:
    validate(tomllib.loads(STARTER_CONFIG), _keys(plugins), "listingaudit init")


def test_ci_runs_the_readme_test_command() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = [line for line in quick_start.splitlines() if line.startswith("python3 -m venv")]
    assert len(commands) == 2, "the quick start has exactly two commands"
    assert commands[1] in (ROOT / ".ci" / "run").read_text("utf-8")


def test_every_rule_is_in_the_readme_table(plugins: LoadedPlugins) -> None:
    from listingaudit.audit import available_checks

    families = {check.family for check, _ in available_checks(plugins).values()}
    for family in families:
        assert f"| {family} |" in README
