"""Named days: which day a holiday is, in which country.

A language's lexicon maps each holiday name it knows to ``COUNTRY:DAY``. ``DAY`` is a
holiday's name in the ``holidays`` library's English calendars (``IN:Diwali``,
``CN:Chinese New Year (Spring Festival)|Lunar New Year``: alternatives by ``|``, each
the library's whole name, an estimated date counting too), or, for a day no public
calendar keeps, a rule: ``MM-DD`` (a fixed day), ``MM/N/W`` (the N-th ISO weekday W of
month MM, N = -1 for the last), ``MM/N/W/+D`` (D days after it: the US Election Day) or
``easter+D`` (Western Easter, from ``dateutil.easter``; ``orthodox_easter+D`` the
Orthodox one). A name may end in ``@RULE``:
the day in the years no calendar of the library reaches (``US:Christmas Day@12-25`` in
1776). ``COUNTRY`` is where the day is kept when the text names no country, or, for a
rule, the one country it holds for ('' for everywhere).

The country of a text is the one a place name near the holiday names ('Independence
Day in India'), else one named in the text's opening, else the language's default
(``data/<lang>/holidays.json``: ``countries``, a gazetteer of names to ISO codes, and
``default_country``). A holiday the text's country keeps is that country's; one it does
not keep is its home country's ('Diwali' in a British article is India's); a rule for
another country than the text's gives no day (a UK 'election day' is not the US one).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import cache, lru_cache

import holidays as holiday_calendars
from dateutil.easter import (  # type: ignore[import-untyped]
    EASTER_ORTHODOX,
    EASTER_WESTERN,
    easter,
)
from dateutil.relativedelta import relativedelta, weekday  # type: ignore[import-untyped]

from timeline.langdata import language_dir, load_json
from timeline.temporal.language import NO_LETTER_AFTER, NO_LETTER_BEFORE, Language
from timeline.temporal.mention import Mention

_FIXED = re.compile(r"^(?P<month>\d{2})-(?P<day>\d{2})$")
_NTH = re.compile(r"^(?P<month>\d{2})/(?P<n>-?\d)/(?P<weekday>[1-7])(?:/(?P<shift>[+-]\d+))?$")
_EASTER = re.compile(r"^(?P<orthodox>orthodox_)?easter(?P<shift>[+-]\d+)?$")
_NEAR = 150  # characters either side of a holiday searched for a place name
_OPENING = 600  # the text's opening (its dateline), searched when none is near
_CALENDAR_LANGUAGE = "en_US"  # the library's names the lexicons refer to
_ESTIMATED = " (estimated)"  # a lunar holiday the library computes ahead


def is_rule(day: str) -> bool:
    return bool(_FIXED.match(day) or _NTH.match(day) or _EASTER.match(day))


def rule_date(rule: str, year: int) -> date:
    """The day ``rule`` names in ``year``; ValueError for a malformed rule."""
    if m := _FIXED.match(rule):
        return date(year, int(m["month"]), int(m["day"]))
    if m := _NTH.match(rule):
        n, month = int(m["n"]), int(m["month"])
        first = date(year, month, 1) if n > 0 else date(year, month, 1) + relativedelta(day=31)
        day = first + relativedelta(weekday=weekday(int(m["weekday"]) - 1, n))
        return day + timedelta(days=int(m["shift"] or 0))
    if m := _EASTER.match(rule):
        method = EASTER_ORTHODOX if m["orthodox"] else EASTER_WESTERN
        return easter(year, method) + timedelta(days=int(m["shift"] or 0))
    raise ValueError(f"not a holiday rule: {rule!r}")


@lru_cache(maxsize=512)
def _calendar(country: str, year: int) -> tuple[tuple[date, str], ...]:
    """(day, lower-cased English name) of every holiday ``country`` keeps in ``year``,
    in every category the library knows (public, optional, unofficial...)."""
    try:
        kind = holiday_calendars.country_holidays(country).__class__
        language = (_CALENDAR_LANGUAGE if _CALENDAR_LANGUAGE in kind.supported_languages
                    else None)
        days = holiday_calendars.country_holidays(
            country, years=year, language=language, categories=kind.supported_categories)
    except (NotImplementedError, KeyError, ValueError):
        return ()
    return tuple(sorted((d, n.lower()) for d, n in days.items()))


def _kept(country: str, names: tuple[str, ...], year: int) -> date | None:
    """The first day of ``year`` on which ``country`` keeps a holiday of those names."""
    for day, name in _calendar(country, year):
        for part in name.split("; "):  # the library joins two holidays of one day by ';'
            if part.removesuffix(_ESTIMATED) in names:
                return day
    return None


def holiday_date(holiday: str, year: int, country: str) -> date | None:
    """The day ``holiday`` (``COUNTRY:DAY``, module doc) falls on in ``year`` in the text's
    ``country``; None when there is none (or the year is past the calendars)."""
    home, _, day = holiday.partition(":")
    day, _, fallback = day.partition("@")
    country = country or home
    if is_rule(day):
        return rule_date(day, year) if home in ("", country) else None
    names = tuple(n.strip().lower() for n in day.split("|"))
    kept = _kept(country, names, year) or _kept(home, names, year)
    return kept or (rule_date(fallback, year) if fallback else None)


@cache
def _gazetteer(lang: Language) -> tuple[re.Pattern[str] | None, dict[str, str], str]:
    """A regex of the language's country and place names, name -> ISO code, the default."""
    folder = language_dir(lang.code)
    if folder is None or not (folder / "holidays.json").is_file():
        return None, {}, ""  # a language without a gazetteer: each holiday's home country
    data = load_json(lang.code, "holidays.json")
    names: dict[str, str] = {k.lower(): v for k, v in data["countries"].items()}
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+")
                    for n in sorted(names, key=len, reverse=True))
    regex = re.compile(rf"{NO_LETTER_BEFORE}(?:{body}){NO_LETTER_AFTER}") if body else None
    return regex, names, data["default_country"]


def _country_in(regex: re.Pattern[str], names: dict[str, str], low: str, lo: int, hi: int,
                around: int) -> str:
    """The country of the place name nearest ``around`` within low[lo:hi], or ''."""
    found = [(abs(m.start() - around), m.group()) for m in regex.finditer(low, lo, hi)]
    if not found:
        return ""
    return names.get(" ".join(min(found)[1].split()), "")


def text_country(lang: Language, low: str, start: int, end: int) -> str:
    """The country a holiday at [start, end) of the lower-cased text is kept in (module
    doc): a place named near it, else in the text's opening, else the default."""
    regex, names, default = _gazetteer(lang)
    if regex is None:
        return default
    near = _country_in(regex, names, low, max(0, start - _NEAR), min(len(low), end + _NEAR),
                       start)
    return near or _country_in(regex, names, low, 0, min(len(low), _OPENING), 0) or default


def with_country(lang: Language, low: str, m: Mention) -> Mention:
    """The holiday mention with the text's country in its ``country`` group."""
    return replace(m, groups=m.groups + (("country", text_country(lang, low, m.start, m.end)),))
