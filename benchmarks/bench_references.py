"""The two references the audit's photo throughput is compared with, on the same photos.

* The naive pipeline: what a first script does. One ``requests.get`` after another, the whole
  image decoded at full resolution, and the audit's measures (sharpness, exposure, background,
  framing, perceptual hash) computed on the full-size pixels.
* The decode floor: decoding each photo at the analysis size, with Pillow's ``draft`` for JPEG,
  on every core, and nothing else: no network, no hashing, no measures. An audit cannot beat it.
  Threads and processes are both timed (Pillow releases the GIL while decoding) and the faster
  one is the floor.
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


def decode_at(data: bytes, longest: int) -> tuple[int, int]:
    """Decode ``data`` at about ``longest`` px (JPEG DCT scaling); nothing else."""
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (longest, longest))
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
    """Seconds to decode every photo at the analysis size on all cores, by threads and by
    processes; ``seconds`` is the faster."""
    workers = workers or len(os.sched_getaffinity(0))
    work = partial(decode_at, longest=longest)
    with ThreadPoolExecutor(workers) as threads:
        by_threads = _timed(threads, work, photos)
    with ProcessPoolExecutor(workers) as processes:
        list(processes.map(int, range(workers)))  # start the workers outside the timing
        by_processes = _timed(processes, work, photos)
    return {
        "threads_seconds": by_threads,
        "processes_seconds": by_processes,
        "seconds": min(by_threads, by_processes),
        "workers": float(workers),
    }
