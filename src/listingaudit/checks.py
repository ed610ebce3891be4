"""What a check is: a stable rule code, a family, a default severity and one method.

A check module holds one :class:`Check` subclass whose docstring has the sections *What it
checks / Why it matters / Bad / Good / Source*; the same text feeds ``listingaudit rules CODE``
and the SARIF rule metadata. Codes are never reused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from listingaudit.config import Config
    from listingaudit.model import Listing

T = TypeVar("T")
CODE_PATTERN = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
DOC_SECTIONS = ("What it checks", "Why it matters", "Bad", "Good", "Source")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


@dataclass(frozen=True, slots=True)
class Finding:
    """One judgement on one listing, with the evidence a seller needs to fix it."""

    rule: str
    family: str
    severity: Severity
    message: str
    evidence: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "family": self.family,
            "severity": self.severity.value,
            "message": self.message,
            "evidence": dict(self.evidence),
        }


class CheckContext:
    """What a check may consult besides the listing: its settings and shared services."""

    def __init__(self, config: Config, services: Mapping[str, Any] | None = None) -> None:
        self.config = config
        self.services: dict[str, Any] = dict(services or {})
        # Merged settings by check class and marketplace: the configuration does not change
        # during a run, and merging it again for every listing cost more than some checks.
        self._settings: dict[tuple[type[Check], str | None], dict[str, Any]] = {}
        self._shared_listing: Listing | None = None
        self._shared: dict[str, Any] = {}

    def settings(self, check: Check, marketplace: str | None = None) -> dict[str, Any]:
        """``defaults``, overridden by ``[rules.CODE]`` then ``[rules.CODE.<marketplace>]``."""
        key = (type(check), marketplace)
        merged = self._settings.get(key)
        if merged is None:
            merged = dict(check.defaults)
            table = self.config.rule_table(check.code)
            merged.update({k: v for k, v in table.items() if not isinstance(v, dict)})
            if marketplace and isinstance(table.get(marketplace), dict):
                merged.update(table[marketplace])
            self._settings[key] = merged
        return dict(merged)  # a copy: the caller may change it

    def shared(self, listing: Listing, name: str, work: Callable[[], T]) -> T:
        """What ``work`` finds for ``listing``, worked out by the first check that asks for it
        and reused by the others (a disclosure analysis, a resolved return policy...).

        An audit runs every check on one listing before the next, so only the current
        listing's values are kept. ``name`` must say what the value is, including anything
        besides the listing and this context that it depends on.
        """
        if self._shared_listing is not listing:
            self._shared_listing = listing
            self._shared = {}
        try:
            found: T = self._shared[name]
        except KeyError:
            found = self._shared[name] = work()
        return found


class Check:
    """Base class for checks. Subclasses set the class attributes and implement ``check``.

    ``defaults`` lists the settings the check reads (overridable per rule and per marketplace in
    configuration). A catalog-wide check (duplicates, reused photos) remembers what it needs in
    ``check`` and returns its findings from ``finish``.
    """

    code: ClassVar[str]
    family: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    title: ClassVar[str]
    defaults: ClassVar[dict[str, Any]] = {}
    #: Set to True when the check reads photo measurements (the host then fetches photos).
    needs_photos: ClassVar[bool] = False
    #: Set to True to keep the check in the audit's own process (e.g. it reads ``ctx.services``).
    local: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("abstract"):
            return
        if not CODE_PATTERN.match(getattr(cls, "code", "")):
            raise TypeError(f"{cls.__name__}: rule code must look like ABC123")
        doc = cls.__doc__ or ""
        missing = [s for s in DOC_SECTIONS if s not in doc]
        if missing:
            raise TypeError(f"{cls.__name__}: docstring lacks sections {missing}")

    @classmethod
    def runs_anywhere(cls) -> bool:
        """Whether a worker process or a Dask worker may run the check given only the listing
        and the configuration: not if it reads photos, prepares batches, keeps state (defines
        ``__init__``), has catalog-wide findings or is marked ``local``."""
        inherited = ("__init__", "prepare", "finish")
        return not (cls.local or cls.needs_photos) and all(
            getattr(cls, name) is getattr(Check, name) for name in inherited
        )

    def prepare(self, listings: Sequence[Listing], ctx: CheckContext) -> None:
        """Called before ``check`` with each batch of listings as they are read (several
        times in a large run; batches are ``listingaudit.audit.BATCH`` listings).

        Override to do shared work in bulk, e.g. fetch and measure a batch's photos
        concurrently, or read a store's policy page once per run (keep it in ``ctx.services``).
        """

    def check(self, listing: Listing, ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError

    def finish(self, ctx: CheckContext) -> Iterable[tuple[Listing, Finding]]:
        """Catalog-wide findings, after every listing has been checked."""
        return ()

    def finding(
        self, message: str, *, severity: Severity | None = None, **evidence: Any
    ) -> Finding:
        return Finding(self.code, self.family, severity or self.severity, message, evidence)

    @classmethod
    def doc(cls) -> str:
        """The rule's documentation, dedented."""
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.title
