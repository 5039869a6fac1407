"""Render the event table: the interactive HTML timeline, TimelineJS3 JSON, images.

The page layout lives in :mod:`timeline.render.page` and ``timeline/templates``; the
data the page draws from in :mod:`timeline.render.payload`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from timeline.errors import TimelineError
from timeline.render.image import render_image
from timeline.render.page import page_source
from timeline.render.payload import LANE_MODES
from timeline.render.timelinejs import timelinejs_json
from timeline.table.export import atomic_write_text

__all__ = ["render_html", "render_image", "timelinejs_json", "page_source", "LANE_MODES"]


def render_html(frame: pd.DataFrame, path: Path, title: str = "Timeline",
                lanes: str = "article", inline_js: bool = True,
                summary: pd.DataFrame | None = None) -> None:
    """Write ONE self-contained HTML timeline to ``path`` (atomically).

    ``lanes``: "article" (one row per article), "source" or "actor" (an event with
    several actors appears in each of their rows). ``inline_js=False`` links plotly.js
    from the CDN instead of inlining it (smaller file, needs network). ``summary`` (the
    key-event table, :mod:`timeline.table.summary_schema`) makes the key events the
    first view, with "all mentions" a toggle; without it the page shows all mentions.
    """
    if lanes not in LANE_MODES:
        raise TimelineError(f"unknown lanes '{lanes}'; use one of {', '.join(LANE_MODES)}",
                            str(path))
    atomic_write_text(Path(path), page_source(frame, title, lanes, inline_js, summary))
