"""The benchmark's photos and the loopback HTTP server that serves them.

Photos are product shots from the example generator's renderer at camera sizes (4:3 frames of
1, 4 and 12 MP by default), some Gaussian-blurred, most JPEG and some PNG and WebP. A few shots
are rendered per size; each photo is a distinct variant of one (shifted, brightness-nudged) so
every file has its own bytes and content hash, as in a real catalog.

The server is a ``ThreadingHTTPServer`` on 127.0.0.1 speaking HTTP/1.1 (keep-alive), with
optional added latency per request, ``ETag`` and ``Last-Modified`` on every answer,
``Cache-Control: no-cache`` (a client must revalidate, as with a CDN that reuses URLs), and
``304 Not Modified`` to a matching ``If-None-Match`` or ``If-Modified-Since``.
"""

from __future__ import annotations

import hashlib
import io
import math
import threading
import time
from collections import Counter
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
from bench_generator import generator
from PIL import Image, ImageFilter

FORMATS = {
    "jpeg": ("jpg", "image/jpeg"),
    "png": ("png", "image/png"),
    "webp": ("webp", "image/webp"),
}
#: Products rendered per photo size: enough variety, few slow 12 MP renders.
_SHOTS_PER_SIZE = 2
_PRODUCTS = ("mug", "watch", "camera", "sneaker", "backpack")
#: Blur radius in pixels per 1,000 px of the longest side (4.6 px at 4 MP).
_BLUR_PER_1000_PX = 2.0
#: Every third photo is blurred; one in ten is PNG and one in ten WebP (when those are asked).
_BLUR_EVERY = 3
_LAST_MODIFIED = formatdate(1_767_225_600, usegmt=True)  # 2026-01-01


@dataclass(frozen=True)
class PhotoFile:
    name: str
    data: bytes
    content_type: str
    megapixels: float
    format: str
    blurred: bool


def frame(megapixels: float) -> tuple[int, int]:
    """A 4:3 camera frame of about ``megapixels``."""
    width = round(math.sqrt(megapixels * 1e6 * 4 / 3))
    return width, round(width * 3 / 4)


def _plan(count: int, sizes: list[float], formats: list[str]) -> list[tuple[float, str, bool]]:
    plan: list[tuple[float, str, bool]] = []
    for number in range(count):
        kind = "jpeg"
        if "png" in formats and number % 10 == 7:
            kind = "png"
        elif "webp" in formats and number % 10 == 9:
            kind = "webp"
        elif "jpeg" not in formats:
            kind = formats[number % len(formats)]
        # PNG and WebP have no reduced-scale decode: keep them at the smallest size, as shops do.
        size = sizes[number % len(sizes)] if kind == "jpeg" else min(sizes)
        plan.append((size, kind, number % _BLUR_EVERY == _BLUR_EVERY - 1))
    return plan


def make_photos(count: int, sizes: list[float], formats: list[str], seed: int) -> list[PhotoFile]:
    """``count`` distinct photos; see the module docstring for the mix."""
    examples = generator()
    shots: dict[tuple[float, int, bool], Image.Image] = {}
    photos: list[PhotoFile] = []
    for number, (size, kind, blurred) in enumerate(_plan(count, sizes, formats)):
        pick = number % _SHOTS_PER_SIZE
        key = (size, pick, blurred)
        if key not in shots:
            product = _PRODUCTS[(sizes.index(size) + pick) % len(_PRODUCTS)]
            image = examples.render(examples.Shot(product, frame(size)), seed + pick)
            if blurred:
                radius = _BLUR_PER_1000_PX * max(image.size) / 1000
                image = image.filter(ImageFilter.GaussianBlur(radius))
            shots[key] = image
        variant = _variant(shots[key], number)
        extension, content_type = FORMATS[kind]
        out = io.BytesIO()
        if kind == "jpeg":
            variant.save(out, "JPEG", quality=examples.JPEG_QUALITY)
        elif kind == "png":
            variant.save(out, "PNG")
        else:
            variant.save(out, "WEBP", quality=examples.JPEG_QUALITY)
        photos.append(
            PhotoFile(
                f"p{number:05d}.{extension}", out.getvalue(), content_type, size, kind, blurred
            )
        )
    return photos


def _variant(image: Image.Image, number: int) -> Image.Image:
    """A distinct copy: shifted a few pixels and a touch brighter or darker."""
    pixels = np.roll(np.asarray(image), (number % 13 - 6, number % 17 - 8), axis=(0, 1))
    gain = 1.0 + ((number % 9) - 4) * 0.004
    shifted = Image.fromarray(pixels)
    return shifted.point([min(255, round(i * gain)) for i in range(256)] * 3)


class PhotoServer:
    """Serves ``photos`` at ``/photos/<name>`` on 127.0.0.1; counts what it answered."""

    def __init__(self, photos: list[PhotoFile], latency_ms: float = 0.0) -> None:
        self.files = {
            f"/photos/{p.name}": (p, '"' + hashlib.sha256(p.data).hexdigest()[:32] + '"')
            for p in photos
        }
        self.latency = latency_ms / 1000
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/photos/{name}"

    def snapshot(self) -> Counter[str]:
        with self._lock:
            return Counter(self.counts)

    def __enter__(self) -> PhotoServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def _count(self, status: int, sent: int) -> None:
        with self._lock:
            self.counts["requests"] += 1
            self.counts[f"status_{status}"] += 1
            self.counts["bytes_sent"] += sent

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                if server.latency:
                    time.sleep(server.latency)
                found = server.files.get(self.path.split("?", 1)[0])
                if found is None:
                    self._answer(404, b"not found", "text/plain", None)
                    return
                photo, etag = found
                if self._fresh(etag):
                    self._answer(304, b"", photo.content_type, etag)
                else:
                    self._answer(200, photo.data, photo.content_type, etag)

            def _fresh(self, etag: str) -> bool:
                match = self.headers.get("If-None-Match")
                if match is not None:
                    return etag in [tag.strip() for tag in match.split(",")] or match == "*"
                since = self.headers.get("If-Modified-Since")
                if since is None:
                    return False
                try:
                    return parsedate_to_datetime(since) >= parsedate_to_datetime(_LAST_MODIFIED)
                except (TypeError, ValueError):
                    return False

            def _answer(self, status: int, body: bytes, kind: str, etag: str | None) -> None:
                self.send_response(status)
                if etag:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", _LAST_MODIFIED)
                    self.send_header("Cache-Control", "no-cache")
                if status != 304:
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)
                server._count(status, len(body))

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: a benchmark prints its own table."""

        return Handler
