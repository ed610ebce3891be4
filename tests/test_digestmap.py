"""The digest map (IMP003's ids and SKUs, the photo service's places): exact across the move
from dict to arrays."""

from __future__ import annotations

import pytest

from listingaudit import digestmap
from listingaudit.digestmap import DigestMap, digest


def test_numbers_survive_moves_into_the_arrays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(digestmap, "FLUSH", 7)
    memory = DigestMap()
    keys = [digest(f"SKU-{n}") for n in range(100)]
    # Digests ending in NUL bytes, which NumPy's fixed-width bytes drop when read back.
    keys += [b"\x05" * 15 + b"\0", b"\x05" * 14 + b"\0\0", b"\x05" * 16, b"\0" * 16]
    for place, key in enumerate(keys):
        assert memory.get(key) is None
        memory.add(key, place)
    assert len(memory) == len(keys)
    assert len(memory._digests) > 90  # most moved to the arrays
    assert [memory.get(key) for key in keys] == list(range(len(keys)))
    assert memory.get(digest("SKU-100")) is None
    assert memory.get(b"\x05" * 13 + b"\0\0\0") is None


def test_digests_tell_values_apart() -> None:
    assert digest("MUG-01") != digest("MUG-1")
    assert digest("MUG-01") == digest("MUG-01")
    assert len(digest("\ud800 lone surrogate")) == 16
