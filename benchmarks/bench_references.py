"""The two references the audit's photo throughput is compared with, on the same photos.

* The naive pipeline: what a first script does. One ``requests.get`` after another, the whole
  image decoded at full resolution, and the audit's measures (sharpness, exposure, background,
  framing, perceptual hash) computed on the full-size pixels.
* The decode floor: decoding each photo at the reduced size the audit decodes it at (for JPEG,
  Pillow's ``draft`` asked for the analysis size, so the same DCT scale the audit gets: 1/4 for a
  4 MP photo analysed at 512 px), on every core, and nothing else: no network, no hashing, no
  resizing to the exact analysis size, no measures. An audit cannot beat it. Threads and
  processes are both timed (Pillow releases the GIL while decoding) and the faster one is the
  floor. (Until this was fixed the floor asked ``draft`` for a 512×512 box, which for a 4:3
  photo is a scale of 1/2: four times the pixels the audit decodes, a floor about twice as slow
  as the real one.)

The analysis floor is not a reference the audit is held to but a yardstick for its own overhead:
the audit's own ``measure_photo`` (decode, resize to the analysis size, every measure) on every
core, with no network, cache or checks. What the audit spends beyond it is the pipeline's cost.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from functools import partial

import numpy as np
import requests
from PIL import Image

#: A white pixel for the background measure: min(R,G,B) >= 250 (performance-and-safety.md).
_WHITE = 250
_BORDER_SHARE = 0.03


def full_size_measures(data: bytes) -> dict[str, float | int]:
    """The audit's measures, computed naively on the full-resolution image."""
    with Image.open(io.BytesIO(data)) as image:
        rgb = np.asarray(image.convert("RGB"))
    grey = rgb.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
    lap = grey[1:-1, :-2] + grey[1:-1, 2:] + grey[:-2, 1:-1] + grey[2:, 1:-1] - 4 * grey[1:-1, 1:-1]
    darkest = rgb.min(axis=2)
    strip = max(1, round(min(darkest.shape) * _BORDER_SHARE))
    strips = [darkest[:strip], darkest[-strip:], darkest[:, :strip], darkest[:, -strip:]]
    border = np.concatenate([s.ravel() for s in strips])
    ink = darkest < _WHITE
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    fill = 0.0
    if rows.size:
        fill = max((rows[-1] - rows[0] + 1) / ink.shape[0], (cols[-1] - cols[0] + 1) / ink.shape[1])
    histogram = np.bincount(grey.astype(np.uint8).ravel(), minlength=256)
    thumb = np.asarray(Image.fromarray(grey.astype(np.uint8)).resize((9, 8)), np.int16)
    bits = (thumb[:, :-1] > thumb[:, 1:]).ravel()
    return {
        "sharpness": float(lap.var()),
        "mean_luminance": float(grey.mean()),
        "dark_clipped": float(histogram[:9].sum() / grey.size),
        "bright_clipped": float(histogram[250:].sum() / grey.size),
        "border_white": float((border >= _WHITE).mean()),
        "product_fill": float(fill),
        "dhash": int("".join("1" if bit else "0" for bit in bits), 2),
    }


def naive(urls: Sequence[str]) -> float:
    """Seconds for the naive pipeline over ``urls``."""
    start = time.perf_counter()
    for url in urls:
        response = requests.get(url, timeout=60)
        response.raise_for_status()
        full_size_measures(response.content)
    return time.perf_counter() - start


def analysis_size(width: int, height: int, longest: int) -> tuple[int, int]:
    """The size the audit measures a photo at: scaled down so its longest side is ``longest``
    (the formula of ``listingaudit.images.decode``)."""
    scale = min(1.0, longest / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def decode_at(data: bytes, longest: int) -> tuple[int, int]:
    """Decode ``data`` as the audit does before measuring: JPEG at the DCT scale ``draft``
    picks for the analysis size; other formats in full (they have no reduced decode)."""
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", analysis_size(*image.size, longest))
        image.load()
        return image.size


def _timed(pool: Executor, work: Callable[[bytes], object], photos: Sequence[bytes]) -> float:
    start = time.perf_counter()
    for _ in pool.map(work, photos, chunksize=max(1, len(photos) // 64)):
        pass
    return time.perf_counter() - start


def decode_floor(
    photos: Sequence[bytes], longest: int, workers: int | None = None
) -> dict[str, float]:
    """Seconds to decode every photo as the audit does on all cores, by threads and by
    processes; ``seconds`` is the faster."""
    return on_all_cores(partial(decode_at, longest=longest), photos, workers)


def on_all_cores(
    work: Callable[[bytes], object], photos: Sequence[bytes], workers: int | None = None
) -> dict[str, float]:
    """Seconds for ``work`` on every photo on all cores, by threads and by processes (``work``
    must pickle); ``seconds`` is the faster."""
    workers = workers or len(os.sched_getaffinity(0))
    cpu = time.process_time()
    with ThreadPoolExecutor(workers) as threads:
        by_threads = _timed(threads, work, photos)
    threads_cpu = time.process_time() - cpu
    with ProcessPoolExecutor(workers) as processes:
        list(processes.map(int, range(workers)))  # start the workers outside the timing
        by_processes = _timed(processes, work, photos)
    return {
        "threads_seconds": by_threads,
        # CPU of the decoding threads: what decoding costs, whatever else shares the cores.
        "threads_cpu_seconds": threads_cpu,
        "processes_seconds": by_processes,
        "seconds": min(by_threads, by_processes),
        "workers": float(workers),
    }
