"""Opening untrusted image bytes: accepted formats only, a pixel limit, truncation caught.

Pillow is told to open only the formats marketplaces accept (its own advice after decoder
advisories). The size comes from the header before any pixel is decoded, and more than
:data:`MAX_PIXELS` is refused (the largest marketplace maximum is Google's 64 MP; Amazon's
10,000 px side is reached long before). JPEGs are decoded near the analysis size with ``draft``.
``load()`` runs in full because ``verify()`` misses a truncated JPEG. Every failure is a
:class:`DecodeError` with a stable reason, never a crash: a decoder bug costs one photo.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, UnidentifiedImageError

#: What we open. JPEG includes MPO, Pillow's name for many camera JPEGs (reported as JPEG).
ACCEPTED_FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "TIFF", "BMP")
#: 50 MP; Pillow's own default warns at 89 MP and refuses only at 179 MP.
MAX_PIXELS = 50_000_000

# Process-wide on purpose: any photo this process opens is untrusted. Pillow warns above the
# limit and refuses above twice it; the filter makes the warning an error too.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)

_WHITE = (255, 255, 255, 255)

#: Formats recognised by their first bytes so a refusal can name them (none is opened).
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (4, b"ftypheic", "HEIC"),
    (4, b"ftypheix", "HEIC"),
    (4, b"ftypmif1", "HEIF"),
    (4, b"ftypavif", "AVIF"),
    (0, b"\xff\x0a", "JPEG XL"),
    (0, b"\x00\x00\x00\x0cJXL ", "JPEG XL"),
    (0, b"8BPS", "PSD"),
    (0, b"%PDF", "PDF"),
)
_TEXT_KINDS = ((b"<svg", "SVG"), (b"<!doctype html", "HTML"), (b"<html", "HTML"), (b"{", "JSON"))
#: Image formats a marketplace may name (and refuse) but that listingaudit does not decode.
IMAGE_KINDS = frozenset({"HEIC", "HEIF", "AVIF", "JPEG XL", "PSD", "SVG"})


class DecodeError(Exception):
    """The bytes could not be analysed. ``reason`` is a stable code, ``detail`` is for people."""

    def __init__(self, reason: str, detail: str, image_format: str | None = None) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.format = image_format


@dataclass(frozen=True)
class Decoded:
    """An opened photo: its real format and full size, and its pixels at the analysis size."""

    format: str
    width: int
    height: int
    animated: bool
    pixels: Image.Image


def sniff(data: bytes) -> str | None:
    """The kind of a file Pillow would not open, when its first bytes say so."""
    for offset, magic, name in _SIGNATURES:
        if data[offset : offset + len(magic)] == magic:
            return name
    head = data[:512].lstrip().lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
    return next((name for magic, name in _TEXT_KINDS if head.startswith(magic)), None)


def _unreadable(data: bytes) -> DecodeError:
    kind = sniff(data)
    if kind in IMAGE_KINDS:
        return DecodeError("unsupported-format", f"a {kind} image, which is not opened", kind)
    if kind:
        return DecodeError("not-an-image", f"the file is {kind}, not an image")
    return DecodeError("not-an-image", "the data is not an image in an accepted format")


def _analysis_size(width: int, height: int, longest: int) -> tuple[int, int]:
    scale = min(1.0, longest / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _to_rgb(image: Image.Image) -> Image.Image:
    """RGB as a buyer sees it: transparency over white, 16-bit scaled down, CMYK converted.

    An RGB image without transparency is returned as it is, not copied."""
    if image.mode == "RGB" and "transparency" not in image.info:
        return image
    if image.mode.startswith("I;16"):
        image = Image.fromarray((np.asarray(image, dtype=np.uint16) >> 8).astype(np.uint8))
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        flat = Image.new("RGBA", image.size, _WHITE)
        flat.alpha_composite(image.convert("RGBA"))
        return flat.convert("RGB")
    return image.convert("RGB")


def decode(data: bytes, longest: int) -> Decoded:
    """Open ``data`` and return its pixels scaled so the longest side is at most ``longest``."""
    try:
        image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise DecodeError("too-many-pixels", str(error)) from None
    except UnidentifiedImageError:
        raise _unreadable(data) from None
    except Exception as error:  # PNG text-chunk bombs raise ValueError, others worse
        raise DecodeError("corrupt", f"the header cannot be read ({error})") from None
    with image:
        width, height = image.size
        image_format = "JPEG" if image.format == "MPO" else str(image.format)
        if width * height > MAX_PIXELS:
            raise DecodeError(
                "too-many-pixels",
                f"{width}×{height} is {width * height / 1e6:.0f} MP, more than "
                f"{MAX_PIXELS / 1e6:.0f} MP",
                image_format,
            )
        target = _analysis_size(width, height, longest)
        try:
            animated = bool(getattr(image, "is_animated", False))
            if image_format == "JPEG":
                image.draft("RGB", target)
            image.load()
            pixels = _to_rgb(image)
        except Exception as error:  # a decoder failure costs this photo only
            reason = "truncated" if "truncated" in str(error) else "corrupt"
            raise DecodeError(
                reason, f"the pixels cannot be decoded ({error})", image_format
            ) from None
        if pixels.size != target:
            pixels = pixels.resize(target, Image.Resampling.BOX)
        elif pixels is image:
            pixels = image.copy()  # the opened image is closed on leaving this block
    return Decoded(image_format, width, height, animated, pixels)
