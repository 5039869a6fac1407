"""Key events, the first view and very large tables, before any browser: the payload the
page draws from and the TimelineJS export, with summary tables made by hand."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from browser_util import make_event, realistic_frame, summary_of, synthetic_frame

from timeline.errors import TimelineError
from timeline.render import overview
from timeline.render.html import timelinejs_json
from timeline.render.keyevents import human_date
from timeline.render.overview import initial_view, weekly_density
from timeline.render.payload import build_payload, day_iso, day_number
from timeline.table.schema import events_to_frame

STORY_IDS = dict(zip(realistic_frame()["event"], realistic_frame()["event_id"], strict=True))


def story_summary():
    """Four key dates of the port strike, as a summarizer could pick them."""
    ids = STORY_IDS
    return summary_of(
        ("2022-09-12", "Dockworkers walk out at the two largest ports", 3,
         "Dockworkers at the two largest ports walked out on Monday.",
         (ids["dockworkers walk out"],), "2022-09-15"),
        ("2022-09-23", "Union and Port Authority reach a deal", 2,
         "The union and the Port Authority reached a deal on Friday.",
         (ids["deal reached"],), "2022-09-24"),
        ("2022-05-01", "Retailers stockpile <ahead> of a dispute", 1,
         "Retailers began stockpiling around May 2022.", (ids["stockpiling began"],),
         "2022-09-16"),
        ("2019-01-01", "The last major strike", 1, "The last major strike lasted eleven days.",
         (ids["last major strike"],), "2022-09-15"),
    )


def iso_view(view: list[int] | None) -> list[str] | None:
    return [day_iso(d) for d in view] if view else None


# ------------------------------------------------------------ the first view


def _days(*spec: tuple[str, int]) -> list[int]:
    return [day_number(day) for day, count in spec for _ in range(count)]  # type: ignore[misc]


@pytest.mark.parametrize(("days", "first", "last"), [
    # one row in 8071 dated 1850 does not stretch the axis
    (_days(("2022-09-14", 4000), ("2022-09-16", 4070), ("1850-01-01", 1)),
     "2022-09-08", "2022-09-22"),
    # a story of five months with background years before it: the five months
    (_days(("2010-04-20", 300), ("2010-05-27", 200), ("2010-07-15", 250), ("2010-09-19", 150),
           ("1989-03-24", 20), ("2005-03-23", 20)), "2010-03-13", "2010-10-27"),
    # a single day: two weeks around it
    (_days(("2022-09-15", 1)), "2022-09-08", "2022-09-22"),
    # days that follow on closely are kept in view (early September joins the strike)
    (_days(("2022-09-12", 3), ("2022-09-15", 3), ("2022-09-06", 1), ("2021-01-01", 1)),
     "2022-09-03", "2022-09-18"),
])
def test_the_first_view_is_where_the_events_are(days, first, last) -> None:
    assert iso_view(initial_view(days)) == [first, last]


def test_no_days_no_view() -> None:
    assert initial_view([]) is None
    assert build_payload(events_to_frame([]))["view"] == {"all": None}


def test_the_story_opens_on_its_weeks_not_on_2019() -> None:
    data = build_payload(realistic_frame(), summary=story_summary())
    assert iso_view(data["view"]["all"]) == ["2022-08-27", "2022-09-30"]
    # the key view holds 70 % of the key dates counted once per reporting article (09-12
    # three times, 09-23 twice, 05-01 and 2019-01-01 once: 5 of 7 are 09-12..09-23, 11
    # days; the next date is 134 days off), padded by a quarter of 11 days: 3
    assert iso_view(data["view"]["key"]) == ["2022-09-09", "2022-09-26"]


def test_a_key_date_far_from_the_others_is_left_out_of_the_first_view() -> None:
    days = [day_number(f"2010-{m:02d}-{d:02d}") for m in (4, 5, 6, 7) for d in (5, 20)]
    view = iso_view(initial_view(days + [day_number("1989-03-24")], overview.KEY_VIEW_SHARE))
    assert view == ["2010-03-10", "2010-08-15"]  # April 5 - July 20, padded by a quarter


def test_weekly_density_counts_every_mention_by_monday_weeks() -> None:
    mondays = [day_number("2022-09-12"), day_number("2022-09-18"), day_number("2022-09-26")]
    density = weekly_density(mondays)
    assert density["n"] == [2, 0, 1]
    assert day_iso(density["w0"] * 7 - 3) == "2022-09-12"  # the page draws it from Monday


# ------------------------------------------------------------ key events in the payload


def test_the_payload_carries_the_key_events_with_the_mentions_behind_them() -> None:
    data = build_payload(realistic_frame(), summary=story_summary())
    key, ev = data["key"], data["ev"]
    assert [day_iso(d) for d in key["day"]] == ["2019-01-01", "2022-05-01", "2022-09-12",
                                                "2022-09-23"]  # date order
    assert key["head"][1] == "Retailers stockpile <ahead> of a dispute"  # escaped by the page
    assert key["n"] == [1, 1, 3, 2] and key["rank"] == [4, 3, 1, 2]
    assert key["first"][2] == day_number("2022-09-15")
    assert [ev["label"][i[0]] for i in key["ev"]] == [
        "last major strike", "stockpiling began", "dockworkers walk out", "deal reached"]
    # the date at the precision its events know: a year, a month, then two days
    assert key["dl"] == ["2019", "May 2022", "", ""]


def test_without_a_summary_there_are_no_key_events() -> None:
    data = build_payload(realistic_frame())
    assert "key" not in data and set(data["view"]) == {"all"}


def test_a_summary_without_its_columns_is_a_one_line_error() -> None:
    broken = story_summary().drop(columns=["headline"])
    with pytest.raises(TimelineError, match="summary table lacks columns headline"):
        build_payload(realistic_frame(), summary=broken)


# ------------------------------------------------------------ very large tables


def test_a_large_table_draws_the_most_reported_and_counts_every_row(monkeypatch) -> None:
    monkeypatch.setattr(overview, "MAX_EVENTS", 50)
    frame = synthetic_frame(400)
    frame.loc[frame.index[::7], "n_sources"] = 3  # 58 rows reported three times
    data = build_payload(frame)
    assert len(data["ev"]["x0"]) == 50 and data["dated"] == 400
    assert set(data["ev"]["n"]) == {3}
    assert sum(data["density"]["n"]) == 400  # the strip counts all of them


# ------------------------------------------------------------ TimelineJS


def test_timelinejs_with_a_summary_exports_the_key_events() -> None:
    data = timelinejs_json(realistic_frame(), title="Port strike", summary=story_summary())
    slides = data["events"]
    assert data["title"]["text"]["text"] == "4 key events from 4 articles"
    assert [s["text"]["headline"] for s in slides] == [
        "The last major strike", "Retailers stockpile &lt;ahead&gt; of a dispute",
        "Dockworkers walk out at the two largest ports", "Union and Port Authority reach a deal"]
    year, month, day = slides[0], slides[1], slides[2]
    assert year["start_date"] == {"year": 2019} and year["display_date"] == "2019"
    assert month["start_date"] == {"year": 2022, "month": 5}
    assert month["display_date"] == "May 2022"  # not "May 1, 2022"
    assert day["start_date"] == {"year": 2022, "month": 9, "day": 12}
    assert "display_date" not in day
    assert "Reported by 3 articles · first reported 2022-09-15" in day["text"]["text"]
    assert "<p>Dockworkers at the two largest ports walked out on Monday.</p>" in \
        day["text"]["text"]
    assert len({s["unique_id"] for s in slides}) == 4


def test_key_slides_link_the_articles_behind_them() -> None:
    frame = realistic_frame()
    summary = story_summary()
    summary.loc[0, "sources"] = "ports; markets; nowhere"
    slide = timelinejs_json(frame, summary=summary)["events"][2]
    assert ('Sources: <a href="https://harbour-times.example/strike">Harbour Times</a>, '
            '<a href="https://markets-daily.example/freight">Markets Daily</a></p>') in \
        slide["text"]["text"]


@pytest.mark.parametrize(("grain", "value", "shown"), [
    ("year", "2010", "2010"), ("month", "2010-04", "April 2010"),
    ("day", "2010-04-20", "April 20, 2010"), ("quarter", "2010-Q2", "2010-Q2"),
    ("decade", "201", "2010"),
])
def test_dates_are_written_at_their_precision(grain, value, shown) -> None:
    day = date(2010, 4, 20) if grain == "day" else date(2010, 4, 1) if grain != "decade" \
        else date(2010, 1, 1)
    assert human_date(day, grain, value if grain == "quarter" else "") == shown


def test_timelinejs_without_a_summary_keeps_the_most_reported_200() -> None:
    base = date(2022, 1, 1)
    events = [make_event(n, doc=f"doc-{n % 9}", event=f"event {n}", start=base + timedelta(n),
                         end=base + timedelta(n), value=(base + timedelta(n)).isoformat())
              for n in range(260)]
    frame = events_to_frame(events)
    frame.loc[frame.index[:30], "n_sources"] = 4
    data = timelinejs_json(frame)
    assert len(data["events"]) == 200
    assert data["title"]["text"]["text"] == "200 of 260 events from 9 articles"
    heads = [s["text"]["headline"] for s in data["events"]]
    assert heads[:30] == [html.escape(f"event {n}") for n in range(30)]  # all 30 kept
    starts = [(s["start_date"]["year"], s["start_date"]["month"], s["start_date"]["day"])
              for s in data["events"]]
    assert starts == sorted(starts)  # still in table order
