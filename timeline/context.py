"""What the words around an expression say: the sentence's tense and the relation
("since", "until", "from ... to") by which the expression dates its event."""

from __future__ import annotations

import re
from functools import cache

from timeline.lang import Language

_SENTENCE_END = re.compile(r"[.!?](?=[\s\"'”’)]+[A-Z\"“‘(`])|\n\s*\n")
_WINDOW = 160


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end), looked for within a bounded window."""
    lo = max(0, start - _WINDOW)
    left = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        left = m.end()
    right_m = _SENTENCE_END.search(text, end, min(len(text), end + _WINDOW))
    return left, right_m.start() + 1 if right_m else min(len(text), end + _WINDOW)


@cache
def _cue_regex(lang: Language) -> re.Pattern[str]:
    """Any tense cue word or phrase of the lexicon, or a regular past form (-ed)."""
    phrases = sorted({*lang.lex["future_cues"], *lang.lex["past_cues"]}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in phrases)
    return re.compile(rf"(?<![a-z'’-])(?:{body}|[a-z]{{3,}}ed)(?![a-z])|[a-z]+'ll\b")


_PREV_WORDS = re.compile(r"[a-z']+")


def _cue_positions(lang: Language, low: str, left: int, right: int, skip: tuple[int, int]
                   ) -> list[tuple[int, str]]:
    """Tense cues in low[left:right] outside ``skip``: (position, 'past'|'future', with a
    trailing '?' for a regular past form, which may be an adjective)."""
    future, past = lang.lex["future_cues"], lang.lex["past_cues"]
    cues: list[tuple[int, str]] = []
    for m in _cue_regex(lang).finditer(low, left, right):
        pos, word = m.start(), " ".join(m.group().split())
        if skip[0] <= pos < skip[1]:
            continue
        if word in future or word.endswith("'ll"):
            # "had been scheduled to expire Friday": a plan told in the past perfect
            words = _PREV_WORDS.findall(low, max(left, pos - 20), pos)[-3:]
            had = "had" in words[-2:] or words[:2] == ["had", "been"]
            # "would" is also the future of a past ("said it would") and conditional:
            # it settles the tense only up close, like a regular past form
            weak = "?" if word.startswith("would") else ""
            cues.append((pos, ("past" if had else "future") + weak))
            continue
        if word not in past and word in lang.lex["not_past_ed_words"]:
            continue
        before = _PREV_WORDS.findall(low, max(left, pos - 30), pos)[-3:]
        if before and (before[-1] in lang.lex["determiners"]
                       or before[-1] in lang.lex["present_auxiliaries"]):
            continue  # "the reduced dividend", "the case is heard": no tense cue
        # a participle in a future verb group ("will be held") is future
        future_aux = any(w in future or w.endswith("'ll") for w in before)
        weak = word not in past
        cues.append((pos, ("future" if future_aux else "past") + ("?" if weak else "")))
    return cues


_BEFORE_REACH = 60
_CUE_REACH = 120  # characters either side searched for a tense cue
STRICT_DISTANCE = 40  # a tense cue this close (in characters) settles the tense outright


def tense_at(lang: Language, text: str, low: str, start: int, end: int) -> tuple[str, bool]:
    """('past' | 'future' | '', strict) for the expression at [start, end) of ``text``
    (``low`` is its ASCII-lower-cased copy): the tense cue (a modal, an auxiliary, a
    past-tense verb) nearest to it in its sentence; ``strict`` when that cue is close
    enough to govern the expression."""
    sent_left, sent_right = sentence_bounds(text, start, end)
    left, right = max(sent_left, start - _CUE_REACH), min(sent_right, end + _CUE_REACH)
    cues = _cue_positions(lang, low, left, right, (start, end))
    if not cues:  # a long sentence: its verb may stand further away
        cues = _cue_positions(lang, low, sent_left, sent_right, (start, end))
    if not cues:
        return "", False

    def distance(cue: tuple[int, str]) -> float:
        # a cue before the expression counts a little more than one as far after it
        return (start - cue[0]) if cue[0] < start else (cue[0] - end) * 1.5

    # the verb group before an expression governs it ("is scheduled for 10 a.m. on Friday,
    # followed by ..."); a cue after it counts only when none stands close before it
    before = [c for c in cues if c[0] < start and start - c[0] <= _BEFORE_REACH]
    nearest = min(before or cues, key=distance)
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
