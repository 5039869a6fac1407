"""Event extraction: triggers per construction, labels, intervals, confidence, both paths.

Temporal expressions are built by hand (the tagger is tested elsewhere), with the
offsets and values a TimeML tagger gives them.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from timeline.errors import TimelineError
from timeline.events.extract import confidence, duration_days, event_id, extract_events
from timeline.ingest.loader import load_articles
from timeline.models import Article, Event, Timex

PUB = date(2022, 9, 15)
HAS_SPACY = importlib.util.find_spec("spacy") is not None
SPACY = pytest.param("spacy", marks=[
    pytest.mark.spacy, pytest.mark.skipif(not HAS_SPACY, reason="spaCy is not installed")])
PATHS = ["rules", SPACY]
SAMPLE = Path(__file__).resolve().parents[1] / "sample_articles" / "xi-meets-putin.md"


def tx(text: str, phrase: str, value: str, *, type: str = "DATE", mod: str = "",
       first: date | None = None, last: date | None = None, relation: str = "on",
       range_start: date | None = None, range_end: date | None = None,
       after: str = "") -> Timex:
    """A Timex on the first ``phrase`` in ``text`` (after the first ``after``)."""
    start = text.index(phrase, text.index(after) if after else 0)
    rs = range_start if range_start is not None else first
    re_ = range_end if range_end is not None else last
    return Timex(start, start + len(phrase), phrase, type, value, mod, first, last, relation,
                 rs, re_)


def day(text: str, phrase: str, when: date, **kw: object) -> Timex:
    return tx(text, phrase, when.isoformat(), first=when, last=when, **kw)  # type: ignore[arg-type]


def run(text: str, timexes: list[Timex], nlp: str, doc_id: str = "doc") -> list[Event]:
    return extract_events(Article(doc_id, "Title", text, PUB, source="Wire"), timexes, nlp=nlp)


def only(events: list[Event]) -> Event:
    assert len(events) == 1, [e.event for e in events]
    return events[0]


# --- triggers, one construction each -------------------------------------------------

@pytest.mark.parametrize("nlp", PATHS)
def test_verb_with_on_date(nlp: str) -> None:
    text = "Chancellor Olaf Scholz met President Emmanuel Macron on Thursday in Paris."
    ev = only(run(text, [day(text, "Thursday", PUB)], nlp))
    assert ev.trigger == "met"
    assert ev.event == "Olaf Scholz met Emmanuel Macron in Paris"
    assert ev.actors[:2] == ("Olaf Scholz", "Emmanuel Macron")
    assert ev.places == ("Paris",)
    assert (ev.start, ev.end, ev.granularity, ev.relation) == (PUB, PUB, "day", "on")
    assert ev.extractor == nlp


@pytest.mark.parametrize("nlp", PATHS)
def test_possessive_date_dates_the_event_noun(nlp: str) -> None:
    text = "Protesters gathered outside Thursday's meeting of NATO ministers in Brussels."
    ev = only(run(text, [day(text, "Thursday", PUB)], nlp))
    assert ev.trigger == "meeting"
    assert "meeting of NATO ministers" in ev.event.lower().replace("nato", "NATO")
    assert "NATO" in ev.actors


@pytest.mark.parametrize("nlp", PATHS)
def test_event_noun_with_month(nlp: str) -> None:
    text = "The invasion in February 2022 displaced millions of Ukrainians."
    feb = tx(text, "February 2022", "2022-02", first=date(2022, 2, 1), last=date(2022, 2, 28))
    ev = only(run(text, [feb], nlp))
    assert ev.trigger == "invasion"
    assert "invasion" in ev.event.lower()
    assert (ev.start, ev.end, ev.granularity) == (date(2022, 2, 1), date(2022, 2, 28), "month")


@pytest.mark.parametrize("nlp", PATHS)
def test_two_dates_of_two_things_give_two_events(nlp: str) -> None:
    text = "The border treaty was signed in 2001 and renewed in 2021."
    y1 = tx(text, "2001", "2001", first=date(2001, 1, 1), last=date(2001, 12, 31))
    y2 = tx(text, "2021", "2021", first=date(2021, 1, 1), last=date(2021, 12, 31))
    events = run(text, [y1, y2], nlp)
    assert [(e.trigger, e.start.year) for e in events] == [("signed", 2001), ("renewed", 2021)]
    assert events[0].sentence_index == events[1].sentence_index == 0


@pytest.mark.parametrize("nlp", PATHS)
def test_two_expressions_of_one_thing_give_one_event(nlp: str) -> None:
    text = "The ministers met on Thursday, September 15, in Geneva."
    thu = day(text, "Thursday", PUB)
    sep = day(text, "September 15", PUB)
    ev = only(run(text, [thu, sep], nlp))
    assert ev.trigger == "met"


@pytest.mark.parametrize("nlp", PATHS)
def test_from_to_pair_is_one_event_with_the_interval(nlp: str) -> None:
    text = "The exhibition ran from August 30 to September 5 in Vienna."
    span = {"relation": "from-to", "range_start": date(2022, 8, 30),
            "range_end": date(2022, 9, 5)}
    a = tx(text, "August 30", "2022-08-30", first=date(2022, 8, 30), last=date(2022, 8, 30),
           **span)  # type: ignore[arg-type]
    b = tx(text, "September 5", "2022-09-05", first=date(2022, 9, 5), last=date(2022, 9, 5),
           **span)  # type: ignore[arg-type]
    ev = only(run(text, [a, b], nlp))
    assert ev.trigger == "ran"
    assert (ev.start, ev.end, ev.relation) == (date(2022, 8, 30), date(2022, 9, 5), "from-to")
    assert (ev.char_start, ev.char_end) == (a.start, b.end)
    assert ev.timex_text == "August 30 to September 5"
    assert ev.timex_value == "2022-08-30"  # a TIMEX3 value: the span is start..end


@pytest.mark.parametrize("nlp", PATHS)
def test_since_gives_an_interval_up_to_publication(nlp: str) -> None:
    text = "Since February, prices have doubled in Germany."
    since = tx(text, "February", "2022-02", first=date(2022, 2, 1), last=date(2022, 2, 28),
               relation="since", range_start=date(2022, 2, 1), range_end=PUB)
    ev = only(run(text, [since], nlp))
    assert ev.trigger == "doubled"
    assert (ev.start, ev.end, ev.relation) == (date(2022, 2, 1), PUB, "since")
    assert ev.places == ("Germany",)


@pytest.mark.parametrize("nlp", PATHS)
def test_duration_gets_its_start_from_a_date_in_the_same_sentence(nlp: str) -> None:
    text = ("Tokayev hosted Erdogan on Monday at the opening of the three-day Astana "
            "security summit.")
    monday = day(text, "Monday", date(2022, 9, 12))
    three = tx(text, "three-day", "P3D", type="DURATION")
    events = run(text, [monday, three], nlp)
    assert [e.trigger for e in events] == ["hosted", "summit"]
    summit = events[1]
    assert (summit.start, summit.end) == (date(2022, 9, 12), date(2022, 9, 14))
    assert (summit.timex_type, summit.timex_value, summit.granularity) == ("DURATION", "P3D",
                                                                            "day")
    assert "summit" in summit.event and "three-day" not in summit.event
    assert summit.confidence < events[0].confidence


@pytest.mark.parametrize("nlp", PATHS)
def test_duration_in_the_next_sentence_and_duration_without_a_date(nlp: str) -> None:
    text = ("The congress opened on Monday in Beijing. The week-long congress will pick "
            "new leaders.\n\nThe two-year war has ruined the economy.")
    monday = day(text, "Monday", date(2022, 10, 17))
    week = tx(text, "week-long", "P1W", type="DURATION")
    years = tx(text, "two-year", "P2Y", type="DURATION")
    events = run(text, [monday, week, years], nlp)
    assert len(events) == 1
    assert (events[0].start, events[0].end) == (date(2022, 10, 17), date(2022, 10, 23))
    assert events[0].trigger == "opened"
    assert events[0].relation == "from-to"


@pytest.mark.parametrize("nlp", PATHS)
def test_now_dates_the_event_it_is_anchored_to(nlp: str) -> None:
    text = "Prices are now rising fast. The now famous summit drew crowds."
    now1 = tx(text, "now", "PRESENT_REF", first=PUB, last=PUB)
    now2 = tx(text, "now", "PRESENT_REF", first=PUB, last=PUB, after="The now")
    events = run(text, [now1, now2], nlp)
    assert [(e.trigger, e.start, e.end) for e in events] == [("rising", PUB, PUB),
                                                              ("summit", PUB, PUB)]


@pytest.mark.parametrize("nlp", PATHS)
def test_boilerplate_and_sets_yield_nothing(nlp: str) -> None:
    text = ("Top jobs of the day\n\nRead more: Putin visited Beijing on Friday\n\n"
            "Talks are held every year.")
    the_day = tx(text, "the day", PUB.isoformat(), first=PUB, last=PUB)
    friday = day(text, "Friday", date(2022, 9, 9))
    yearly = tx(text, "every year", "XXXX", type="SET")
    assert run(text, [the_day, friday, yearly], nlp) == []


@pytest.mark.parametrize("nlp", PATHS)
def test_pronoun_subject_is_resolved_to_the_person_named_before(nlp: str) -> None:
    text = ("Finance Minister Christian Lindner presented the budget. On Tuesday he "
            "defended it in parliament.")
    ev = only(run(text, [day(text, "Tuesday", date(2022, 9, 13))], nlp))
    assert ev.trigger == "defended"
    assert ev.event == "Christian Lindner defended it in parliament"
    assert ev.actors[0] == "Christian Lindner"


# --- rows: ids, confidence, fields ------------------------------------------------------

def test_row_fields_and_stable_id() -> None:
    text = "Leaders met on Thursday in Samarkand."
    thu = day(text, "Thursday", PUB)
    ev = only(run(text, [thu], "rules", doc_id="a/b.txt"))
    assert ev.event_id == event_id("a/b.txt", thu.start, thu.end, "2022-09-15")
    assert len(ev.event_id) == 12
    assert ev.event_id == only(run(text, [thu], "rules", doc_id="a/b.txt")).event_id
    assert ev.event_id != only(run(text, [thu], "rules", doc_id="c.txt")).event_id
    assert (ev.doc_id, ev.doc_title, ev.source, ev.published) == ("a/b.txt", "Title", "Wire",
                                                                    PUB)
    assert (ev.sentence, ev.timex_text, ev.char_start) == (text, "Thursday", thu.start)
    assert (ev.sources, ev.n_sources) == (("a/b.txt",), 1)


def test_confidence_falls_with_fuzzier_dates_and_weaker_anchoring() -> None:
    sharp = Timex(0, 8, "Thursday", "DATE", "2022-09-15", earliest=PUB, latest=PUB)
    early = Timex(0, 8, "early February", "DATE", "2022-02", "START")
    past = Timex(0, 8, "recently", "DATE", "PAST_REF")
    year = Timex(0, 4, "2021", "DATE", "2021")
    assert confidence(sharp, 1.0, "body") == 1.0
    assert confidence(early, 1.0, "body") == pytest.approx(0.85 * 0.85, abs=1e-3)
    assert confidence(past, 1.0, "body") == pytest.approx(0.5 * 0.6, abs=1e-3)
    assert confidence(year, 1.0, "body") == 0.75
    assert confidence(sharp, 0.85, "body") == 0.85
    assert confidence(sharp, 1.0, "heading") == 0.7


def test_headline_date_is_kept_with_lower_confidence() -> None:
    text = "Putin and Xi meet on Thursday\n\nPutin and Xi met on Thursday in Samarkand."
    head = day(text, "Thursday", PUB)
    body = day(text, "Thursday", PUB, after="met")
    heading, sentence = run(text, [head, body], "rules")
    assert heading.confidence < sentence.confidence
    assert heading.sentence_index == 0 and sentence.sentence_index == 1


def test_duration_days() -> None:
    assert duration_days("P2D", PUB) == 2
    assert duration_days("P1W", PUB) == 7
    assert duration_days("P1M", date(2022, 1, 31)) is None
    assert duration_days("P1M", date(2022, 2, 1)) == 28
    assert duration_days("P1Y", date(2022, 3, 1)) == 365
    assert duration_days("PXD", PUB) is None


def test_unknown_nlp_choice_is_a_timeline_error() -> None:
    with pytest.raises(TimelineError, match="unknown NLP choice 'stanza'"):
        run("Leaders met on Thursday.", [], "stanza")


@pytest.mark.spacy
@pytest.mark.skipif(not HAS_SPACY, reason="spaCy is not installed")
def test_auto_uses_spacy_when_the_model_loads() -> None:
    text = "Leaders met on Thursday."
    assert only(run(text, [day(text, "Thursday", PUB)], "auto")).extractor == "spacy"


# --- the seed article --------------------------------------------------------------------

def seed_timexes(text: str) -> list[Timex]:
    feb, month_end = date(2022, 2, 1), date(2022, 2, 28)
    past = {"first": date(2021, 9, 15), "last": date(2022, 9, 14)}
    return [
        tx(text, "February", "2022-02", first=feb, last=month_end, relation="since",
           range_start=feb, range_end=PUB, after="first meeting since"),
        tx(text, "recent months", "PAST_REF", **past),  # type: ignore[arg-type]
        tx(text, "now", "PRESENT_REF", first=PUB, last=PUB, after="his now"),
        day(text, "Thursday", PUB),
        tx(text, "two-day", "P2D", type="DURATION"),
        tx(text, "recently", "PAST_REF", **past),  # type: ignore[arg-type]
        tx(text, "Thursday morning", "2022-09-15TMO", type="TIME", first=PUB, last=PUB),
        tx(text, "early February", "2022-02", mod="START", first=feb, last=date(2022, 2, 9)),
    ]


@pytest.mark.parametrize("nlp", PATHS)
def test_seed_article_table(nlp: str) -> None:
    text = load_articles([SAMPLE])[0].text  # the project's own copy of the seed article
    events = {e.timex_text: e for e in run(text, seed_timexes(text), nlp)}
    assert set(events) == {"February", "recent months", "Thursday", "two-day", "recently",
                           "Thursday morning", "early February"}
    since = events["February"]
    assert (since.start, since.end, since.relation, since.trigger) == (
        date(2022, 2, 1), PUB, "since", "meeting")
    assert since.event == "Xi and Putin's first meeting"
    assert since.actors[:2] == ("Xi Jinping", "Vladimir Putin")
    meeting = events["Thursday"]
    assert (meeting.start, meeting.end, meeting.trigger) == (PUB, PUB, "meeting")
    assert meeting.event.startswith("Xi and Putin's meeting in Samarkand")
    assert meeting.places[:2] == ("Samarkand", "Uzbekistan")
    summit = events["two-day"]
    assert (summit.start, summit.end, summit.trigger) == (PUB, date(2022, 9, 16), "summit")
    assert summit.event == "Shanghai Cooperation Organization summit"
    guests = events["recent months"]
    assert (guests.timex_value, guests.event) == ("PAST_REF", "Putin welcomed guests")
    talks = events["Thursday morning"]
    assert talks.timex_value == "2022-09-15TMO"
    assert talks.event.startswith("Xi underpinned") and "talks with heads of state" in talks.event
    assert {"Xi Jinping", "Tajikistan", "Kyrgyzstan"} <= set(talks.actors)
    olympics = events["early February"]
    assert (olympics.start, olympics.end, olympics.timex_mod) == (
        date(2022, 2, 1), date(2022, 2, 9), "START")
    assert "Winter Olympics" in olympics.event
    assert olympics.actors == ("Xi Jinping", "Vladimir Putin")
    assert olympics.places == ("Beijing",)
    assert events["recently"].actors == ("Russia", "China")
    assert meeting.confidence > olympics.confidence > guests.confidence


@pytest.mark.parametrize("nlp", PATHS)
def test_gap_durations_measure_no_event(nlp: str) -> None:
    text = ("Xi and Putin met on Thursday for their first talks in more than seven months. "
            "A day after the summit ended on Friday, Xi flew home.")
    thursday = day(text, "Thursday", PUB)
    seven = tx(text, "more than seven months", "P7M", type="DURATION", mod="MORE_THAN")
    a_day = tx(text, "A day", "P1D", type="DURATION")
    friday = day(text, "Friday", date(2022, 9, 16))
    events = run(text, [thursday, seven, a_day, friday], nlp)
    assert [e.timex_type for e in events] == ["DATE", "DATE"]
    assert [(e.start, e.end) for e in events] == [(PUB, PUB), (date(2022, 9, 16),) * 2]


@pytest.mark.spacy
@pytest.mark.skipif(not HAS_SPACY, reason="spaCy is not installed")
def test_spacy_copula_and_participle_constructions() -> None:
    text = ("Xi was in Astana on Wednesday for a state visit. The treaty, signed in July "
            "2001, binds both countries.")
    wed = day(text, "Wednesday", date(2022, 9, 14))
    july = tx(text, "July 2001", "2001-07", first=date(2001, 7, 1), last=date(2001, 7, 31))
    visit, treaty = run(text, [wed, july], "spacy")
    assert visit.trigger == "visit" and "visit" in visit.event
    assert treaty.trigger == "signed" and treaty.event.startswith("Treaty signed")


@pytest.mark.parametrize("nlp", PATHS)
def test_was_due_to_dates_the_verb_it_governs(nlp: str) -> None:
    text = "In the evening he was due to fly on to Samarkand for the summit."
    evening = tx(text, "the evening", "2022-09-14TEV", type="TIME", first=date(2022, 9, 14),
                 last=date(2022, 9, 14))
    assert only(run(text, [evening], nlp)).trigger == "fly"


@pytest.mark.parametrize("nlp", PATHS)
def test_a_rate_does_not_stretch_the_event(nlp: str) -> None:
    from timeline.temporal.tagger import tag

    text = "The company said on Thursday it will cut costs by $500 million a year."
    events = run(text, tag(text, PUB), nlp)
    assert [(e.timex_text, e.start, e.end) for e in events] == [
        ("Thursday", PUB, PUB)]  # "a year" here is a rate (SET), not how long it lasts


# --- linear in the article: every stretch is read like the first --------------------

SUMMIT = "The two-day summit opened on Monday in Samarkand."
MONDAY = date(2022, 9, 12)


def _repeated(unit: str, n: int, sep: str, marks: list[tuple[str, str, str]]
              ) -> tuple[str, list[Timex]]:
    """``unit`` n times joined by ``sep``, with a Timex on each (phrase, type, value) of
    ``marks`` in every copy."""
    text = sep.join([unit] * n)
    found: list[Timex] = []
    for k in range(n):
        base = k * (len(unit) + len(sep))
        for phrase, kind, value in marks:
            at = base + unit.index(phrase)
            when = MONDAY if kind == "DATE" else None
            found.append(Timex(at, at + len(phrase), phrase, kind, value, "", when, when,
                               "on" if kind == "DATE" else ""))
    return text, found


def _shape(e: Event) -> tuple[object, ...]:
    return (e.event, e.trigger, e.start, e.end, e.timex_value, e.sentence, e.confidence)


@pytest.mark.parametrize("nlp", PATHS)
def test_the_hundredth_paragraph_gets_the_events_of_the_first(nlp: str) -> None:
    marks = [("two-day", "DURATION", "P2D"), ("Monday", "DATE", MONDAY.isoformat())]
    one = run(*_repeated(SUMMIT, 1, "\n\n", marks), nlp)
    many = run(*_repeated(SUMMIT, 120, "\n\n", marks), nlp)
    assert [(e.start, e.end) for e in one] == [(MONDAY, date(2022, 9, 13))]  # two days
    assert [_shape(e) for e in many] == [_shape(e) for e in one] * 120


def test_a_duration_reads_a_bounded_number_of_rows_next_door(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.events import durations
    from timeline.events.bounded import MAX_ADJACENT

    dates = " ".join(f"Talks {n} ended on Monday." for n in range(300)).replace(". ", "; ")
    text = f"{dates}\n\nThe two-day congress was a success."
    marks = [day(text, "Monday", MONDAY)]
    at = 0
    for _ in range(299):
        at = text.index("Monday", at + 1)
        marks.append(Timex(at, at + 6, "Monday", "DATE", MONDAY.isoformat(), "", MONDAY,
                           MONDAY, "on"))
    marks.append(tx(text, "two-day", "P2D", type="DURATION"))
    calls: list[int] = []
    real = durations._about
    monkeypatch.setattr(durations, "_about", lambda *a: calls.append(1) or real(*a))
    run(text, marks, "rules")
    assert 0 < len(calls) <= MAX_ADJACENT


@pytest.mark.parametrize("nlp", PATHS)
def test_a_huge_sentence_is_anchored_in_a_window_around_each_date(nlp: str) -> None:
    from timeline.events.bounded import LONG_SENTENCE, WINDOW

    unit = "the ministers met on Monday in Samarkand"
    text, marks = _repeated(unit, 200, ", ", [("Monday", "DATE", MONDAY.isoformat())])
    text += "."
    assert len(text) > LONG_SENTENCE
    events = run(text, marks, nlp)
    assert len(events) == 200 and {e.trigger for e in events} == {"met"}
    assert max(len(e.sentence) for e in events) <= 2 * WINDOW + len("Monday")
