"""Narrative mode: histories date their events from the last date they told, not from
the publication date."""

from __future__ import annotations

from datetime import date

from timeline.temporal.tagger import tag

HISTORY = ("Germany invaded Yugoslavia in April 1941. In May, paratroopers took Crete. "
           "Two weeks later the island fell. On 22 June, the invasion of the Soviet Union "
           "began; the following day Soviet aircraft were destroyed on the ground. "
           "In 1943, the tide turned. That winter the offensive stalled.")


def _values(mode: str) -> dict[str, str]:
    return {t.text: t.value for t in tag(HISTORY, date(2010, 5, 1), mode=mode)}


def test_narrative_dates_count_from_the_last_date_told() -> None:
    assert _values("narrative") == {
        "April 1941": "1941-04",
        "May": "1941-05",
        "Two weeks later": "1941-05-15",
        "22 June": "1941-06-22",
        "the following day": "1941-06-23",
        "1943": "1943",
        "That winter": "1943-WI",
    }


def test_news_mode_reads_the_same_text_against_the_publication_date() -> None:
    values = _values("news")
    assert (values["May"], values["Two weeks later"]) == ("2010-05", "2010-05-15")


def test_a_year_naming_a_thing_does_not_move_the_story() -> None:
    text = ("Soviet troops entered Afghanistan in 1979, citing the 1978 Treaty of Friendship. "
            "They crossed the border on December 27. In the morning, the palace fell.")
    values = {t.text: t.value for t in tag(text, date(2009, 3, 6), mode="narrative")}
    assert values["December 27"] == "1979-12-27"
    assert values["the morning"] == "1979-12-27TMO"


def test_a_glance_back_across_years_does_not_move_the_story() -> None:
    text = ("Combat troops landed in 1965, an echo of a promise made almost two decades "
            "earlier. In March, 3,500 marines arrived.")
    values = {t.text: t.value for t in tag(text, date(2009, 3, 6), mode="narrative")}
    assert values["two decades earlier"] == "1945"
    assert values["March"] == "1965-03"
