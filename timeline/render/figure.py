"""The timeline as a plotly.py Figure, and a build's rich view in Jupyter.

:func:`build_figure` draws the key events (one marker per chosen date, its size the
number of articles reporting it, the headline beside the most important ones, the summary
on hover) or, without a summary, every dated event in the lane of its article. The first
view is the page's (:func:`timeline.render.overview.initial_view`). Article text is
escaped before plotly.js sees it (it renders hover text as markup).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Protocol

import pandas as pd
import plotly.graph_objects as go

from timeline.render.payload import KIND_DAY, build_payload, day_iso

if TYPE_CHECKING:
    from pathlib import Path

ACCENT = "rgb(31,95,168)"
HEADLINES = 15  # key events whose headline is written on the figure
WRAP = 80


class _Result(Protocol):
    @property
    def articles(self) -> tuple: ...
    @property
    def events(self) -> tuple: ...
    @property
    def skipped(self) -> tuple: ...
    @property
    def written(self) -> tuple[Path, ...]: ...
    @property
    def summary(self) -> pd.DataFrame | None: ...

    def to_figure(self) -> go.Figure: ...


def _wrap(text: str, width: int = WRAP) -> str:
    """Escaped ``text`` broken into lines of about ``width`` characters."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return "<br>".join(html.escape(x) for x in lines + [line] if x)


def build_figure(frame: pd.DataFrame, summary: pd.DataFrame | None = None,
                 title: str = "Timeline") -> go.Figure:
    """Key events when ``summary`` is given, else every dated event."""
    data = build_payload(frame, title, "article", summary)
    fig = go.Figure()
    if summary is not None:
        _key_traces(fig, data["key"])
        fig.update_yaxes(title_text="articles reporting it", rangemode="tozero")
    else:
        _event_traces(fig, data)
    found = data["view"]["key" if summary is not None else "all"]
    view = [day_iso(found[0]), day_iso(found[1])] if found else None
    fig.update_layout(title=html.escape(title), template="plotly_white", showlegend=False,
                      hovermode="closest", margin={"l": 60, "r": 20, "t": 50, "b": 40})
    fig.update_xaxes(type="date", range=view)
    return fig


def _key_traces(fig: go.Figure, key: dict[str, list]) -> None:
    order = sorted(range(len(key["day"])), key=lambda i: key["rank"][i])
    labelled = set(order[:HEADLINES])
    hover = [f"<b>{html.escape(h)}</b><br>{html.escape(d or day_iso(x))} · {n} articles"
             f"<br>{_wrap(s)}" for h, d, x, n, s in
             zip(key["head"], key["dl"], key["day"], key["n"], key["sum"], strict=True)]
    fig.add_trace(go.Scatter(
        x=[day_iso(d) for d in key["day"]], y=key["n"], mode="markers+text",
        text=[html.escape(h) if i in labelled else "" for i, h in enumerate(key["head"])],
        textposition="top center", hovertext=hover, hoverinfo="text",
        marker={"size": [min(30, 8 + 3 * n ** 0.5) for n in key["n"]], "color": ACCENT,
                "opacity": 0.85}))


def _event_traces(fig: go.Figure, data: dict) -> None:
    ev, docs = data["ev"], data["docs"]
    lanes = data["lanes"]["name"]
    sentences = data["sentences"]
    x = [day_iso(x0) for x0 in ev["x0"]]
    y = [lanes[ln[0]] for ln in ev["ln"]]
    hover = [f"<b>{html.escape(label)}</b><br>{_wrap(sentences[s])}<br>"
             f"{html.escape(docs['source'][d] or docs['title'][d])}"
             for label, s, d in zip(ev["label"], ev["sent"], ev["doc"], strict=True)]
    trace = go.Scattergl if len(x) > 1_000 else go.Scatter
    fig.add_trace(trace(x=x, y=y, mode="markers", hovertext=hover, hoverinfo="text",
                        marker={"size": 8, "color": ACCENT,
                                "symbol": ["circle" if k == KIND_DAY else "line-ns-open"
                                           for k in ev["kind"]]}))
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(lanes)))


def result_html(result: _Result) -> str:
    """A short table of counts and the figure, with plotly.js inlined (offline-safe)."""
    counts = [("articles", len(result.articles)), ("events", len(result.events)),
              ("skipped inputs", len(result.skipped))]
    if result.summary is not None:
        counts.append(("key events", len(result.summary)))
    rows = "".join(f"<tr><th style='text-align:left'>{html.escape(name)}</th>"
                   f"<td style='text-align:right'>{n:,}</td></tr>" for name, n in counts)
    files = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in result.written)
    figure = result.to_figure().to_html(full_html=False, include_plotlyjs=True)
    return (f"<div class='timeline-build'><table>{rows}</table>"
            + (f"<ul>{files}</ul>" if files else "") + figure + "</div>")
