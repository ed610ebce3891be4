"""Disclosure checks: negation, vocabulary files, condition inference, and real exports."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from listingaudit.audit import AuditOptions, run_audit
from listingaudit.config import Config, ConfigError, ConfigKey, validate
from listingaudit.model import Listing
from listingaudit.plugins import LoadedPlugins
from listingaudit_plugins.checks.disclosure.condition import owes_description, stated
from listingaudit_plugins.checks.disclosure.vocabulary import PACKAGE, build
from listingaudit_plugins.checks.textmatch import languages

from .conftest import FIXTURES

EN = build(("en",))


def _keys(plugins: LoadedPlugins) -> list[ConfigKey]:
    return [key for group in plugins.hook.listingaudit_config_keys() for key in group]


def _findings(
    plugins: LoadedPlugins, path: Path, config: dict[str, Any] | None = None
) -> dict[str, set[str]]:
    """Rule codes found per listing id when auditing ``path`` with this family only."""
    result = run_audit(
        plugins,
        Config(config or {}, None, _keys(plugins)),
        [path],
        AuditOptions(select=["disclosure"], services={"offline": True}),
    )
    return {r.listing.id: {f.rule for f in r.findings} for r in result.report.listings}


@pytest.mark.parametrize(
    ("text", "flaws"),
    [
        ("Small scratch on the back.", ["scratch"]),
        ("No scratches or dents.", []),
        ("no scratches, dents or stains", []),
        ("Never used, without any dents, free of stains.", []),
        ("There are no visible signs of wear.", []),
        ("Not a single scratch on it.", []),
        ("Scratch-free screen, stain resistant fabric.", []),
        ("Scratches: none.", []),
        # A negation stops at the first word that is not filler or another flaw.
        ("No box, small dent on the lid.", ["dent"]),
        ("No major flaws, just a small scuff.", ["scuff"]),
        # A flaw that starts with a negation word is still a flaw, and does not negate the next.
        ("No power, scratches on the case.", ["No power", "scratches"]),
        ("Does not work.", ["Does not work"]),
        # Contexts that only look like flaws.
        ("Does not work with iPhone 5 cases.", []),
        ("Recipes made from scratch.", []),
        ("Stainless steel body with an M1 chip.", []),
        ("Perfect to wear to the office.", []),
        ("Protects your phone against scratches and dents.", []),
        ("Color: Rust. Silicone cake mold.", []),
        ("WARNING: can cause cancer and birth defects (Prop 65).", []),
        ("Tiffany-style stained glass lamp; dent repair kit included.", []),
        ("Some rust on the blade, moldy smell.", ["Some rust", "moldy"]),
        # Lowering "İ" adds a character: the case-blind search keeps positions and spelling.
        ("İstanbul lamp: SCRATCHED base, no dents.", ["SCRATCHED"]),
        # The sentence boundary ends the negation.
        ("No returns. Scratched lid.", ["Scratched"]),
    ],
)
def test_flaws_are_found_and_negations_respected(text: str, flaws: list[str]) -> None:
    assert [d.match.written for d in EN.defects_in(text)] == flaws


def test_flaws_have_a_severity() -> None:
    found = {d.match.phrase: d.severity for d in EN.defects_in("Cracked screen, light scratches.")}
    assert found == {"cracked": "major", "scratches": "minor"}


@pytest.mark.parametrize(
    ("text", "stock"),
    [
        ("Used condition. See photos.", ["Used condition", "See photos"]),
        ("Good condition", ["Good condition"]),
        ("N/A", ["N/A"]),
        ("Like new", []),
    ],
)
def test_boilerplate_is_recognised(text: str, stock: list[str]) -> None:
    assert EN.boilerplate_only(text) == stock


@pytest.mark.parametrize(
    "text", ["Used, small scuff on the lid, see photos.", "Works, battery holds 80%."]
)
def test_specific_wording_is_not_boilerplate(text: str) -> None:
    assert EN.boilerplate_only(text) is None


def test_condition_passage_keeps_only_sentences_about_condition() -> None:
    text = "Brass lamp from 1970. Some tarnish on the base. Ships in two days!"
    assert EN.condition_passage(text) == "Some tarnish on the base."


def test_the_shipped_languages_are_listed_and_validated(plugins: LoadedPlugins) -> None:
    assert languages.available(PACKAGE) == ["en"]
    keys = _keys(plugins)
    validate({"disclosure": {"languages": ["en"]}}, keys, "test")
    with pytest.raises(ConfigError, match=r"disclosure\.languages\.0: 'de' is not one of \['en'\]"):
        validate({"disclosure": {"languages": ["de"]}}, keys, "test")


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A vocabulary package with English and a German file: a new language is a new file."""
    package = tmp_path / "vocab_de_test"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    english = resources.files("listingaudit_plugins.checks.disclosure").joinpath("data/en.json")
    (package / "data" / "en.json").write_text(english.read_text("utf-8"), "utf-8")
    german = {
        "defects": {"major": ["kaputt", "gerissen"], "minor": ["Kratzer", "Delle"]},
        "ignore": [],
        "negation": {"before": ["keine", "ohne"], "after": ["frei"], "crosses": ["sichtbaren"]},
        "boilerplate": {"phrases": ["siehe Fotos"], "filler": ["gebraucht", "guter", "zustand"]},
        "conditions": {"gebraucht": "used"},
        "cues": {"words": ["Zustand"]},
    }
    (package / "data" / "de.json").write_text(json.dumps(german), "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return "vocab_de_test"


def test_a_second_language_is_one_more_file(german: str) -> None:
    assert languages.available(german) == ["de", "en"]
    both = build(("en", "de"), german)
    assert [d.match.written for d in both.defects_in("Display kaputt, small scratch")] == [
        "kaputt",
        "scratch",
    ]
    assert both.defects_in("Keine sichtbaren Kratzer, ohne Delle, kratzerfrei.") == []
    assert both.boilerplate_only("Gebraucht, guter Zustand, siehe Fotos") == ["siehe Fotos"]
    assert both.condition_in("Lampe, gebraucht") is not None
    # English alone does not know the German words.
    assert build(("en",), german).defects_in("Display kaputt") == []


def test_language_files_merge_lists_and_tables(german: str) -> None:
    merged = languages.load(german, ("en", "de"))
    assert "kaputt" in merged["defects"]["major"] and "cracked" in merged["defects"]["major"]
    assert merged["conditions"]["gebraucht"] == "used" and merged["conditions"]["used"] == "used"
    assert "_about" not in merged and "_about" not in merged["defects"]


@pytest.mark.parametrize(
    ("listing", "source", "code"),
    [
        (
            {
                "condition": {
                    "code": "used",
                    "raw": "used",
                    "origin": "Google Shopping / Condition",
                },
                "tags": ["refurbished"],
            },
            "Google Shopping / Condition 'used'",
            "used",
        ),
        ({"tags": ["Sale", "Open Box"], "title": "Used lamp"}, "tag 'Open Box'", "new_open_box"),
        ({"title": "Refurbished, like new iPhone 12"}, "title word 'Refurbished'", "refurbished"),
        ({"title": "Pre-owned Barbour jacket"}, "title word 'Pre-owned'", "used"),
    ],
)
def test_shopify_condition_is_read_then_inferred(
    listing: dict[str, Any], source: str, code: str
) -> None:
    found = stated(Listing.from_dict({"marketplace": "shopify", **listing}), EN)
    assert found is not None
    assert (found.source, found.code) == (source, code)


def test_shopify_condition_is_not_guessed_without_evidence() -> None:
    listing = Listing.from_dict({"title": "Never used camping stove", "tags": ["new-arrivals"]})
    assert stated(listing, EN) is None


@pytest.mark.parametrize(
    ("condition_id", "owed"),
    [
        ("1000", False),
        ("1500", True),
        ("1750", True),
        ("2000", False),
        ("2010", True),
        ("2500", True),
        ("2750", False),
        ("2990", True),
        ("3000", True),
        ("7000", True),
    ],
)
def test_ebay_condition_ids_that_owe_a_description(condition_id: str, owed: bool) -> None:
    listing = Listing.from_dict(
        {"marketplace": "ebay", "condition": {"code": "new", "raw": condition_id}}
    )
    condition = stated(listing, EN)
    assert condition is not None
    assert owes_description(listing, condition) is owed


@pytest.mark.parametrize(("code", "owed"), [("used_very_good", True), ("used_like_new", False)])
def test_ebay_condition_text_is_judged_by_its_ids(code: str, owed: bool) -> None:
    """The Seller Hub report writes "Ungraded" (4000) or "Graded" (2750), not the ID."""
    listing = Listing.from_dict(
        {
            "marketplace": "ebay",
            "condition": {"code": code, "raw": "Ungraded", "origin": "Condition"},
        }
    )
    condition = stated(listing, EN)
    assert condition is not None
    assert owes_description(listing, condition) is owed


def test_ebay_upload_fixture(plugins: LoadedPlugins) -> None:
    found = _findings(plugins, FIXTURES / "checks" / "ebay-upload.csv")
    assert found["MIX-1"] == {"DIS004"}
    assert found["MUG-1"] == {"DIS002"}
    assert found["CAM-1"] == {"DIS001"}  # ConditionDescription present but empty
    assert found["CARD-1"] == set()


def test_an_empty_language_list_is_rejected(plugins: LoadedPlugins) -> None:
    with pytest.raises(ConfigError):
        validate({"disclosure": {"languages": []}}, _keys(plugins), "test")


def test_real_ebay_upload_discloses_in_its_description(
    plugins: LoadedPlugins, samples: Path
) -> None:
    """ConditionID 3000 with no ConditionDescription column: the description's sentence about
    'various imperfections' is the disclosure, so nothing is missing."""
    path = (
        samples / "ebay" / "russwbeck__ebayscout__2026-10-03_penn-state-button-listings.EXCERPT.csv"
    )
    found = _findings(plugins, path)
    assert len(found) == 4
    assert all("DIS001" not in rules for rules in found.values())


def test_real_ebay_report_says_disclosure_was_not_checked(
    plugins: LoadedPlugins, samples: Path
) -> None:
    path = (
        samples
        / "ebay"
        / "mthous72__FlipKit__eBay-all-active-listings-report-2026-04-30-12315361660.csv"
    )
    result = run_audit(
        plugins,
        Config({}, None, _keys(plugins)),
        [path],
        AuditOptions(select=["DIS001"], services={"offline": True}),
    )
    findings = [f for r in result.report.listings for f in r.findings]
    assert findings, "the report's used cards owe a description"
    assert {f.severity.value for f in findings} == {"info"}
    assert {f.evidence["reason"] for f in findings} == {"not-in-file"}


def test_real_shopify_template_refurbished_item_owes_a_description(
    plugins: LoadedPlugins, samples: Path
) -> None:
    path = (
        samples
        / "shopify"
        / "YadaYadaSoftware__shopify-variant-splitter__shopify_sample_product_template.csv"
    )
    found = _findings(plugins, path)
    assert found == {"example-shirt": set(), "example-pants": set(), "example-hat": {"DIS001"}}
