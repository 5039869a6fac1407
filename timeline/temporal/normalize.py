"""Pass 2: resolve an underspecified value (Spec) into a TIMEX3 value.

``ref`` is the date deictic words count from (the publication date in news mode);
``anchor`` is the last date the text mentioned (what "two days later" and "that day"
count from, and in narrative mode what year-less dates take their year from); ``tense``
is the sentence's tense around the expression ("past", "future" or "").
"""

from __future__ import annotations

from datetime import date, timedelta

from timeline.temporal.holidays import holiday_date
from timeline.temporal.interpret import Spec
from timeline.temporal.years import plausible
from timeline.timex3 import TimexValue

_SEASON_MONTH_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# Choosing the year of a year-less date: cost = distance in days from the reference, plus
# a penalty when the date contradicts the sentence's tense, plus a smaller one for leaving
# the reference's calendar year (news style omits the year for dates in the current year).
_TENSE_PENALTY = 90
_STRICT_TENSE_PENALTY = 400  # a governing tense cue right by the date: it decides
_OTHER_YEAR_PENALTY = 60
_YEARS_IN = {"DE": 10, "CE": 100, "ML": 1000}


def year_text(year: int) -> str:
    """A year as TIMEX3 writes it: four digits ('0511'), 'BC0979' before year 1 (year 0
    is 1 BC), '' beyond 9999 or 9999 BC (no value)."""
    if 1 <= year <= 9999:
        return f"{year:04d}"
    return f"BC{1 - year:04d}" if -9998 <= year <= 0 else ""


def dated(year: int, rest: str = "") -> str:
    """``rest`` ('-Q3', '-W07', '-SU') after the year as TIMEX3 writes it; '' (no value)
    when the year is past what TIMEX3 can write."""
    text = year_text(year)
    return text + rest if text else ""


def _in_range(value: int, digits: int) -> str:
    """A decade (3 digits) or century (2) of the common era, '' outside it."""
    return f"{value:0{digits}d}" if 0 <= value < 10 ** digits else ""


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def _month_value(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _week_value(day: date, weekend: bool = False) -> str:
    year, week, _ = day.isocalendar()
    return dated(year, f"-W{week:02d}" + ("-WE" if weekend else ""))


def shifted_value(base: date, unit: str, count: int) -> str:
    """The value of ``base`` moved by ``count`` units, at that unit's granularity."""
    if unit == "D":
        return (base + timedelta(days=count)).isoformat()
    if unit in ("W", "WE"):
        return _week_value(base + timedelta(weeks=count), unit == "WE")
    if unit == "M":
        return _month_value(_add_months(base, count))
    if unit == "Q":
        quarter = _add_months(date(base.year, 3 * ((base.month - 1) // 3) + 1, 1), 3 * count)
        return dated(quarter.year, f"-Q{(quarter.month - 1) // 3 + 1}")
    if unit == "Y":
        return year_text(base.year + count)
    if unit == "DE":
        return _in_range(base.year // 10 + count, 3)
    if unit == "CE":
        return _in_range(base.year // 100 + count, 2)
    return base.isoformat()


def _offset_value(spec: Spec, base: date) -> str:
    count = round(spec.offset or 0)
    if spec.unit == "W":  # "a week ago", "two weeks later": the day, as journalists mean it
        return (base + timedelta(weeks=count)).isoformat()
    if spec.unit in ("H", "MIN", "S"):
        return base.isoformat() + ("TXX:XX" if count else "")
    if spec.unit in _YEARS_IN:  # "a decade ago" is about ten years back, not the 1980s
        return year_text(base.year + count * _YEARS_IN[spec.unit])
    value = shifted_value(base, spec.unit, count)
    return value + (f"T{spec.pod}" if spec.pod else "")


def _cost(day: date, base: date, tense: str, strict: bool) -> int:
    """How unlikely ``day`` is as the reading of a year-less date: its distance from
    ``base``, plus a penalty when it contradicts the tense and one for another year."""
    delta = (day - base).days
    wrong = (tense == "past" and delta > 0) or (tense == "future" and delta < 0)
    penalty = _STRICT_TENSE_PENALTY if strict else _TENSE_PENALTY
    return abs(delta) + penalty * wrong + _OTHER_YEAR_PENALTY * (day.year != base.year)


def _pick_year(month: int, day: int, base: date, tense: str, strict: bool = False) -> int:
    """Year of a year-less month/day: past -> last on or before base, future -> next on
    or after base; no tense -> base's year unless another year is much nearer."""
    return min((base.year, base.year - 1, base.year + 1),
               key=lambda year: _cost(date(year, month, min(day, 28)), base, tense, strict))


def _holiday_value(spec: Spec, base: date, tense: str, strict: bool, news: bool) -> str:
    """The day a holiday falls on: in its year, or the one its relative word ('last
    Christmas') or the tense points to; 'XXXX-XX-XX' when the text's country has none."""
    def on(year: int) -> date | None:
        return holiday_date(spec.holiday, year, spec.country)

    if spec.year or spec.rel == 0 or not news:
        day = on(spec.year or base.year)
    else:
        days = [d for d in (on(base.year - 1), on(base.year), on(base.year + 1)) if d]
        if spec.rel == -1:
            days = [d for d in days if d < base][-1:]
        elif spec.rel == 1:
            days = [d for d in days if d > base][:1]
        day = min(days, key=lambda d: _cost(d, base, tense, strict), default=None)
    if day is None:  # a day the text's country does not keep: in its year, if named
        return f"{spec.year:04d}-XX-XX" if spec.year else "XXXX-XX-XX"
    return day.isoformat()


def _weekday_date(weekday: int, base: date, tense: str, rel: int | None,
                  strict: bool = False) -> date:
    """A weekday by its relative word or tense. Past: the latest on or before the
    reference; future: the first on or after it (news style names today's weekday too);
    a weak or no tense: the nearest one."""
    back = (base.isoweekday() - weekday) % 7
    ahead = (weekday - base.isoweekday()) % 7
    if rel == 0:
        return base + timedelta(days=weekday - base.isoweekday())
    if rel == -1:
        return base - timedelta(days=back or 7)
    if rel == 1:
        return base + timedelta(days=ahead or 7)
    if tense == "past" and (strict or back <= 4):
        return base - timedelta(days=back)
    if tense == "future" and (strict or ahead <= 4):
        return base + timedelta(days=ahead)
    return base + timedelta(days=ahead) if ahead < back else base - timedelta(days=back)


def _month_year(spec: Spec, base: date, tense: str, strict: bool, news: bool = True) -> int:
    month = spec.month or 1
    if spec.rel == -1:
        return base.year if month < base.month else base.year - 1
    if spec.rel == 1:
        return base.year if month > base.month else base.year + 1
    if spec.rel == 0:
        return base.year
    if spec.yy is not None:
        return _century_year(spec.yy, base)
    if spec.year_rel is not None:
        return base.year + spec.year_rel
    if not news:  # a history: a year-less date is in the year of the last date told
        return base.year
    if spec.day:
        return _pick_year(month, spec.day, base, tense, strict)
    # a whole month: compare with its middle, and count the reference's own month as both
    # past and present
    if month == base.month:
        return base.year
    return _pick_year(month, 15, base, tense, strict)


def _century_year(yy: int, base: date) -> int:
    year = base.year // 100 * 100 + yy
    return year - 100 if year > base.year + 10 else year


def _calendar_value(spec: Spec, base: date, tense: str, strict: bool, news: bool) -> str:
    if spec.weekday and not spec.month:
        day = _weekday_date(spec.weekday, base, tense, spec.rel, strict)
        return day.isoformat()
    if spec.holiday:
        return _holiday_value(spec, base, tense, strict, news)
    if spec.month:
        year = spec.year or _month_year(spec, base, tense, strict, news)
        if spec.weekday and spec.day and not spec.year:
            year = _year_matching_weekday(year, spec.month, spec.day, spec.weekday)
        if spec.day:
            try:
                return date(year, spec.month, spec.day).isoformat()
            except ValueError:
                return dated(year, f"-{spec.month:02d}")
        return dated(year, f"-{spec.month:02d}")
    if spec.day:
        return _day_of_month(spec.day, base, tense)
    if spec.year:
        return str(spec.year)
    if spec.yy is not None:
        return str(_century_year(spec.yy, base))
    return base.isoformat()


def _day_of_month(day: int, base: date, tense: str) -> str:
    """'the 30th': of the reference's month, or of the month before (past) or after
    (future) when the tense says the day lies there; a month that has no such day
    ('the 30th' in February, 'the 31st' in April) passes to the next one the tense
    points to, never to an impossible date."""
    step = -1 if tense == "past" else 1
    month = _add_months(base, 0)
    if (tense == "past" and day > base.day) or (tense == "future" and day < base.day):
        month = _add_months(base, step)
    for _ in range(3):  # two months in a row lack at most the 31st
        try:
            return date(month.year, month.month, day).isoformat()
        except ValueError:
            month = _add_months(month, step)
    return ""


def _year_matching_weekday(year: int, month: int, day: int, weekday: int) -> int:
    for candidate in (year, year - 1, year + 1):
        try:
            if date(candidate, month, day).isoweekday() == weekday:
                return candidate
        except ValueError:
            continue
    return year


def _period_start_month(spec: Spec) -> int:
    if spec.quarter:
        return 3 * spec.quarter - 2
    if spec.half:
        return 6 * spec.half - 5
    return _SEASON_MONTH_START.get(spec.season, 1)


def _period_year(spec: Spec, base: date, tense: str, strict: bool, news: bool) -> int:
    """A year-less quarter, half or season: in the news, the latest one that has begun by
    the reference (reports look back), unless a governing future cue points ahead; in a
    history, the one in the year of the last date told."""
    if not news:
        return base.year
    start = date(base.year, _period_start_month(spec), 1)
    if tense == "future" and strict:
        end_month = start.month + (2 if spec.quarter or spec.season else 5)
        still_running = _add_months(date(base.year, 1, 1), end_month) > base
        return base.year if still_running else base.year + 1
    return base.year if start <= base else base.year - 1


def _period_value(spec: Spec, base: date, tense: str, strict: bool = False,
                  news: bool = True) -> str:
    if spec.year:
        year = spec.year
    elif spec.yy is not None:
        year = _century_year(spec.yy, base)
    elif spec.rel is not None:
        year = base.year + spec.rel
    elif spec.quarter or spec.half or spec.season:
        year = _period_year(spec, base, tense, strict, news)
    else:
        year = base.year
    if spec.quarter:
        return dated(year, f"-Q{spec.quarter}")
    if spec.half:
        return dated(year, f"-H{spec.half}")
    if spec.season:
        return dated(year, f"-{spec.season}")
    return year_text(year)


def _definite_value(spec: Spec, base: date, tense: str) -> str:
    """'the quarter' (the one just reported on), 'the weekend', 'the year', 'the week'."""
    if spec.unit == "Q":
        return shifted_value(base, "Q", 0 if tense == "future" else -1)
    if spec.unit == "WE":
        back = (base.isoweekday() - 6) % 7
        days_back = back if tense != "future" else -((6 - base.isoweekday()) % 7)
        return _week_value(base - timedelta(days=days_back), weekend=True)
    return shifted_value(base, spec.unit, 0)


def resolve(spec: Spec, ref: date, anchor: date, tense: str, news: bool = True,
            strict: bool = False) -> str:
    """The TIMEX3 value of ``spec`` (see the module docstring for the three inputs); ''
    when it leaves the calendar ('999999 days earlier', 'tomorrow' on 9999-12-31)."""
    try:
        return _resolve(spec, ref, anchor, tense, news, strict)
    except (OverflowError, ValueError):  # date arithmetic past year 1 or 9999
        return ""


def _resolve(spec: Spec, ref: date, anchor: date, tense: str, news: bool,
             strict: bool) -> str:
    base_offset = anchor if spec.anaphoric else ref
    base_calendar = ref if news and not spec.anaphoric else anchor
    if spec.fixed:
        return spec.fixed
    if spec.near and not plausible(spec.near, base_calendar.year, ahead=news):
        return ""  # a bare '1430' in a 2011 article: a clock time or a count, no year
    if spec.century is not None:
        return f"{spec.century:02d}"
    if spec.decade is not None:
        return f"{spec.decade:03d}"
    if spec.yy is not None and spec.unit == "DE":
        decade_year = _century_year(spec.yy * 10, base_calendar)
        return _in_range(decade_year // 10, 3)
    if spec.definite:
        return _definite_value(spec, base_calendar, tense)
    if spec.quarter or spec.half or spec.season or (spec.unit == "Y" and spec.rel is not None
                                                     and not spec.offset):
        return _period_value(spec, base_offset if spec.anaphoric else base_calendar, tense,
                             strict, news)
    if spec.unit and spec.offset is not None:
        return _offset_value(spec, base_offset)
    if spec.unit and spec.rel is not None:
        return shifted_value(base_offset, spec.unit, spec.rel)
    value = _calendar_value(spec, base_calendar, tense, strict, news)
    if spec.container and TimexValue.parse(value).date_text == value:
        # "the week of March 6", "Easter week"
        value = _week_value(date.fromisoformat(value), spec.container == "WE")
    return _with_time(spec, value, anchor)


def _with_time(spec: Spec, value: str, anchor: date) -> str:
    if spec.hour is None and not spec.pod:
        return value
    day = TimexValue.parse(value).date_text or anchor.isoformat()
    if spec.pod and spec.hour is None:
        return f"{day}T{spec.pod}"
    return f"{day}T{spec.hour:02d}:{spec.minute or 0:02d}"
