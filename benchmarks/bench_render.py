"""Timeline page size and generation time for 10, 1,000 and 10,000 synthetic events.

Run from the repository root:
``python benchmarks/bench_render.py [--repeat 5] [--browser] [--large]``.
Times are CPU seconds of this process (``time.process_time``), medians. ``--large`` adds
100,000 events with a 40-date key-event summary: the page draws the 20,000 most reported
and a weekly strip of all of them (file size and CPU time printed).
Budget (README): 10,000 events -> file < 8 MB with plotly.js inlined, < 3 s to write;
with ``--browser`` (needs Chromium and Playwright) also the seconds headless Chromium
takes to load the 10,000-event page until it is ready (budget < 20 s) and to zoom it
(< 1.5 s). The test suite checks the size and what the page draws, not these times:
wall-clock limits fail on a loaded machine.
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

from browser_util import (  # noqa: E402
    missing_browser,
    open_timeline,
    synthetic_frame,
    top_dates_summary,
)

from timeline.render.html import render_html  # noqa: E402

SIZES = (10, 1_000, 10_000)
LARGE = 100_000


def measure(n: int, repeat: int, folder: Path, key_dates: int = 0) -> tuple[int, float]:
    """(file size in bytes, median CPU seconds of render_html) for ``n`` synthetic
    events (with a summary of ``key_dates`` dates when not 0)."""
    frame = synthetic_frame(n)
    summary = top_dates_summary(frame, key_dates) if key_dates else None
    path = folder / f"timeline-{n}.html"
    times = []
    for _ in range(repeat):
        began = time.process_time()
        render_html(frame, path, title=f"{n} synthetic events", summary=summary)
        times.append(time.process_time() - began)
    return path.stat().st_size, statistics.median(times)


ZOOM = """async () => { const t = performance.now();
    await Plotly.relayout('tl-chart', {'xaxis.range': ['2022-01-01', '2022-03-01']});
    return performance.now() - t; }"""


def measure_browser(n: int, folder: Path) -> tuple[float, float]:
    """(seconds until the ``n``-event page is ready, seconds of one zoom) in Chromium."""
    path = folder / f"browser-{n}.html"
    render_html(synthetic_frame(n), path)
    began = time.perf_counter()
    with open_timeline(path, height=1000) as (page, _):
        loaded = time.perf_counter() - began
        zoom_ms = page.evaluate(ZOOM)
    return loaded, zoom_ms / 1000


def browser_figures(repeat: int) -> None:
    if missing := missing_browser():
        print(f"browser: skipped ({missing})")
        return
    with tempfile.TemporaryDirectory() as tmp:
        runs = [measure_browser(10_000, Path(tmp)) for _ in range(max(1, repeat // 2))]
    print(f"browser, 10,000 events: page ready in "
          f"{statistics.median(r[0] for r in runs):.2f} s (budget 20 s), zoom "
          f"{statistics.median(r[1] for r in runs):.3f} s (budget 1.5 s), median of {len(runs)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--browser", action="store_true",
                        help="also time loading and zooming the page in headless Chromium")
    parser.add_argument("--large", action="store_true",
                        help="also 100,000 events with a key-event summary")
    args = parser.parse_args()
    print(f"{'events':>8} {'file size':>12} {'median CPU':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            size, seconds = measure(n, args.repeat, Path(tmp))
            print(f"{n:>8,} {size / 1e6:>9.2f} MB {seconds:>10.3f} s")
        if args.large:
            size, seconds = measure(LARGE, max(1, args.repeat // 3), Path(tmp), key_dates=40)
            print(f"{LARGE:>8,} {size / 1e6:>9.2f} MB {seconds:>10.3f} s  (key events; "
                  "the 20,000 most reported drawn)")
    if args.browser:
        browser_figures(args.repeat)


if __name__ == "__main__":
    main()
