"""Disclosure checks: does the listing say what is wrong with the item, and say it truthfully?

Rules DIS001-DIS006. The words they look for are in ``data/<language>.json`` and the marketplace
facts they apply in ``data/rules.json``; ``[disclosure] languages`` chooses the vocabularies.
"""

from __future__ import annotations

from listingaudit import hookimpl
from listingaudit.checks import Check
from listingaudit.config import ConfigKey
from listingaudit_plugins.checks.textmatch import languages

from .DIS001 import DisclosureMissing
from .DIS002 import DisclosureBoilerplate
from .DIS003 import NoteContradictsGrade
from .DIS004 import NewWithDefects
from .DIS005 import ConditionNoteTooLong
from .DIS006 import ConditionNoteIgnored
from .vocabulary import DEFAULT_LANGUAGES, PACKAGE, SECTION


@hookimpl
def listingaudit_checks() -> list[type[Check]]:
    return [
        DisclosureMissing,
        DisclosureBoilerplate,
        NoteContradictsGrade,
        NewWithDefects,
        ConditionNoteTooLong,
        ConditionNoteIgnored,
    ]


@hookimpl
def listingaudit_config_keys() -> list[ConfigKey]:
    return [
        ConfigKey(
            SECTION,
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {"languages": languages.schema(PACKAGE)},
            },
            {"languages": list(DEFAULT_LANGUAGES)},
            "Disclosure checks: which vocabularies (data/<language>.json) to read.",
        )
    ]
