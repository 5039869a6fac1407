"""Pass 1b: turn a recognised Mention into an underspecified value (a Spec).

A Spec says what the words mean without any reference date: "weekday 4", "month 2, part
START", "offset -2 years", "P2D". :mod:`timeline.temporal.normalize` resolves it later against a
reference date and the sentence's tense.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from timeline.errors import TimelineError
from timeline.temporal.language import Language
from timeline.temporal.numbers import TIME_UNITS, duration_value, number_value, year_of
from timeline.temporal.recognize import Mention
from timeline.temporal.years import near_years

_LEADING_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_NEXT_WORD = re.compile(r"\s+(?P<word>[^\W\d_]+)")


@dataclass(frozen=True, slots=True)
class Spec:
    """An underspecified TIMEX3 value (no reference date applied yet)."""

    type: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    decade: int | None = None       # 199 for the 1990s; 9 (no century) for the '90s
    century: int | None = None      # 20 for the 21st century / the 2000s
    quarter: int | None = None
    half: int | None = None
    season: str = ""
    pod: str = ""                   # part of day: MO AF EV NI
    hour: int | None = None
    minute: int | None = None
    rel: int | None = None          # -1 last/past, 0 this, +1 next
    year_rel: int | None = None     # "January last year": -1
    unit: str = ""                  # D W WE M Q Y DE CE H MIN S
    offset: float | None = None     # signed count of units from the reference
    anaphoric: bool = False         # resolve against the last mentioned date, not the DCT
    yy: int | None = None           # a two-digit year ('22, the '90s) whose century is unknown
    fixed: str = ""                 # a value needing no reference: P2D, PAST_REF, P1Y, ...
    mod: str = ""
    fiscal: bool = False
    definite: bool = False          # "the quarter", "the weekend": the one in question
    holiday: str = ""               # a holiday (see timeline.temporal.holidays): "IN:Diwali"
    country: str = ""               # the country the text's holiday is kept in: "IN"
    container: str = ""             # W / WE: the week (weekend) around the date
    latest: bool = False            # "this past Sunday": the latest one, whatever the tense
    near: tuple[int, ...] = ()      # a bare number read as a year: these years must lie
    #                                 near the reference date (timeline.temporal.years)

    @property
    def template(self) -> str:
        """A readable underspecified value, e.g. XXXX-02 or XXXX-WXX-4."""
        if self.fixed:
            return self.fixed
        if self.weekday:
            return f"XXXX-WXX-{self.weekday}"
        year = str(self.year) if self.year else "XXXX"
        if self.month:
            return f"{year}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")
        return year if self.year else "UNDEF"


def part_mod(lang: Language, part: str) -> str:
    """'early' -> START, 'the end of' -> END, 'earlier' -> '' (no mod)."""
    return lang.word("parts", part) or ""


def _day(lang: Language, text: str) -> int | None:
    if not text:
        return None
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else lang.word("ordinals", text)


def _calendar(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    g = m.group
    month = lang.word("months", g("month")) if g("month") else None
    if g("mnum"):
        month = int(g("mnum"))
    year = year_of(g("year"), lang)
    if len(g("year")) == 2 and g("year").isdigit():  # 2/24/22: a numeric date's short year
        year = 1900 + int(g("year")) if int(g("year")) > 30 else 2000 + int(g("year"))
    weekday = lang.word("weekdays", g("weekday")) if g("weekday") else None
    hour, minute = _clock_fields(lang, m) if g("hour") or g("noon") else (None, None)
    rel = lang.word("relatives", g("rel")) if g("rel") else None
    year_rel = lang.word("relatives", g("yrel")) if g("yrel") else None
    anaphoric = g("rel") in lang.lex["anaphoric_relatives"]  # "the previous Friday"
    return Spec(m.type if hour is not None or g("pod") else "DATE", year=year, month=month,
                day=_day(lang, g("day")), weekday=weekday, hour=hour, minute=minute, rel=rel,
                pod=lang.word("parts_of_day", g("pod")) or "" if g("pod") else "",
                year_rel=year_rel, anaphoric=anaphoric, latest=bool(g("thispast")),
                container=_container(lang, m), yy=int(g("yy")) if g("yy") else None,
                near=near_years(m))


def _container(lang: Language, m: Mention) -> str:
    return lang.word("units", m.group("container")) or "" if m.group("container") else ""


def _clock_fields(lang: Language, m: Mention) -> tuple[int, int]:
    g = m.group
    if g("noon"):
        return lang.word("noon_hours", g("noon")) or 12, 0  # noon 12, midnight 24
    hour = int(g("hour")) if g("hour").isdigit() else int(number_value(lang, g("hour")) or 0)
    ampm = g("ampm")[:1]
    if not ampm and g("pod"):  # "4 in the morning", "8 in the evening"
        pod = lang.word("parts_of_day", g("pod"))
        ampm = "a" if pod == "MO" or (pod == "NI" and hour < 6) else "p"
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    return hour, int(g("minute") or 0)


def _clock(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    hour, minute = _clock_fields(lang, m)
    return Spec("TIME", hour=hour, minute=minute)


def _decade(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    g = m.group
    if g("decade"):
        return Spec("DATE", decade=int(g("decade")))
    if g("decadeword"):  # "the nineties"
        return Spec("DATE", yy=lang.word("decade_words", g("decadeword")), unit="DE")
    return Spec("DATE", yy=int(g("decade2")), unit="DE")


def _century(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    if m.group("hundreds"):
        return Spec("DATE", century=int(m.group("hundreds")))
    ordinal = _day(lang, m.group("century")) or 1
    if m.group("era") and lang.word("eras", m.group("era")) == "BC":
        return Spec("DATE", fixed=f"BC{ordinal - 1:02d}")  # the third century BC: BC02
    return Spec("DATE", century=ordinal - 1)


def _year_part(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    g = m.group
    quarter = (lang.word("quarters", g("qord")) if g("qord")
               else int(g("qnum")[1]) if g("qnum") else None)
    half = lang.word("halves", g("half")) if g("half") else None
    season = lang.word("seasons", g("season")) if g("season") else ""
    rel = (lang.word("relatives", g("rel"))
           if g("rel") and g("rel") != lang.lex["definite_article"] else None)
    year = year_of(g("year"), lang)
    digits = g("year").lstrip("'")
    yy = int(digits) if digits.isdigit() and year is None else None
    return Spec("DATE", year=year, yy=yy, quarter=quarter, half=half, season=season, rel=rel,
                fiscal=bool(g("fiscal")), unit="Y" if rel is not None else "",
                latest=bool(g("thispast")))


def _earlier_period(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    """'a year earlier', 'the year-ago quarter': one unit (the word in ``num``, by default a
    year) before the period under discussion; with a ``period`` word it is that period."""
    g = m.group
    unit = lang.word("units", g("num")) if g("num") else "Y"
    quarter = lang.word("quarters", g("qord")) if g("qord") else None
    return Spec("DATE", unit=unit, offset=-1.0, anaphoric=True, quarter=quarter,
                definite=bool(g("period")))


def _offset(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    g = m.group
    unit = lang.word("units", g("unit")) or ""
    direction = lang.word("offset_directions", g("dir")) or -1
    anaphoric = bool(g("anaph")) or g("dir") in lang.lex["anaphoric_directions"]
    num = 1.0 if g("anaph") else number_value(lang, g("num"))
    if num is None:
        return Spec("DATE", fixed="PAST_REF" if direction < 0 else "FUTURE_REF")
    typ = "TIME" if unit in TIME_UNITS else "DATE"
    return Spec(typ, unit=unit, offset=direction * num, anaphoric=anaphoric,
                mod="APPROX" if g("orso") else "")


_SPAN_UNITS = frozenset(("W", "M", "Y", "DE", "CE", "Q"))


def _rel_unit(lang: Language, m: Mention, text: str, after: str = "") -> Spec:
    g = m.group
    unit = lang.word("units", g("unit")) or ""
    pod = lang.word("parts_of_day", g("unit")) or ""
    definite = text.lower().startswith(lang.lex["definite_article"] + " ")
    if definite and g("rel") in lang.lex["duration_relatives"] and unit in _SPAN_UNITS:
        return Spec("DURATION", fixed=duration_value(unit, 1))
    rel = lang.word("relatives", g("rel"))
    # "the next day", "the next morning": the day after the one just told
    anaphoric = g("rel") in lang.lex["anaphoric_relatives"] or (
        definite and lang.word("relatives", g("rel")) == 1 and (unit in ("D", "NIGHT")
                                                                 or bool(pod)))
    if pod:
        return Spec("TIME", unit="D", offset=float(rel), pod=pod, anaphoric=anaphoric)
    if unit in ("D", "NIGHT"):
        return Spec("TIME" if unit == "NIGHT" else "DATE", unit="D", offset=float(rel),
                    anaphoric=anaphoric, pod="NI" if unit == "NIGHT" else "")
    return Spec("DATE", unit=unit, rel=rel, anaphoric=anaphoric)


def _vague_duration(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    """'for years': PXY."""
    return Spec("DURATION", fixed=duration_value(lang.word("units", m.group("unit")) or "",
                                                 None))


def _duration(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    g = m.group
    unit = lang.word("units", g("unit")) or ""
    if not g("num"):  # "a day-long meeting": one unit; "days-long": a vague count
        return Spec("DURATION", fixed=duration_value(unit, None if g("plural") else 1))
    leading = _LEADING_NUMBER.match(g("num"))  # "3-4 days", "3 to 4 days": the first
    numtext = leading.group() if leading else g("num")
    num = number_value(lang, numtext)
    if num is not None and (g("andhalf") or g("andhalf2") or g("frac")):
        num += 0.5
    return Spec("DURATION", fixed=duration_value(unit, num))


def _the_period(lang: Language, m: Mention, text: str, low_after: str) -> Spec:
    unit = (lang.word("units", m.group("unit")) if m.group("unit") else None) or "Q"
    word = _NEXT_WORD.match(low_after)
    if unit == "Y" and word and word["word"] in lang.lex["period_end_words"]:  # year ended
        return Spec("DURATION", fixed="P1Y")
    return Spec("DATE", unit=unit, definite=True, fiscal=bool(m.group("fiscal")))


def _set(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    g = m.group
    if g("weekday"):
        return Spec("SET", fixed=f"XXXX-WXX-{lang.word('weekdays', g('weekday'))}")
    if g("setword"):
        return Spec("SET", fixed=lang.word("set_words", g("setword")))
    if g("month"):
        return Spec("SET", fixed=f"XXXX-{lang.word('months', g('month')):02d}")
    if g("season"):
        return Spec("SET", fixed=f"XXXX-{lang.word('seasons', g('season'))}")
    unit = lang.word("units", g("unit")) or "D"
    num = 2.0 if g("other") else (number_value(lang, g("num")) if g("num") else 1.0)
    return Spec("SET", fixed=duration_value(unit, num))


def _deictic(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    typ, days, pod = lang.word("deictics", m.group("deictic"))
    if m.group("pod"):  # "mid-afternoon yesterday"
        typ, pod = "TIME", lang.word("parts_of_day", m.group("pod"))
    return Spec(typ, unit="D", offset=float(days), pod=pod)


def _era_year(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    """'241 BC' -> BC0241, 'AD 79' / '79 AD' -> 0079."""
    year = int(m.group("eranum") or m.group("eranum2"))
    before = lang.word("eras", m.group("era")) == "BC"
    return Spec("DATE", fixed=f"BC{year:04d}" if before else f"{year:04d}")


def _holiday(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    rel = lang.word("relatives", m.group("rel")) if m.group("rel") else None
    return Spec("DATE", year=year_of(m.group("year"), lang),
                holiday=lang.word("holidays", m.group("holiday")), country=m.group("country"),
                rel=rel, container=_container(lang, m))


def _told_day(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    """'earlier in the day': the day the text is telling."""
    return Spec("DATE", unit="D", offset=0.0, anaphoric=True)


def _year_period(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    """'the 1988 period': that year's quarter under discussion."""
    return Spec("DATE", year=int(m.group("year")), unit="Q", definite=True, anaphoric=True)


def _year_end(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    return Spec("DATE", unit="Y", rel=0, mod="END")


def _vague(lang: Language, m: Mention, text: str = "", after: str = "") -> Spec:
    return Spec("DATE", fixed=lang.word("vague", m.group("vague")))


# one interpreter per template of timeline.temporal.patterns.TEMPLATES
_BY_TEMPLATE: dict[str, Callable[[Language, Mention, str, str], Spec]] = {
    "date": _calendar, "clock": _clock, "decade": _decade, "century": _century,
    "year_part": _year_part, "offset": _offset, "earlier_period": _earlier_period,
    "told_day": _told_day, "year_period": _year_period, "definite_unit": _the_period,
    "relative_unit": _rel_unit, "duration": _duration, "vague_duration": _vague_duration,
    "set": _set, "deictic": _deictic, "holiday": _holiday, "era": _era_year,
    "year_end": _year_end, "vague": _vague,
}


def template_of(m: Mention) -> str:
    """The value template of the pattern that found ``m``."""
    if m.template not in _BY_TEMPLATE:
        raise TimelineError(f"mention '{m.pattern}' has no known template ('{m.template}')")
    return m.template


def interpret(lang: Language, m: Mention, text: str, after: str = "") -> Spec:
    """The underspecified value of a mention; ``text`` is the mention's own text and
    ``after`` the lower-cased text that follows it (a few words)."""
    spec = _BY_TEMPLATE[template_of(m)](lang, m, text, after)
    return _with_mods(lang, spec, m)


def _with_mods(lang: Language, spec: Spec, m: Mention) -> Spec:
    part = m.part or m.group("seasonpart")
    mod = part_mod(lang, part) if part else spec.mod
    if m.approx:
        approx = lang.word("approx", m.approx) or "APPROX"
        mod = approx if spec.type == "DURATION" else (mod or "APPROX")
    return replace(spec, mod=mod) if mod else spec

