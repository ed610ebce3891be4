"""The contract between listingaudit and its plugins, in the order an audit uses it.

Every built-in adapter, check and reporter is a plugin that implements some of these hooks and
registers through the ``listingaudit`` entry-point group, exactly as a third-party one would.
Implement a hook with ``@listingaudit.hookimpl`` and a function of the same name; you may accept
only the arguments you need. A hook implemented with no spec here is an error at start-up.

1. Configuration: ``listingaudit_config_keys``
2. Reading:       ``listingaudit_recognise`` → ``listingaudit_read``
3. Checking:      ``listingaudit_checks`` (and ``listingaudit_fetch_image`` for photos)
4. Reporting:     ``listingaudit_reporters``
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from listingaudit.checks import Check
    from listingaudit.config import ConfigKey
    from listingaudit.model import Listing
    from listingaudit.problems import ProblemLog
    from listingaudit.reading import Recognition
    from listingaudit.reporting import Reporter
    from listingaudit.tabular import InputFile

hookspec = pluggy.HookspecMarker("listingaudit")


# --- 1. Configuration ------------------------------------------------------------------------


@hookspec
def listingaudit_config_keys() -> list[ConfigKey]:
    """Declare the configuration sections and keys this plugin reads.

    Each key carries a JSON Schema fragment and a default; the host validates the user's
    ``listingaudit.toml`` against the union, so a misspelt key is an error that names it.
    Every plugin's list is collected.
    """


# --- 2. Reading ------------------------------------------------------------------------------


@hookspec
def listingaudit_recognise(source: InputFile) -> Recognition | None:
    """Say whether this plugin can read ``source``, and how sure it is.

    Look at the content (``source.sample_rows``, ``source.head``), never at the file name.
    Return a :class:`~listingaudit.reading.Recognition` with a confidence from 0 to 1 (and the
    columns it missed, for near misses), or ``None``. Every answer is collected; the host
    picks the most confident one, and ``--marketplace`` narrows the choice.
    """


@hookspec(firstresult=True)
def listingaudit_read(
    source: InputFile, recognition: Recognition, problems: ProblemLog
) -> Iterable[Listing] | None:
    """Read ``source`` into listings, lazily, if ``recognition`` names a format of yours.

    Return ``None`` for other formats. Stops at the first non-None result. Yield listings one
    product group at a time (memory bounded by one group, not the file); every data row ends
    up in a listing's ``source.lines`` or in ``problems`` with its line and column.
    """


# --- 3. Checking -----------------------------------------------------------------------------


@hookspec
def listingaudit_checks() -> list[type[Check]]:
    """Declare check classes (subclasses of :class:`~listingaudit.checks.Check`).

    Every plugin's list is collected. Rule codes must be unique across plugins.
    """


@hookspec(firstresult=True)
def listingaudit_fetch_image(ref: str, base_dir: str | None) -> bytes | None:
    """Serve the bytes of the photo ``ref`` (a URL or path as written in the export).

    Return ``None`` to let the next plugin, and finally the built-in fetcher, try. Stops at the
    first non-None result. ``base_dir`` is the folder of the export that named the photo.
    """


# --- 4. Reporting ----------------------------------------------------------------------------


@hookspec
def listingaudit_reporters() -> list[type[Reporter]]:
    """Declare report writers (subclasses of :class:`~listingaudit.reporting.Reporter`).

    Each has a unique ``name`` used by ``--format``. Every plugin's list is collected.
    """
