"""Build ``examples/``: rendered product photos, degraded copies, one catalog per marketplace.

    python scripts/make_examples.py            # rewrite examples/ in place
    python scripts/make_examples.py --out DIR  # build somewhere else

The work is done by the ``examplegen`` package next to this script (``scripts/examplegen/``).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from examplegen import build

ROOT = Path(__file__).resolve().parent.parent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "examples", help="where to write")
    args = parser.parse_args(argv)
    written = build(args.out)
    total = sum(path.stat().st_size for path in written)
    print(f"wrote {len(written)} files, {total / 1e6:.2f} MB, under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
