"""Is a bare number a year? '1999' is; '1430 GMT', '1500 dollars', '2000 syrische Pfund',
'from 297 to 1051', a live-blog stamp ('2057 In a moving report ...') are not.

A number the year pattern found is checked near its match only (a few words either
side): a time zone or a currency after it (one word may stand between: 'Syrian pounds')
makes it a clock time or an amount, and so does a clock reading ('1300 local time',
'2000 Moscow time', '1600 New York time': up to two capitalised words or 'local', then a
word for a clock's time) when the number is one (hour below 24, minute below 60); a
range whose other end is no year ('from 297 to 1051') makes both ends counts; 'at 1430'
is a clock time. What is left is a year, but one written without a word that makes it
one ('in 1430', 'since 1066') must also be plausible: near the date the text is resolved
against (:func:`plausible`), which the normalizer checks. Such a mention carries the
flag :data:`NEAR_FLAG`, and the years to check (itself and the other end of its range)
in its ``near`` group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from timeline.temporal.language import NO_LETTER_BEFORE, Language
from timeline.temporal.mention import Mention, next_word, word_before

NEAR_FLAG = "near_year"  # a bare year: plausible only near the reference date
# how far from the reference date a bare year may lie: two centuries back (a bare 1430
# in a 2011 article is a clock time or a count), three decades ahead ('2057 In a moving
# report' is a live-blog stamp)
PAST_REACH = 200
FUTURE_REACH = 30
_YEAR_SHAPED = re.compile(r"(?:1\d|20)\d{2}")
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")
_CAPITAL_AFTER = re.compile(r" +[^\W\d_a-zß]")
_WORDS = re.compile(r"[\s,]*(?P<one>[^\W\d_]+)[\s-]+(?P<two>[^\W\d_]+)")


@dataclass(frozen=True)
class _Context:
    """The regexes a language's year check uses, built once per language."""

    range_before: re.Pattern[str]  # 'from 297 to ' before the number
    range_after: re.Pattern[str]  # ' to 1051' after it (with an opener before it)
    opener_before: re.Pattern[str]  # 'from ', 'between ' right before it
    clock_after: re.Pattern[str]  # ' local time', ' New York time' after it (not ', in time')


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=len, reverse=True)) or "(?!)"


@cache
def _context(lang: Language) -> _Context:
    openers = _alt(list(lang.lex.get("number_range_openers", ())))
    joiners = _alt(list(lang.lex.get("range_joiners", ())))
    clock = _alt(list(lang.lex.get("clock_time_words", ())))
    qualifiers = _alt(list(lang.lex.get("clock_time_qualifiers", ())))
    number = r"(?P<n>\d+(?:[.,]\d+)*)"
    return _Context(
        re.compile(rf"{NO_LETTER_BEFORE}(?:{openers})\s+{number}\s*(?:{joiners})\s*$"),
        re.compile(rf"\s*(?:{joiners})\s*{number}(?![\d.,]\d)"),
        re.compile(rf"{NO_LETTER_BEFORE}(?:{openers})\s+$"),
        re.compile(rf"(?:\s+(?:[^\W\d_a-zß][^\W\d_]*|{qualifiers})){{1,2}}\s+(?i:{clock})"
                   r"(?![^\W\d_])"))


def _clock(year: str) -> bool:
    """Can the four digits be a 24-hour clock reading ('1430', '0900')?"""
    return int(year[:2]) < 24 and int(year[2:]) < 60


def _amount_after(lang: Language, orig: str, m: Mention) -> bool:
    """A time zone, unit or currency right after ('1430 GMT', '1500 dollars'), a clock
    reading's words ('1300 local time', '2000 Moscow time'), or a currency one word later
    ('2000 Syrian pounds', '2000 syrische Pfund')."""
    end = m.end
    if next_word(orig, end).rstrip(".") in lang.lex.get("time_zone_words", ()):
        return True
    if _clock(m.group("year")) and _context(lang).clock_after.match(orig, end, end + 40):
        return True
    words = _WORDS.match(orig, end, end + 40)
    return words is not None and words["two"].lower() in lang.lex.get("currency_words", ())


def _range_partner(lang: Language, low: str, m: Mention) -> str | None:
    """The other end of a number range the mention belongs to ('from 297 to 1051',
    'between 1000 and 2000'), '' when it belongs to none; None when that end is no year
    (a count, or a number that counts something: '2000 people')."""
    ctx = _context(lang)
    before = ctx.range_before.search(low, max(0, m.start - 40), m.start)
    if before is not None:
        partner, partner_end = before["n"], before.end("n")
    else:
        after = ctx.range_after.match(low, m.end, m.end + 30)
        if after is None or not ctx.opener_before.search(low, max(0, m.start - 16), m.start):
            return ""
        partner, partner_end = after["n"], after.end("n")
    if not _YEAR_SHAPED.fullmatch(partner) or next_word(low, partner_end) in lang.lex[
            "year_blockers_after"]:
        return None
    return partner


def _stamp(orig: str, m: Mention) -> bool:
    """A line that begins with the number and a capitalised word: a live blog's clock
    stamp ('2057 In a moving report ...'), which must be a plausible year to be one."""
    return bool(_LINE_START.search(orig, max(0, m.start - 8), m.start)) and bool(
        _CAPITAL_AFTER.match(orig, m.end))


def year_reading(lang: Language, orig: str, low: str, m: Mention) -> Mention | None:
    """``m`` (a number the year pattern found) as a year: None when it is none, else the
    mention, flagged :data:`NEAR_FLAG` when it must be near the reference date."""
    year = m.group("year")
    if not year.isdigit():
        return m  # a spoken year ('nineteen ninety-six')
    if _amount_after(lang, orig, m):
        return None
    if word_before(orig, m.start) in lang.lex.get("clock_context_before", ()) and _clock(year):
        return None  # 'at 1430': a clock time
    partner = _range_partner(lang, low, m)
    if partner is None:
        return None
    context = word_before(orig, m.start) in lang.lex.get("year_context_before", ())
    if context and not partner and not _stamp(orig, m):
        return m
    near = year + (f" {partner}" if partner else "")
    return replace(m, groups=m.groups + (("near", near),), flags=m.flags | {NEAR_FLAG})


def near_years(m: Mention) -> tuple[int, ...]:
    """The years a flagged mention needs near the reference date ((): none)."""
    if NEAR_FLAG not in m.flags:
        return ()
    return tuple(int(y) for y in m.group("near").split())


def plausible(years: tuple[int, ...], ref_year: int, ahead: bool = True) -> bool:
    """Do all ``years`` lie near ``ref_year`` (see PAST_REACH, FUTURE_REACH)? ``ahead``:
    is a year far after it implausible too (in the news, where ``ref_year`` is the
    publication's; a history moves forward from the last date it told)?"""
    return all(y - ref_year >= -PAST_REACH and (not ahead or y - ref_year <= FUTURE_REACH)
               for y in years)


def clock_hours_reading(lang: Language, orig: str, m: Mention) -> Mention:
    """A duration of four digits in hours ('1900 hours') is the 24-hour clock when the
    digits are one (hour below 24, minute below 60) and the words say so: a leading zero
    ('0600 hours': no count is written so), a word of ``clock_hours_context_before``
    before it ('at 1900 hours', 'until 0600 hours') or a time zone or clock's words after
    it ('1300 hours GMT', '1900 hours local time'); else the duration ('worked 1900
    hours')."""
    num = m.group("num")
    if not (len(num) == 4 and num.isdigit() and _clock(num)
            and lang.word("units", m.group("unit")) == "H"):
        return m
    end = m.end
    if not (num[0] == "0"
            or word_before(orig, m.start) in lang.lex.get("clock_hours_context_before", ())
            or next_word(orig, end).rstrip(".") in lang.lex.get("time_zone_words", ())
            or _context(lang).clock_after.match(orig, end, end + 40)):
        return m
    return replace(m, type="TIME", template="clock",
                   groups=(("hour", num[:2]), ("minute", num[2:])))
