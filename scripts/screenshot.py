"""Rebuild the sample timeline and take the README's screenshot in headless Chromium.

    python scripts/screenshot.py            # -> output/ (the build) and docs/timeline.png

Uses the same headless Chromium (Debian's `chromium`, driven by Playwright) as the
browser tests; the screenshot shows the page (controls, chart, the top of the event table)
zoomed to January-October 2022, where the story happens.
"""

from __future__ import annotations

import sys
from pathlib import Path

from timeline.pipeline import build
from timeline.render.image import READY, chromium_page

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    result = build([ROOT / "sample_articles"], out_dir=ROOT / "output",
                   formats=("csv", "json", "html"), title="Xi, Putin and the Samarkand summit")
    page_file = ROOT / "output" / "timeline.html"
    target = ROOT / "docs" / "timeline.png"
    with chromium_page(width=1400, height=1000) as page:
        page.goto(page_file.as_uri())
        page.wait_for_function(READY, timeout=60_000)
        page.evaluate("""() => Plotly.relayout(document.getElementById('tl-chart'),
                          {'xaxis.range': ['2022-01-15', '2022-10-20']})""")  # the story's year
        page.wait_for_timeout(1500)
        page.screenshot(path=str(target), full_page=False)
    print(f"{result.describe()}; screenshot -> {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
