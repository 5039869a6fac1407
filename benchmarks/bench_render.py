"""Timeline page size and generation time for 10, 1,000 and 10,000 synthetic events.

Run from the repository root: ``python benchmarks/bench_render.py [--repeat 5]``.
Budget (README): 10,000 events -> file < 8 MB with plotly.js inlined, < 3 s to write.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser_util import synthetic_frame  # noqa: E402

from timeline.render.html import render_html  # noqa: E402

SIZES = (10, 1_000, 10_000)


def measure(n: int, repeat: int, folder: Path) -> tuple[int, float]:
    """(file size in bytes, median seconds of render_html) for ``n`` synthetic events."""
    frame = synthetic_frame(n)
    path = folder / f"timeline-{n}.html"
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        render_html(frame, path, title=f"{n} synthetic events")
        times.append(time.perf_counter() - began)
    return path.stat().st_size, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'events':>8} {'file size':>12} {'median time':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            size, seconds = measure(n, args.repeat, Path(tmp))
            print(f"{n:>8,} {size / 1e6:>9.2f} MB {seconds:>10.3f} s")


if __name__ == "__main__":
    main()
