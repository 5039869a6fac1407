"""The analysis scripts' pure parts (the scripts themselves read the shared gold data)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from timeline.evaluation.evaluate import ErrorRow

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from value_error_ceiling import CONVENTIONS, OURS, classify, weekday_class  # noqa: E402

WED = date(1990, 8, 15)  # the document's DCT, a Wednesday


@pytest.mark.parametrize(("text", "gold", "ours", "cause"), [
    ("Friday night", "1998-08-07", "1998-08-07TNI", "part of day"),
    ("last week", "1989-WXX", "1989-W43", "week placeholder"),
    ("this week", "2000-W7", "2000-W07", "week placeholder"),
    ("1949", "1949-XX", "1949", "X placeholder"),
    ("the 1990s", "199X", "199", "X placeholder"),
    ("recent months", "PXM", "PAST_REF", "vague"),
    ("last week", "P1W", "1998-W33", "duration for a point"),
    ("two years ago", "P2Y", "1988", "duration for a point"),
    ("13 years", "P12Y", "P13Y", "other"),
    ("January", "1998-01", "1999-01", "other"),
    # weekdays, judged against the DCT (Wednesday 1990-08-15)
    ("Tuesday", "1990-08-07", "1990-08-14", "weekday, another week"),  # gold 8 days back
    ("Tuesday", "1990-08-07TMO", "1990-08-14", "other"),  # not a day in the gold
    ("Friday", "1990-08-10", "1990-08-17", "weekday, past or future"),  # last / this Friday
    ("Thursday", "1990-08-16", "1990-08-09", "weekday, past or future"),
    ("Wednesday", "1990-08-08", "1990-08-22", "other"),  # ours is a week off as well
    ("Sunday", "1990-08-05", "1990-08-19", "other"),  # gold 10 days back, ours ahead
    ("Tuesday", "1990-08-07", "1990-08-14T10:00", "weekday, another week"),
    ("on the 7th", "1990-08-07", "1990-08-14", "other"),  # no weekday in the words
    ("Tuesday", "1990-08-07", "1990-08-10", "other"),  # not the same weekday
])
def test_wrong_values_are_sorted_by_cause(text: str, gold: str, ours: str, cause: str) -> None:
    row = ErrorRow("c", "doc", "wrong-value", 0, len(text), text, gold, ours)
    assert classify(row, WED) == cause


def test_weekdays_without_a_dct_are_not_put_down_to_the_gold() -> None:
    row = ErrorRow("c", "doc", "wrong-value", 0, 7, "Tuesday", "1990-08-07", "1990-08-14")
    assert classify(row) == "other"


@pytest.mark.parametrize(("gold", "ours", "cause"), [
    (date(1990, 8, 7), date(1990, 8, 14), "weekday, another week"),
    (date(1990, 7, 18), date(1990, 8, 15), "weekday, another week"),  # ours is the DCT
    (date(1990, 8, 30), date(1990, 8, 16), "weekday, another week"),  # both ahead
    (date(1990, 8, 10), date(1990, 8, 17), "weekday, past or future"),
    (date(1990, 8, 8), date(1990, 8, 22), ""),
    (date(1990, 8, 14), date(1990, 8, 14), ""),
    (date(1990, 8, 14), date(1990, 8, 13), ""),
])
def test_weekday_class(gold: date, ours: date, cause: str) -> None:
    assert weekday_class(gold, ours, WED) == cause


def test_past_or_future_weekdays_count_as_ours() -> None:
    assert "weekday, past or future" in OURS and "weekday, past or future" not in CONVENTIONS
    assert "weekday, another week" in CONVENTIONS and not set(OURS) & set(CONVENTIONS)
