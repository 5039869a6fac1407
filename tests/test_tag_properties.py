"""Properties of `tag` for any text and any publication date in 0001-9999 (hypothesis,
bounded and derandomised so CI runs the same examples every time, with no database):
it never raises, each expression's span is its text, earliest <= latest, and every value
is one the TIMEX3 grammar knows (timeline.timex3 parses it)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.temporal.tagger import tag
from timeline.timex3 import TimexValue

# words that make the tagger work: numbers of every size, units, directions, deictics,
# months, weekdays, both languages' words, and the punctuation between them
_WORDS = ["0", "1", "13", "99", "2021", "2022", "9999", "10000", "999999", "1" * 22, "'90s",
          "1500", "BC", "AD", "days", "weeks", "months", "quarters", "years", "decades",
          "centuries", "millennia", "ago", "earlier", "later", "from", "now", "before",
          "after", "since", "until", "to", "the", "last", "next", "this", "that", "same",
          "day", "tomorrow", "yesterday", "today", "Monday", "Friday", "March", "May",
          "December", "early", "mid", "end", "of", "a", "two", "Q3", "1990s", "spring",
          "morning", "14:30", "10", "a.m.", "vor", "Jahren", "Tagen", "am", "Donnerstag",
          "März", "Ende", "seit", "morgen", "Morgen", "Uhr", "14.30", "3.", "bis", "5.",
          ",", ".", "-", "–", "/", "(", ")", "\n"]
_TEXTS = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14).map(" ".join)
_DATES = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
_CHECKED = settings(max_examples=300, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _check(text: str, dct: date, lang: str, mode: str) -> None:
    for t in tag(text, dct, mode=mode, lang=lang):
        assert text[t.start : t.end] == t.text
        assert t.value and TimexValue.parse(t.value).kind != "unknown", t.value
        if t.earliest and t.latest:
            assert t.earliest <= t.latest
        if t.range_start and t.range_end:
            assert t.range_start <= t.range_end


@_CHECKED
@given(_TEXTS, _DATES, st.sampled_from(["news", "narrative"]))
def test_english_tagging_holds_for_any_text_and_date(text: str, dct: date, mode: str) -> None:
    _check(text, dct, "en", mode)


@_CHECKED
@given(_TEXTS, _DATES, st.sampled_from(["news", "narrative"]))
def test_german_tagging_holds_for_any_text_and_date(text: str, dct: date, mode: str) -> None:
    _check(text, dct, "de", mode)


@_CHECKED
@given(st.text(max_size=60), _DATES)
def test_any_characters_never_raise(text: str, dct: date) -> None:
    _check(text, dct, "en", "news")
