"""The timeline page without a browser: data payload, escaping, lanes, flags,
TimelineJS3 JSON, file size and errors."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from browser_util import frame_of, make_event, realistic_frame, synthetic_frame

from timeline.errors import TimelineError
from timeline.render import image
from timeline.render.html import page_source, render_html, render_image, timelinejs_json
from timeline.render.payload import (
    KIND_DAY,
    KIND_INTERVAL,
    KIND_OPEN_END,
    KIND_OPEN_START,
    NO_ACTOR,
    NO_SOURCE,
    assign_lanes,
    build_payload,
    day_iso,
    day_number,
    event_kind,
    extent,
    highlight_span,
    is_fuzzy,
    json_for_script,
    pack_subrows,
    precision_label,
    safe_url,
)

DATA_RE = re.compile(r'<script type="application/json" id="timeline-data">(?P<blob>.*?)</script>',
                     re.S)
PUB = day_number("2022-09-15")


def blob_of(page: str) -> str:
    match = DATA_RE.search(page)
    assert match, "data element missing"
    return match["blob"]


# ------------------------------------------------------------ JSON blob escaping


def test_json_for_script_escapes_markup_characters_and_line_separators() -> None:
    payload = {"s": "</script><!-- a & b > c \u2028\u2029"}
    text = json_for_script(payload)
    assert not set("<>&\u2028\u2029") & set(text)
    assert "\\u003c/script\\u003e\\u003c!--" in text
    assert "\\u0026" in text and "\\u2028\\u2029" in text
    assert json.loads(text) == payload


def test_article_text_cannot_close_the_data_element() -> None:
    evil = "Breaking</script><script>window.__xss=1</script><!-- on Monday"
    frame = frame_of(make_event(sentence=evil, timex_text="on Monday", value="2022-09-12",
                                start=date(2022, 9, 12), end=date(2022, 9, 12)))
    page = page_source(frame, title="</title><script>x()</script>")
    blob = blob_of(page)
    assert "</script>" not in blob and "<" not in blob
    assert json.loads(blob)["sentences"] == [evil]
    assert "<title>&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;</title>" in page
    # Only the template's own scripts: plotly.js, the data element, the app.
    assert page.count("</script>") == 3


def test_inline_page_needs_no_network_and_cdn_page_links_plotly(tmp_path) -> None:
    frame = realistic_frame()
    inline, linked = tmp_path / "inline.html", tmp_path / "cdn.html"
    render_html(frame, inline)
    render_html(frame, linked, inline_js=False)
    inline_text, linked_text = inline.read_text("utf-8"), linked.read_text("utf-8")
    assert "<script src=" not in inline_text
    assert len(inline_text) > 4_000_000  # plotly.js itself is inside
    assert re.search(r'<script src="https://cdn\.plot\.ly/plotly-[\d.]+\.min\.js"', linked_text)
    assert len(linked_text) < 100_000
    assert blob_of(inline_text) == blob_of(linked_text)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cdn.html", "inline.html"]


# ------------------------------------------------------------ flags


@pytest.mark.parametrize(("start", "end", "relation", "kind"), [
    ("2022-09-01", "2022-09-01", "on", KIND_DAY),
    ("2022-08-30", "2022-09-05", "from-to", KIND_INTERVAL),
    ("2022-06-01", "2022-09-15", "since", KIND_OPEN_END),   # since June, to publication
    ("2022-08-20", None, "after", KIND_OPEN_END),          # no end at all
    ("2022-06-01", "2022-09-10", "since", KIND_INTERVAL),   # closed: end is not publication
    (None, "2022-12-31", "until", KIND_OPEN_START),
    (None, None, "on", None),
    ("2022-09-15", "2022-09-15", "after", KIND_DAY),        # "after 10 a.m." on publication day
])
def test_event_kind(start, end, relation, kind) -> None:
    assert event_kind(day_number(start), day_number(end), relation, PUB) == kind


def test_open_intervals_are_drawn_to_publication_or_get_a_tail() -> None:
    june, dec = day_number("2022-06-01"), day_number("2022-12-31")
    assert extent(KIND_OPEN_END, june, None, PUB, 30) == (june, PUB)
    later = day_number("2022-10-01")  # after publication: a tail instead
    assert extent(KIND_OPEN_END, later, None, PUB, 30) == (later, later + 30)
    assert extent(KIND_OPEN_START, None, dec, PUB, 30) == (dec - 30, dec)


@pytest.mark.parametrize(("mod", "value", "granularity", "fuzzy"), [
    ("", "2022-09-15", "day", False),
    ("", "2022-09", "month", False),
    ("START", "2022-09", "month", True),
    ("APPROX", "2022-05", "month", True),
    ("MID", "2022", "year", True),
    ("", "2022", "year", True),
    ("", "199", "decade", True),
    ("", "PAST_REF", "", True),
    ("", "PRESENT_REF", "", True),
    ("", "2022-Q3", "quarter", False),
])
def test_is_fuzzy(mod, value, granularity, fuzzy) -> None:
    assert is_fuzzy(mod, value, granularity) is fuzzy


@pytest.mark.parametrize(("value", "mod", "start", "end", "label"), [
    ("2022-09", "", "2022-09-01", "2022-09-30", "2022-09"),
    ("2022-09", "APPROX", "2022-09-01", "2022-09-30", "2022-09"),
    ("2022-09", "START", "2022-09-01", "2022-09-10", ""),  # narrowed: the days tell
    ("2022-06", "", "2022-06-01", "2022-09-15", ""),  # since June: drawn to publication
    ("2022-Q3", "", "2022-07-01", "2022-09-30", "2022-Q3"),
    ("2022-W37", "", "2022-09-12", "2022-09-18", "2022-W37"),
    ("2019", "", "2019-01-01", "2019-12-31", "2019"),
    ("199", "", "1990-01-01", "1999-12-31", "1990-1999"),
    ("2022-09-15T14:30", "", "2022-09-15", "2022-09-15", "2022-09-15T14:30"),
    ("2022-09-15", "", "2022-09-15", "2022-09-15", ""),  # a day is shown as a day
    ("PAST_REF", "", "2021-09-15", "2022-09-14", ""),
    ("P2D", "", "2022-09-15", "2022-09-16", ""),
])
def test_dates_are_labelled_at_the_precision_of_the_value(value, mod, start, end,
                                                          label) -> None:
    assert precision_label(value, mod, start, end) == label


def test_payload_flags_for_the_realistic_story() -> None:
    frame = realistic_frame()
    payload = build_payload(frame)
    ev = payload["ev"]
    by_label = {label: i for i, label in enumerate(ev["label"])}
    assert payload["undated"] == 0 and len(ev["label"]) == 16
    stalled = by_label["wage talks stalled"]
    assert ev["kind"][stalled] == KIND_OPEN_END
    assert day_iso(ev["x0"][stalled]) == "2022-06-01"
    assert day_iso(ev["x0"][stalled] + ev["dx"][stalled]) == "2022-09-15"
    assert ev["kind"][by_label["emergency rules in force"]] == KIND_OPEN_START
    assert ev["kind"][by_label["partial slowdown"]] == KIND_INTERVAL
    assert ev["kind"][by_label["deal reached"]] == KIND_DAY
    fuzzy = {label for label, i in by_label.items() if ev["fz"][i]}
    assert fuzzy == {"last major strike", "contingency plan drafted", "emergency rules in force",
                     "cargo volumes fell", "stockpiling began"}
    codes = payload["codes"]
    assert codes["rel"][ev["rel"][stalled]] == "since"
    assert codes["mod"][ev["mod"][by_label["stockpiling began"]]] == "APPROX"
    labels = [codes["dl"][c] for c in ev["dl"]]
    labelled = {label: labels[i] for label, i in by_label.items() if labels[i]}
    assert labelled == {"last major strike": "2019", "retail imports slow": "2022-Q3",
                        "stockpiling began": "2022-05"}


def test_undated_events_are_counted_not_drawn() -> None:
    frame = frame_of(make_event(0), make_event(1, start=None, end=None, value="P2D",
                                               timex_text="two days"))
    payload = build_payload(frame)
    assert payload["undated"] == 1
    assert payload["ev"]["label"] == ["event 0"]


# ------------------------------------------------------------ highlight, urls


def test_highlight_span_finds_the_expression_in_its_sentence() -> None:
    assert highlight_span("Talks stalled since June.", "since June") == (14, 24)
    assert highlight_span("Since June talks stalled.", "since June") == (0, 10)
    assert highlight_span("Talks stalled.", "since June") == (-1, -1)
    assert highlight_span("Talks stalled.", "") == (-1, -1)


@pytest.mark.parametrize(("url", "kept"), [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"),
    ("  http://example.org/ ", "http://example.org/"),
    ("javascript:alert(1)", ""),
    ("JaVaScRiPt:alert(1)", ""),
    ("data:text/html,<script>alert(1)</script>", ""),
    ("//example.org/x", ""),
    ("https:/no-host", ""),
    ("", ""),
])
def test_safe_url_keeps_only_http_links(url, kept) -> None:
    assert safe_url(url) == kept


def test_javascript_url_never_reaches_the_page() -> None:
    frame = frame_of(make_event(url="javascript:alert(1)"))
    page = page_source(frame)
    assert json.loads(blob_of(page))["docs"]["url"] == [""]
    assert "javascript:alert" not in blob_of(page)


# ------------------------------------------------------------ lanes


def _three_docs():
    return frame_of(
        make_event(0, doc="late", title="Later story", published=date(2022, 9, 20),
                   source="", actors=("Union", "Ministry")),
        make_event(1, doc="early", title="Early story", published=date(2022, 9, 1),
                   source="Zeta Wire", actors=("Union",)),
        make_event(2, doc="early", title="Early story", published=date(2022, 9, 1),
                   source="Alpha Post", actors=()),
    )


def test_article_lanes_follow_publication_date() -> None:
    frame = _three_docs()
    lanes = assign_lanes(frame, "article")
    assert lanes.names == ["Early story", "Later story"]
    docs = list(frame["doc_id"])
    assert [lanes.names[ls[0]] for ls in lanes.per_event] == \
        ["Early story" if d == "early" else "Later story" for d in docs]


def test_source_lanes_are_alphabetical_with_unknown_last() -> None:
    lanes = assign_lanes(_three_docs(), "source")
    assert lanes.names == ["Alpha Post", "Zeta Wire", NO_SOURCE]


def test_actor_lanes_repeat_events_with_several_actors() -> None:
    frame = _three_docs()
    lanes = assign_lanes(frame, "actor")
    assert lanes.names == ["Union", "Ministry", NO_ACTOR]  # most frequent first
    row = list(frame["event"]).index("event 0")
    assert sorted(lanes.names[i] for i in lanes.per_event[row]) == ["Ministry", "Union"]
    payload = build_payload(frame, lanes="actor")
    assert sum(len(ls) for ls in payload["ev"]["ln"]) == 4


def test_unknown_lane_mode_is_a_one_line_error_and_writes_nothing(tmp_path) -> None:
    target = tmp_path / "t.html"
    with pytest.raises(TimelineError, match=r"t\.html: unknown lanes 'topic'; use one of"):
        render_html(realistic_frame(), target, lanes="topic")
    assert list(tmp_path.iterdir()) == []


def test_missing_columns_are_a_timeline_error() -> None:
    frame = realistic_frame().drop(columns=["sentence"])
    with pytest.raises(TimelineError, match="lacks columns sentence"):
        build_payload(frame)


def test_pack_subrows_separates_overlapping_spans() -> None:
    spans = [(0, 10), (5, 6), (20, 20), (11, 12), (0, 0), (0, 0), (0, 0)]
    rows = pack_subrows(spans, gap=2, max_rows=3)
    assert rows[0] != rows[1]
    assert rows[2] == 0  # far away: back on the first row
    assert max(rows) == 2  # capped at three rows
    by_row: dict[int, list[tuple[int, int]]] = {}
    for span, row in zip(spans[:4], rows[:4], strict=True):
        by_row.setdefault(row, []).append(span)
    for same in by_row.values():  # without the cap, rows never hold overlapping spans
        same.sort()
        assert all(a[1] + 2 < b[0] for a, b in zip(same, same[1:], strict=False))


# ------------------------------------------------------------ TimelineJS3


def test_timelinejs_json_fields() -> None:
    data = timelinejs_json(realistic_frame(), title="Port strike")
    assert data["title"]["text"]["headline"] == "Port strike"
    assert data["title"]["text"]["text"] == "16 events from 4 articles"
    assert data["scale"] == "human"
    slides = {s["text"]["headline"]: s for s in data["events"]}
    assert len(slides) == 16
    deal = slides["deal reached"]
    assert deal["start_date"] == {"year": 2022, "month": 9, "day": 23}
    assert "end_date" not in deal
    assert deal["group"] == "Port strike ends with pay deal"
    slowdown = slides["partial slowdown"]
    assert slowdown["end_date"] == {"year": 2022, "month": 9, "day": 5}
    assert "<b>from August 30 to September 5</b>" in slowdown["text"]["text"]
    assert '<a href="https://harbour-times.example/strike">Harbour Times</a>' in \
        slowdown["text"]["text"]
    stalled = slides["wage talks stalled"]
    assert stalled["end_date"] == {"year": 2022, "month": 9, "day": 15}  # to publication
    rules = slides["emergency rules in force"]
    assert rules["start_date"] == {"year": 2022, "month": 12, "day": 31}
    assert rules["display_date"] == "until 2022-12-31"
    assert slides["retail imports slow"]["display_date"] == "2022-Q3"
    assert slides["last major strike"]["display_date"] == "2019"
    assert slides["stockpiling began"]["display_date"] == "May 2022"
    assert "display_date" not in slides["contingency plan drafted"]  # early September
    assert "display_date" not in stalled and "display_date" not in deal
    ids = [s["unique_id"] for s in data["events"]]
    assert len(set(ids)) == 16 and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)


def test_timelinejs_gives_a_clock_time_its_hour_and_minute() -> None:
    timed = make_event(value="2022-09-01T14:30", timex_text="at 2:30 p.m.",
                       granularity="minute")
    hour = make_event(1, value="2022-09-01T09", timex_text="at 9 a.m.", granularity="hour")
    dates = [s["start_date"] for s in timelinejs_json(frame_of(timed, hour))["events"]]
    assert {"year": 2022, "month": 9, "day": 1, "hour": 14, "minute": 30} in dates
    assert {"year": 2022, "month": 9, "day": 1, "hour": 9} in dates


def test_timelinejs_text_is_escaped_html() -> None:
    evil = make_event(sentence='Seen <img src=x onerror="alert(1)"> on Monday',
                      timex_text="on Monday", event="<script>alert(1)</script>",
                      url="javascript:alert(1)", source="<b>Wire</b>")
    slide = timelinejs_json(frame_of(evil))["events"][0]
    assert slide["text"]["headline"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    text = slide["text"]["text"]
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <b>on Monday</b>" in text
    assert "<a " not in text and "javascript" not in text
    assert "Source: &lt;b&gt;Wire&lt;/b&gt;" in text
    json.dumps(slide)  # plain JSON types only


# ------------------------------------------------------------ scale


def test_ten_thousand_events_fit_in_eight_megabytes(tmp_path) -> None:
    """The time it takes is a benchmark figure (benchmarks/bench_render.py), not a test:
    a wall-clock limit fails on a loaded machine and says nothing about the code."""
    frame = synthetic_frame(10_000)
    target = tmp_path / "big.html"
    render_html(frame, target)
    assert target.stat().st_size < 8_000_000
    payload = json.loads(blob_of(target.read_text("utf-8")))
    assert len(payload["ev"]["label"]) == 10_000
    # each sentence is stored once, not once per trace
    assert target.read_text("utf-8").count(payload["sentences"][0]) == 1


# ------------------------------------------------------------ images without a browser


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_render_image_without_chromium_says_how_to_fix(tmp_path, monkeypatch, fmt) -> None:
    monkeypatch.setattr(image, "find_chromium", lambda: None)
    target = tmp_path / f"t.{fmt}"
    with pytest.raises(TimelineError) as err:
        render_image(realistic_frame(), target, fmt)
    assert str(err.value) == (f"{target}: no headless Chromium found; install it "
                              f"(apt-get install chromium) or drop --format {fmt}")
    assert not target.exists()


def test_the_image_error_names_the_format_asked_for_through_the_cli(
        tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from timeline.cli import app

    monkeypatch.setattr(image, "find_chromium", lambda: None)
    (tmp_path / "a.txt").write_text("---\npublished: 2022-09-16\n---\n"
                                    "Xi and Putin met on Thursday.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(tmp_path / "a.txt"), "-o", str(out),
                                      "-f", "csv,svg", "-q"])
    assert result.exit_code == 1
    assert result.output.strip().endswith("or drop --format svg")
    assert not (out / "events.csv").exists()


def test_render_image_rejects_unknown_formats(tmp_path) -> None:
    with pytest.raises(TimelineError, match=r"unknown image format 'gif'; use png or svg"):
        render_image(realistic_frame(), tmp_path / "t.gif", "gif")
