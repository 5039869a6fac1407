"""Dates of named days from the rules in the lexicon's ``holidays`` table.

Rules: ``MM-DD`` (a fixed day), ``MM/N/W`` (the N-th weekday W of month MM, ISO weekday
1-7; N = -1 for the last one), ``MM/N/W/+D`` (D days after that: the US Election Day is
the Tuesday after the first Monday of November) and ``easter+D`` / ``easter-D``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_FIXED = re.compile(r"^(?P<month>\d{2})-(?P<day>\d{2})$")
_NTH = re.compile(r"^(?P<month>\d{2})/(?P<n>-?\d)/(?P<weekday>[1-7])(?:/(?P<shift>[+-]\d+))?$")
_EASTER = re.compile(r"^easter(?P<shift>[+-]\d+)?$")


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, n: int, weekday: int) -> date:
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    nxt = date(year + month // 12, month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def rule_month(rule: str) -> int:
    """The month a rule falls in (Easter counted as April), to choose its year."""
    return 4 if rule.startswith("easter") else int(rule[:2])


def holiday_date(rule: str, year: int) -> date:
    """The day ``rule`` names in ``year``; ValueError for a malformed rule."""
    if m := _FIXED.match(rule):
        return date(year, int(m["month"]), int(m["day"]))
    if m := _NTH.match(rule):
        day = _nth_weekday(year, int(m["month"]), int(m["n"]), int(m["weekday"]))
        return day + timedelta(days=int(m["shift"] or 0))
    if m := _EASTER.match(rule):
        return easter(year) + timedelta(days=int(m["shift"] or 0))
    raise ValueError(f"not a holiday rule: {rule!r}")
