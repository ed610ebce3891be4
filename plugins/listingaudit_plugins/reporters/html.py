"""The HTML report: one self-contained page an agency can hand to a client, readable offline.

Stylesheet, script, logo and photo thumbnails are all inline, and a Content-Security-Policy
lets the page load nothing else and run no script but its own (pinned by hash). Listings are
rendered on the server, worst first; the script only filters what is already on the page, so
no listing text ever sits inside a ``<script>``. Every piece of listing text is shown, never
obeyed: control and bidi characters made visible, then HTML-escaped.

Thumbnails are made from local photo files inside the export's folder and, for remote photos,
from bytes the photo pipeline already holds (``report.photo_bytes``); the writer never fetches.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
from collections.abc import Callable, Iterable
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlsplit

from PIL import Image

from listingaudit import hookimpl
from listingaudit.report import ListingResult, Report
from listingaudit.reporting import Reporter

from . import assets
from ._safe import export_path, visible

THUMB_PX = 160
MAX_THUMBS = 4
#: Past this many listings the page gets slow to open; the best ones are left to the JSON/CSV.
MAX_LISTINGS = 1000
MAX_PHOTO_BYTES = 20 * 1024 * 1024
#: Decoded size refused before any pixel is decoded (the largest marketplace maximum is 64 MP).
MAX_PIXELS = 50_000_000
PHOTO_FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "TIFF", "BMP")
LOGO_BOX = (320, 96)
SEVERITIES = ("error", "warning", "info")

PhotoBytes = Callable[[str], bytes | None]


def esc(text: object) -> str:
    return html.escape(visible(text), quote=True)


def _data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _downscaled(source: Path | bytes, box: tuple[int, int], keep_alpha: bool) -> str | None:
    """A data URI of the image fitted into ``box``, or None when it cannot be decoded."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with Image.open(stream, formats=PHOTO_FORMATS) as image:
            if image.width * image.height > MAX_PIXELS:
                return None
            image.draft("RGB", box)  # JPEG: decode at a fraction of the size
            image.thumbnail(box)
            picture = image.convert("RGBA")
            buffer = io.BytesIO()
            if keep_alpha:
                picture.save(buffer, "PNG", optimize=True)
                return _data_uri("image/png", buffer.getvalue())
            flat = Image.new("RGB", picture.size, (255, 255, 255))
            flat.paste(picture, mask=picture.getchannel("A"))
            flat.save(buffer, "JPEG", quality=80, optimize=True)
            return _data_uri("image/jpeg", buffer.getvalue())
    except Exception:  # an undecodable photo costs its thumbnail, never the report
        return None


def _local_photo(ref: str, folder: Path) -> Path | None:
    """The photo file ``ref`` names, if it lies inside the export's folder.

    A hostile export could name any file on the auditor's disk; only files beside the export
    may end up embedded in a report that is then handed to someone else.
    """
    parts = urlsplit(ref)
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
    elif len(parts.scheme) > 1:  # http(s) and the like; one letter is a Windows drive
        return None
    else:
        path = Path(ref)
    try:
        full = (folder / path).resolve()
        inside = full.is_relative_to(folder.resolve())
        if inside and full.is_file() and full.stat().st_size <= MAX_PHOTO_BYTES:
            return full
    except (OSError, ValueError):
        pass
    return None


class _Thumbnails:
    """Thumbnails by photo reference, each made once however many listings share the photo."""

    def __init__(self, cached: PhotoBytes | None) -> None:
        self.cached = cached
        self.made: dict[tuple[str, Path], str | None] = {}

    def __call__(self, ref: str, folder: Path) -> str | None:
        key = (ref, folder)
        if key not in self.made:
            source: Path | bytes | None = _local_photo(ref, folder)
            if source is None and self.cached is not None:
                source = self.cached(ref)
            box = (THUMB_PX, THUMB_PX)
            self.made[key] = _downscaled(source, box, keep_alpha=False) if source else None
        return self.made[key]


def _grade_class(report: Report, score: float) -> str:
    return f"grade-{report.grade_of(score)}" if report.grade_of else ""


def _histogram(report: Report) -> str:
    """An SVG bar chart of listing scores in ten-point bands (90-100 is the last)."""
    counts = [0] * 10
    for score in report.listings.scores():
        counts[min(int(score // 10), 9)] += 1
    tallest = max(counts) or 1
    width, height, base = 34, 120, 140
    bars = []
    for band, count in enumerate(counts):
        x = 8 + band * (width + 4)
        bar = round(height * count / tallest)
        grade = _grade_class(report, band * 10 + 5)
        bars.append(
            f'<rect class="{grade}" x="{x}" y="{base - bar}" width="{width}" height="{bar}" '
            f'rx="3"><title>{band * 10}-{band * 10 + 9 if band < 9 else 100}: {count}</title>'
            f"</rect>"
            f'<text class="bar-label" x="{x + width / 2}" y="{base - bar - 4}" '
            f'text-anchor="middle">{count or ""}</text>'
            f'<text x="{x + width / 2}" y="{base + 14}" text-anchor="middle">{band * 10}</text>'
        )
    return (
        '<svg class="chart" viewBox="0 0 396 160" role="img" '
        'aria-label="Number of listings by score, in bands of ten points">'
        f'<line x1="4" y1="{base}" x2="392" y2="{base}" stroke="#c9cfdb"/>'
        + "".join(bars)
        + "</svg>"
    )


def _bar(report: Report, score: float) -> str:
    return (
        f'<span class="track"><span class="{_grade_class(report, score)}" '
        f'style="width:{score:.0f}%"></span></span>'
    )


class HtmlReporter(Reporter):
    name = "html"
    extension = ".html"
    description = "a self-contained HTML page with charts, photos and filters"

    def write(self, report: Report, out: IO[str]) -> None:
        title = str(self.options.get("title") or report.title)
        script = resources.files(assets).joinpath("report.js").read_text("utf-8")
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        policy = (
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
        )
        style = resources.files(assets).joinpath("report.css").read_text("utf-8")
        parts = [
            "<!doctype html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<link rel="icon" href="data:,">',
            f"<title>{esc(title)}</title>",
            f"<style>\n{style}</style>",
            "</head>",
            "<body>",
            "<main>",
            self._masthead(report, title),
            self._overview(report),
            self._files(report),
            *self._listings(report),
            self._problems(report),
            f"<footer>Made by listingaudit {esc(report.tool_version)}. "
            "This page works offline and loads nothing from the network.</footer>",
            "</main>",
            f"<script>{script}</script>",
            "</body>",
            "</html>",
        ]
        out.write("\n".join(p for p in parts if p) + "\n")

    def _logo(self) -> str:
        path = self.options.get("logo")
        if not path:
            return ""
        try:
            data = Path(str(path)).read_bytes()
        except OSError:
            return ""
        if Path(str(path)).suffix.lower() == ".svg":
            # An SVG shown through <img> runs no script; the policy above forbids it anyway.
            uri: str | None = _data_uri("image/svg+xml", data)
        else:
            uri = _downscaled(data, LOGO_BOX, keep_alpha=True)
        return f'<img src="{uri}" alt="">' if uri else ""

    def _masthead(self, report: Report, title: str) -> str:
        files = len(report.files)
        return (
            f'<header class="masthead">{self._logo()}<div><h1>{esc(title)}</h1>'
            f'<p class="meta">{len(report.listings)} listings in {files} '
            f"file{'s' if files != 1 else ''} · listingaudit {esc(report.tool_version)}</p>"
            "</div></header>"
        )

    def _overview(self, report: Report) -> str:
        counts = report.severity_counts()
        badges = (
            "".join(
                f'<span class="count {s}">{n} {s}{"" if n == 1 or s == "info" else "s"}</span>'
                for s, n in counts.items()
            )
            + f'<span class="count">{report.problem_count} problems</span>'
        )
        summary = report.summary()
        grades = "".join(
            f'<span><b class="badge grade-{letter}">{letter}</b> {n}</span>'
            for letter, n in summary["distribution"].items()
        )
        families = "".join(
            f'<li><span>{esc(name)}</span>{_bar(report, value)}<span class="value">'
            f"{value:.1f}</span></li>"
            for name, value in summary["families"].items()
        )
        return (
            '<section class="overview">'
            '<div class="panel scorecard"><h2>Catalog score</h2>'
            f'<div class="big">{report.score:.1f}</div>'
            f'<div class="letter {_grade_class(report, report.score)}">'
            f"{esc(report.grade or '-')}</div>"
            f'<div class="counts">{badges}</div></div>'
            f'<div class="panel"><h2>Score distribution</h2>{_histogram(report)}'
            f'<div class="grades">{grades}</div></div>'
            '<div class="panel"><h2>Families</h2>'
            + (
                f'<ul class="families">{families}</ul>'
                if families
                else '<p class="note">No checks ran.</p>'
            )
            + "</div></section>"
        )

    def _files(self, report: Report) -> str:
        rows = []
        for f in report.files:
            score = "" if f.score is None else f"{f.score:.1f}"
            note = f" — could not be read: {esc(f.error)}" if f.error else ""
            rows.append(
                f"<tr><td>{esc(f.file)}{note}</td><td>{esc(f.format)}</td>"
                f"<td>{esc(f.marketplace)}</td><td>{esc(f.encoding)}</td>"
                f'<td class="num">{f.listings}</td><td class="num">{score}</td>'
                f'<td class="num">{f.problems}</td></tr>'
            )
        return (
            '<section class="panel files"><h2>Files</h2><table><thead><tr><th>File</th>'
            '<th>Format</th><th>Marketplace</th><th>Encoding</th><th class="num">Listings</th>'
            '<th class="num">Score</th><th class="num">Problems</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></section>"
        )

    @staticmethod
    def _chips(name: str, label: str, values: Iterable[str]) -> str:
        buttons = [f'<button type="button" data-value="" aria-pressed="true">All {label}</button>']
        buttons += [
            f'<button type="button" data-value="{esc(v)}" aria-pressed="false">{esc(v)}</button>'
            for v in values
        ]
        return f'<div class="chips" role="group" data-filter="{name}">{"".join(buttons)}</div>'

    def _listings(self, report: Report) -> list[str]:
        families = report.listings.tally.families_found
        shown = list(islice(report.worst_first(), MAX_LISTINGS))
        thumbnails = _Thumbnails(report.photo_bytes)
        toolbar = (
            '<nav class="toolbar" aria-label="Filters">'
            '<input id="search" type="search" placeholder="Search title, id, file, finding…" '
            'aria-label="Search listings">'
            + self._chips("family", "families", families)
            + self._chips("severity", "severities", SEVERITIES)
            + f'<span class="shown"><span id="shown">{len(shown)}</span> of {len(shown)} '
            "listings shown</span></nav>"
        )
        parts = [toolbar, '<section id="listings">']
        parts += [self._listing(report, r, thumbnails) for r in shown]
        parts.append('<p id="no-match" class="empty" hidden>No listing matches the filters.</p>')
        hidden = len(report.listings) - len(shown)
        if hidden:
            parts.append(
                f'<p class="note">{hidden} better-scoring listings are not '
                "shown here; the JSON and CSV reports list every one.</p>"
            )
        return [*parts, "</section>"]

    def _listing(self, report: Report, result: ListingResult, thumbs: _Thumbnails) -> str:
        listing = result.listing
        folder = Path(export_path(listing.source.file)[0]).parent
        photos = []
        for number, photo in enumerate(listing.photos[:MAX_THUMBS], 1):
            uri = thumbs(photo.ref, folder)
            if uri:
                alt = esc(photo.alt or f"Photo {number}")
                photos.append(f'<img src="{uri}" alt="{alt}" title="{esc(photo.ref)}">')
            else:  # remote and not kept, or unreadable: named, never fetched
                name = urlsplit(photo.ref).path.rsplit("/", 1)[-1] or photo.ref
                photos.append(
                    f'<span class="photo-ref" title="{esc(photo.ref)}">{esc(name)}</span>'
                )
        if len(listing.photos) > MAX_THUMBS:
            photos.append(f'<span class="more">+{len(listing.photos) - MAX_THUMBS} more</span>')
        if not photos:
            photos.append('<span class="no-photo">no photo</span>')
        lines = f"line {listing.source.first_line}"
        if listing.source.last_line != listing.source.first_line:
            lines = f"lines {listing.source.first_line}–{listing.source.last_line}"
        subscores = "".join(
            f"<span>{esc(family)}{_bar(report, value)}{value:.0f}</span>"
            for family, value in result.scores.items()
            if value < 100
        )
        findings = "".join(
            f'<li class="finding {f.severity.value}" data-family="{esc(f.family)}" '
            f'data-severity="{f.severity.value}"><span class="sev">{f.severity.value}</span>'
            f'<code>{esc(f.rule)}</code><span class="family">{esc(f.family)}</span>'
            f'<span class="message">{esc(f.message)}</span></li>'
            for f in sorted(result.findings, key=lambda f: (-f.severity.rank, f.family, f.rule))
        )
        body = (
            f'<ul class="findings">{findings}</ul>'
            if findings
            else ('<p class="clean">No findings.</p>')
        )
        return (
            f'<article class="listing" data-grade="{esc(result.grade)}">'
            f'<div class="photos">{"".join(photos)}</div><div>'
            f'<h3><span class="badge {_grade_class(report, result.score)}">{esc(result.grade)}'
            f'</span><span class="score">{result.score:.1f}</span>'
            f'<span class="text">{esc(listing.title or "(no title)")}</span></h3>'
            f'<p class="where">{esc(listing.id)} · {esc(listing.marketplace)} · '
            f"{esc(listing.source.file)}, {lines}</p>"
            + (f'<div class="subscores">{subscores}</div>' if subscores else "")
            + f"{body}</div></article>"
        )

    @staticmethod
    def _problems(report: Report) -> str:
        if not report.problems:
            return ""
        rows = "".join(
            f'<tr><td>{esc(p.file)}</td><td class="num">{"" if p.line is None else p.line}</td>'
            f"<td>{esc(p.column or '')}</td><td><code>{esc(p.code)}</code></td>"
            f"<td>{esc(p.message)}</td></tr>"
            for p in report.problems
        )
        return (
            f'<section class="panel problems"><h2>Problems ({report.problem_count})</h2>'
            '<table><thead><tr><th>File</th><th class="num">Line</th><th>Column</th>'
            f"<th>Code</th><th>Message</th></tr></thead><tbody>{rows}</tbody></table></section>"
        )


@hookimpl
def listingaudit_reporters() -> list[type[Reporter]]:
    return [HtmlReporter]
