"""The build result in Jupyter: ``to_figure()`` (a plotly Figure) and ``_repr_html_``."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
from browser_util import realistic_frame, summary_of
from test_page_keyevents import story_summary

from timeline.pipeline import BuildResult


def result(summary=None) -> BuildResult:
    frame = realistic_frame()
    return BuildResult(articles=(), events=tuple(range(len(frame))), skipped=(),
                       written=(Path("out/events.csv"),), frame=frame, summary=summary)


def test_the_figure_shows_the_key_events_sized_by_their_articles() -> None:
    fig = result(story_summary()).to_figure()
    assert isinstance(fig, go.Figure) and len(fig.data) == 1
    trace = fig.data[0]
    assert list(trace.x) == ["2019-01-01", "2022-05-01", "2022-09-12", "2022-09-23"]
    assert list(trace.y) == [1, 1, 3, 2]
    sizes = list(trace.marker.size)
    assert sizes[2] > sizes[3] > sizes[0] == sizes[1]
    assert trace.text[1] == "Retailers stockpile &lt;ahead&gt; of a dispute"  # escaped
    assert "Dockworkers at the two largest ports walked out on Monday." in trace.hovertext[2]
    assert fig.layout.xaxis.range == ("2022-09-09", "2022-09-26")  # the page's key view


def test_without_a_summary_the_figure_shows_every_dated_event() -> None:
    fig = result().to_figure()
    assert len(fig.data) == 1 and len(fig.data[0].x) == 16
    assert "Port strike ends with pay deal" in set(fig.data[0].y)
    assert fig.layout.xaxis.range == ("2022-08-27", "2022-09-30")


def test_the_rich_view_is_a_table_of_counts_and_the_figure_offline() -> None:
    evil = summary_of(("2022-09-12", "<script>alert(1)</script>", 2, "x", (), "2022-09-15"))
    page = result(evil)._repr_html_()
    assert "<th style='text-align:left'>events</th><td style='text-align:right'>16</td>" in page
    assert "<th style='text-align:left'>key events</th><td style='text-align:right'>1</td>" \
        in page
    assert "<code>out/events.csv</code>" in page
    assert "<script src=" not in page and "Plotly.newPlot" in page  # plotly.js inlined
    assert "<script>alert(1)</script>" not in page
    assert "key events" not in result()._repr_html_()
