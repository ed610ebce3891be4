"""Decoding untrusted bytes and measuring pixels, with the calibration behind the thresholds.

The blur and exposure defaults of PHO008 and PHO009 are asserted here on generated product
photos: sharp ones and moderately blurred ones (Gaussian radius 2–3 px at 1000 px) fall on
opposite sides, at every source size.
"""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from listingaudit.images.decode import MAX_PIXELS, DecodeError, decode, sniff
from listingaudit.images.measures import ANALYSIS_SIZE, PhotoMeasures, measure_photo
from listingaudit_plugins.checks.photos.PHO008 import BlurryPhoto
from listingaudit_plugins.checks.photos.PHO009 import BadExposure
from listingaudit_plugins.checks.photos.PHO012 import PlaceholderPhoto

from .fixtures.photos.images import (
    blurred,
    encode,
    exposed,
    off_white,
    placeholder,
    product_shot,
    scene_shot,
)

MIN_SHARPNESS = BlurryPhoto.defaults["min_sharpness"]
EXPOSURE = BadExposure.defaults


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height`` (a decompression bomb, cheaply)."""
    data = bytearray(encode(Image.new("L", (1, 1)), "PNG"))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def reason(data: bytes) -> tuple[str, str | None]:
    with pytest.raises(DecodeError) as error:
        decode(data, ANALYSIS_SIZE)
    return error.value.reason, error.value.format


# --- decoding -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(8000, 8000), (100_000, 100_000)])
@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")  # as decode sets it
def test_a_decompression_bomb_is_refused_before_decoding(size: tuple[int, int]) -> None:
    """64 MP trips Pillow's warning (made an error), 10 GP its own error: both a reason."""
    assert size[0] * size[1] > MAX_PIXELS
    assert reason(png_claiming(*size))[0] == "too-many-pixels"


def test_a_truncated_jpeg_is_caught_where_verify_misses_it() -> None:
    data = encode(product_shot(800, 1))[:30_000]
    with Image.open(io.BytesIO(data)) as image:
        image.verify()  # the pitfall: verify() passes
    assert reason(data) == ("truncated", "JPEG")


def test_a_truncated_png_is_caught() -> None:
    data = encode(product_shot(400, 1), "PNG")
    assert reason(data[: len(data) // 2])[0] in {"truncated", "corrupt"}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html><body>Please log in</body></html>", ("not-an-image", None)),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", ("unsupported-format", "HEIC")),
        (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1", ("unsupported-format", "AVIF")),
        (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
            ("unsupported-format", "SVG"),
        ),
        (b"%PDF-1.7\n", ("not-an-image", None)),
        (b"P6\n2 2\n255\n" + bytes(12), ("not-an-image", None)),  # PPM: Pillow could, we don't
        (bytes(range(256)) * 4, ("not-an-image", None)),
    ],
)
def test_anything_but_an_accepted_image_is_named_and_refused(
    data: bytes, expected: tuple[str, str | None]
) -> None:
    assert reason(data) == expected


def test_sniff_names_what_is_not_an_image() -> None:
    assert sniff(b"  <html><head>") == "HTML"
    assert sniff(b'{"error": "not found"}') == "JSON"
    assert sniff(b"\xff\xd8\xff") is None


def test_a_big_jpeg_is_decoded_near_the_analysis_size() -> None:
    decoded = decode(encode(product_shot(1000, 2).resize((4000, 3000))), ANALYSIS_SIZE)
    assert (decoded.width, decoded.height, decoded.format) == (4000, 3000, "JPEG")
    assert decoded.pixels.size == (ANALYSIS_SIZE, 384)


def test_a_small_photo_is_not_upscaled() -> None:
    assert decode(encode(product_shot(300, 2)), ANALYSIS_SIZE).pixels.size == (300, 300)


def test_transparency_is_shown_on_white() -> None:
    rgba = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    rgba.paste(product_shot(400, 3).convert("RGBA"), (100, 100))
    measures = measure_photo(encode(rgba, "PNG"))
    assert measures.border_white == 1.0 and measures.corner_min == 255


def test_cmyk_16_bit_and_animated_images_are_read() -> None:
    cmyk = measure_photo(encode(product_shot(600, 4).convert("CMYK")))
    assert cmyk.format == "JPEG" and cmyk.border_white > 0.9
    grey16 = Image.fromarray(np.asarray(product_shot(600, 4).convert("L")).astype(np.uint16) * 257)
    assert measure_photo(encode(grey16, "PNG")).border_white > 0.9
    frames = [product_shot(300, n).convert("P") for n in (1, 2)]
    gif = io.BytesIO()
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:])
    assert measure_photo(gif.getvalue()).animated
    assert not measure_photo(encode(frames[0], "GIF")).animated


def test_measures_round_trip_through_a_dict() -> None:
    measures = measure_photo(encode(product_shot(600, 5)), "image/jpeg")
    assert PhotoMeasures.from_dict(measures.to_dict()) == measures
    assert (measures.width, measures.bytes, measures.content_type) == (
        600,
        measures.bytes,
        "image/jpeg",
    )


# --- calibration ----------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "seeds"), [(1000, 3), (2000, 1)])
def test_blur_threshold_separates_sharp_from_moderately_blurred(size: int, seeds: int) -> None:
    """Sharp product photos score above PHO008's default; the same photos blurred by 2 and
    3 px (at 1000 px, scaled with the photo) score below it."""
    for seed in range(seeds):
        sharp = product_shot(size, seed, fill=0.6 + 0.1 * seed)
        scale = size / 1000
        assert measure_photo(encode(sharp)).sharpness > MIN_SHARPNESS
        for radius in (2, 3):
            soft = measure_photo(encode(blurred(sharp, radius * scale)))
            assert soft.sharpness < MIN_SHARPNESS, (seed, radius, soft.sharpness)


def test_blur_is_judged_on_the_product_not_its_contrast() -> None:
    """A white product on white and a dark lifestyle scene are sharp, though low in contrast."""
    pale = np.asarray(product_shot(1000, 6, 0.7)).astype(np.float32)
    product = pale.min(axis=2) < 250
    pale[product] = np.clip(228 + (pale[product] - pale[product].mean()) * 0.25, 0, 245)
    white_on_white = Image.fromarray(pale.astype(np.uint8))
    dim = exposed(scene_shot(1000, 6), 0.4)
    for photo in (white_on_white, dim):
        assert measure_photo(encode(photo)).sharpness > MIN_SHARPNESS
        assert measure_photo(encode(blurred(photo, 2))).sharpness < MIN_SHARPNESS


def test_exposure_defaults_separate_good_dark_and_bright() -> None:
    good = measure_photo(encode(scene_shot(1000, 7)))
    dark = measure_photo(encode(exposed(scene_shot(1000, 7), 0.4)))
    bright = measure_photo(encode(exposed(scene_shot(1000, 7), 2.5)))
    on_white = measure_photo(encode(product_shot(1000, 7)))
    assert good.region == dark.region == bright.region == "frame"
    assert good.mean_luminance > EXPOSURE["min_mean_luminance"] > dark.mean_luminance
    assert good.bright_clipped < EXPOSURE["max_bright_clipped"] < bright.bright_clipped
    # On white, the backdrop is not "over-exposed": only the product's pixels are counted.
    assert on_white.region == "product" and on_white.bright_clipped < 0.05
    assert on_white.mean_luminance < EXPOSURE["max_mean_luminance"]


def test_background_fill_and_placeholder_measures() -> None:
    white = measure_photo(encode(product_shot(1000, 8, fill=0.9)))
    grey = measure_photo(encode(off_white(product_shot(1000, 8, fill=0.9))))
    small = measure_photo(encode(product_shot(1000, 8, fill=0.5)))
    card = measure_photo(encode(placeholder(), "PNG"))
    assert white.border_white == 1.0 and white.corner_min == 255
    assert grey.border_white == 0.0 and grey.corner_min == 236
    assert white.product_fill == pytest.approx(0.9, abs=0.02)
    assert small.product_fill == pytest.approx(0.5, abs=0.02)
    limit = PlaceholderPhoto.defaults["max_uniformity"]
    assert card.uniformity >= limit > max(white.uniformity, small.uniformity)


def test_dhash_matches_copies_and_tells_products_apart() -> None:
    original = product_shot(1000, 9)
    hashes = {
        "original": measure_photo(encode(original)).dhash,
        "re-encoded": measure_photo(encode(original, quality=40)).dhash,
        "resized": measure_photo(encode(original.resize((600, 600)), "PNG")).dhash,
        "other product": measure_photo(encode(product_shot(1000, 10))).dhash,
    }

    def distance(a: str, b: str) -> int:
        return (hashes[a] ^ hashes[b]).bit_count()

    assert distance("original", "re-encoded") <= 5
    assert distance("original", "resized") <= 5
    assert distance("original", "other product") > 10
