"""How sellers write return policies: refusals, acceptances, who pays, and return windows.

Used on listing text (RET006) and on a Shopify store's refund-policy page. The phrases and
patterns are in ``data/<language>.json``; ``[returns] languages`` chooses the files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from listingaudit.checks import CheckContext
from listingaudit_plugins.checks.textmatch import languages
from listingaudit_plugins.checks.textmatch.phrases import Negation, PhraseFinder

from .settings import settings
from .terms import Terms

PACKAGE = __package__ or "listingaudit_plugins.checks.returns"
DEFAULT_LANGUAGES = ("en",)
_SERVICE_KEY = "returns.wording"
_NOT_TEXT = re.compile(r"[^\w.!?;,]+")


@dataclass(frozen=True, slots=True)
class Window:
    """A return window named in text: its length in days and the words that said it."""

    days: int
    written: str


@dataclass(frozen=True)
class Wording:
    no_returns: PhraseFinder
    accepted: PhraseFinder
    buyer_pays: PhraseFinder
    seller_pays: PhraseFinder
    windows: tuple[re.Pattern[str], ...]
    numbers: dict[str, int]
    units: dict[str, int]
    #: Words of which every window, refusal and acceptance contains one: see :meth:`silent`.
    _telltales: tuple[str, ...] | None = field(default=None, init=False, repr=False)
    #: A pattern that matches where one of ``windows`` does (``None``: search each): a text
    #: that names a unit but no window ("holds a full day", "today") is then scanned once.
    any_window: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        # The dataclasses idiom for a value derived from a frozen instance's fields.
        object.__setattr__(self, "_telltales", _telltales(self))

    def silent(self, text: str) -> bool:
        """Whether ``text`` certainly names no return window, refusal or acceptance.

        A window holds a unit ("day", "week"...), a refusal or an acceptance one of its finder's
        needles; each search looks for its own words first, and one look for all of them spares
        RET006 the three searches on most texts. A text that lowering lengthens is never called
        silent: the finders search it without their needles.
        """
        if self._telltales is None:
            return False
        lowered = text.lower()
        return len(lowered) == len(text) and not any(map(lowered.__contains__, self._telltales))

    def windows_in(self, text: str) -> list[Window]:
        """Every return window ``text`` names, in order of appearance."""
        lowered = text.lower()
        if not any(map(lowered.__contains__, self.units)):
            return []  # no "day", "week" or "month": no window (most descriptions)
        plain = " ".join(_NOT_TEXT.sub(" ", lowered).split())
        if self.any_window is not None and not self.any_window.search(plain):
            return []  # a unit but no window: one scan instead of one per pattern
        found: list[tuple[int, Window]] = []
        for pattern in self.windows:
            for match in pattern.finditer(plain):
                number = match["num"]
                count = int(number) if number.isdigit() else self.numbers[number]
                days = count * self.units[match["unit"]]
                found.append((match.start(), Window(days, match.group())))
        return [window for _, window in sorted(found, key=lambda item: item[0])]

    def refuses(self, text: str) -> list[str]:
        """The statements in ``text`` that no return is taken."""
        return [m.written for m in self.no_returns.find(text)]

    def terms_in(self, text: str) -> Terms | None:
        """The policy a page states: a window means returns are taken; else a refusal; else
        a plain acceptance; ``None`` if the page says none of these."""
        paid_by = (
            "buyer"
            if self.buyer_pays.find(text)
            else "seller"
            if self.seller_pays.find(text)
            else None
        )
        windows = self.windows_in(text)
        if windows:
            return Terms(True, windows[0].days, paid_by)
        if self.refuses(text):
            return Terms(False)
        if self.accepted.find(text):
            return Terms(True, None, paid_by)
        return None


def _telltales(wording: Wording) -> tuple[str, ...] | None:
    """The words :meth:`Wording.silent` looks for, or ``None`` if a finder has no needles."""
    refusal, acceptance = wording.no_returns.needles, wording.accepted.needles
    if refusal is None or acceptance is None:
        return None
    words = {*wording.units, *refusal, *acceptance}
    # A word inside another ("day" in "days") is found wherever the other is: it is enough.
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def _any_of(filled: list[str]) -> re.Pattern[str] | None:
    """One pattern that matches wherever a window pattern does, from their ``filled`` templates.

    Searching a text once for all of them costs about as much as searching it for one: the
    word-start test is made once per position, not once per pattern. One pattern may not name
    two groups alike, so ``num`` and ``unit`` become uncaptured groups; ``None`` if a template
    has other groups (it might refer back to one by number) or will not compile so.
    """
    alternatives = []
    for text in filled:
        compiled = re.compile(text)
        if compiled.groups != 2 or set(compiled.groupindex) != {"num", "unit"}:
            return None
        if text.count("(?P<num>") != 1 or text.count("(?P<unit>") != 1:
            return None
        unnamed = text.replace("(?P<num>", "(?:").replace("(?P<unit>", "(?:")
        alternatives.append(rf"(?:{unnamed})(?!\w)")
    try:
        return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})") if alternatives else None
    except re.error:  # e.g. a reference back to a group, which no longer exists
        return None


def for_context(ctx: CheckContext) -> Wording:
    """The wording ``[returns] languages`` chooses, looked up once per run."""
    found = ctx.services.get(_SERVICE_KEY)
    if not isinstance(found, Wording):
        languages_ = tuple(settings(ctx).get("languages", DEFAULT_LANGUAGES))
        found = ctx.services[_SERVICE_KEY] = build(languages_)
    return found


def _alternatives(options: Any) -> str:
    return "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True))


def _fill(pattern: str, slots: dict[str, str]) -> str:
    for slot, value in slots.items():
        pattern = pattern.replace(slot, value)
    return pattern


@cache
def build(chosen: tuple[str, ...]) -> Wording:
    data: dict[str, Any] = languages.load(PACKAGE, chosen)
    window = data["window"]
    slots = {
        "{num}": rf"\d{{1,3}}|{_alternatives(window['numbers'])}",
        "{unit}": _alternatives(window["units"]),
        "{ret}": _alternatives(window["return_words"]),
    }
    filled = [_fill(p, slots) for p in window["patterns"]]
    # The word-boundary tests apply to the whole pattern, whatever alternatives it holds.
    patterns = tuple(re.compile(rf"(?<!\w)(?:{f})(?!\w)") for f in filled)
    accepted = data["accepted"]
    return Wording(
        no_returns=PhraseFinder(
            data["no_returns"]["phrases"], Negation.from_lists((), data["no_returns"]["unless"], ())
        ),
        accepted=PhraseFinder(
            accepted["phrases"], Negation.from_lists(accepted["negations"], (), ())
        ),
        buyer_pays=PhraseFinder(data["paid_by"]["buyer"]),
        seller_pays=PhraseFinder(data["paid_by"]["seller"]),
        windows=patterns,
        any_window=_any_of(filled),
        numbers=window["numbers"],
        units=window["units"],
    )
