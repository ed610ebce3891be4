"""listingaudit: audit marketplace listings before they go live."""

from importlib.metadata import PackageNotFoundError, version

import pluggy

try:
    __version__ = version("listingaudit")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

#: Decorate a plugin's hook functions with this (see ``listingaudit.hookspecs``).
hookimpl = pluggy.HookimplMarker("listingaudit")

__all__ = ["__version__", "hookimpl"]
