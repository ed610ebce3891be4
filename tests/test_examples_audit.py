"""The bundled examples, audited: each deliberate defect is reported, the good listings are not.

The expectations mirror the tables in ``examples/README.md``.
"""

from __future__ import annotations

import pytest

from .conftest import EXAMPLES

EXPECTED = {
    # Shopify
    "stoneware-mug": set(),
    "waxed-canvas-daypack": set(),
    "field-watch-38mm-refurbished": set(),
    "brass-desk-lamp": {"PHO008"},
    "trail-runner-sneaker": {"PHO005"},
    "vintage-rangefinder-camera": {"DIS001", "PHO009"},
    "illustrated-atlas-of-rivers": {"DIS001"},  # a description of "See photos." says nothing
    "wireless-over-ear-headphones": {"DIS004"},
    "ceramic-bud-vase": {"PHO010"},
    "desk-accessories-mystery-bundle": {"PHO012"},
    "unlocked-smartphone-128gb": {"IMP005"},
    # eBay (ids are item ids or SKUs: matched below by SKU)
    "HR-WATCH-AUTO-38": {"DIS001"},
    "HR-CAM-RF-35": {"DIS002", "PHO009"},
    "HR-SNKR-TR-10": {"DIS004"},
    "HR-PAPERBACK-QH": {"SHP001"},
    "HR-MUG-TEAL": {"SHP002"},
    "HR-LAMP-BRASS": {"FUL001"},
    "HR-HEAD-OE-BLK": {"RET002"},
    "HR-PACK-OLIVE": {"RET003"},
    "HR-VASE-SAGE": {"PHO008"},
    "HR-CAM-DIG-RF": {"PHO004"},
    "HR-SNKR-TR-9U": {"PHO010"},
    "HR-PHONE-64-GR": {"PHO013"},
    # Amazon
    "BL-CAM-RF-USED": {"DIS001"},
    "BL-ATLAS-USED": {"DIS002"},
    "BL-WATCH-38-CRM": {"DIS004"},
    "BL-LAMP-BRASS": {"PHO015"},
    "BL-VASE-TERRA": {"PHO010"},
    "BL-DAYPACK-NVY": {"FUL001"},
    "BL-DAYPACK-OLV": {"PHO008"},
    "BL-LAMP-RED": {"PHO011"},
}
GOOD_PHOTOS = {"stoneware-mug", "waxed-canvas-daypack", "field-watch-38mm-refurbished"}


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    import io
    import json
    from contextlib import redirect_stderr, redirect_stdout

    from listingaudit.cli import main

    out = tmp_path_factory.mktemp("examples") / "report.json"
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        code = main(
            [
                "audit",
                str(EXAMPLES),
                "--config",
                str(EXAMPLES / "listingaudit.toml"),
                "--no-cache",
                "-f",
                "json",
                "-o",
                str(out),
            ]
        )
    assert code == 0
    rules: dict[str, set[str]] = {}
    for item in json.loads(out.read_text())["listings"]:
        found = {f["rule"] for f in item["findings"] if f["severity"] != "info"}
        rules.setdefault(item["id"], set()).update(found)
    return rules


@pytest.mark.parametrize(("listing", "rules"), sorted(EXPECTED.items()))
def test_each_deliberate_defect_is_reported(
    audited: dict[str, set[str]], listing: str, rules: set[str]
) -> None:
    assert listing in audited, f"{listing} not in the report"
    assert rules <= audited[listing], f"{listing}: expected {rules}, got {audited[listing]}"


@pytest.mark.parametrize("listing", sorted(GOOD_PHOTOS))
def test_good_listings_stay_clean(audited: dict[str, set[str]], listing: str) -> None:
    assert audited[listing] == set()
