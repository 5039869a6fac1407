"""Recognize + normalize: text and a reference date in, resolved TIMEX3s out.

News mode resolves deictic words (today, last week, two years ago) against the
publication date; narrative mode (histories, biographies) against the most recent date
the text mentioned before. Anaphoric words (two days later, that day) always count from
the most recent date mentioned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from timeline.models import Timex
from timeline.options import MODES
from timeline.temporal.cues import Cues, joins_range, sentence_bounds, tense_at
from timeline.temporal.discourse import Discourse, quarter_value
from timeline.temporal.interpret import Spec, interpret
from timeline.temporal.intervals import interval_of
from timeline.temporal.language import Language, load_language
from timeline.temporal.normalize import resolve, shifted_value
from timeline.temporal.recognize import Mention, find_mentions
from timeline.timex3 import TimexValue

_ONE = timedelta(days=1)
_BRACKETED = re.compile(r"\s*\([^()]{1,24}\)\s*$")


@dataclass(frozen=True)
class _Doc:
    """One text being tagged: its words, lower-cased copy, tense cues and reference date."""

    lang: Language
    text: str
    low: str
    dct: date
    news: bool
    cues: Cues


def _needs_tense(spec: Spec) -> bool:
    return not spec.fixed and spec.offset is None and spec.rel is None and (spec.definite or (
        spec.year is None and any((spec.month, spec.weekday, spec.day, spec.quarter,
                                   spec.half, spec.season, spec.holiday))))


def _tense(doc: _Doc, m: Mention, spec: Spec) -> tuple[str, bool]:
    """(tense, strict) for a year-less or week-less expression in news mode: the
    sentence's tense cue, unless a relation word settles it."""
    if not doc.news or not _needs_tense(spec):
        return "", False
    if spec.latest:  # "this past Sunday"
        return "past", True
    if spec.quarter and doc.low.endswith("-quarter", m.start, m.end):
        return "", False  # "a third-quarter loss": reported results, whatever the verb
    tense, strict = tense_at(doc.text, doc.cues, m.start, m.end)
    return _relation_tense(doc, m.start, spec, tense, strict)


def _relation_tense(doc: _Doc, start: int, spec: Spec, tense: str, strict: bool
                    ) -> tuple[str, bool]:
    """'since February' looks back whatever the verb's tense; 'until Tuesday' forward."""
    lang, low = doc.lang, doc.low
    if doc.cues.relation_at(start) == "since":
        return "past", True
    before = low[max(0, start - 30) : start].split()[-2:]
    prep, verb = (before[-1], before[0] if len(before) == 2 else "") if before else ("", "")
    targets = lang.lex["target_prepositions"]
    deferred = verb in lang.lex["to_target_verbs"] and (
        prep in lang.lex.get("to_target_prepositions", ()) or prep in targets)
    if deferred or (not strict and prep in targets):
        # a deadline or target: "was extended to Nov. 16" and "postponed until Tuesday"
        # look forward whatever the verb's tense; "by August", "effective June 1" unless
        # a governing cue says otherwise ("stayed until Tuesday")
        return "future", bool(spec.weekday)
    return tense, strict


def _resolve_all(doc: _Doc) -> list[Timex]:
    state = Discourse(doc.dct)
    out: list[Timex] = []
    mentions = find_mentions(doc.text, doc.lang, doc.low)
    i = 0
    while i < len(mentions):
        m = mentions[i]
        spec = _spec(doc, m)
        end = m.end
        if i + 1 < len(mentions) and _counts_from_next(doc.lang, doc.low, m, spec,
                                                       mentions[i + 1]):
            # "the day before last Tuesday's hearing": counted from the date that follows,
            # as one expression
            nxt = mentions[i + 1]
            if told := _resolve_one(doc, nxt, state, out):
                state.told(told, "DATE")
            end, i = nxt.end, i + 1
        ahead = ""
        if i + 1 < len(mentions) and _dated_by_next(doc, m, spec, mentions[i + 1]):
            # "10:35 a.m. (0735 GMT) Friday", "the quarter ended Sept. 30": the date that
            # follows says which day, which quarter
            ahead = _resolve_one(doc, mentions[i + 1], state, out)
        value = _resolve_one(doc, m, state, out, spec, ahead)
        if not value:  # it leaves the calendar: no expression, never an exception
            i += 1
            continue
        timed = TimexValue.parse(value).has_time
        typ = ("TIME" if timed else "DATE") if spec.type in ("DATE", "TIME") else spec.type
        earliest, latest = interval_of(value, spec.mod, doc.dct) or (None, None)
        out.append(Timex(m.start, end, doc.text[m.start : end], typ, value, spec.mod,
                         earliest, latest, "on", earliest, latest, f"t{len(out) + 1}"))
        if not (_names_a_thing(doc, m, value) or _aside(spec)):
            state.told(value, typ)
        state.reported(spec, value, latest, doc.dct, m.end)
        i += 1
    return out


def _aside(spec: Spec) -> bool:
    """'almost two decades earlier', 'a century ago', 'im Vorjahr' (the year before the
    one told): a glance back across years, after which the story goes on from where it
    was."""
    return spec.offset is not None and spec.unit in ("Y", "DE", "CE", "ML") and (
        abs(spec.offset) > 1 or (spec.anaphoric and spec.offset < 0))


def _names_a_thing(doc: _Doc, m: Mention, value: str) -> bool:
    """'the 1978 Treaty of Friendship', 'its 1987 Chevrolet': a year naming a thing, which
    does not move the story's time."""
    if not doc.low[m.start : m.end].isdigit() or TimexValue.parse(value).truncated("year") != value:
        return False
    before = doc.low[max(0, m.start - 12) : m.start].split()
    after = doc.text[m.end : m.end + 2]
    return bool(before) and before[-1] in doc.lang.lex["determiners"] and (
        after[:1] == " " and after[1:2].isupper())


def _spec(doc: _Doc, m: Mention) -> Spec:
    core = m.core_start if m.core_start >= 0 else m.start
    return interpret(doc.lang, m, doc.text[core : m.end], doc.low[m.end : m.end + 24])


def _counts_from_next(lang: Language, low: str, m: Mention, spec: Spec, nxt: Mention) -> bool:
    """An offset ending in 'before'/'after' right before a date: it counts from that date."""
    if spec.offset is None or not spec.anaphoric or nxt.start - m.end > 1:
        return False
    word = low[m.start : m.end].split()[-1]
    return lang.word("offset_directions", word) is not None and word in (
        lang.lex["relation_words"]) and nxt.type in ("DATE", "TIME")


def _dated_by_next(doc: _Doc, m: Mention, spec: Spec, nxt: Mention) -> bool:
    """A clock time, a bracketed aside, then a day ('10:35 a.m. (0735 GMT) Friday'), or a
    quarter not named by its number, then its last day ('the quarter ended Sept. 30')."""
    if nxt.type not in ("DATE", "TIME"):
        return False
    if spec.hour is not None:
        return bool(_BRACKETED.match(doc.low, m.end, nxt.start))
    return (spec.definite and spec.unit == "Q" and not spec.quarter
            and bool(_ended(doc.lang).match(doc.low, m.end, nxt.start)))


@cache
def _ended(lang: Language) -> re.Pattern[str]:
    """'(that) ended' between a quarter and its last day ('the quarter ended Sept. 30')."""
    ends = "|".join(map(re.escape, sorted(lang.lex.get("period_end_words", ("\0",)))))
    that = "|".join(re.escape(w) + r"\s+" for w in sorted(lang.lex.get("relative_pronouns", ())))
    return re.compile(rf"\s+(?:{that})?(?:{ends})\s+$" if that else rf"\s+(?:{ends})\s+$")


def _quarter_ending(day: str) -> str:
    """The calendar quarter most of a three-month period ending on ``day`` falls in."""
    return shifted_value(date.fromisoformat(day) - timedelta(days=45), "Q", 0)


def _resolve_one(doc: _Doc, m: Mention, state: Discourse, done: list[Timex],
                 spec: Spec | None = None, ahead: str = "") -> str:
    """The value of one mention, given what the text has said so far (``ahead``: the value
    of the date right after it, when that date says which day or quarter it is)."""
    spec = spec or _spec(doc, m)
    if not doc.news and m.group("deictic") in doc.lang.lex.get("narrative_present", ()):
        return "PRESENT_REF"  # 'heute' in a history: nowadays, not the day just told
    ahead_day = TimexValue.parse(ahead).date_text if ahead else ""
    if ahead_day and spec.unit == "Q":
        return _quarter_ending(ahead_day)
    tense, strict = _tense(doc, m, spec)
    value = state.same_weekday(spec, strict, doc.news) or quarter_value(
        doc.lang, doc.low, spec, state, m.start, doc.dct) or resolve(
        spec, doc.dct if doc.news else state.anchor, state.anchor, tense, doc.news, strict)
    parsed = TimexValue.parse(value)
    if spec.anaphoric and spec.unit == "D" and state.coarse and parsed.is_calendar:
        # "that same day" after "in October": a day of that month, not October 1st
        value = parsed.truncated(TimexValue.parse(state.coarse).granularity) or value
        parsed = TimexValue.parse(value)
    if ((spec.hour is not None or spec.pod) and parsed.has_time and spec.offset is None
            and not (spec.month or spec.weekday or spec.day)):
        # a clock time alone is today's in the news, the story's day in a history; a
        # part of the day alone ("in the morning") is that of the day just told
        told_day = spec.hour is None and state.exact
        fallback = state.anchor if told_day or not doc.news else doc.dct
        day = ahead_day or _day_of_sentence(doc, done, m.start, m.end, fallback)
        value = day + parsed.time_suffix
    return value


def _day_of_sentence(doc: _Doc, done: list[Timex], start: int, end: int, anchor: date) -> str:
    """The day a clock time belongs to: a dated expression just before it in its sentence."""
    left, _ = sentence_bounds(doc.text, start, end, doc.lang)
    for t in reversed(done):
        if t.start < left:
            break
        if t.earliest and t.earliest == t.latest and t.type in ("DATE", "TIME"):
            return t.earliest.isoformat()
    return anchor.isoformat()


def _with_relations(cues: Cues, timexes: list[Timex], low: str, dct: date) -> list[Timex]:
    lang = cues.lang
    out = list(timexes)
    i = 0
    while i < len(out):
        t = out[i]
        word = cues.relation_at(t.start)
        nxt = out[i + 1] if i + 1 < len(out) else None
        if (nxt and t.earliest and nxt.latest and t.earliest <= nxt.latest
                and joins_range(lang, low, t.end, nxt.start)
                and (word in ("from", "between") or low[t.end:nxt.start].strip() in "-–—")):
            out[i] = replace(t, relation="from-to", range_start=t.earliest, range_end=nxt.latest)
            out[i + 1] = replace(nxt, relation="from-to", range_start=t.earliest,
                                 range_end=nxt.latest)
            i += 2
            continue
        if word and t.earliest and t.type in ("DATE", "TIME"):
            out[i] = _relation_range(t, "since" if word == "from" else word, dct)
        i += 1
    return out


def _relation_range(t: Timex, word: str, dct: date) -> Timex:
    first, last = t.earliest, t.latest
    assert first is not None and last is not None
    if word == "since":
        return replace(t, relation="since", range_start=first, range_end=max(dct, first))
    if word == "until":
        return replace(t, relation="until", range_start=dct if dct < last else None,
                       range_end=last)
    if word in ("before", "after") and t.type == "TIME":
        return t  # "shortly after 10 a.m.": on that same day
    if word == "before":
        return replace(t, relation="before", range_start=None, range_end=first - _ONE)
    if word == "after":
        return replace(t, relation="after", range_start=last + _ONE, range_end=None)
    return t


def tag(text: str, dct: date, mode: str = "news", lang: str = "en") -> list[Timex]:
    """Every temporal expression in ``text``, resolved against ``dct``, in text order."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    language = load_language(lang)
    low = language.lower(text)
    doc = _Doc(language, text, low, dct, mode == "news", Cues(language, low, text))
    return _with_relations(doc.cues, _resolve_all(doc), low, dct)
