"""Exports that arrive zipped or gzipped: read them, within limits an attacker cannot stretch.

Each archive member is copied to a private temporary file (never to a path named by the
archive, so ``../`` names cannot escape), stopping at a size cap and at a compression ratio no
real CSV reaches.
"""

from __future__ import annotations

import gzip
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Protocol

from listingaudit.tabular import InputError

MAX_MEMBER_BYTES = 2 * 1024**3
MAX_RATIO = 200
MAX_MEMBERS = 1000
CHUNK = 1024 * 1024
EXPORT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab")


def archive_kind(path: Path) -> str | None:
    """``zip``, ``gzip`` or None, from the file's first bytes (not its name)."""
    try:
        with path.open("rb") as stream:
            magic = stream.read(4)
    except OSError:
        return None
    if magic.startswith(b"PK\x03\x04"):
        return "zip"
    if magic.startswith(b"\x1f\x8b"):
        return "gzip"
    return None


class _Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


def _copy_capped(source: _Readable, target: Path, packed: int, name: str) -> None:
    limit = min(MAX_MEMBER_BYTES, max(packed, 1) * MAX_RATIO)
    written = 0
    with target.open("wb") as out:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > limit:
                raise InputError(
                    f"{name}: expands past {limit // 1024**2} MiB "
                    f"(more than {MAX_RATIO}x its packed size); refusing a decompression bomb"
                )
            out.write(chunk)


@contextmanager
def unpacked(path: Path, kind: str, display: str) -> Iterator[list[tuple[Path, str]]]:
    """Temporary copies of the export files inside an archive, with display names."""
    with tempfile.TemporaryDirectory(prefix="listingaudit-") as folder:
        members: list[tuple[Path, str]] = []
        try:
            if kind == "gzip":
                target = Path(folder) / "member-0"
                with gzip.open(path, "rb") as stream:
                    _copy_capped(stream, target, path.stat().st_size, display)
                members.append((target, f"{display}!{Path(path.stem).name}"))
            else:
                with zipfile.ZipFile(path) as archive:
                    infos = [i for i in archive.infolist() if not i.is_dir()]
                    if len(infos) > MAX_MEMBERS:
                        raise InputError(f"{display}: more than {MAX_MEMBERS} files in the archive")
                    for number, info in enumerate(infos):
                        inner = PurePosixPath(info.filename)
                        if inner.suffix.lower() not in EXPORT_SUFFIXES:
                            continue
                        target = Path(folder) / f"member-{number}"
                        with archive.open(info) as stream:
                            _copy_capped(stream, target, info.compress_size, display)
                        # The name is only displayed, never used as a path.
                        members.append((target, f"{display}!{inner.as_posix().lstrip('/')}"))
        except (OSError, zipfile.BadZipFile, EOFError, gzip.BadGzipFile) as error:
            raise InputError(f"{display}: damaged archive ({error})") from None
        if not members:
            raise InputError(f"{display}: the archive holds no .csv or .txt export")
        yield members
