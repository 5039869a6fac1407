"""The HTML shell of the timeline page: template + CSS + plotly.js + data + app JS."""

from __future__ import annotations

import html
import re
from functools import cache
from importlib import resources

import pandas as pd
from plotly.offline import get_plotlyjs, get_plotlyjs_version

from timeline.errors import TimelineError
from timeline.render.payload import LANE_MODES, build_payload, json_for_script

_SLOT_RE = re.compile(r"\{\{(?P<slot>[a-z]+)\}\}")
CDN_URL = "https://cdn.plot.ly/plotly-{version}.min.js"
APP_PARTS = ("timeline_data.js", "timeline_chart.js", "timeline_view.js")  # one function scope


@cache
def template(name: str) -> str:
    """A file from timeline/render/templates (page.html, timeline.css, timeline_*.js)."""
    folder = resources.files("timeline.render") / "templates"
    return folder.joinpath(name).read_text(encoding="utf-8")


@cache
def plotly_tag(inline: bool) -> str:
    """plotly.js inlined (works offline) or a <script src> pointing at the CDN."""
    if inline:
        return f"<script>{get_plotlyjs()}</script>"
    url = CDN_URL.format(version=get_plotlyjs_version())
    return f'<script src="{url}" charset="utf-8"></script>'


def page_html(payload: dict, title: str, inline_js: bool = True) -> str:
    """Fill the page template in ONE pass, so text inside a slot's content can never
    be taken for another slot."""
    slots = {
        "title": html.escape(title),
        "css": template("timeline.css"),
        "plotly": plotly_tag(inline_js),
        "data": json_for_script(payload),
        "app": "\n".join(template(name) for name in APP_PARTS),
    }
    return _SLOT_RE.sub(lambda m: slots[m["slot"]], template("page.html"))


def page_source(frame: pd.DataFrame, title: str = "Timeline", lanes: str = "article",
                inline_js: bool = True, summary: pd.DataFrame | None = None) -> str:
    """The self-contained HTML page for ``frame`` (and its key events) as a string."""
    if lanes not in LANE_MODES:
        raise TimelineError(f"unknown lanes '{lanes}'; use one of {', '.join(LANE_MODES)}")
    return page_html(build_payload(frame, title, lanes, summary), title, inline_js)
