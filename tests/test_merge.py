"""Merging mentions of the same event across articles."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from timeline.events.merge import merge_events, similarity
from timeline.models import Event

THU = date(2022, 9, 15)
MakeEvent = Callable[..., Event]


def meeting_mentions(make_event: MakeEvent) -> list[Event]:
    return [
        make_event(event_id="a1", doc_id="doc-b", event="Xi and Putin's meeting in Samarkand",
                   trigger="meeting", actors=("Xi", "Putin"), confidence=0.8, char_start=40,
                   char_end=48),
        make_event(event_id="b1", doc_id="doc-a", event="Xi and Putin meet in Samarkand",
                   trigger="met", actors=("Xi Jinping", "Vladimir Putin"), confidence=0.9,
                   places=("Samarkand",), char_start=10, char_end=18),
        make_event(event_id="c1", doc_id="doc-c",
                   event="Putin met Xi on the sidelines of the SCO summit", trigger="met",
                   actors=("Vladimir Putin", "Xi Jinping", "SCO"), places=("Uzbekistan",),
                   timex_text="September 15", confidence=0.9, char_start=5, char_end=17),
    ]


def test_three_mentions_in_three_documents_make_one_row(make_event: MakeEvent) -> None:
    merged = merge_events(meeting_mentions(make_event))
    assert len(merged) == 1
    row = merged[0]
    assert (row.sources, row.n_sources) == (("doc-a", "doc-b", "doc-c"), 3)
    assert row.event == "Xi and Putin meet in Samarkand"  # highest confidence, then shortest
    assert (row.doc_id, row.char_start) == ("doc-a", 10)
    assert row.actors == ("Xi Jinping", "Vladimir Putin", "SCO")
    assert row.places == ("Samarkand", "Uzbekistan")
    assert (row.start, row.end, row.confidence) == (THU, THU, 0.9)
    assert row.event_id not in ("a1", "b1", "c1") and len(row.event_id) == 12


def test_merged_row_keeps_the_most_precise_date(make_event: MakeEvent) -> None:
    week = make_event(event_id="w", doc_id="doc-w", granularity="week", timex_value="2022-W37",
                      start=date(2022, 9, 12), end=date(2022, 9, 18), confidence=0.95,
                      event="Xi and Putin meet")
    day = make_event(event_id="d", doc_id="doc-d", confidence=0.6)
    row = merge_events([week, day])[0]
    assert row.event == "Xi and Putin meet"  # the clearer mention's label ...
    assert (row.start, row.end, row.granularity) == (THU, THU, "day")  # ... the precise date


def test_two_events_on_the_same_day_with_different_actors_stay_apart(
        make_event: MakeEvent) -> None:
    meeting = make_event(event_id="m", doc_id="doc-a")
    other = make_event(event_id="o", doc_id="doc-b", event="Scholz and Macron meet in Paris",
                       actors=("Olaf Scholz", "Emmanuel Macron"), places=("Paris",))
    merged = merge_events([meeting, other])
    assert [(e.event_id, e.n_sources) for e in merged] == [("m", 1), ("o", 1)]
    assert [e.sources for e in merged] == [("doc-a",), ("doc-b",)]


def test_different_happenings_of_the_same_people_stay_apart(make_event: MakeEvent) -> None:
    meeting = make_event(event_id="m", doc_id="doc-a")
    call = make_event(event_id="c", doc_id="doc-b", event="Putin phoned Erdogan",
                      trigger="phoned", actors=("Vladimir Putin", "Recep Tayyip Erdogan"))
    assert similarity(meeting, call) is None
    assert len(merge_events([meeting, call])) == 2


def test_mentions_of_one_document_are_not_merged_but_duplicates_are(
        make_event: MakeEvent) -> None:
    first = make_event(event_id="1", char_start=10, char_end=18)
    second = make_event(event_id="2", char_start=300, char_end=308)
    duplicate = make_event(event_id="1", char_start=10, char_end=18)
    merged = merge_events([first, second, duplicate])
    assert [(e.event_id, e.n_sources) for e in merged] == [("1", 1), ("2", 1)]


def test_incompatible_granularity_or_disjoint_dates_do_not_merge(make_event: MakeEvent) -> None:
    day = make_event(event_id="d", doc_id="doc-a")
    year = make_event(event_id="y", doc_id="doc-b", granularity="year", timex_value="2022",
                      start=date(2022, 1, 1), end=date(2022, 12, 31))
    later = make_event(event_id="l", doc_id="doc-c", start=THU + timedelta(days=1),
                       end=THU + timedelta(days=1), timex_value="2022-09-16")
    past = make_event(event_id="p", doc_id="doc-d", granularity="", timex_value="PAST_REF",
                      start=date(2021, 9, 15), end=date(2022, 9, 14))
    assert similarity(day, year) is None
    assert similarity(day, later) is None
    assert similarity(day, past) is None
    assert len(merge_events([day, year, later, past])) == 4


def test_a_since_interval_does_not_merge_with_a_point(make_event: MakeEvent) -> None:
    point = make_event(event_id="p", doc_id="doc-a", granularity="month",
                       start=date(2022, 2, 1), end=date(2022, 2, 28))
    since = make_event(event_id="s", doc_id="doc-b", granularity="month", relation="since",
                       start=date(2022, 2, 1), end=THU)
    assert similarity(point, since) is None


def test_output_is_sorted_and_does_not_depend_on_input_order(make_event: MakeEvent) -> None:
    events = meeting_mentions(make_event) + [
        make_event(event_id="x", doc_id="doc-x", event="Biden visits Kyiv", trigger="visits",
                   actors=("Joe Biden",), start=date(2022, 2, 20), end=date(2022, 2, 20)),
    ]
    forward = merge_events(events)
    backward = merge_events(list(reversed(events)))
    assert forward == backward
    assert [e.start for e in forward] == [date(2022, 2, 20), THU]


def test_ten_thousand_events_merge_into_stories(make_event: MakeEvent) -> None:
    """How long it takes is a benchmark figure (benchmarks/bench_events.py), not a test."""
    rng = random.Random(7)
    people = [f"Person{i} Name{i}" for i in range(300)]
    verbs = ["met", "signed", "visited", "announced", "attacked", "launched"]
    events = []
    for i in range(10_000):
        story = rng.randrange(2_500)  # about four mentions per real event
        when = date(2021, 1, 1) + timedelta(days=story % 700)
        pair = (people[story % 300], people[(story * 7 + 1) % 300])
        events.append(make_event(
            event_id=f"e{i}", doc_id=f"doc{i % 1500}", event=f"{pair[0]} {verbs[story % 6]} x",
            trigger=verbs[story % 6], actors=pair, start=when, end=when, char_start=i,
            char_end=i + 4))
    merged = merge_events(events)
    assert 2_000 <= len(merged) <= 4_000
    assert max(e.n_sources for e in merged) >= 4


def test_merged_label_names_an_actor(make_event: MakeEvent) -> None:
    bare = make_event(event_id="b", doc_id="doc-b", event="Meeting", confidence=1.0)
    named = make_event(event_id="n", doc_id="doc-n", event="Xi and Putin meet at the summit",
                       confidence=1.0)
    assert merge_events([bare, named])[0].event == "Xi and Putin meet at the summit"


def test_since_rows_ending_on_different_days_keep_their_own_intervals(
        make_event: MakeEvent) -> None:
    def since(doc: str, published: date) -> Event:
        return make_event(event_id=doc, doc_id=doc, granularity="month", relation="since",
                          published=published, start=date(2022, 2, 1), end=published,
                          timex_text="since February", event="Xi and Putin's first meeting",
                          trigger="meeting", actors=("Xi Jinping", "Vladimir Putin"))

    early, late = since("doc-13", date(2022, 9, 13)), since("doc-15", THU)
    rows = merge_events([early, late])
    assert sorted((e.doc_id, e.end) for e in rows) == [("doc-13", date(2022, 9, 13)),
                                                       ("doc-15", THU)]
    same = since("doc-15b", THU)
    (merged,) = [e for e in merge_events([late, same]) if e.n_sources == 2]
    assert merged.end == THU


def test_an_actor_has_one_name_across_articles(make_event: MakeEvent) -> None:
    short = make_event(event_id="s", doc_id="doc-a", actors=("Trump",), event="Trump said")
    full = make_event(event_id="f", doc_id="doc-b", actors=("Donald Trump", "Xi Jinping"),
                      event="Donald Trump met Xi", start=date(2017, 4, 3),
                      end=date(2017, 4, 3))
    two = make_event(event_id="j", doc_id="doc-c", actors=("Johnson",), event="Johnson spoke")
    boris = make_event(event_id="b", doc_id="doc-d", actors=("Boris Johnson",),
                       event="Boris Johnson left", start=date(2017, 4, 3), end=date(2017, 4, 3))
    samuel = make_event(event_id="m", doc_id="doc-e", actors=("Samuel Johnson",),
                        event="Samuel Johnson wrote", start=date(2017, 4, 3),
                        end=date(2017, 4, 3))
    rows = {e.event_id: e.actors for e in merge_events([short, full, two, boris, samuel])}
    assert rows["s"] == ("Donald Trump",)
    assert rows["j"] == ("Johnson",)  # two people could be meant: kept as written
