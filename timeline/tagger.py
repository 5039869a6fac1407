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

from timeline.context import joins_range, relation_word, sentence_bounds, tense_at
from timeline.interpret import Spec, interpret
from timeline.intervals import interval_of
from timeline.lang import Language, load_language, lower_ascii
from timeline.models import Timex
from timeline.normalize import resolve, shifted_value
from timeline.recognize import Mention, find_mentions

MODES = ("news", "narrative")
_QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")
_COARSE_VALUE = re.compile(r"^\d{4}(?:-\d{2})?$")
_ONE = timedelta(days=1)


def _needs_tense(spec: Spec) -> bool:
    return not spec.fixed and spec.offset is None and spec.rel is None and (spec.definite or (
        spec.year is None and (spec.month or spec.weekday or spec.day or spec.quarter
                               or spec.half or spec.season)))


def _anchor_after(value: str, typ: str, anchor: date) -> date | None:
    """The date later anaphoric expressions count from, after seeing ``value`` (None: the
    value is no calendar date, the anchor stays)."""
    if typ not in ("DATE", "TIME") or not value[:4].isdigit():
        return None
    interval = interval_of(value[:10] if len(value) > 10 else value)
    if interval is None or value[4:5] not in ("-", ""):
        return None
    first, last = interval
    if first == last or len(value) >= 7:
        return first
    return first.replace(month=anchor.month, day=min(anchor.day, 28)) if len(value) == 4 else first


_QUARTER_REACH = 800  # characters over which "the quarter" / "a year earlier" refer back


@dataclass
class _Discourse:
    """What the text has said so far: the date anaphora count from, the last quarter."""

    anchor: date
    coarse: str = ""  # the anchor's own value when it is a whole month or year ("1998-10")
    quarter: str = ""
    quarter_at: int = -_QUARTER_REACH

    def told(self, value: str, typ: str, before: date) -> None:
        """The text has just dated something ``value``: anaphora now count from it."""
        anchor = _anchor_after(value, typ, before)
        if anchor is None:
            self.anchor = before
            return
        self.anchor = anchor
        self.coarse = value if _COARSE_VALUE.match(value) else ""

    def recent_quarter(self, pos: int) -> str:
        return self.quarter if pos - self.quarter_at <= _QUARTER_REACH else ""


def _quarter_value(lang: Language, low: str, spec: Spec, state: _Discourse, pos: int,
                   dct: date) -> str:
    """Earnings-report anaphora: 'the quarter' is the quarter under discussion; 'a year
    earlier', 'the year-ago period' and 'the 1988 period' are that quarter in another
    year, and so is 'last year' when results are compared with it."""
    recent = state.recent_quarter(pos)
    if spec.definite and spec.unit == "Q" and spec.offset is None:
        if spec.year:
            return f"{spec.year}{recent[4:]}" if recent else str(spec.year)
        return recent
    if (recent and spec.unit == "Y" and spec.rel == -1 and spec.offset is None
            and lang.comparison_before.search(low, max(0, pos - 50), pos)):
        return f"{int(recent[:4]) - 1}{recent[4:]}"  # "compared with $3 million last year"
    if spec.unit != "Y" or spec.offset not in (-1.0, 1.0) or spec.fixed:
        return ""
    if spec.quarter:
        year = int(recent[:4]) if recent else dct.year
        return f"{year + int(spec.offset)}-Q{spec.quarter}"
    if recent:
        return f"{int(recent[:4]) + int(spec.offset)}{recent[4:]}"
    if spec.definite:  # "the year-ago period" with no quarter named: the last one reported
        return shifted_value(dct, "Q", -5)
    return ""


def _tense(lang: Language, text: str, low: str, m: Mention, spec: Spec) -> tuple[str, bool]:
    """(tense, strict) for a year-less or week-less expression in news mode: the
    sentence's tense cue, unless a relation word settles it."""
    if not _needs_tense(spec):
        return "", False
    if spec.latest:  # "this past Sunday"
        return "past", True
    if spec.quarter and low.endswith("-quarter", m.start, m.end):
        return "", False  # "a third-quarter loss": reported results, whatever the verb
    tense, strict = tense_at(lang, text, low, m.start, m.end)
    return _relation_tense(lang, low, m.start, spec, tense, strict)


def _relation_tense(lang: Language, low: str, start: int, spec: Spec, tense: str,
                    strict: bool) -> tuple[str, bool]:
    """'since February' looks back whatever the verb's tense; 'until Tuesday' forward."""
    word = relation_word(lang, low, start)
    if word == "since":
        return "past", True
    before = low[max(0, start - 30) : start].split()[-2:]
    prep, verb = (before[-1], before[0] if len(before) == 2 else "") if before else ("", "")
    targets = lang.lex["target_prepositions"]
    deferred = verb in lang.lex["to_target_verbs"] and (prep == "to" or prep in targets)
    if deferred or (not strict and prep in targets):
        # a deadline or target: "was extended to Nov. 16" and "postponed until Tuesday"
        # look forward whatever the verb's tense; "by August", "effective June 1" unless
        # a governing cue says otherwise ("stayed until Tuesday")
        return "future", bool(spec.weekday)
    return tense, strict


def _resolve_all(text: str, low: str, dct: date, mode: str, language: Language
                 ) -> list[Timex]:
    news = mode == "news"
    state = _Discourse(dct)
    out: list[Timex] = []
    mentions = find_mentions(text, language, low)
    i = 0
    while i < len(mentions):
        m = mentions[i]
        spec = _spec(language, text, low, m)
        end = m.end
        if i + 1 < len(mentions) and _counts_from_next(language, low, m, spec, mentions[i + 1]):
            # "the day before last Tuesday's hearing": counted from the date that follows,
            # as one expression
            nxt = mentions[i + 1]
            state.told(_resolve_one(language, text, low, nxt, dct, state, news, out), "DATE",
                       state.anchor)
            end, i = nxt.end, i + 1
        value = _resolve_one(language, text, low, m, dct, state, news, out, spec)
        timed = len(value) > 10 and value[10] == "T"
        typ = ("TIME" if timed else "DATE") if spec.type in ("DATE", "TIME") else spec.type
        earliest, latest = interval_of(value, spec.mod, dct) or (None, None)
        out.append(Timex(m.start, end, text[m.start : end], typ, value, spec.mod,
                         earliest, latest, "on", earliest, latest, f"t{len(out) + 1}"))
        state.told(value, typ, state.anchor)
        if (spec.unit != "Y" and _QUARTER_VALUE.match(value) and not spec.anaphoric
                and spec.offset is None and latest is not None and latest < dct):
            # a quarter the text names, already finished: the one it reports on
            state.quarter, state.quarter_at = value, m.end
        i += 1
    return out


def _spec(language: Language, text: str, low: str, m: Mention) -> Spec:
    core = m.core_start if m.core_start >= 0 else m.start
    return interpret(language, m, text[core : m.end], low[m.end : m.end + 24])


def _counts_from_next(lang: Language, low: str, m: Mention, spec: Spec, nxt: Mention) -> bool:
    """An offset ending in 'before'/'after' right before a date: it counts from that date."""
    if spec.offset is None or not spec.anaphoric or nxt.start - m.end > 1:
        return False
    word = low[m.start : m.end].split()[-1]
    return lang.word("offset_directions", word) is not None and word in (
        lang.lex["relation_words"]) and nxt.type in ("DATE", "TIME")


def _resolve_one(language: Language, text: str, low: str, m: Mention, dct: date,
                 state: _Discourse, news: bool, done: list[Timex], spec: Spec | None = None
                 ) -> str:
    """The value of one mention, given what the text has said so far."""
    spec = spec or _spec(language, text, low, m)
    tense, strict = _tense(language, text, low, m, spec) if news else ("", False)
    value = _quarter_value(language, low, spec, state, m.start, dct) or resolve(
        spec, dct if news else state.anchor, state.anchor, tense, news, strict)
    if spec.anaphoric and spec.unit == "D" and state.coarse and value[:4].isdigit():
        # "that same day" after "in October": a day of that month, not October 1st
        value = value[: len(state.coarse)]
    if spec.hour is not None and len(value) > 10 and not (spec.month or spec.weekday):
        fallback = dct if news else state.anchor  # a clock time alone is today's, in the news
        value = _day_of_sentence(done, text, m.start, m.end, fallback) + value[10:]
    return value


def _day_of_sentence(done: list[Timex], text: str, start: int, end: int, anchor: date) -> str:
    """The day a clock time belongs to: a dated expression just before it in its sentence."""
    left, _ = sentence_bounds(text, start, end)
    for t in reversed(done):
        if t.start < left:
            break
        if t.earliest and t.earliest == t.latest and t.type in ("DATE", "TIME"):
            return t.earliest.isoformat()
    return anchor.isoformat()


def _with_relations(lang: Language, timexes: list[Timex], low: str, dct: date) -> list[Timex]:
    out = list(timexes)
    i = 0
    while i < len(out):
        t = out[i]
        word = relation_word(lang, low, t.start)
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
    low = lower_ascii(text)
    return _with_relations(language, _resolve_all(text, low, dct, mode, language), low, dct)
