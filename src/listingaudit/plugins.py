"""Finding and loading plugins: entry points, ``-p MODULE`` and ``-p no:NAME``.

Loading happens in :func:`load_plugins`, never at import time. A plugin that fails to import is
reported by name (with its version) and the run goes on without it; a hook function with no spec
is an error, so a misspelt hook never fails silently.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from types import ModuleType

import pluggy

from listingaudit import hookspecs

ENTRY_POINT_GROUP = "listingaudit"


class PluginError(Exception):
    """A plugin is broken in a way that makes the run meaningless (e.g. an unknown hook)."""


@dataclass(frozen=True)
class PluginInfo:
    name: str
    version: str
    module: str
    provides: tuple[str, ...]


@dataclass
class LoadedPlugins:
    manager: pluggy.PluginManager
    info: list[PluginInfo] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    #: The ``-p`` arguments these were loaded with, so a worker process can load the same.
    requested: tuple[str, ...] = ()

    @property
    def hook(self) -> pluggy.HookRelay:
        return self.manager.hook


def _provides(module: object) -> tuple[str, ...]:
    names = sorted(
        n.removeprefix("listingaudit_") for n in dir(module) if n.startswith("listingaudit_")
    )
    return tuple(names)


def _register(
    pm: pluggy.PluginManager, plugin: ModuleType, name: str, version: str
) -> PluginInfo | None:
    if pm.is_blocked(name) or pm.get_plugin(name) is not None:
        return None
    pm.register(plugin, name=name)
    return PluginInfo(name, version, plugin.__name__, _provides(plugin))


def load_plugins(extra: list[str] | None = None) -> LoadedPlugins:
    """Build the plugin manager from entry points and ``-p`` arguments.

    ``extra`` holds ``-p`` values: ``MODULE`` to load a module, ``no:NAME`` to block a plugin
    (by entry-point name or module name).
    """
    pm = pluggy.PluginManager("listingaudit")
    pm.add_hookspecs(hookspecs)
    requested = extra or []
    loaded = LoadedPlugins(pm, requested=tuple(requested))
    for item in requested:
        if item.startswith("no:"):
            pm.set_blocked(item[3:])

    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if pm.is_blocked(ep.name) or pm.is_blocked(ep.value):
            continue
        version = ep.dist.version if ep.dist else "?"
        dist = ep.dist.name if ep.dist else "?"
        try:
            plugin = ep.load()
        except Exception as error:  # a broken third-party plugin must not stop the audit
            loaded.failures.append(
                f"plugin '{ep.name}' ({dist} {version}) failed to load: "
                f"{type(error).__name__}: {error}"
            )
            continue
        info = _register(pm, plugin, ep.name, version)
        if info:
            loaded.info.append(info)

    for item in requested:
        if item.startswith("no:"):
            continue
        try:
            module = importlib.import_module(item)
        except Exception as error:
            loaded.failures.append(
                f"plugin module '{item}' failed to load: {type(error).__name__}: {error}"
            )
            continue
        info = _register(pm, module, item, getattr(module, "__version__", "-"))
        if info:
            loaded.info.append(info)

    try:
        pm.check_pending()
    except pluggy.PluginValidationError as error:
        raise PluginError(str(error)) from None
    return loaded
