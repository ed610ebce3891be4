"""Finding phrases in a seller's text, with negation: "no scratches" is not a scratch.

Phrases match whole words, case-insensitively, whatever separates their words (space, hyphen,
slash), so "pre-owned", "pre owned" and "Pre-Owned" are one phrase. Positions refer to the text
as given, so evidence can quote it.

Negation is scoped the way sellers write: a negation word ("no", "never", "without", "free")
reaches forward across filler words ("any", "signs", "of") and commas, and across a list of
phrases ("no scratches, dents or stains" negates all three), but stops at any other word or at a
clause end ("no box, small dent on lid": the dent is real). A word after the phrase can negate it
too ("scratch-free", "stain resistant", "scratches: none").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_WORD = r"[^\W_]+(?:['’][^\W_]+)*"
_TOKEN = re.compile(rf"{_WORD}|[.;:!?()\[\]]|,")
_WORD_ONLY = re.compile(_WORD)
#: How the characters of a canonical phrase are matched in text.
_SEPARATOR = {" ": r"[\s\-/]+", "'": "['’]"}
#: How far back (characters) a negation word is looked for.
_LOOKBACK = 120
#: How far back a negation word is looked for first: the nearest few words almost always decide.
_NEAR = 32


@lru_cache(maxsize=4096)  # called on every match, and matches repeat the same few phrases
def key(text: str) -> str:
    """The canonical form of a phrase: lower-case words separated by single spaces."""
    return " ".join(words(text))


def words(text: str) -> list[str]:
    """The words of ``text`` in canonical form."""
    return [w.lower().replace("’", "'") for w in _WORD_ONLY.findall(text)]


def iter_words(text: str) -> Iterator[str]:
    """:func:`words`, one at a time: a caller looking for a word that is not filler stops at
    the first one, without reading the rest of the text."""
    return (m[0].lower().replace("’", "'") for m in _WORD_ONLY.finditer(text))


def _trie(forms: Iterable[str]) -> str:
    """One regular expression for many phrases, as a trie: ``re`` tries alternatives one by
    one, so shared prefixes written once make a 150-phrase search several times faster."""
    root: dict[str, Any] = {}
    for form in forms:
        node = root
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [
            _SEPARATOR.get(char, re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _compile(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """Phrases as whole words; the pattern is lower-case (text is lowered before matching)."""
    forms = {key(p) for p in phrases if key(p)}
    if not forms:
        return None
    return re.compile(rf"(?<![^\W_])(?:{_trie(forms)})(?![^\W_])")


#: Most needles a finder checks before its pattern; with more, the pattern alone is faster.
_MAX_NEEDLES = 6


def _needles(phrases: Iterable[str]) -> tuple[str, ...] | None:
    """Words of which every match of ``phrases`` contains one, when a few suffice.

    A word without an apostrophe is matched character for character, so lower-cased text that
    contains none of these words holds no match: a few substring tests then spare the pattern
    search, which costs more than the rest of a typical ``find``. ``None``: too many are needed.
    """
    forms = [key(p).split(" ") for p in phrases if key(p)]
    counts: dict[str, int] = {}
    for form in forms:
        for word in set(form):
            counts[word] = counts.get(word, 0) + 1
    chosen: set[str] = set()
    for form in forms:
        plain = [w for w in form if "'" not in w]
        if not plain:
            return None
        # The word most phrases share, so that few needles cover them all; short words ("no")
        # hide in many others ("not", "know"), so a word of four letters or more if any.
        chosen.add(max(plain, key=lambda w: (len(w) >= 4, counts[w], len(w))))
    # A needle inside another is found wherever the other is: the shorter one is enough.
    needles = {n for n in chosen if not any(o != n and o in n for o in chosen)}
    return tuple(sorted(needles)) if len(needles) <= _MAX_NEEDLES else None


def _lowered(text: str) -> str | None:
    """``text`` in lower case, if lowering keeps every character's position (it almost always
    does; a few letters such as "İ" grow)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def _case_blind(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The case-insensitive twin of a lower-case ``pattern`` (``re`` caches the compilation)."""
    return re.compile(pattern.pattern, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Match:
    """One phrase found: its canonical form, where it is, and the text as written."""

    phrase: str
    start: int
    end: int
    written: str


@dataclass(frozen=True)
class Negation:
    """The words that negate a phrase before it or after it, and the words a negation crosses."""

    before: frozenset[str]
    after: frozenset[str]
    crosses: frozenset[str]

    @classmethod
    def from_lists(
        cls, before: Iterable[str], after: Iterable[str], crosses: Iterable[str]
    ) -> Negation:
        return cls(
            frozenset(key(w) for w in before),
            frozenset(key(w) for w in after),
            frozenset(key(w) for w in crosses),
        )


class PhraseFinder:
    """Finds any of a list of phrases in text, skipping negated ones and ignored contexts.

    ``ignore`` lists longer phrases inside which a match does not count ("from scratch",
    "does not work with").
    """

    def __init__(
        self,
        phrases: Iterable[str],
        negation: Negation | None = None,
        ignore: Iterable[str] = (),
    ) -> None:
        phrases = list(phrases)
        self._pattern = _compile(phrases)
        self._needles = _needles(phrases)
        self._ignore = _compile(ignore)
        self._negation = negation
        self._after = (
            re.compile(
                r"[\s:\-–]*(?:" + "|".join(re.escape(w) for w in sorted(negation.after)) + r")"
                r"(?![^\W_])",
                re.IGNORECASE,
            )
            if negation and negation.after
            else None
        )

    @property
    def needles(self) -> tuple[str, ...] | None:
        """Lower-case words of which every match contains one, or ``None`` if no short list does.

        A text whose lower-case form keeps its length and contains none of them holds no match,
        so callers may use them to rule several finders out at once.
        """
        return self._needles

    def find(self, text: str) -> list[Match]:
        """Every match in ``text`` that is neither negated nor inside an ignored phrase."""
        if self._pattern is None or not text:
            return []
        lowered = _lowered(text)
        search, ignore = self._pattern, self._ignore
        if lowered is None:  # rare: search the text as written, ignoring case
            lowered = text
            search = _case_blind(search)
            ignore = _case_blind(ignore) if ignore is not None else None
        elif self._needles is not None and not any(map(lowered.__contains__, self._needles)):
            return []
        found = []
        for m in search.finditer(lowered):
            start, end = m.span()
            found.append(Match(key(m.group()), start, end, text[start:end]))
        if not found:
            return []
        if ignore is not None:
            ignored = [(m.start(), m.end()) for m in ignore.finditer(lowered)]
            found = [m for m in found if not any(s <= m.start and m.end <= e for s, e in ignored)]
        if self._negation is None:
            return found
        kept: list[Match] = []
        negated: list[bool] = []
        for index, match in enumerate(found):
            previous = (found[index - 1], negated[index - 1]) if index else None
            is_negated = self._negated(self._negation, text, match, previous)
            negated.append(is_negated)
            if not is_negated:
                kept.append(match)
        return kept

    def starts(self, text: str) -> list[int]:
        """Where the matches of :meth:`find` start, ascending.

        Without negation or ignored phrases that is where the pattern matches, so no
        :class:`Match` needs building (a passage search only needs positions).
        """
        if self._negation is not None or self._ignore is not None:
            return [m.start for m in self.find(text)]
        if self._pattern is None or not text:
            return []
        lowered = _lowered(text)
        search = self._pattern
        if lowered is None:
            lowered = text
            search = _case_blind(search)
        elif self._needles is not None and not any(map(lowered.__contains__, self._needles)):
            return []
        return [m.start() for m in search.finditer(lowered)]

    def _negated(
        self,
        negation: Negation,
        text: str,
        match: Match,
        previous: tuple[Match, bool] | None,
    ) -> bool:
        if self._after is not None and self._after.match(text, match.end, match.end + 40):
            return True
        floor = max(0, match.start - _LOOKBACK)
        if previous is not None and previous[0].end > floor:
            floor = previous[0].end
        near = match.start - _NEAR
        if near > floor:
            decided = _decide(negation, _TOKEN.findall(text, near, match.start)[1:])
            if decided is not None:
                return decided
        decided = _decide(negation, _TOKEN.findall(text, floor, match.start))
        if decided is not None:
            return decided
        # Only filler between this match and the previous one: a list shares its negation.
        return previous is not None and previous[0].end == floor and previous[1]


def _decide(negation: Negation, tokens: list[str]) -> bool | None:
    """Whether the nearest deciding token before a match, of ``tokens``, negates it: ``True`` for
    a negation word, ``False`` for any other word or a clause end, ``None`` if only filler.

    A search from the middle of the look-back window may start inside a word; the caller drops
    that first token, and every token after it is the one a search of the whole window finds
    (a token ends where it would have ended whatever it started from).
    """
    for token in reversed(tokens):
        word = token.lower().replace("’", "'")
        if word in negation.before:
            return True
        if word != "," and word not in negation.crosses:
            return False
    return None
