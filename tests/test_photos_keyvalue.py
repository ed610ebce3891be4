"""The SQLite file small cache entries live in: what is kept, across runs and threads, and that
a cache which cannot be used costs the cache and nothing else."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from listingaudit.images.keyvalue import KeyValueFile


def test_values_are_kept_replaced_and_deleted_across_runs(tmp_path: Path) -> None:
    first = KeyValueFile(tmp_path / "cache" / "kv.sqlite")
    assert first.get("a") is None
    assert first.put("a", "1") and first.put("b", "2") and first.put("a", "3")
    first.delete("b")
    first.close()
    again = KeyValueFile(tmp_path / "cache" / "kv.sqlite")  # the next run
    assert (again.get("a"), again.get("b"), again.keys()) == ("3", None, ["a"])


def test_a_write_is_kept_without_closing_as_a_killed_run_leaves_it(tmp_path: Path) -> None:
    writer = KeyValueFile(tmp_path / "kv.sqlite")
    writer.put("photo", "measures")
    # Another process reading while the writer is still open (and never closed).
    reader = sqlite3.connect(tmp_path / "kv.sqlite")
    assert reader.execute("SELECT value FROM entries WHERE key = 'photo'").fetchone() == (
        "measures",
    )
    reader.close()


def test_threads_share_one_file(tmp_path: Path) -> None:
    kept = KeyValueFile(tmp_path / "kv.sqlite")

    def work(number: int) -> str | None:
        kept.put(f"k{number}", str(number))
        return kept.get(f"k{number}")

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(work, range(400)))
    assert answers == [str(n) for n in range(400)]
    assert len(kept.keys()) == 400


@pytest.mark.parametrize("damage", ["not a database", "a folder in its place", "no folder"])
def test_a_cache_that_cannot_be_used_answers_absent(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "kv.sqlite"
    if damage == "not a database":
        path.write_bytes(b"\x00garbage" * 512)
    elif damage == "a folder in its place":
        path.mkdir()
    else:
        (tmp_path / "file").write_text("a file where the folder should be")
        path = tmp_path / "file" / "kv.sqlite"
    kept = KeyValueFile(path)
    assert kept.put("a", "1") is False
    assert (kept.get("a"), kept.keys()) == (None, [])
    kept.delete("a")  # no error either


def test_only_plain_table_names_are_taken() -> None:
    with pytest.raises(ValueError):
        KeyValueFile(Path("kv.sqlite"), "entries; DROP TABLE x")
