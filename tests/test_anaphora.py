"""Anaphoric expressions ("that day", "the next morning") count from the date the text
told last, at that date's precision; in news mode as in narrative mode."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.temporal.tagger import tag

DCT = date(2000, 2, 24)  # a Thursday


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("On Tuesday he appeared in court. He came back the next morning.",
     "the next morning", "2000-02-23TMO"),
    ("The fax was sent on Jan. 3. Two days later police arrived.", "Two days later",
     "2000-01-05"),
    # a day of a month the text named, not that month's first day
    ("He was arrested in October. His name was crossed out that same day.",
     "that same day", "1999-10"),
    ("The mine opened in 1987. Miners were hurt that day.", "that day", "1987"),
    # once a day is told again, days are exact again
    ("He was arrested in October. On Oct. 5 he was freed; the day after, he fled.",
     "the day after", "1999-10-06"),
    # a part of the day alone is that of the day just told; a clock time alone is the
    # publication day's unless its own sentence names a day
    ("Hopes were dashed on Monday. Dealers placed buy orders in the morning.",
     "the morning", "2000-02-21TMO"),
    ("Prices rose in 1999. Dealers placed buy orders in the morning.", "the morning",
     "2000-02-24TMO"),
    ("Hopes were dashed on Monday. The market opened at 9 a.m.", "9 a.m.",
     "2000-02-24T09:00"),
    ("The blast was at about 10:35 a.m. (0735 GMT) Tuesday.", "10:35 a.m.",
     "2000-02-22T10:35"),
    ("Pressure grew on Tuesday. Earlier in the day, shortly after 10 a.m., Iran signed.",
     "Earlier in the day", "2000-02-22"),
])
def test_anaphora_count_from_the_last_date_told(text: str, expression: str, value: str
                                                ) -> None:
    values = {t.text: t.value for t in tag(text, DCT)}
    assert values[expression] == value


def test_an_offset_before_a_date_counts_from_that_date() -> None:
    found = tag("The day before last Tuesday's hearing, he spoke.", DCT)
    assert [(t.text, t.value) for t in found] == [("The day before last Tuesday", "2000-02-21")]


EARNINGS = ("Net income for the third quarter rose to $5 million, compared with a loss of "
            "$3 million last year. Sales in the 1988 period were lower. For the quarter a year "
            "ago, it earned $2 million. Last year the company moved its offices from Ohio.")


def test_an_earnings_report_compares_the_quarter_it_reports() -> None:
    found = [(t.text, t.value) for t in tag(EARNINGS, date(1989, 11, 2))]
    assert found == [
        ("the third quarter", "1989-Q3"),
        ("last year", "1988-Q3"),  # results compared with it: that quarter a year before
        ("the 1988 period", "1988-Q3"),
        ("the quarter a year ago", "1988-Q3"),
        ("Last year", "1988"),  # no comparison: the year
    ]


def test_periods_of_an_earnings_report_by_their_words() -> None:
    text = ("In the quarter ended July 31, Jayark earned $1 million, up from $0.5 million for "
            "the corresponding period last year. Sales for last year's quarter were lower, "
            "and it compared with a year-earlier loss.")
    found = [(t.text, t.value) for t in tag(text, date(1989, 10, 27))]
    assert found == [
        ("the quarter", "1989-Q2"),  # most of May-July: the calendar quarter it ends
        ("July 31", "1989-07-31"),
        ("the corresponding period last year", "1988-Q2"),
        ("last year's quarter", "1988-Q2"),
        ("year-earlier", "1988-Q2"),
    ]
