"""The timeline page in a real headless Chromium: loads offline without errors, draws
every event, hovers, filters, zooms, keeps article text inert, exports images."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from datetime import date
from pathlib import Path

import browser_util
import pytest
from browser_util import (
    frame_of,
    make_event,
    open_timeline,
    realistic_frame,
    require_chromium,
    synthetic_frame,
)

from timeline.render.html import render_html, render_image
from timeline.render.payload import day_number

pytestmark = pytest.mark.browser

COUNT = "() => [window.__timeline.visibleCount(), window.__timeline.drawnPoints()]"
RANGE = "() => document.getElementById('tl-chart').layout.xaxis.range.map(d => d.slice(0, 10))"
WIDE = "() => Plotly.relayout('tl-chart', {'xaxis.range': ['2019-01-01', '2023-03-01']})"
ROWS = "() => document.querySelectorAll('#tl-rows tr').length"
XSS_SENTENCE = ('Police said <script>window.__xss=1</script> and <img src=x '
                'onerror="window.__xss=1"> happened on Monday.')


@pytest.mark.parametrize(("ci", "outcome"), [
    ("1", pytest.fail.Exception), ("true", pytest.fail.Exception),
    ("false", pytest.fail.Exception), ("", pytest.skip.Exception),
])
def test_a_missing_browser_fails_under_ci_and_skips_otherwise(monkeypatch, ci, outcome
                                                              ) -> None:
    monkeypatch.setattr(browser_util, "find_chromium", lambda: None)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="apt-get install chromium"):
        require_chromium()


def test_under_ci_a_skipped_test_fails(tmp_path: Path) -> None:
    """The conftest hook: with CI set, a skip fails unless its reason is allowed."""
    shutil.copy(Path(__file__).with_name("conftest.py"), tmp_path / "conftest.py")
    (tmp_path / "test_skips.py").write_text(
        "import pytest\n"
        "def test_missing():\n    pytest.skip('no chromium executable on PATH')\n"
        "def test_root():\n    pytest.skip('root writes into read-only folders')\n")
    outcomes = {}
    for ci in ("1", ""):
        env = {**os.environ, "CI": ci}
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                               str(tmp_path)], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=120)
        outcomes[ci] = done.stdout.strip().splitlines()[-1]
    assert "1 failed, 1 skipped" in outcomes["1"]
    assert "2 skipped" in outcomes[""] and "failed" not in outcomes[""]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    frame = realistic_frame()
    out = {"story": folder / "story.html", "actors": folder / "actors.html",
           "xss": folder / "xss.html", "cdn": folder / "cdn.html"}
    render_html(frame, out["story"], title="Port strike")
    render_html(frame, out["actors"], title="Port strike", lanes="actor")
    render_html(frame, out["cdn"], inline_js=False)
    render_html(_xss_frame(), out["xss"], title="<img src=x onerror=\"window.__xss=1\">")
    return out


def _xss_frame():
    return frame_of(
        make_event(0, sentence=XSS_SENTENCE, timex_text="on Monday", value="2022-09-12",
                   start=date(2022, 9, 12), end=date(2022, 9, 12),
                   event='<svg onload="window.__xss=1">label</svg>',
                   url="javascript:window.__xss=1", source="<b onclick=x>Wire</b>",
                   title='</script><script>window.__xss=1</script>',
                   actors=('<img src=x onerror="window.__xss=1">',)),
        make_event(1, doc="b", title="Quiet story", url="https://example.org/quiet"),
    )


def point_position(page, label: str) -> tuple[float, float]:
    """Screen position of the hover point of the event called ``label``."""
    return tuple(page.evaluate("""(label) => {
      const gd = document.getElementById('tl-chart'), data = JSON.parse(
        document.getElementById('timeline-data').textContent);
      const idx = data.ev.label.indexOf(label);
      const trace = gd.data.find(t => t.meta === 'events' && t.customdata.includes(idx));
      const k = trace.customdata.indexOf(idx), box = gd.querySelector('.nsewdrag')
        .getBoundingClientRect(), fl = gd._fullLayout;
      return [box.left + fl.xaxis.d2p(trace.x[k]), box.top + fl.yaxis.d2p(trace.y[k])];
    }""", label))


HOVER = "() => document.querySelector('.hoverlayer .hovertext')?.textContent ?? ''"


def hover_text(page, label: str) -> str:
    """The hover box of the event called ``label`` (waiting for that box, not for
    whichever box an earlier hover left, which a busy machine may still show)."""
    page.evaluate(WIDE)  # every event of the story in view
    x, y = point_position(page, label)
    page.mouse.move(x, y)
    page.wait_for_function(f"(label) => ({HOVER})().includes(label)", arg=label,
                           timeout=15_000)
    return page.evaluate(HOVER)


def test_page_loads_offline_with_no_console_errors(pages) -> None:
    with open_timeline(pages["story"]) as (page, log):
        assert page.evaluate(COUNT) == [16, 16]
        # the first view is the story's weeks (late August to September), not 2019-2022
        assert page.locator("#tl-count").inner_text() == "16 of 16 events \u00b7 12 in view"
        assert page.evaluate(RANGE) == ["2022-08-27", "2022-09-30"]
        labels = page.evaluate("() => window.__timeline.labels()")
        assert 8 <= len(labels) <= 12  # one per event in view, unless it would collide
        assert "mediation session planned" in labels  # highest confidence (0.9) goes first
        ticks = page.evaluate("() => document.getElementById('tl-chart')._fullLayout"
                              ".yaxis.ticktext")
        assert ticks[0] == "Dockworkers strike shuts two<br>largest ports"
        assert len(ticks) == 4
    assert log.console_errors == [] and log.page_errors == []
    assert log.requests == []  # nothing even tried the network


def test_blocking_the_network_really_blocks_the_cdn_variant(pages) -> None:
    require_chromium()
    from timeline.render.image import chromium_page

    with chromium_page() as page:
        seen: list[str] = []
        page.route(lambda url: not url.startswith("file:"),
                   lambda route: (seen.append(route.request.url), route.abort()))
        page.goto(pages["cdn"].as_uri())
        page.wait_for_timeout(500)
        assert page.evaluate("() => typeof window.Plotly") == "undefined"
    assert len(seen) == 1 and seen[0].startswith("https://cdn.plot.ly/plotly-")


def test_actor_lanes_draw_an_event_once_per_actor(pages) -> None:
    frame = realistic_frame()
    expected = sum(len(a.split("; ")) if a else 1 for a in frame["actors"])
    with open_timeline(pages["actors"]) as (page, log):
        assert page.evaluate(COUNT) == [16, expected]
        ticks = page.evaluate("() => document.getElementById('tl-chart')._fullLayout"
                              ".yaxis.ticktext")
        assert ticks[:3] == ["Dockworkers Union", "Ministry of Labour", "Port Authority"]
    assert log.page_errors == []


def test_hover_shows_label_sentence_expression_value_and_source(pages) -> None:
    with open_timeline(pages["story"]) as (page, _):
        text = hover_text(page, "wage talks stalled")
        bold = page.evaluate("""() => [...document.querySelectorAll(
            '.hoverlayer .hovertext tspan')].filter(t => t.style.fontWeight === 'bold')
            .map(t => t.textContent)""")
    assert "wage talks stalled" in text
    assert "Wage talks between the union and the Port Authority have stalled since June." in text
    assert "Expression: \u201csince June\u201d \u2192 2022-06 \u00b7 since" in text
    assert "Interval: 2022-06-01 \u2192 \u2026 (open end; as of 2022-09-15)" in text
    assert "Harbour Times" in text and "https://harbour-times.example/strike" in text
    assert "since June" in bold


def test_hover_shows_a_date_at_the_precision_of_its_value(pages) -> None:
    with open_timeline(pages["story"]) as (page, _):
        quarter = hover_text(page, "retail imports slow")
        early = hover_text(page, "contingency plan drafted")
    assert "Interval: 2022-Q3" in quarter  # the quarter, not its 92 days
    assert "Interval: 2022-09-01 \u2192 2022-09-10" in early  # early September: the days


def test_search_box_narrows_events_and_table(pages) -> None:
    with open_timeline(pages["story"]) as (page, _):
        page.fill("#tl-search", "freight")
        page.wait_for_function("() => window.__timeline.visibleCount() < 16", timeout=5_000)
        page.evaluate(WIDE)
        page.wait_for_function("() => window.__timeline.inView === 4", timeout=5_000)
        # the 4 events of 'Freight rates surge ...' (its title matches)
        assert page.evaluate(COUNT) == [4, 4]
        assert page.evaluate(ROWS) == 4
        page.fill("#tl-search", "port authority deal")
        page.wait_for_function("() => window.__timeline.visibleCount() === 1", timeout=5_000)
        assert page.locator("#tl-rows td.label").all_inner_texts() == ["deal reached"]
        page.fill("#tl-search", "")
        page.wait_for_function("() => window.__timeline.visibleCount() === 16", timeout=5_000)


def test_actor_and_lane_filters(pages) -> None:
    with open_timeline(pages["story"]) as (page, _):
        page.select_option("#tl-actor", label="Port Authority")
        page.wait_for_function("() => window.__timeline.visibleCount() === 4", timeout=5_000)
        assert sorted(page.locator("#tl-rows td.label").all_inner_texts()) == \
            ["cargo volumes fell", "deal reached", "partial slowdown", "wage talks stalled"]
        page.select_option("#tl-actor", value="-1")
        page.select_option("#tl-lane", label="Port strike ends with pay deal")
        page.wait_for_function("() => window.__timeline.visibleCount() === 3", timeout=5_000)
        ticks = page.evaluate("() => document.getElementById('tl-chart')._fullLayout"
                              ".yaxis.ticktext")
        assert ticks == ["Port strike ends with pay deal"]


def test_zoom_recomputes_labels_and_table(pages) -> None:
    frame = realistic_frame()
    lo, hi = day_number("2022-09-10"), day_number("2022-09-20")
    overlapping = 0
    with open_timeline(pages["story"]) as (page, _):
        page.evaluate("() => Plotly.relayout('tl-chart', {'xaxis.range': "
                      "['2022-09-10', '2022-09-20']})")
        page.wait_for_timeout(400)
        payload = page.evaluate("() => JSON.parse(document.getElementById('timeline-data')"
                                ".textContent).ev")
        overlapping = sum(1 for x0, dx in zip(payload["x0"], payload["dx"], strict=True)
                          if x0 <= hi and x0 + dx >= lo)
        assert page.evaluate(ROWS) == overlapping
        boxes = page.evaluate("""() => [...document.querySelectorAll('#tl-labels .tl-label')]
            .map(a => { const r = a.getBoundingClientRect(); return [r.left, r.right, r.top,
            r.bottom, a.textContent]; })""")
    assert 0 < overlapping < len(frame)
    assert 0 < len(boxes) <= 24
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]), (a, b)


def test_article_text_never_runs(pages) -> None:
    with open_timeline(pages["xss"]) as (page, log):
        text = hover_text(page, '<svg onload="window.__xss=1">label</svg>')
        x, y = point_position(page, '<svg onload="window.__xss=1">label</svg>')
        page.mouse.click(x, y)
        page.select_option("#tl-actor", label='<img src=x onerror="window.__xss=1">')
        page.wait_for_timeout(500)
        flag = page.evaluate("() => window.__xss")
        cells = page.locator("#tl-rows td.sentence").all_inner_texts()
        links = page.evaluate("() => [...document.querySelectorAll('a')].map(a => a.href)")
        injected = page.evaluate("() => document.querySelectorAll("
                                 "'img, svg script, #tl-rows script, #tl-detail *[onclick]')"
                                 ".length")
        detail = page.locator("#tl-detail").inner_text()
        title = page.locator("h1").inner_text()
    assert flag is None
    assert cells == [XSS_SENTENCE]
    assert XSS_SENTENCE in detail.replace("\n", " ")
    assert "<script>window.__xss=1</script>" in text
    assert not any(link.startswith("javascript") for link in links)
    assert injected == 0
    assert title == '<img src=x onerror="window.__xss=1">'
    assert log.page_errors == []


def test_ten_thousand_events_draw_zoom_and_filter(tmp_path) -> None:
    """How long loading and zooming take is a benchmark figure (python
    benchmarks/bench_render.py --browser), not a test: a wall-clock limit fails on a
    loaded machine and says nothing about the page."""
    target = tmp_path / "big.html"
    render_html(synthetic_frame(10_000), target)
    with open_timeline(target, height=1000) as (page, log):
        assert page.evaluate(COUNT) == [10_000, 10_000]
        page.evaluate("""async () => await Plotly.relayout('tl-chart',
            {'xaxis.range': ['2022-01-01', '2022-03-01']})""")
        zoomed = page.evaluate("() => document.getElementById('tl-chart')._fullLayout"
                               ".xaxis.range.map(String)")
        page.fill("#tl-search", "budgets")
        page.wait_for_function("() => window.__timeline.visibleCount() < 10000", timeout=60_000)
        narrowed = page.evaluate(COUNT)
    assert log.page_errors == [] and log.console_errors == []
    assert [day[:10] for day in zoomed] == ["2022-01-01", "2022-03-01"]
    assert 0 < narrowed[0] < 10_000 and narrowed[0] == narrowed[1]


def test_render_image_png_and_svg(tmp_path) -> None:
    require_chromium()
    frame = realistic_frame()
    png, svg = tmp_path / "t.png", tmp_path / "t.svg"
    render_image(frame, png, "png", title="Port strike")
    render_image(frame, svg, "svg", title="Port strike")
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    assert width == 1400 and 500 < height < 1400
    text = svg.read_text("utf-8")
    assert text.startswith("<svg") and "Port strike ends with pay deal" in text
    assert "mediation session planned" in text  # the labels travel with the SVG
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.png", "t.svg"]


@pytest.mark.parametrize("kind", ["empty", "undated"])
def test_tables_with_nothing_to_draw_give_an_empty_chart_not_an_error(tmp_path, kind) -> None:
    frame = frame_of() if kind == "empty" else \
        frame_of(make_event(start=None, end=None, value="P2D", timex_text="two days"))
    target = tmp_path / "t.html"
    render_html(frame, target)
    with open_timeline(target) as (page, log):
        assert page.evaluate(COUNT) == [0, 0]
        assert page.evaluate(ROWS) == 0
        summary = page.locator("#tl-summary").inner_text()
    assert summary.startswith("0 dated events from ")
    assert ("1 undated not drawn" in summary) == (kind == "undated")
    assert log.page_errors == [] and log.console_errors == []
