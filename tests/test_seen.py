"""IMP003's memory of ids and SKUs: exact across the move from dict to arrays."""

from __future__ import annotations

import pytest

from listingaudit_plugins.checks.readiness import seen
from listingaudit_plugins.checks.readiness.seen import FirstSeen, digest


def test_first_places_survive_moves_into_the_arrays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seen, "FLUSH", 7)
    memory = FirstSeen()
    keys = [digest(f"SKU-{n}") for n in range(100)]
    # Digests ending in NUL bytes, which NumPy's fixed-width bytes drop when read back.
    keys += [b"\x05" * 15 + b"\0", b"\x05" * 14 + b"\0\0", b"\x05" * 16, b"\0" * 16]
    for place, key in enumerate(keys):
        assert memory.first(key) is None
        memory.add(key, place)
    assert len(memory) == len(keys)
    assert len(memory._digests) > 90  # most moved to the arrays
    assert [memory.first(key) for key in keys] == list(range(len(keys)))
    assert memory.first(digest("SKU-100")) is None
    assert memory.first(b"\x05" * 13 + b"\0\0\0") is None


def test_digests_tell_values_apart() -> None:
    assert digest("MUG-01") != digest("MUG-1")
    assert digest("MUG-01") == digest("MUG-01")
    assert len(digest("\ud800 lone surrogate")) == 16
