"""Still images of the timeline: the page rendered in headless Chromium (Playwright).

PNG is a screenshot of the page's title and chart; SVG is Plotly's own export
(``Plotly.toImage``; WebGL traces are embedded as a raster layer).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import pandas as pd

from timeline.errors import TimelineError
from timeline.table.export import atomic_write_bytes, atomic_write_text

if TYPE_CHECKING:
    from playwright.sync_api import Page

DEFAULT_WIDTH = 1400  # pixels
IMAGE_FORMATS = ("png", "svg")
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync")
#: The error without Chromium; ``{fmt}`` is the image format that was asked for.
NO_BROWSER = ("no headless Chromium found; install it (apt-get install chromium) "
              "or drop --format {fmt}")
READY = "() => !!(window.__timeline && window.__timeline.ready)"
_STILL_CSS = (".tl-controls, .tl-events, .tl-detail, .tl-help, .modebar-container "
              "{ display: none !important; }")


def find_chromium() -> str | None:
    """Path of a Chromium executable on PATH, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if found := shutil.which(name):
            return found
    return None


@contextmanager
def chromium_page(width: int = DEFAULT_WIDTH, height: int = 900, path: str = "",
                  fmt: str = "png") -> Iterator[Page]:
    """A page in a fresh headless Chromium (new user-data dir, closed afterwards); the
    errors name ``path`` and say to drop ``--format fmt`` as the other way out."""
    executable = find_chromium()
    if executable is None:
        raise TimelineError(NO_BROWSER.format(fmt=fmt), path)
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise TimelineError("Playwright is not installed; pip install playwright, "
                            f"or drop --format {fmt}", path) from None
    with tempfile.TemporaryDirectory(prefix="timeline-chromium-") as profile, \
            sync_playwright() as pw:
        try:
            context = pw.chromium.launch_persistent_context(
                profile, executable_path=executable, headless=True, args=list(CHROMIUM_ARGS),
                viewport={"width": width, "height": height})
        except PlaywrightError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "unknown error"
            raise TimelineError(f"headless Chromium did not start ({first}); "
                                f"reinstall chromium or drop --format {fmt}", path) from None
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


def _capture(page: Page, html_file: Path, fmt: str) -> bytes:
    page.goto(html_file.as_uri())
    page.wait_for_function(READY, timeout=60_000)
    if fmt == "svg":
        url = page.evaluate("() => { const gd = document.getElementById('tl-chart');"
                            " return Plotly.toImage(window.__timeline.figure(), {format: 'svg',"
                            " width: gd._fullLayout.width, height: gd._fullLayout.height}); }")
        return unquote(url.split(",", 1)[1]).encode("utf-8")
    page.add_style_tag(content=_STILL_CSS)
    page.evaluate("() => Plotly.Plots.resize(document.getElementById('tl-chart'))")
    viewport = page.viewport_size  # None only for a page opened without a viewport
    width = viewport["width"] if viewport else DEFAULT_WIDTH
    page.set_viewport_size({"width": width, "height": 200})
    page.wait_for_timeout(300)
    return page.screenshot(full_page=True, type="png")


def render_image(frame: pd.DataFrame, path: Path, fmt: str = "png", title: str = "Timeline",
                 lanes: str = "article", width: int = DEFAULT_WIDTH,
                 summary: pd.DataFrame | None = None) -> None:
    """Write the timeline as a PNG (page title + chart) or SVG (the chart) to ``path``,
    in the page's first view (the key events when there is a ``summary``)."""
    path = Path(path)
    if fmt not in IMAGE_FORMATS:
        raise TimelineError(f"unknown image format '{fmt}'; use png or svg", str(path))
    if find_chromium() is None:
        raise TimelineError(NO_BROWSER.format(fmt=fmt), str(path))
    from timeline.render.page import page_source

    source = page_source(frame, title, lanes, inline_js=True, summary=summary)
    with tempfile.TemporaryDirectory(prefix="timeline-page-") as folder:
        html_file = Path(folder) / "timeline.html"
        html_file.write_text(source, encoding="utf-8")
        with chromium_page(width=width, path=str(path), fmt=fmt) as page:
            data = _capture(page, html_file, fmt)
    if fmt == "svg":
        atomic_write_text(path, data.decode("utf-8"))
    else:
        atomic_write_bytes(path, data)
