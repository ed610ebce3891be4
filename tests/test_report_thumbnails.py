"""The HTML report shows thumbnails of remote photos from the run's cache, without fetching."""

from __future__ import annotations

import base64
from pathlib import Path

from listingaudit.audit import AuditOptions, run_audit
from listingaudit.config import Config
from listingaudit.plugins import LoadedPlugins
from listingaudit.reporting import write_report
from listingaudit_plugins.reporters.html import HtmlReporter

from .fixtures.photos.images import encode, product_shot
from .fixtures.photos.server import send, serve

HEADER = "Handle,Title,Body (HTML),Variant SKU,Variant Price,Image Src,Image Position\n"


def test_remote_photo_thumbnail_comes_from_the_cache(
    plugins: LoadedPlugins, tmp_path: Path
) -> None:
    photo = encode(product_shot(800), "JPEG")
    with serve() as server:
        server.routes["/mug.jpg"] = lambda h: send(
            h, 200, photo, Content_Type="image/jpeg", ETag='"v1"', Cache_Control="max-age=3600"
        )
        export = tmp_path / "products.csv"
        export.write_text(HEADER + f"mug,Mug,<p>Mug</p>,M-1,12.00,{server.url('/mug.jpg')},1\n")
        options = AuditOptions(
            select=["photos"],
            services={"allow_hosts": ["127.0.0.1"], "cache_dir": tmp_path / "cache"},
        )
        report = run_audit(plugins, Config(), [export], options).report
        fetched = len(server.seen)
        assert report.photo_bytes is not None
        out = tmp_path / "report.html"
        write_report(HtmlReporter(), report, str(out))
        assert len(server.seen) == fetched, "writing the report fetched nothing"
    page = out.read_text()
    assert "data:image/jpeg;base64," in page
    thumbnail = page.split("data:image/jpeg;base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(thumbnail)[:2] == b"\xff\xd8"
