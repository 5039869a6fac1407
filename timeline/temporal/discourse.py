"""What a text has said so far, which later expressions lean on: the date anaphora
("two days later", "that same day") count from, and the quarter an earnings report is
about ("the quarter", "a year earlier", "the 1988 period")."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from timeline.temporal.interpret import Spec
from timeline.temporal.language import Language
from timeline.temporal.normalize import dated, shifted_value
from timeline.timex3 import TimexValue


def _anchor_after(value: str, typ: str, anchor: date) -> date | None:
    """The date later anaphoric expressions count from, after seeing ``value`` (None: the
    value is no calendar date, the anchor stays): its first day; a year's day of the
    anchor's month and day."""
    parsed = TimexValue.parse(value)
    interval = parsed.interval()
    if typ not in ("DATE", "TIME") or interval is None:
        return None
    first, _ = interval
    if parsed.granularity == "year":
        return first.replace(month=anchor.month, day=min(anchor.day, 28))
    return first


def _is_quarter(value: str) -> bool:
    """A calendar quarter of a known year ("1998-Q3")."""
    parsed = TimexValue.parse(value)
    return parsed.is_calendar and not parsed.bc and parsed.quarter is not None


_QUARTER_REACH = 800  # characters over which "the quarter" / "a year earlier" refer back


@dataclass
class Discourse:
    """What the text has said so far: the date anaphora count from, the last quarter."""

    anchor: date
    anchor_value: str = ""  # the value the anchor was told as ("" for the reference date)
    quarter: str = ""
    quarter_at: int = -_QUARTER_REACH
    weekdays: dict[int, str] = field(default_factory=dict)  # ISO weekday -> the day told

    @property
    def coarse(self) -> str:
        """The anchor's value when it is a whole month or year ("1998-10"), else ""."""
        parsed = TimexValue.parse(self.anchor_value)
        whole = parsed.truncated("month") or parsed.truncated("year")
        return self.anchor_value if whole == self.anchor_value else ""

    @property
    def exact(self) -> bool:
        """True when the anchor is a day (not a week, month, year...)."""
        return not self.anchor_value or bool(TimexValue.parse(self.anchor_value).date_text)

    def told(self, value: str, typ: str) -> None:
        """The text has just dated something ``value``: anaphora now count from it."""
        anchor = _anchor_after(value, typ, self.anchor)
        if anchor is not None:
            self.anchor, self.anchor_value = anchor, value

    def reported(self, spec: Spec, value: str, latest: date | None, dct: date, pos: int
                 ) -> None:
        """A quarter the text names, already finished, is the one it reports on; the
        first day a bare weekday is given is that weekday's for the rest of the text."""
        if _bare_weekday(spec) and TimexValue.parse(value).granularity == "day":
            self.weekdays.setdefault(spec.weekday or 0, value)
        if (spec.unit != "Y" and _is_quarter(value) and not spec.anaphoric
                and spec.offset is None and latest is not None and latest < dct):
            self.quarter, self.quarter_at = value, pos

    def same_weekday(self, spec: Spec, strict: bool, news: bool) -> str:
        """A news text's bare weekday ('Thursday') is the day the article already gave
        that weekday, unless a tense cue right by it says otherwise ('' then, and for a
        weekday not told yet): two past Thursdays of one article are one day."""
        if not news or strict or not _bare_weekday(spec):
            return ""
        return self.weekdays.get(spec.weekday or 0, "")

    def recent_quarter(self, pos: int) -> str:
        return self.quarter if pos - self.quarter_at <= _QUARTER_REACH else ""


def _bare_weekday(spec: Spec) -> bool:
    """'Thursday' alone: no month, day, year, relative word, time or week around it."""
    return bool(spec.weekday) and not (
        spec.month or spec.day or spec.year or spec.rel is not None or spec.latest
        or spec.offset is not None or spec.hour is not None or spec.pod or spec.container
        or spec.anaphoric)


def quarter_value(lang: Language, low: str, spec: Spec, state: Discourse, pos: int,
                   dct: date) -> str:
    """Earnings-report anaphora: 'the quarter' is the quarter under discussion; 'a year
    earlier', 'the year-ago period' and 'the 1988 period' are that quarter in another
    year, and so is 'last year' when results are compared with it."""
    recent = state.recent_quarter(pos)
    told = TimexValue.parse(recent)
    if spec.definite and spec.unit == "Q" and spec.offset is None:
        if spec.year:
            return told.with_year(spec.year) if recent else str(spec.year)
        return recent
    if (recent and spec.unit == "Y" and spec.rel == -1 and spec.offset is None
            and lang.comparison_before.search(low, max(0, pos - 50), pos)):
        return told.years_later(-1)  # "compared with $3 million last year"
    if spec.unit != "Y" or spec.offset not in (-1.0, 1.0) or spec.fixed:
        return ""
    if spec.quarter:
        year = told.year if told.year is not None else dct.year
        return dated(year + int(spec.offset), f"-Q{spec.quarter}")
    if recent:
        return told.years_later(int(spec.offset))
    if spec.definite:  # "the year-ago period" with no quarter named: the last one reported
        return shifted_value(dct, "Q", -5)
    return ""
