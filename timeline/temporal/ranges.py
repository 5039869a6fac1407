"""Two expressions written as one: '1861-1863', 'April 24 and 25', '12-13 April',
'vom 3. bis 5. März', '499-493 BC', 'Mai/Juni 1940'. The end that names the month, year
or era lends it to the other end."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from timeline.temporal.language import NO_LETTER_BEFORE, Language, day_suffix
from timeline.temporal.mention import Mention, next_word

_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_NOT_PLAIN = ("rel", "container", "pod", "mnum")  # a day counted, a week, a time: no range


@dataclass(frozen=True)
class _Ranges:
    second_day: re.Pattern[str]  # '... and 25' after 'April 24'
    first_day: re.Pattern[str]  # '12-' / 'from 12 to ' before '13 April'
    first_era_year: re.Pattern[str]  # '499-' before '493 BC'
    first_month: re.Pattern[str]  # 'Mai/' before 'Juni 1940'
    first_century: re.Pattern[str]  # 'the 15th and ' before '16th centuries'


_NEVER = "(?!)"


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=len, reverse=True))


@cache
def _ranges(lang: Language) -> _Ranges:
    joiners = sorted(lang.lex["range_joiners"])
    words = _alt([w for w in joiners if w[:1].isalpha()])
    dashes = "".join(re.escape(w) for w in joiners if len(w) == 1 and not w.isalpha())
    openers = _alt(list(lang.lex.get("range_openers", ())))
    percent = _alt(["%", *lang.lex.get("percent_words", ())])
    suffix = day_suffix(lang.lex)
    # the day's dot is part of the first day ('vom 3. bis'); 'st', 'th' stay outside
    kept = suffix if "." in lang.lex.get("ordinal_suffixes", ()) else ""
    suffix = "" if kept else suffix
    opened = f"(?:{NO_LETTER_BEFORE}(?:{openers})|[,(])" if openers else "[,(]"
    months = _alt(list(lang.lex["months"]))
    dash = f"[{dashes}]" if dashes else _NEVER  # a language without joiners has no ranges
    words = words or _NEVER
    return _Ranges(
        re.compile(rf"\s*(?:{dash}|{words})\s*(?P<day>{_DAY}){suffix}\b"
                   rf"(?!\s*(?:{percent}|[.,:]\d|-))"),
        re.compile(rf"(?<![\d.,])(?P<day>{_DAY}{kept})\s*{dash}\s*$"
                   rf"|{opened}\s+(?P<wday>{_DAY}{kept})\s+(?:{words})\s+$"),
        re.compile(rf"(?<![\d.,$])(?P<n>[1-9]\d{{0,3}})\s*(?:{dash}|{words})\s*$"),
        re.compile(rf"{NO_LETTER_BEFORE}(?P<month>{months})\s*(?:{dash}|\s(?:{words})\s)\s*$"),
        re.compile(rf"{NO_LETTER_BEFORE}(?:{_alt([lang.lex['definite_article']])}\s+)?"
                   rf"(?P<c>\d{{1,2}}(?:{_alt(lang.lex.get('ordinal_suffixes', []))})"
                   rf"|{_alt(list(lang.lex.get('ordinals', {})))})"
                   rf"\s*(?:{dash}|\s(?:{words})\s)\s*$"))


def _year_range(m: Mention) -> list[Mention]:
    """'1861-1863', '1915-16': two years (the second's century from the first)."""
    first, second = m.group("year"), m.group("year2")
    cut = m.start + len(first)
    start2 = m.end - len(second)
    if len(second) == 2:
        second = first[:2] + second
        if second <= first:
            return [_year(m, m.start, cut, first)]
    return [_year(m, m.start, cut, first), _year(m, start2, m.end, second)]


def _year(m: Mention, start: int, end: int, year: str) -> Mention:
    """One end of a range of years: a date of that year alone."""
    return Mention(start, end, "DATE", m.pattern, (("year", year),), template=m.template)


def _month_first(low: str, m: Mention) -> bool:
    """Is the month written before the day ('Feb. 24' rather than '24 Feb.')?"""
    return low.find(m.group("month"), m.start, m.end) < low.find(m.group("day"), m.start,
                                                                 m.end)


def split_ranges(lang: Language, text: str, low: str, m: Mention) -> list[Mention]:
    """The mentions ``m`` stands for: itself, or both ends of a range it ends or begins."""
    if m.template == "date" and m.group("year2"):
        return _year_range(m)
    ranges = _ranges(lang)
    if m.template == "century" and m.group("century") and (
            prev := ranges.first_century.search(low, max(0, m.start - 24), m.start)):
        # "the 15th and 16th centuries", "im 15. und 16. Jahrhundert": two centuries
        groups = (("century", prev["c"]),) + tuple((k, v) for k, v in m.groups if k == "era")
        return [Mention(prev.start(), prev.end("c"), "DATE", m.pattern, groups,
                        template=m.template), m]
    if m.template == "era" and m.group("era") and (
            prev := ranges.first_era_year.search(low, max(0, m.start - 16), m.start)):
        # "499-493 BC", "from 264 to 241 BC": the era holds for both ends
        return [Mention(prev.start("n"), prev.end("n"), "DATE", m.pattern,
                        (("eranum", prev["n"]), ("era", m.group("era"))), template=m.template),
                m]
    if (m.group("weekday") or not m.group("month") or not m.group("day") or m.template != "date"
            or any(m.group(g) for g in _NOT_PLAIN)):
        return [m]
    keep = tuple((k, v) for k, v in m.groups if k in ("month", "year"))
    month_first = _month_first(low, m)
    if month_first and not m.group("year"):
        nxt = ranges.second_day.match(low, m.end)
        if nxt and next_word(text, nxt.end()) not in lang.lex["year_blockers_after"]:
            second = Mention(nxt.start("day"), nxt.end(), "DATE", m.pattern,
                             keep + (("day", nxt["day"]),), template=m.template)
            return [m, second]
    if not month_first and (
            prev := ranges.first_day.search(low, max(0, m.start - 24), m.start)):
        group = "day" if prev["day"] else "wday"
        first = Mention(prev.start(group), prev.end(group), "DATE", m.pattern,
                        keep + (("day", prev[group]),), template=m.template)
        return [first, m]
    return [m]


def share_year(lang: Language, out: list[Mention], low: str, m: Mention) -> None:
    """'Mai/Juni 1940', 'May and June 1940': the bare month just found (the last of
    ``out``) is of the year that ``m`` names."""
    if not out or m.template != "date" or not m.only("month", "year"):
        return
    prev = out[-1]
    if prev.template != "date" or not prev.only("month"):
        return
    found = _ranges(lang).first_month.search(low, prev.start, m.start)
    if found and found.start() == prev.start and found.end() == m.start:
        year = tuple((k, v) for k, v in m.groups if k == "year")
        out[-1] = replace(prev, groups=prev.groups + year, pattern=m.pattern)
