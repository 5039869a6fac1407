"""What the words around an expression say: the sentence's tense and the relation
("since", "until", "from ... to") by which the expression dates its event."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from timeline.temporal.hooks import NO_HOOKS
from timeline.temporal.language import Language

_SENTENCE_END = re.compile(r"[.!?](?=[\s\"'”’)]+[A-Z\"“‘(`])|\n\s*\n")
# where day numbers take a dot ('24. Februar'), that dot ends no sentence
_SENTENCE_END_DOTTED = re.compile(r"(?:(?<![^0-9][0-9])(?<![^0-9][0-9]{2})\.|[!?])"
                                  r"(?=[\s\"'”’)]+[^\W\d_a-zß\"“‘(`]|[\s\"'”’)]+[\"“‘(`])"
                                  r"|\n\s*\n")
_WINDOW = 160


def sentence_bounds(text: str, start: int, end: int, lang: Language | None = None
                    ) -> tuple[int, int]:
    """The sentence around [start, end), looked for within a bounded window."""
    lo = max(0, start - _WINDOW)
    left = lo
    ends = (_SENTENCE_END_DOTTED if lang and "." in lang.lex.get("ordinal_suffixes", ())
            else _SENTENCE_END)
    for m in ends.finditer(text, lo, start):
        left = m.end()
    right_m = ends.search(text, end, min(len(text), end + _WINDOW))
    return left, right_m.start() + 1 if right_m else min(len(text), end + _WINDOW)


@cache
def _cue_regex(lang: Language) -> re.Pattern[str]:
    """Any tense cue word or phrase of the lexicon, or a regular past form (the lexicon's
    ``regular_past``: '-ed' in English)."""
    phrases = sorted({*lang.lex["future_cues"], *lang.lex["past_cues"]}, key=len, reverse=True)
    body = _by_first_char(phrases)
    regular = lang.lex["regular_past"]
    clitics = "|".join(re.escape(c) for c in lang.lex.get("future_clitics", ()))
    clitic = rf"|[a-z]+(?:{clitics})\b" if clitics else ""  # "we'll"
    # anchored at word starts: mid-word positions fail on the look-behind at once; the
    # ASCII test first, as most positions are ASCII and fail or pass it without the slower
    # Unicode class (which then only sees other characters: together the same as [\w'’-])
    return re.compile(rf"(?<![A-Za-z0-9_'’-])(?<![^\x00-\x7f\W])"
                      rf"(?:(?:{body}|{regular})(?![^\W\d_]){clitic})")


def _by_first_char(phrases: list[str]) -> str:
    """The alternation of ``phrases`` (spaces matching any white space), grouped by first
    character: at a position the engine tests one branch per first character instead of
    every phrase. Within a group the phrases keep their order, and phrases of different
    first characters never match at the same place, so it matches what the flat
    alternation in the same order matches."""
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        groups.setdefault(phrase[:1], []).append(phrase[1:])

    def alternative(rest: str) -> str:
        return re.escape(rest).replace(r"\ ", r"\s+")

    return "|".join(alternative(first + rests[0]) if len(rests) == 1 else
                    f"{alternative(first)}(?:{'|'.join(map(alternative, rests))})"
                    for first, rests in groups.items())


# letters and apostrophes, a run of letters at a time (a repeat of a one-character
# alternation costs the engine a step per character)
_PREV_WORDS = re.compile(r"(?:[^\W\d_]+|')+")


class Cues:
    """The tense cues of a text (its ASCII-lower-cased copy ``low``), found lazily and
    once: each window asked for is scanned only where no earlier window reached, so
    tagging stays linear however close together the expressions stand. Windows are asked
    for roughly left to right; a window before the scanned stretch starts a new one."""

    def __init__(self, lang: Language, low: str, text: str = "") -> None:
        self._lang, self._low, self._text = lang, low, text or low
        self.lang = lang
        self._lo = self._hi = -1  # nothing scanned yet
        self._positions: list[int] = []
        self._kinds: list[str] = []
        self._matches: Iterator[re.Match[str]] = iter(())
        self._pending: re.Match[str] | None = None
        self._kind_at: dict[int, str] = {}  # a cue's kind by its position, kept across restarts
        self._relations: dict[int, str] = {}  # relation_at, by expression start

    def between(self, left: int, right: int, skip: tuple[int, int]) -> list[tuple[int, str]]:
        """(position, 'past'|'future', with a trailing '?' for a weak cue such as a
        regular past form, which may be an adjective) for the cues in [left, right)."""
        if left < self._lo or left > self._hi:
            self._restart(max(0, left - _WINDOW))  # room for a wider window of the same place
        self._scan_to(right)
        i, j = bisect_left(self._positions, left), bisect_left(self._positions, right)
        return [(p, k) for p, k in zip(self._positions[i:j], self._kinds[i:j], strict=True)
                if not skip[0] <= p < skip[1]]

    def _restart(self, pos: int) -> None:
        self._lo = self._hi = pos
        self._positions, self._kinds = [], []
        self._matches = _cue_regex(self._lang).finditer(self._low, pos)
        self._pending = next(self._matches, None)

    def _scan_to(self, right: int) -> None:
        while self._pending is not None and self._pending.start() < right:
            pos = self._pending.start()  # a match at one place is the same whatever the scan
            if (kind := self._kind_at.get(pos)) is None:
                kind = self._kind_at[pos] = _cue_kind(self._lang, self._low, self._pending,
                                                      self._text)
            if kind:
                self._positions.append(pos)
                self._kinds.append(kind)
            self._pending = next(self._matches, None)
        self._hi = max(self._hi, right)

    def relation_at(self, start: int) -> str:
        """:func:`relation_word` for the expression at ``start``, looked up once (the
        tense and the range of an expression both ask it)."""
        if (word := self._relations.get(start)) is None:
            word = self._relations[start] = relation_word(self._lang, self._low, start)
        return word


@dataclass(frozen=True)
class _CueWords:
    """The lexicon tables :func:`_cue_kind` consults, looked up once per language."""

    future: frozenset[str]
    past: frozenset[str]
    clitics: tuple[str, ...]  # never empty: '\0' ends no word
    pluperfect: frozenset[str]
    conditional: frozenset[str]
    not_past_ed: frozenset[str]
    no_tense_before: frozenset[str]  # determiners and present auxiliaries
    case_hooks: bool  # does letter case carry meaning (the language has hooks)?
    lower_case: frozenset[str]  # cues only when written small ('may', not the month 'May')


@cache
def _cue_words(lang: Language) -> _CueWords:
    lex = lang.lex
    return _CueWords(frozenset(lex["future_cues"]), frozenset(lex["past_cues"]),
                     tuple(lex.get("future_clitics", ())) or ("\0",),
                     frozenset(lex.get("pluperfect_auxiliaries", ())),
                     frozenset(lex.get("conditional_cues", ())),
                     frozenset(lex["not_past_ed_words"]),
                     frozenset([*lex["determiners"], *lex["present_auxiliaries"]]),
                     lang.hooks is not NO_HOOKS, frozenset(lex.get("lower_case_cues", ())))


def _cue_kind(lang: Language, low: str, m: re.Match[str], text: str = "") -> str:
    """'past' or 'future' (+ '?' when weak) for a cue-regex match, '' if it is none
    (``text``: the original text, whose capitals may say 'a noun, no verb')."""
    cw = _cue_words(lang)
    pos, word = m.start(), " ".join(m.group().split())
    if cw.case_hooks and text and text[pos : pos + 1].isupper() and (
            lang.hooks.case_matters(text, pos)):
        return ""  # German 'Staaten', 'Morgen': a noun
    if word in cw.lower_case and text and not text[pos : pos + 1].islower():
        return ""  # 'May' the month, not the modal
    if word in cw.future or word.endswith(cw.clitics):
        # "had been scheduled to expire Friday": a plan told in the past perfect
        words = _PREV_WORDS.findall(low, max(0, pos - 20), pos)[-3:]
        had = any(w in cw.pluperfect for w in words[-2:]) or (
            " ".join(words[:2]) in cw.pluperfect)
        # "would" is also the future of a past ("said it would") and conditional:
        # it settles the tense only up close, like a regular past form
        weak = word in cw.conditional
        return ("past" if had else "future") + ("?" if weak else "")
    if word not in cw.past and word in cw.not_past_ed:
        return ""
    before = _PREV_WORDS.findall(low, max(0, pos - 30), pos)[-3:]
    if before and before[-1] in cw.no_tense_before:
        return ""  # "the reduced dividend", "the case is heard": no tense cue
    # a participle in a future verb group ("will be held") is future
    # ... but not after a modal's perfect ("should have resigned"): that looks back
    future_aux = " ".join(before[-2:]) not in cw.past and any(
        (w in cw.future and w not in cw.lower_case) or w.endswith(cw.clitics) for w in before)
    return ("future" if future_aux else "past") + ("" if word in cw.past else "?")


_BEFORE_REACH = 60
_CUE_REACH = 120  # characters either side searched for a tense cue
STRICT_DISTANCE = 40  # a tense cue this close (in characters) settles the tense outright


def tense_at(text: str, cues: Cues, start: int, end: int) -> tuple[str, bool]:
    """('past' | 'future' | '', strict) for the expression at [start, end) of ``text``
    (``cues``: the text's tense cues): the tense cue (a modal, an auxiliary, a past-tense
    verb) nearest to it in its sentence; ``strict`` when that cue is close enough to
    govern the expression."""
    sent_left, sent_right = sentence_bounds(text, start, end, cues.lang)
    left, right = max(sent_left, start - _CUE_REACH), min(sent_right, end + _CUE_REACH)
    found = cues.between(left, right, (start, end))
    if not found:  # a long sentence: its verb may stand further away
        found = cues.between(sent_left, sent_right, (start, end))
    if not found:
        return "", False

    def distance(cue: tuple[int, str]) -> float:
        # a cue before the expression counts a little more than one as far after it
        return (start - cue[0]) if cue[0] < start else (cue[0] - end) * 1.5

    # the verb group before an expression governs it ("is scheduled for 10 a.m. on Friday,
    # followed by ..."); a cue after it counts only when none stands close before it
    before = [c for c in found if c[0] < start and start - c[0] <= _BEFORE_REACH]
    nearest = min(before or found, key=distance)
    tense = nearest[1].rstrip("?")
    # a regular past form ('-ed') may be an adjective: it settles the tense only up close
    reach = STRICT_DISTANCE // 2 if nearest[1].endswith("?") else STRICT_DISTANCE
    return tense, distance(nearest) <= reach


def relation_word(lang: Language, low: str, start: int) -> str:
    """The relation signalled right before an expression ('since February' -> since)."""
    m = lang.relation_before.search(low, max(0, start - 30), start)
    return lang.word("relation_words", m["word"] or m["far"]) or "" if m else ""


def joins_range(lang: Language, low: str, first_end: int, second_start: int) -> bool:
    """True if only 'to', 'until', 'and' or a dash stands between two expressions."""
    return second_start - first_end <= 12 and bool(
        lang.range_join.match(low[first_end:second_start]))
