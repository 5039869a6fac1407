"""TIMEX3 value + mod -> the interval of days it denotes, and its granularity.

Rules (documented in the README):
- ``2022-09-15`` (and any time on that day) -> that day; ``2022-09`` -> the month;
  ``2022`` -> the year; ``199`` (decade) -> 1990..1999; ``19`` (century) -> 1900..1999.
- ``2022-W37`` -> that ISO week (Mon..Sun); ``2022-W37-WE`` -> its Saturday and Sunday.
- ``2022-Q3`` -> Jul 1..Sep 30; ``2022-H1`` -> Jan 1..Jun 30.
- Seasons are meteorological: SP Mar-May, SU Jun-Aug, FA Sep-Nov, WI Dec..Feb of the
  next year.
- mod START / MID / END -> first / middle / last third of the interval (in days).
- ``PRESENT_REF`` -> the reference day; ``PAST_REF`` -> the 365 days before it;
  ``FUTURE_REF`` -> the 365 days after it.
- Anything else (durations, sets, values with X) -> no interval.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

REF_WINDOW_DAYS = 365

_DATE_RE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2})(?:T(?P<time>.+))?)?"
    r"|W(?P<week>\d{2})(?:-(?P<wkday>\d|WE))?|Q(?P<quarter>[1-4])|H(?P<half>[12])"
    r"|(?P<season>SP|SU|FA|WI)))?$"
)
_DECADE_RE = re.compile(r"^(?P<decade>\d{3})$")
_CENTURY_RE = re.compile(r"^(?P<century>\d{2})$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _month_end(year: int, month: int) -> date:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _week(year: int, week: int, wkday: str | None) -> tuple[date, date]:
    if wkday == "WE":
        return date.fromisocalendar(year, week, 6), date.fromisocalendar(year, week, 7)
    if wkday:
        day = date.fromisocalendar(year, week, int(wkday))
        return day, day
    return date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)


def _calendar_interval(m: re.Match[str]) -> tuple[date, date]:
    year = int(m["year"])
    if m["day"]:
        day = date(year, int(m["month"]), int(m["day"]))
        return day, day
    if m["month"]:
        month = int(m["month"])
        return date(year, month, 1), _month_end(year, month)
    if m["week"]:
        return _week(year, int(m["week"]), m["wkday"])
    if m["quarter"]:
        q = int(m["quarter"])
        return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    if m["half"]:
        h = int(m["half"])
        return date(year, 6 * h - 5, 1), _month_end(year, 6 * h)
    if m["season"]:
        first, last = _SEASON_MONTHS[m["season"]]
        end_year = year + 1 if last < first else year
        return date(year, first, 1), _month_end(end_year, last)
    return date(year, 1, 1), date(year, 12, 31)


def base_interval(value: str, ref: date | None = None) -> tuple[date, date] | None:
    """The days a TIMEX3 value denotes, ignoring any mod; None if it denotes none."""
    try:
        if m := _DATE_RE.match(value):
            return _calendar_interval(m)
        if m := _DECADE_RE.match(value):
            first = int(m["decade"]) * 10
            return date(first, 1, 1), date(first + 9, 12, 31)
        if m := _CENTURY_RE.match(value):
            first = max(int(m["century"]) * 100, 1)
            return date(first, 1, 1), date(first + 99, 12, 31)
    except ValueError:  # impossible calendar value such as 2022-02-30 or W54
        return None
    if ref is None:
        return None
    one = timedelta(days=1)
    window = timedelta(days=REF_WINDOW_DAYS)
    return {
        "PRESENT_REF": (ref, ref),
        "PAST_REF": (ref - window, ref - one),
        "FUTURE_REF": (ref + one, ref + window),
    }.get(value)


def apply_mod(interval: tuple[date, date], mod: str) -> tuple[date, date]:
    """Narrow an interval for START / MID / END (thirds of its length in days)."""
    first, last = interval
    span = (last - first).days + 1
    if mod not in ("START", "MID", "END") or span < 3:
        return interval
    third = span // 3
    if mod == "START":
        return first, first + timedelta(days=third - 1)
    if mod == "END":
        return last - timedelta(days=third - 1), last
    return first + timedelta(days=third), last - timedelta(days=third)


@lru_cache(maxsize=8192)
def interval_of(value: str, mod: str = "", ref: date | None = None) -> tuple[date, date] | None:
    """Earliest and latest day of ``value`` with ``mod`` applied."""
    base = base_interval(value, ref)
    return apply_mod(base, mod) if base else None


def granularity_of(value: str) -> str:
    """century, decade, year, half, quarter, season, month, week, day, part-of-day,
    hour, minute; '' for values with no calendar position (durations, refs)."""
    if _CENTURY_RE.match(value):
        return "century"
    if _DECADE_RE.match(value):
        return "decade"
    m = _DATE_RE.match(value)
    if not m:
        return ""
    if m["time"]:
        t = m["time"]
        return "part-of-day" if t[:2].isalpha() else ("minute" if ":" in t else "hour")
    for group, name in (("day", "day"), ("wkday", "day"), ("week", "week"),
                        ("month", "month"), ("quarter", "quarter"), ("half", "half"),
                        ("season", "season")):
        if m[group]:
            return "day" if name == "day" and m["wkday"] == "WE" else name
    return "year"
