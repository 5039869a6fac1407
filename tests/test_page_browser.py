"""The page's first view, key events and labels in a real headless Chromium.

Label boxes are measured in the rendered page (``getBoundingClientRect``) and compared
with what Plotly drew, computed here from the figure's own traces and axes (not from the
page's placement code): no label may cover another label, a marker, a bar or a
publication date.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_util import open_timeline, realistic_frame, synthetic_frame, top_dates_summary
from test_page_keyevents import story_summary

from timeline.pipeline import build
from timeline.render import overview
from timeline.render.html import render_html

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[1] / "sample_articles"
RANGE = "() => document.getElementById('tl-chart').layout.xaxis.range.map(d => d.slice(0, 10))"
API = "window.__timeline"
GEOMETRY = """() => {
  const gd = document.getElementById('tl-chart'), fl = gd._fullLayout, xa = fl.xaxis;
  const ya = fl.yaxis, root = gd.getBoundingClientRect();
  const left = root.left + xa._offset, top = root.top + ya._offset;
  const ms = v => typeof v === 'number' ? v : Date.parse(String(v).slice(0, 10) + 'T00:00:00Z');
  const inside = (x, y) => x >= left - 1 && x <= left + xa._length + 1 && y >= top - 1 &&
    y <= top + ya._length + 1;
  const drawn = [];
  for (const t of gd.data) {
    if ((t.yaxis || 'y') !== 'y' || !t.x) continue;
    let prev = null;
    for (let p = 0; p < t.x.length; p++) {
      if (t.x[p] === null) { prev = null; continue; }
      const x = left + xa.l2p(ms(t.x[p])), y = top + ya.l2p(t.y[p]);
      if (t.mode === 'lines') {
        const h = t.line.width / 2;
        if (prev) drawn.push([Math.max(left, Math.min(prev, x)), Math.min(left + xa._length,
          Math.max(prev, x)), y - h, y + h, t.name]);
        prev = x;
      } else if (inside(x, y)) {
        const s = typeof t.marker.size === 'number' ? t.marker.size : t.marker.size[p];
        const r = s / 2 + ((t.marker.line && t.marker.line.width) || 0) / 2;
        drawn.push([x - r, x + r, y - r, y + r, t.name]);
      }
    }
  }
  const labels = [...document.querySelectorAll('#tl-labels .tl-label')].map(a => {
    const r = a.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom, a.textContent];
  });
  return {labels, drawn: drawn.filter(b => b[1] >= left && b[0] <= left + xa._length),
          plot: [left, left + xa._length, top, top + ya._length]};
}"""


def _hit(a: list, b: list, slack: float = 0.5) -> bool:
    return (a[0] < b[1] - slack and b[0] < a[1] - slack and a[2] < b[3] - slack
            and b[2] < a[3] - slack)


def assert_labels_clear(page, at_least: int) -> list[str]:
    """No label covers another label or anything drawn; all labels inside the plot."""
    found = page.evaluate(GEOMETRY)
    labels, drawn, plot = found["labels"], found["drawn"], found["plot"]
    assert len(labels) >= at_least, [b[4] for b in labels]
    for i, a in enumerate(labels):
        assert plot[0] - 1 <= a[0] and a[1] <= plot[1] + 1, a
        assert plot[2] - 1 <= a[2] and a[3] <= plot[3] + 1, a
        for b in labels[i + 1:]:
            assert not _hit(a, b), (a, b)
        for b in drawn:
            assert not _hit(a, b), (a, b)
    return [a[4] for a in labels]


@pytest.fixture(scope="module")
def key_page(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("key") / "key.html"
    render_html(realistic_frame(), target, title="Port strike", summary=story_summary())
    return target


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    build([SAMPLE], out_dir=out, formats=("csv", "html"))
    return out / "timeline.html"


def test_key_events_are_the_first_view_with_headlines_and_sizes(key_page) -> None:
    with open_timeline(key_page) as (page, log):
        assert page.evaluate(f"() => [{API}.view(), {API}.keyCount()]") == ["key", 4]
        assert page.locator("#tl-view-key").get_attribute("aria-pressed") == "true"
        # the first view is the strike's September (the most reported key dates)
        assert sorted(assert_labels_clear(page, 2)) == [
            "Dockworkers walk out at the two largest ports",
            "Union and Port Authority reach a deal"]
        sizes = page.evaluate("() => document.getElementById('tl-chart').data"
                              ".find(t => t.meta === 'key').marker.size")
        assert sizes[2] > sizes[3] > sizes[0]  # 3 articles > 2 > 1
        assert page.locator("#tl-count").inner_text() == "4 of 4 key events \u00b7 2 in view"
        page.evaluate("() => Plotly.relayout('tl-chart', "
                      "{'xaxis.range': ['2018-06-01', '2022-08-01']})")
        page.wait_for_timeout(400)
        labels = assert_labels_clear(page, 2)  # the two background dates
        assert "Retailers stockpile <ahead> of a dispute" in labels  # text, not markup
        assert page.locator("#tl-count").inner_text() == "4 of 4 key events \u00b7 2 in view"
    assert log.page_errors == [] and log.console_errors == []


def test_hover_shows_the_summary_and_a_click_the_mentions(key_page) -> None:
    with open_timeline(key_page) as (page, _):
        x, y = page.evaluate("""() => {
          const gd = document.getElementById('tl-chart'), t = gd.data.find(t => t.meta === 'key');
          const box = gd.getBoundingClientRect(), fl = gd._fullLayout, k = t.customdata.indexOf(2);
          return [box.left + fl.xaxis._offset + fl.xaxis.d2p(t.x[k]),
                  box.top + fl.yaxis._offset + fl.yaxis.d2p(t.y[k])]; }""")
        page.mouse.move(x, y)
        page.wait_for_function("() => (document.querySelector('.hoverlayer .hovertext')"
                               "?.textContent ?? '').includes('Reported by 3')", timeout=15_000)
        text = page.evaluate("() => document.querySelector('.hoverlayer .hovertext').textContent")
        assert "Dockworkers at the two largest ports walked out on Monday." in text
        page.mouse.click(x, y)
        page.wait_for_selector("#tl-detail:not([hidden])", timeout=5_000)
        detail = page.locator("#tl-detail").inner_text()
    assert "Dockworkers walk out at the two largest ports" in detail
    assert "Dockworkers at the two largest ports walked out on Monday after talks" in detail


def test_all_mentions_is_a_toggle_and_the_filters_work_in_both_views(key_page) -> None:
    with open_timeline(key_page) as (page, _):
        page.fill("#tl-search", "deal")
        page.wait_for_function(f"() => {API}.keyCount() === 1", timeout=5_000)
        assert page.locator("#tl-rows td.label").all_inner_texts() == [
            "Union and Port Authority reach a deal"]
        page.click("#tl-view-all")
        page.wait_for_function(f"() => {API}.view() === 'all'", timeout=5_000)
        # the three mentions of 'Port strike ends with pay deal' (its title matches)
        assert page.evaluate(f"() => {API}.visibleCount()") == 3
        assert "deal reached" in page.locator("#tl-rows td.label").all_inner_texts()
        page.fill("#tl-search", "")
        page.select_option("#tl-actor", label="Retailers Association")
        page.wait_for_function(f"() => {API}.visibleCount() === 2", timeout=5_000)
        page.click("#tl-view-key")
        page.wait_for_function(f"() => {API}.view() === 'key'", timeout=5_000)
        assert page.evaluate(f"() => {API}.keyCount()") == 1  # the stockpiling
        assert page.evaluate(RANGE) == ["2022-09-09", "2022-09-26"]  # the key view's own


def test_without_a_summary_the_page_shows_all_mentions_and_no_toggle(tmp_path) -> None:
    target = tmp_path / "t.html"
    render_html(realistic_frame(), target)
    with open_timeline(target) as (page, _):
        assert page.evaluate(f"() => {API}.view()") == "all"
        assert page.locator("#tl-views").is_hidden()


def test_the_sample_opens_on_september_2022_with_clear_labels(sample) -> None:
    with open_timeline(sample, height=1000) as (page, log):
        assert page.evaluate(f"() => {API}.view()") == "key"  # the build's key events
        first, last = page.evaluate(RANGE)
        assert first >= "2022-09-01" and last <= "2022-09-30", (first, last)
        assert_labels_clear(page, 3)
        page.click("#tl-view-all")
        page.wait_for_function(f"() => {API}.view() === 'all'", timeout=10_000)
        page.wait_for_timeout(300)
        first, last = page.evaluate(RANGE)  # its own first view, in September too
        assert first >= "2022-09-01" and last <= "2022-09-30", (first, last)
        assert_labels_clear(page, 8)
        # the 1m button counts back from the end of that view, not from the furthest row
        page.locator(".rangeselector .button", has_text="1m").click()
        page.wait_for_timeout(400)
        assert page.evaluate(RANGE) == [_month_before(last), last]
    assert log.page_errors == [] and log.console_errors == []


def _month_before(day: str) -> str:
    year, month, rest = int(day[:4]), int(day[5:7]), day[8:]
    year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return f"{year:04d}-{month:02d}-{rest}"


@pytest.mark.parametrize("zoom", [None, ["2022-09-10", "2022-09-20"],
                                  ["2019-01-01", "2023-03-01"]])
def test_labels_never_overlap_in_the_story_at_any_zoom(tmp_path, zoom) -> None:
    target = tmp_path / "t.html"
    render_html(realistic_frame(), target)
    with open_timeline(target) as (page, _):
        if zoom:
            page.evaluate(f"() => Plotly.relayout('tl-chart', {{'xaxis.range': {zoom}}})")
            page.wait_for_timeout(400)
        assert_labels_clear(page, 3)


def test_labels_never_overlap_in_two_thousand_events_and_their_key_view(tmp_path) -> None:
    frame = synthetic_frame(2_000)
    target = tmp_path / "t.html"
    render_html(frame, target, summary=top_dates_summary(frame, 30))
    with open_timeline(target, height=1000) as (page, log):
        assert_labels_clear(page, 10)
        page.click("#tl-view-all")
        page.wait_for_function(f"() => {API}.view() === 'all'", timeout=10_000)
        page.wait_for_timeout(300)
        assert_labels_clear(page, 1)  # 80 crowded lanes: few labels find room, none overlap
    assert log.page_errors == []


def test_a_large_table_draws_the_most_reported_and_a_strip_of_all(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(overview, "MAX_EVENTS", 300)
    frame = synthetic_frame(1_500)
    target = tmp_path / "t.html"
    render_html(frame, target, summary=top_dates_summary(frame, 20))
    with open_timeline(target) as (page, _):
        strip = page.evaluate("() => document.getElementById('tl-chart').data"
                              ".find(t => t.yaxis === 'y3').y.reduce((a, b) => a + b, 0)")
        assert strip == 1_500  # every dated row, not only the 300 drawn
        assert "(the 300 most reported drawn)" in page.locator("#tl-summary").inner_text()
        page.click("#tl-view-all")
        page.wait_for_function(f"() => {API}.view() === 'all'", timeout=10_000)
        assert page.evaluate(f"() => {API}.drawnPoints()") == 300
        assert "events.csv has them all" in page.locator("#tl-table-note").inner_text()
