"""Configuration: found, parsed, validated against a schema, and read by dotted section.

``listingaudit.toml`` or ``[tool.listingaudit]`` in ``pyproject.toml`` is found from the current
folder upward, or named with ``--config``. The schema is ``schemas/config.schema.json`` plus the
sections plugins declare through ``listingaudit_config_keys``; an error names the key and what was
expected.
"""

from __future__ import annotations

import copy
import json
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema


class ConfigError(Exception):
    """The configuration file is missing, unparsable or invalid. One line for the user."""


@dataclass(frozen=True)
class ConfigKey:
    """A top-level configuration section a plugin reads, with its schema and default."""

    section: str
    schema: dict[str, Any]
    default: Any = None
    help: str = ""


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``schemas/`` (installed as ``listingaudit/schemas``)."""
    text = resources.files("listingaudit").joinpath(f"schemas/{name}").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


class Config:
    """Parsed, validated configuration. Absent sections read as their declared defaults."""

    def __init__(
        self,
        data: dict[str, Any] | None = None,
        path: Path | None = None,
        keys: list[ConfigKey] | None = None,
    ) -> None:
        self.data = data or {}
        self.path = path
        self._defaults = {key.section: key.default for key in keys or []}

    def section(self, name: str) -> Any:
        if name in self.data:
            return self.data[name]
        return copy.deepcopy(self._defaults.get(name))

    def rule_table(self, code: str) -> dict[str, Any]:
        table = self.data.get("rules", {}).get(code, {})
        return table if isinstance(table, dict) else {}

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node


def find_config(start: Path) -> Path | None:
    """The nearest ``listingaudit.toml``, or ``pyproject.toml`` with ``[tool.listingaudit]``."""
    for folder in [start, *start.parents]:
        candidate = folder / "listingaudit.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text("utf-8"))
            except (OSError, tomllib.TOMLDecodeError):
                continue
            if "listingaudit" in data.get("tool", {}):
                return pyproject
    return None


def schema_with(keys: list[ConfigKey]) -> dict[str, Any]:
    schema = copy.deepcopy(load_schema("config.schema.json"))
    for key in keys:
        schema["properties"][key.section] = key.schema
    return schema


def validate(data: dict[str, Any], keys: list[ConfigKey], where: str) -> None:
    validator = jsonschema.Draft202012Validator(schema_with(keys))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        path = ".".join(str(p) for p in error.absolute_path) or "(top level)"
        if error.validator == "additionalProperties":
            message = error.message.replace("Additional properties are not allowed", "unknown key")
        else:
            message = error.message
        raise ConfigError(f"{where}: {path}: {message}")


def load_config(path: Path | None, keys: list[ConfigKey], start: Path | None = None) -> Config:
    """Read and validate the configuration (``path``, else the nearest one, else defaults)."""
    chosen = path or find_config(start or Path.cwd())
    if chosen is None:
        return Config({}, None, keys)
    try:
        document = tomllib.loads(chosen.read_text("utf-8"))
    except OSError as error:
        raise ConfigError(f"{chosen}: cannot read configuration ({error.strerror})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{chosen}: not valid TOML ({error})") from None
    if chosen.name == "pyproject.toml":
        document = document.get("tool", {}).get("listingaudit", {})
    validate(document, keys, str(chosen))
    return Config(document, chosen, keys)
