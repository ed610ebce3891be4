"""The run's progress line: what it counts is what the report holds, and it is silent unless
asked."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from listingaudit.audit import AuditOptions, run_audit
from listingaudit.config import Config
from listingaudit.images.service import photo_key
from listingaudit.plugins import LoadedPlugins
from listingaudit.progress import Progress

from .conftest import EXAMPLES

LINE = re.compile(
    r"listings (?P<listings>[\d,]+) \([\d,]+/s\) · "
    r"photos (?P<done>[\d,]+)/(?P<total>[\d,]+) \((?P<cached>[\d,]+) cached, "
    r"(?P<failed>[\d,]+) failed\)"
)


def audit(plugins: LoadedPlugins, progress: bool) -> tuple[int, int]:
    """The listings of the examples' report, and their distinct photos."""
    services = {"offline": True, "no_cache": True, "progress": progress}
    result = run_audit(plugins, Config({}), [EXAMPLES], AuditOptions(services=services))
    listings = list(result.report.listings)
    photos = {
        photo_key(photo.ref, str(Path(item.listing.source.file).parent))
        for item in listings
        for photo in item.listing.photos
    }
    return len(listings), len(photos)


def test_the_last_line_counts_every_listing_and_photo(
    plugins: LoadedPlugins, capsys: pytest.CaptureFixture[str]
) -> None:
    listings, photos = audit(plugins, progress=True)
    err = capsys.readouterr().err
    assert err.endswith("\n")
    last = LINE.fullmatch(err.rstrip("\n").split("\r\x1b[K")[-1])
    assert last is not None, err[-300:]
    assert int(last["listings"]) == listings > 30
    assert int(last["done"]) == int(last["total"]) == photos > 30
    assert last["cached"] == "0"  # no cache


def test_nothing_is_drawn_unless_asked(
    plugins: LoadedPlugins, capsys: pytest.CaptureFixture[str]
) -> None:
    audit(plugins, progress=False)
    assert capsys.readouterr().err == ""


def test_a_fast_run_is_drawn_at_most_every_interval() -> None:
    out = io.StringIO()
    progress = Progress(True, out)
    for _ in range(1_000):
        progress.judged(1)
    progress.close()
    drawn = out.getvalue()
    assert drawn.count("\r\x1b[K") < 10  # 1,000 updates, a handful of redraws
    assert re.search(r"listings 1,000 \([\d,]+/s\)\n$", drawn)
