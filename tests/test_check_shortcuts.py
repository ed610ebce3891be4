"""Shortcuts the checks take for speed give exactly what the long way gives.

Each test puts a shortcut against the plain computation it stands for: phrase search skipped
when no needle word occurs, rate-table spans remembered by row, a field's columns found by the
headers already seen, a negation looked for near a match before the whole look-back window,
sentences split only up to the last cue, price texts read before their cells, the check-digit sum,
return wording ruled out by one look for its words, parcel measures without generators.
"""

from __future__ import annotations

import copy
import math
import random
import re
from dataclasses import replace

import pytest

from listingaudit.model import Listing, SourceRef
from listingaudit_plugins.checks.disclosure import vocabulary
from listingaudit_plugins.checks.readiness import columns, gtin
from listingaudit_plugins.checks.returns import RET006, wording
from listingaudit_plugins.checks.shipping import rates
from listingaudit_plugins.checks.shipping.rates import CM_PER_INCH, Parcel, Span, tables
from listingaudit_plugins.checks.textmatch import phrases
from listingaudit_plugins.checks.textmatch.phrases import _needles, key

FINDERS = {
    **{
        f"returns.{name}": getattr(wording.build(wording.DEFAULT_LANGUAGES), name)
        for name in ("no_returns", "accepted", "buyer_pays", "seller_pays")
    },
    **{
        f"disclosure.{name}": getattr(vocabulary.build(vocabulary.DEFAULT_LANGUAGES), name)
        for name in ("defects", "conditions", "cues", "boilerplate")
    },
}
FILLER = ["item", "box", "ships", "fast", "no", "not", "returns", "original", "—", ",", "."]


def _written(phrase: str, rng: random.Random) -> str:
    """``phrase`` as a seller might type it: any case, any separator between its words."""
    parts = phrase.split(" ")
    text = parts[0]
    for part in parts[1:]:
        text += rng.choice([" ", "-", "/", "  ", " - "]) + part
    return "".join(c.upper() if rng.random() < 0.3 else c for c in text)


def _texts(phrases: list[str], rng: random.Random) -> list[str]:
    texts = []
    for _ in range(300):
        words = rng.choices(FILLER, k=rng.randrange(3, 12))
        for _ in range(rng.randrange(0, 3)):
            words.insert(rng.randrange(len(words) + 1), _written(rng.choice(phrases), rng))
        texts.append(" ".join(words))
    return texts


@pytest.mark.parametrize("name", sorted(FINDERS))
def test_needles_never_change_what_a_finder_finds(name: str) -> None:
    finder = FINDERS[name]
    rng = random.Random(name)
    phrases = sorted({key(p) for p in _phrases(name)})
    slow = copy.copy(finder)
    slow._needles = None  # the pattern search for every text
    for text in [*_texts(phrases, rng), *(_written(p, rng) for p in phrases)]:
        assert finder.find(text) == slow.find(text), text


def _phrases(name: str) -> list[str]:
    family, _, part = name.partition(".")
    if family == "returns":
        data = wording.languages.load(wording.PACKAGE, wording.DEFAULT_LANGUAGES)
        return {
            "no_returns": data["no_returns"]["phrases"],
            "accepted": data["accepted"]["phrases"],
            "buyer_pays": data["paid_by"]["buyer"],
            "seller_pays": data["paid_by"]["seller"],
        }[part]
    built = vocabulary.build(vocabulary.DEFAULT_LANGUAGES)
    data = vocabulary.languages.load(vocabulary.PACKAGE, vocabulary.DEFAULT_LANGUAGES)
    return {
        "defects": list(built.severity),
        "conditions": list(built.condition_codes),
        "cues": [*built.severity, *built.condition_codes, *data["cues"]["words"]],
        "boilerplate": data["boilerplate"]["phrases"],
    }[part]


def test_needles_cover_every_phrase_or_are_not_used() -> None:
    phrases = ["no returns", "returns not accepted", "all sales final", "can't return"]
    # "can't return" has a word with an apostrophe and one without: "return" is its needle.
    needles = _needles(phrases)
    assert needles is not None
    assert all(any(n in key(p) for n in needles) for p in phrases)
    # A phrase made only of words with apostrophes cannot be covered.
    assert _needles(["won't", "no returns"]) is None
    assert _needles([f"word{n}xx" for n in range(10)]) is None  # too many to be worth it


def test_remembered_spans_equal_the_cells_of_every_shipped_table() -> None:
    rng = random.Random(7)
    checked = 0
    for table in tables().values():
        zones = table.zone_indices(len(table.zones))
        for edition in table.editions:
            for fmt in edition.formats:
                if not fmt.rows:
                    continue
                heaviest = fmt.rows[-1].not_over
                weights = [row.not_over for row in fmt.rows]
                weights += [rng.uniform(0, heaviest * 1.1) for _ in range(40)]
                for weight in weights:
                    for count in range(1, len(zones) + 1):
                        chosen = zones[:count]
                        cells = [fmt.cell(weight, zone) for zone in chosen]
                        assert fmt.span(weight, chosen) == Span.of(cells)
                        checked += 1
    assert checked > 1000


def test_rows_out_of_order_are_not_remembered() -> None:
    fmt = next(f for t in tables().values() for e in t.editions for f in e.formats if f.rows)
    shuffled = replace(fmt, rows=tuple(reversed(fmt.rows)))
    assert shuffled._bounds is None or len(shuffled.rows) == 1
    weight = fmt.rows[0].not_over
    assert shuffled.span(weight, (0,)) == Span.of([shuffled.cell(weight, 0)])


def test_columns_found_by_seen_headers_are_the_ones_normalizing_finds() -> None:
    names = columns._names("title")
    headers = ["Title", "title", "Item Title", "ITEM  TITLE", "item-name", "Price", "SKU", "x"]
    rng = random.Random(3)
    rows = [
        {h: f"{h} {n}" for h in rng.sample(headers, rng.randrange(1, len(headers)))}
        for n in range(200)
    ]
    listing = Listing("L1", "ebay", SourceRef("f.csv", (2,)), raw=rows)
    expected = [
        (header, text)
        for row in rows
        for header, text in row.items()
        if columns.normalize(header) in names
    ]
    assert [(c.column, c.text) for c in columns.cells(listing, "title")] == expected


def _negation_texts(phrases: list[str], rng: random.Random) -> list[str]:
    """Texts with negation words far and near, long runs of words a negation crosses, and
    words split at every distance, so a shortened look-back is put to the test."""
    built = vocabulary.build(vocabulary.DEFAULT_LANGUAGES)
    negation = built.defects._negation
    assert negation is not None
    before, crosses = sorted(negation.before), sorted(negation.crosses)
    others = ["item", "box", "lid", "ships", "great", "can't", "it's", ".", ";", "(", ","]
    texts = []
    for _ in range(600):
        words: list[str] = []
        for _ in range(rng.randrange(1, 5)):
            words += rng.choices(others + before, k=rng.randrange(0, 4))
            words += rng.choices([*crosses, ","], k=rng.randrange(0, 14))
            words.append(_written(rng.choice(phrases), rng))
        texts.append(rng.choice([" ", "  ", ", "]).join(words))
    return texts


@pytest.mark.parametrize("name", ["disclosure.defects", "disclosure.conditions"])
def test_short_negation_look_back_decides_as_the_full_one(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    finder = FINDERS[name]
    rng = random.Random(name)
    texts = _negation_texts(sorted({key(p) for p in _phrases(name)}), rng)
    quick = [finder.find(text) for text in texts]
    monkeypatch.setattr(phrases, "_NEAR", 10**6)  # the whole look-back window at once
    assert quick == [finder.find(text) for text in texts]
    assert any(
        len(found) < len(finder._pattern.findall(t.lower()))
        for found, t in zip(quick, texts, strict=True)
    )


@pytest.mark.parametrize("name", sorted(FINDERS))
def test_match_starts_are_those_of_the_matches_found(name: str) -> None:
    finder = FINDERS[name]
    rng = random.Random(name)
    for text in _texts(sorted({key(p) for p in _phrases(name)}), rng):
        assert finder.starts(text) == [m.start for m in finder.find(text)], text


_PLAIN_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\s*[\n•|]\s*")


def _plain_passage(built: vocabulary.Vocabulary, text: str) -> str:
    """Every sentence of ``text``, kept if a cue starts in it."""
    cues = [m.start for m in built.cues.find(text)]
    if not cues:
        return ""
    kept, start = [], 0
    for end in [m.start() for m in _PLAIN_SENTENCE_END.finditer(text)] + [len(text)]:
        if any(start <= cue < end for cue in cues):
            kept.append(text[start:end].strip())
        start = end
    return " ".join(s for s in kept if s)


def test_condition_passage_is_the_sentences_holding_a_cue() -> None:
    built = vocabulary.build(vocabulary.DEFAULT_LANGUAGES)
    rng = random.Random(11)
    pieces = ["scratch", "used", "no", "dent", "condition", "good", "box", "a", "İ"]
    pieces += [" ", "  ", ". ", "!", "?\t", "\n", " • ", "|", "; ", "\n\n ", ".", "•|"]
    texts = ["".join(rng.choices(pieces, k=rng.randrange(0, 30))) for _ in range(3000)]
    kept = 0
    for text in texts:
        passage = built.condition_passage(text)
        assert passage == _plain_passage(built, text), text
        kept += bool(passage) and passage != text.strip()
    assert kept > 100  # some texts keep only part of their sentences


def test_price_texts_are_those_of_the_price_cells() -> None:
    rows = [{"Price": "1", "SKU": "a"}, {"SKU": "b"}, {"price": " 2 ", "Variant Price": "x"}]
    listing = Listing("L1", "shopify", SourceRef("f.csv", (2, 3, 4)), raw=rows)
    assert columns.texts(listing, "price") == [c.text for c in columns.cells(listing, "price")]
    assert columns.texts(listing, "price")


def _plain_gtin_valid(digits: str) -> bool:
    """The GS1 rule as written: weights 3, 1, 3... leftwards from the digit before the check."""
    if not digits.isdigit() or len(digits) not in gtin.GTIN_LENGTHS:
        return False
    body = [int(c) for c in reversed(digits[:-1])]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(body))
    return (10 - total % 10) % 10 == int(digits[-1])


def test_gtin_check_digit_sum_is_the_gs1_rule() -> None:
    rng = random.Random(5)
    values = ["036000291452", "0850064060010", "96385074", "x", "", "12345678901"]
    for length in (7, 8, 11, 12, 13, 14, 15):
        values += ["".join(rng.choices("0123456789", k=length)) for _ in range(500)]
    assert [gtin.gtin_valid(v) for v in values] == [_plain_gtin_valid(v) for v in values]
    assert sum(map(gtin.gtin_valid, values)) > 100


def test_gtin_check_digit_reads_the_digits_of_every_script() -> None:
    rng = random.Random(6)
    # ASCII, Arabic-Indic and full-width digits
    scripts = ["0123456789", "٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９"]
    values = []
    for digits in scripts:
        for length in (8, 12, 13, 14):
            values += ["".join(rng.choices(digits, k=length)) for _ in range(300)]
    values += ["03600029145٢", "٠36000291452", "０36000291452"]  # mixed scripts
    assert [gtin.gtin_valid(v) for v in values] == [_plain_gtin_valid(v) for v in values]
    assert sum(gtin.gtin_valid(v) for v in values if not v.isascii()) > 20


RETURN_PIECES = [
    "30 day returns",
    "returns accepted",
    "no returns",
    "all sales final",
    "money back guarantee",
    "14-DAY Refund",
    "Day pack",
    "holds a full day",
    "weekly",
    "retur",
    "final",
    "İ",
    "Ǆ",
    "ships in 2 days",
    "free returns",
    "sold as is",
    "item",
    ".",
    ",",
    "—",
    "\n",
]


def _return_texts(rng: random.Random) -> list[str]:
    texts = ["", "İ no returns", "NO RETURNS", "Ǆ 30 days returns"]
    for _ in range(3000):
        texts.append(" ".join(rng.choices(RETURN_PIECES, k=rng.randrange(1, 6))))
    return texts


def test_silent_text_names_no_window_refusal_or_acceptance() -> None:
    built = wording.build(wording.DEFAULT_LANGUAGES)
    silent = 0
    for text in _return_texts(random.Random(21)):
        if built.silent(text):
            silent += 1
            assert built.windows_in(text) == [], text
            assert built.refuses(text) == [], text
            assert built.accepted.find(text) == [], text
    assert 300 < silent < 2700  # both kinds of text were tried
    assert not built.silent("İ item")  # lowering lengthens it: the finders skip no search


def test_contradictions_are_those_found_without_the_silence_test() -> None:
    built = wording.build(wording.DEFAULT_LANGUAGES)
    slow = copy.copy(built)
    object.__setattr__(slow, "_telltales", None)  # every text searched
    assert not slow.silent("item")
    policies = [
        RET006._Expected(True, 30, None, "policy"),
        RET006._Expected(True, None, 30, "Amazon's"),
        RET006._Expected(False, None, None, "policy"),
    ]
    found = 0
    for text in _return_texts(random.Random(22)):
        for expected in policies:
            quick = RET006._contradiction(text, expected, built)
            assert quick == RET006._contradiction(text, expected, slow), text
            found += quick is not None
    assert found > 500


def test_telltales_need_every_finder_to_have_needles() -> None:
    built = wording.build(wording.DEFAULT_LANGUAGES)
    assert built._telltales is not None
    assert all(any(t in unit for t in built._telltales) for unit in built.units)
    for finder in (built.no_returns, built.accepted):
        assert finder.needles is not None
        assert all(any(t in n for t in built._telltales) for n in finder.needles)
    many = phrases.PhraseFinder([f"word{n}xx returns" for n in range(3)] + ["won't"])
    assert many.needles is None
    assert replace(built, accepted=many)._telltales is None


def test_parcel_measures_are_the_plain_formulas() -> None:
    rng = random.Random(8)
    rules = {t.dimensional for t in tables().values() if t.dimensional is not None}
    assert rules
    billed = 0
    for _ in range(2000):
        sides = (rng.uniform(0.1, 120), rng.choice([2.54, 15.24, 30.48]), rng.uniform(0.1, 80))
        parcel = Parcel(rng.uniform(1, 30000), sides)
        length, width, height = (side / CM_PER_INCH for side in parcel.sides_desc_cm)
        assert parcel.length_plus_girth_in == length + 2 * (width + height)
        for rule in rules:
            volume = math.prod(rule._inches(side) for side in sides)
            expected = (
                None
                if volume <= rule.above_cubic_in
                else math.ceil(volume / rule.divisor - rates._EPSILON)
            )
            assert rule.weight_lb(parcel) == expected
            billed += expected is not None
    assert billed > 500


def _plain_boilerplate_only(built: vocabulary.Vocabulary, text: str) -> list[str] | None:
    """The stock phrases blanked out character by character, then every word read."""
    found = built.boilerplate.find(text)
    rest = list(text)
    for match in found:
        rest[match.start : match.end] = " " * (match.end - match.start)
    left = [w for w in phrases.words("".join(rest)) if w not in built.filler]
    return None if left else [m.written for m in found]


def test_boilerplate_read_around_the_phrases_is_the_blanked_out_text() -> None:
    built = vocabulary.build(vocabulary.DEFAULT_LANGUAGES)
    data = vocabulary.languages.load(vocabulary.PACKAGE, vocabulary.DEFAULT_LANGUAGES)
    rng = random.Random(12)
    pieces = [*data["boilerplate"]["phrases"], *sorted(built.filler), "scuff", "İ", "n/a's"]
    pieces += ["a’s", "box", "’", "'", "-", "/", ".", ",", "_", "see-photos", "SEE PHOTOS"]
    stock = 0
    for _ in range(3000):
        text = rng.choice(["", " ", "-", "/"]).join(rng.choices(pieces, k=rng.randrange(0, 7)))
        found = built.boilerplate_only(text)
        assert found == _plain_boilerplate_only(built, text), text
        stock += found is not None
    assert 300 < stock < 2700


WINDOW_PIECES = [
    "30 day returns",
    "14-day return",
    "two weeks to return",
    "a month money back",
    "returns within 60 days",
    "return policy lasts 30 days",
    "refund policy is 1 month",
    "returns accepted for 3 weeks",
    "90 day refund",
    "fourteen days",
    "daypack",
    "today",
    "full day",
    "30 days",
    "day",
    "week",
    "returns",
    "—",
    ",",
    ".",
    "\n",
]


def test_one_search_for_every_window_pattern_finds_what_each_finds() -> None:
    built = wording.build(wording.DEFAULT_LANGUAGES)
    assert built.any_window is not None
    slow = replace(built, any_window=None)
    rng = random.Random(23)
    named = 0
    for _ in range(3000):
        text = rng.choice([" ", "-", ", "]).join(rng.choices(WINDOW_PIECES, k=rng.randrange(1, 6)))
        windows = built.windows_in(text)
        assert windows == slow.windows_in(text), text
        named += bool(windows)
    assert 300 < named < 2700


def test_window_patterns_are_the_templates_between_word_boundaries() -> None:
    built = wording.build(wording.DEFAULT_LANGUAGES)
    rng = random.Random(24)
    texts = [
        " ".join(rng.choices(WINDOW_PIECES, k=rng.randrange(1, 6))).lower() for _ in range(500)
    ]
    found = 0
    for pattern in built.windows:
        filled = pattern.pattern.removeprefix("(?<!\\w)(?:").removesuffix(")(?!\\w)")
        assert len(filled) == len(pattern.pattern) - len("(?<!\\w)(?:)(?!\\w)")
        bare = re.compile(rf"(?<!\w){filled}(?!\w)")  # without the group around the template
        for text in texts:
            matches = [m.group() for m in pattern.finditer(text)]
            assert matches == [m.group() for m in bare.finditer(text)]
            found += len(matches)
    assert found > 200


def test_window_patterns_with_other_groups_are_searched_one_by_one() -> None:
    core = "(?P<num>\\d+) ?(?P<unit>days?)"
    assert wording._any_of([core, f"returns {core}"]) is not None
    assert wording._any_of([core, f"(returns|refunds) {core}"]) is None  # a numbered group
    assert wording._any_of([core, f"{core} (?P=num)"]) is None  # refers back to a group
