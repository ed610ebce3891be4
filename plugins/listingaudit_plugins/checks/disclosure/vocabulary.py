"""The disclosure vocabulary of the configured languages, compiled into phrase finders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from listingaudit.checks import CheckContext
from listingaudit_plugins.checks.textmatch import languages
from listingaudit_plugins.checks.textmatch.phrases import (
    Match,
    Negation,
    PhraseFinder,
    iter_words,
    key,
)

PACKAGE = __package__ or "listingaudit_plugins.checks.disclosure"
SECTION = "disclosure"
DEFAULT_LANGUAGES = ("en",)
_SERVICE_KEY = "disclosure.vocabulary"
# The lookahead names the characters every match starts with (both alternatives do), which lets
# ``re`` skip other positions quickly; it changes no match.
_SENTENCE_END = re.compile(r"(?=[\s•|])(?:(?<=[.!?;])\s+|\s*[\n•|]\s*)")


@dataclass(frozen=True, slots=True)
class Defect:
    """A flaw the seller's text reports, and whether it is cosmetic (minor) or not (major)."""

    match: Match
    severity: str


@dataclass(frozen=True)
class Vocabulary:
    defects: PhraseFinder
    severity: dict[str, str]
    conditions: PhraseFinder
    #: Condition phrase -> condition code, most specific first.
    condition_codes: dict[str, str]
    cues: PhraseFinder
    boilerplate: PhraseFinder
    filler: frozenset[str]

    def defects_in(self, text: str) -> list[Defect]:
        """The flaws ``text`` reports, negated mentions left out."""
        return [Defect(m, self.severity[m.phrase]) for m in self.defects.find(text)]

    def condition_in(self, text: str) -> tuple[Match, str] | None:
        """The most specific condition ``text`` states (not negated), with its code."""
        found = {m.phrase: m for m in self.conditions.find(text)}
        for phrase, code in self.condition_codes.items():
            if phrase in found:
                return found[phrase], code
        return None

    def condition_passage(self, text: str) -> str:
        """The sentences of ``text`` that speak about condition, joined; "" if none does."""
        cues = self.cues.starts(text)
        if not cues:
            return ""
        kept: list[str] = []
        start = 0
        pending = iter(cues)  # ascending; the first cue not yet in a sentence
        cue = next(pending)
        ends = _SENTENCE_END.finditer(text)
        while True:
            boundary = next(ends, None)
            end = len(text) if boundary is None else boundary.start()
            if cue < end:  # the sentence [start, end) holds this cue, and maybe the next ones
                kept.append(text[start:end].strip())
                cue = next((c for c in pending if c >= end), -1)
                if cue < 0:  # no cue after this sentence: the rest of the text is not kept
                    break
            start = end
            if boundary is None:
                break
        return " ".join(s for s in kept if s)

    def boilerplate_only(self, text: str) -> list[str] | None:
        """The stock phrases ``text`` is made of, or ``None`` if it also says something real."""
        found = self.boilerplate.find(text)
        # The text around the stock phrases, a space where each one was so that no word joins
        # across it: the words of the text with the phrases blanked out.
        gaps: list[str] = []
        end = 0
        for match in found:  # in order, never overlapping
            gaps.append(text[end : match.start])
            end = match.end
        gaps.append(text[end:])
        if any(word not in self.filler for word in iter_words(" ".join(gaps))):
            return None
        return [m.written for m in found]


def for_context(ctx: CheckContext) -> Vocabulary:
    """The vocabulary ``[disclosure] languages`` chooses, looked up once per run."""
    found = ctx.services.get(_SERVICE_KEY)
    if not isinstance(found, Vocabulary):
        section = ctx.config.section(SECTION) or {}
        found = build(tuple(section.get("languages", DEFAULT_LANGUAGES)))
        ctx.services[_SERVICE_KEY] = found
    return found


@cache
def build(chosen: tuple[str, ...], package: str = PACKAGE) -> Vocabulary:
    """The vocabulary of the ``chosen`` language files in ``package``'s ``data/`` folder."""
    data: dict[str, Any] = languages.load(package, chosen)
    severity = {key(p): level for level in ("minor", "major") for p in data["defects"][level]}
    negation = Negation.from_lists(
        data["negation"]["before"], data["negation"]["after"], data["negation"]["crosses"]
    )
    condition_codes = {key(phrase): code for phrase, code in data["conditions"].items()}
    return Vocabulary(
        defects=PhraseFinder(severity, negation, data["ignore"]),
        severity=severity,
        conditions=PhraseFinder(condition_codes, negation),
        condition_codes=condition_codes,
        cues=PhraseFinder([*severity, *condition_codes, *data["cues"]["words"]]),
        boilerplate=PhraseFinder(data["boilerplate"]["phrases"]),
        filler=frozenset(key(w) for w in data["boilerplate"]["filler"]),
    )
