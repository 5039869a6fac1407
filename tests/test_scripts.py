"""The analysis scripts' pure parts (the scripts themselves read the shared gold data)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from timeline.evaluation.evaluate import ErrorRow

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from check_rows import failures  # noqa: E402
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


def _row(value: str, text: str, sentence: str, end: date | None,
         published: date = date(2011, 8, 2)) -> dict[str, object]:
    return {"timex_value": value, "timex_text": text, "sentence": sentence,
            "start": end, "end": end, "published": published, "lang": "en", "doc_id": "d"}


@pytest.mark.parametrize(("row", "checks"), [
    (_row("2011-08-02", "Tuesday", "On Tuesday they met.", date(2011, 8, 2)), []),
    (_row("2011-08-02", "Tuesday", "On Tuesday a court sentenced them to 6,060 years.",
          date(8071, 8, 1)), ["far_future"]),
    (_row("203", "the 2030s", "Papers are released in the 2030s.", date(2039, 12, 31),
          date(2003, 5, 1)), []),  # the text names the far year
    (_row("2011-02-30", "the 30th", "It ends on the 30th.", None), ["impossible"]),
    (_row("2011-08-01/2011-08-05", "August 1 to 5", "It ran August 1 to 5.", None),
     ["not_timex3"]),
    (_row("1430", "1430", "Clashes resumed at 1430 GMT.", date(1430, 12, 31)),
     ["clock_or_amount_year"]),
    (_row("1999", "1999", "Prices fell in 1999.", date(1999, 12, 31)), []),
])
def test_rows_of_real_collections_are_checked_against_the_bars(
        row: dict[str, object], checks: list[str]) -> None:
    assert [check for check, _ in failures(pd.DataFrame([row]))] == checks
