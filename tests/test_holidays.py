"""Holiday rules and calendars (timeline.temporal.holidays): rules computed with
dateutil, named days from the holidays library, each in the country the text names."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.temporal.holidays import holiday_date, rule_date

RULES = [
    ("11/4/4", 2011, date(2011, 11, 24)),       # US Thanksgiving: 4th Thursday of November
    ("05/-1/1", 2011, date(2011, 5, 30)),       # Memorial Day: last Monday of May
    ("11/1/1/+1", 2012, date(2012, 11, 6)),     # Election Day: Tuesday after 1st Monday
    ("easter", 2011, date(2011, 4, 24)),
    ("easter-2", 2011, date(2011, 4, 22)),
    ("12-25", 1776, date(1776, 12, 25)),
]


@pytest.mark.parametrize(("rule", "year", "day"), RULES)
def test_rule(rule: str, year: int, day: date) -> None:
    assert rule_date(rule, year) == day


CALENDARS = [
    ("US:Independence Day@07-04", 2011, "IN", date(2011, 8, 15)),
    ("US:Independence Day@07-04", 2011, "US", date(2011, 7, 4)),
    ("US:Independence Day@07-04", 1776, "US", date(1776, 7, 4)),  # before the calendars
    ("IN:Diwali", 2011, "GB", date(2011, 10, 26)),  # not kept in Britain: India's
    ("US:Thanksgiving Day|Thanksgiving@11/4/4", 2011, "CA", date(2011, 10, 10)),
    ("US:11/1/1/+1", 2010, "GB", None),  # the US rule holds in the US only
]


@pytest.mark.parametrize(("holiday", "year", "country", "day"), CALENDARS)
def test_calendar(holiday: str, year: int, country: str, day: date | None) -> None:
    assert holiday_date(holiday, year, country) == day
