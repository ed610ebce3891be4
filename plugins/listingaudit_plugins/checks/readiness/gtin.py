"""GTIN and ISBN arithmetic, and what a spreadsheet did to a barcode.

GTIN-8/12/13/14 (UPC-A is GTIN-12, EAN-13 is GTIN-13) end in a mod-10 check digit computed from
the right, so leading zeros never change it: an 11-digit value whose zero-padded form checks out
is a UPC that lost its leading zero, the damage Excel does to a number column. ISBN-10 uses a
mod-11 check (``X`` = 10), and English-language ISBN-10s start with 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from listingaudit.values import clean_barcode

GTIN_LENGTHS = (8, 12, 13, 14)

# Lengths each identifier may have, and the shorter lengths a lost leading zero leaves behind.
# A bare "barcode" (Shopify's Variant Barcode is free text, also used for ISBN-10s and a shop's
# own codes) is judged only at GTIN lengths and at 11 digits, a UPC-A short of its zero.
_EXPECTED: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "upc": ((12,), (10, 11)),
    "ean": ((13,), (11, 12)),
    "isbn": ((10, 13), (9,)),
    "gtin": (GTIN_LENGTHS, (11,)),
    "barcode": (GTIN_LENGTHS, (11,)),
}
_TYPED = ("upc", "ean", "isbn")
KINDS = tuple(_EXPECTED)


def gtin_valid(digits: str) -> bool:
    """The GS1 mod-10 check: weights 3, 1, 3... from the digit left of the check digit."""
    if not digits.isdigit() or len(digits) not in GTIN_LENGTHS:
        return False
    # Every other digit leftwards from the last one of the body weighs 3, the others 1; the
    # check digit makes the sum a multiple of 10, so it is summed too (weight 1).
    if not digits.isascii():  # other scripts' digits ("٣"): int() reads them
        total = 3 * sum(map(int, digits[-2::-2])) + sum(map(int, digits[-1::-2]))
        return total % 10 == 0
    # ASCII digits are the bytes 48-57: summing bytes spares an int() per digit (most barcodes).
    data = digits.encode("ascii")
    tripled, single = data[-2::-2], data[-1::-2]
    total = 3 * (sum(tripled) - 48 * len(tripled)) + sum(single) - 48 * len(single)
    return total % 10 == 0


def isbn10_valid(text: str) -> bool:
    if len(text) != 10 or not text[:9].isdigit() or not (text[9].isdigit() or text[9] in "xX"):
        return False
    values = [int(c) for c in text[:9]] + [10 if text[9] in "xX" else int(text[9])]
    return sum((10 - i) * v for i, v in enumerate(values)) % 11 == 0


def _valid(digits: str, length: int) -> bool:
    return isbn10_valid(digits) if length == 10 else gtin_valid(digits)


@dataclass(frozen=True)
class Damage:
    """What is wrong with a barcode, the value it was probably meant to be, and how sure."""

    kind: str
    explanation: str
    recovered: str | None = None
    # A failed check digit may be a typo or a shop's own code rather than spreadsheet damage.
    certain: bool = True


def diagnose(text: str, kind: str) -> Damage | None:
    """The damage in barcode ``text`` of identifier ``kind`` (``upc``, ``ean``...), if any."""
    value, damage = clean_barcode(text)
    if damage == "scientific-notation":
        return Damage(
            "scientific-notation",
            f"{value} is scientific notation: a spreadsheet turned the barcode into a number "
            "and the lost digits cannot be recovered",
        )
    if damage == "decimal-suffix":
        return Damage(
            "decimal-suffix",
            f"{text.strip()} carries a '.0' added by a number conversion; the barcode is {value}",
            value,
        )
    valid_lengths, short_lengths = _EXPECTED[kind]
    if kind == "isbn" and len(value) == 10:
        digits_ok = isbn10_valid(value)
    elif value.isdigit():
        digits_ok = len(value) in valid_lengths and gtin_valid(value)
    else:
        return None
    if digits_ok:
        return None
    if len(value) in short_lengths:
        length = min(v for v in valid_lengths if v > len(value))
        padded = value.zfill(length)
        if _valid(padded, length):
            return Damage(
                "lost-leading-zeros",
                f"{value} has {len(value)} digits: {length - len(value)} leading zero(s) "
                f"dropped by a spreadsheet; the barcode is {padded}",
                padded,
            )
    if len(value) in valid_lengths:
        hint = (
            " (trailing zeros: a spreadsheet may have rounded it)" if value.endswith("00") else ""
        )
        return Damage("check-digit", f"{value} fails the check digit{hint}", certain=False)
    if kind not in _TYPED:
        return None
    return Damage(
        "length",
        f"{value} has {len(value)} digits, not a valid {kind.upper()} length",
        certain=False,
    )
