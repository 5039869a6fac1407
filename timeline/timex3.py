"""One parsed TIMEX3 value, and the one granularity scale.

Every module that needs to know what a TIMEX3 value says (its year, whether it names
a day, which quarter, the time of day, the days it denotes, how precise it is) asks
:func:`TimexValue.parse` instead of slicing the string.

Values understood (anything else parses as kind ``unknown``):

- calendar values: ``19`` (century), ``199`` (decade), ``2022`` (year), ``BC0241`` (a
  year before the common era; ``BC02``, ``BC048``: a century, a decade before it),
  ``2022-09`` (month), ``2022-09-15`` (day),
  ``2022-W37`` (ISO week), ``2022-W37-4`` (a day of it), ``2022-W37-WE`` (its weekend),
  ``2022-Q3`` (quarter), ``2022-H1`` (half), ``2022-SU`` (season: SP, SU, FA, WI),
  and a day with a time: ``2022-09-15TMO`` (part of day: MO, AF, EV, NI, DT, MI),
  ``2022-09-15T14`` (hour), ``2022-09-15T14:30`` (minute; seconds and a zone may follow),
  ``2022-09-15TXX:XX`` (some time that day);
- the references ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF`` (kind ``ref``);
- durations ``P2D``, ``PT3H``, ``PXM``, ``P1.5Y`` (kind ``duration``; a duration of one
  unit has its ``amount`` and ``unit``: ``PT3H`` -> 3.0 and ``TH``);
- values with an unknown year, such as sets and underspecified dates ``XXXX-02``,
  ``XXXX-WXX-4`` (kind ``underspecified``).

The days a value denotes (:meth:`TimexValue.interval`):

- a day (and any time on it) -> that day; a month, a year -> all of its days; a decade
  ``199`` -> 1990..1999; a century ``19`` -> 1900..1999;
- an ISO week -> Monday..Sunday; its weekend -> Saturday and Sunday;
- ``Q3`` -> Jul 1..Sep 30; ``H1`` -> Jan 1..Jun 30;
- seasons are meteorological: SP Mar-May, SU Jun-Aug, FA Sep-Nov, WI Dec..Feb of the
  next year;
- ``PRESENT_REF`` -> the reference day; ``PAST_REF`` -> the 365 days before it;
  ``FUTURE_REF`` -> the 365 days after it (None without a reference day);
- BC years, durations, underspecified and impossible values (2022-02-30, W54) -> None.

The granularity scale, coarsest first: century < decade < year < half < quarter <
season < month < week < day < part-of-day < hour < minute. A weekday of a week and a
weekend count as ``day``; a day with an unknown time (``TXX:XX``) counts as ``day``;
values with no calendar position (refs, durations, underspecified) have granularity
``""``, which is on no rung of the scale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

Kind = Literal["calendar", "ref", "duration", "underspecified", "unknown"]

GRANULARITIES: tuple[str, ...] = ("century", "decade", "year", "half", "quarter", "season",
                                  "month", "week", "day", "part-of-day", "hour", "minute")
_RANK = {name: i for i, name in enumerate(GRANULARITIES)}

REFS: tuple[str, ...] = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
REF_WINDOW_DAYS = 365
SEASONS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
PARTS_OF_DAY: tuple[str, ...] = ("MO", "AF", "EV", "NI", "DT", "MI")

_CALENDAR_RE = re.compile(
    r"^(?P<bc>BC)?(?P<year>\d{4}|XXXX)(?:-(?:"
    r"(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX)(?:T(?P<time>.+))?)?"
    r"|W(?P<week>\d{2}|XX)(?:-(?P<wkday>[1-7]|WE))?"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?$"
)
_TIME_RE = re.compile(
    r"^(?:(?P<pod>MO|AF|EV|NI|DT|MI)"
    r"|(?P<hour>\d{2}|XX)(?::(?P<minute>\d{2}|XX)(?::\d{2}(?:[.,]\d+)?)?)?)"
    r"(?:Z|[+-]\d{2}(?::?\d{2})?)?$"
)
_DECADE_RE = re.compile(r"^(?P<bc>BC)?(?P<n>\d{3})$")
_CENTURY_RE = re.compile(r"^(?P<bc>BC)?(?P<n>\d{2})$")
_DURATION_RE = re.compile(r"^P(?:T?[\dX.]+(?:Y|M|W|D|H|S|Q|DE|CE|ML|WE))+$")
_ONE_UNIT_RE = re.compile(r"^P(?P<t>T?)(?P<amount>\d+(?:\.\d+)?|X+)(?P<unit>[A-Z]+)$")


def rank(granularity: str) -> int | None:
    """Position on the scale: 0 for century ... 11 for minute; None off the scale ('')."""
    return _RANK.get(granularity)


def coarser_than(a: str, b: str) -> bool:
    """Is granularity ``a`` strictly coarser than ``b``? False when either is off the scale."""
    ra, rb = rank(a), rank(b)
    return ra is not None and rb is not None and ra < rb


def at_most(a: str, b: str) -> bool:
    """Is ``a`` as coarse as ``b`` or coarser (``at_most(g, "year")``: a year or vaguer)?"""
    ra, rb = rank(a), rank(b)
    return ra is not None and rb is not None and ra <= rb


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class TimexValue:
    """What a TIMEX3 value says; fields a value does not state are None / '' / False."""

    text: str
    kind: Kind
    century: int | None = None   # "19" -> 19
    decade: int | None = None    # "199" -> 199
    year: int | None = None      # "2022" -> 2022; "BC0241" -> 241 with bc=True
    bc: bool = False
    month: int | None = None
    day: int | None = None
    week: int | None = None      # ISO week number
    weekday: int | None = None   # ISO weekday of a week value: 1 Monday .. 7 Sunday
    weekend: bool = False
    quarter: int | None = None
    half: int | None = None
    season: str = ""             # SP, SU, FA, WI
    part_of_day: str = ""        # MO, AF, EV, NI, DT, MI
    hour: int | None = None
    minute: int | None = None
    time: str = ""               # the text after "T", as written ("14:30", "MO", "XX:XX")
    amount: float | None = None  # a duration of one unit: P2D -> 2.0; PXM -> None
    unit: str = ""               # its unit as written: D, W, M, Y, Q, DE, CE, WE...; time
                                 # units with their T: TH, TM, TS (PT3H -> "TH")

    @staticmethod
    @lru_cache(maxsize=16384)
    def parse(value: str) -> TimexValue:
        """The parsed form of a TIMEX3 value string (never raises). Cached on the string
        as given, so a repeated value costs one cache look-up (no strip, no second call):
        the tagger asks several properties of the same few values for each expression."""
        return _parse(value.strip())

    @property
    def is_calendar(self) -> bool:
        """A value with a known place in the calendar (year, decade or century known)."""
        return self.kind == "calendar"

    @property
    def is_ref(self) -> bool:
        return self.kind == "ref"

    @property
    def has_time(self) -> bool:
        """A day with a time of day (``2022-09-15T14:30``, ``...TMO``, ``...TXX:XX``)."""
        return bool(self.time)

    @property
    def time_suffix(self) -> str:
        """``T`` and the time as written (``"T14:30"``), or ''."""
        return f"T{self.time}" if self.time else ""

    @property
    def date_text(self) -> str:
        """``YYYY-MM-DD`` when the value is a calendar day written as one (maybe with a
        time), else ''."""
        if self.kind != "calendar" or self.day is None or self.month is None or self.bc:
            return ""
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def granularity(self) -> str:
        """The finest unit the value pins down, a rung of GRANULARITIES; '' if none."""
        return _granularity(self) if self.kind == "calendar" else ""

    def with_year(self, year: int) -> str:
        """The value's text with its (4-digit, common-era) year replaced: ``2022-Q3`` with
        2021 -> ``2021-Q3``; '' when the value has no such year."""
        if self.kind != "calendar" or self.year is None or self.bc:
            return ""
        return f"{year:04d}{self.text[4:]}"

    def years_later(self, years: int) -> str:
        """The value moved by ``years`` years (``2022-Q3``, -1 -> ``2021-Q3``); '' when
        the value has no common-era year."""
        return self.with_year(self.year + years) if self.year is not None else ""

    def truncated(self, granularity: str) -> str:
        """The value cut to a year, month or day (``2022-09-15T10`` to "month" ->
        ``2022-09``); '' when the value is not that precise or not written that way."""
        if self.year is None or self.bc or self.kind != "calendar":
            return ""
        if granularity == "year":
            return f"{self.year:04d}"
        if granularity == "month" and self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return self.date_text if granularity == "day" else ""

    def interval(self, ref: date | None = None) -> tuple[date, date] | None:
        """The first and last day the value denotes (module doc); None if it denotes none.
        ``ref`` is the reference day the PRESENT/PAST/FUTURE_REF values need."""
        if self.kind == "ref":
            return _ref_interval(self.text, ref) if ref is not None else None
        if self.kind != "calendar" or self.bc:
            return None
        try:
            return _calendar_interval(self)
        except ValueError:  # an impossible calendar value such as 2022-02-30 or W54
            return None


def _granularity(v: TimexValue) -> str:
    if v.century is not None:
        return "century"
    if v.decade is not None:
        return "decade"
    if v.time:
        if v.part_of_day:
            return "part-of-day"
        if v.hour is not None:
            return "minute" if v.minute is not None else "hour"
        return "day"
    if v.day is not None or v.weekday is not None or v.weekend:
        return "day"
    if v.week is not None:
        return "week"
    if v.month is not None:
        return "month"
    if v.quarter is not None:
        return "quarter"
    if v.half is not None:
        return "half"
    return "season" if v.season else "year"


def _ref_interval(text: str, ref: date) -> tuple[date, date]:
    one, window = timedelta(days=1), timedelta(days=REF_WINDOW_DAYS)
    if text == "PRESENT_REF":
        return ref, ref
    if text == "PAST_REF":
        return ref - window, ref - one
    return ref + one, ref + window


def _week(v: TimexValue, year: int, week: int) -> tuple[date, date]:
    if v.weekend:
        return date.fromisocalendar(year, week, 6), date.fromisocalendar(year, week, 7)
    if v.weekday is not None:
        day = date.fromisocalendar(year, week, v.weekday)
        return day, day
    return date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)


def _calendar_interval(v: TimexValue) -> tuple[date, date]:
    if v.century is not None:
        first = v.century * 100
        return date(max(first, 1), 1, 1), date(first + 99, 12, 31)
    if v.decade is not None:
        first = v.decade * 10
        return date(max(first, 1), 1, 1), date(first + 9, 12, 31)
    year = v.year
    assert year is not None
    if v.day is not None and v.month is not None:
        day = date(year, v.month, v.day)
        return day, day
    if v.month is not None:
        return date(year, v.month, 1), _month_end(year, v.month)
    if v.week is not None:
        return _week(v, year, v.week)
    if v.quarter is not None:
        return date(year, 3 * v.quarter - 2, 1), _month_end(year, 3 * v.quarter)
    if v.half is not None:
        return date(year, 6 * v.half - 5, 1), _month_end(year, 6 * v.half)
    if v.season:
        first, last = SEASONS[v.season]
        return date(year, first, 1), _month_end(year + 1 if last < first else year, last)
    return date(year, 1, 1), date(year, 12, 31)


def _calendar(text: str, m: re.Match[str]) -> TimexValue:
    time = m["time"] or ""
    t = _TIME_RE.match(time) if time else None
    hour = _int(t["hour"]) if t else None
    return TimexValue(
        text, "underspecified" if "X" in text.split("T")[0] else "calendar",
        year=_int(m["year"]), bc=bool(m["bc"]), month=_int(m["month"]), day=_int(m["day"]),
        week=_int(m["week"]), weekday=_int(m["wkday"]), weekend=m["wkday"] == "WE",
        quarter=_int(m["quarter"]), half=_int(m["half"]), season=m["season"] or "",
        part_of_day=(t["pod"] or "") if t else "", hour=hour,
        minute=_int(t["minute"]) if t and hour is not None else None, time=time)


def _parse(text: str) -> TimexValue:
    if text in REFS:
        return TimexValue(text, "ref")
    if _DURATION_RE.match(text):
        if m := _ONE_UNIT_RE.match(text):
            amount = float(m["amount"]) if m["amount"][0].isdigit() else None
            return TimexValue(text, "duration", amount=amount, unit=m["t"] + m["unit"])
        return TimexValue(text, "duration")
    if m := _CENTURY_RE.match(text):  # "19"; "BC02", the third century BC
        return TimexValue(text, "calendar", century=int(m["n"]), bc=bool(m["bc"]))
    if m := _DECADE_RE.match(text):
        return TimexValue(text, "calendar", decade=int(m["n"]), bc=bool(m["bc"]))
    if m := _CALENDAR_RE.match(text):
        return _calendar(text, m)
    return TimexValue(text, "unknown")
