"""Shared pieces of the two event-anchoring paths (spaCy and rules).

- :func:`words`: the event word lists (``data/en/events_words.json``), loaded once.
- :class:`Anchor`: what an anchoring path says about one temporal expression.
- :func:`verb_lemma` / :func:`lemma_key`: crude English lemmas (irregular forms from the
  data file, then suffix stripping) used by the rule-based path and by merging.
- :func:`join_names` / :func:`finish_label`: label formatting (<= 12 words).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MAX_LABEL_WORDS = 12
_DATA = Path(__file__).parents[1] / "data" / "en" / "events_words.json"
_SPACE_BEFORE_RE = re.compile(r"\s+(?=[,.;:!?)\]\u2019']|[\u2019']s\b|n[\u2019']t\b)")


@dataclass(frozen=True, slots=True)
class Words:
    event_nouns: frozenset[str]
    event_verbs: frozenset[str]  # lemmas
    verb_forms: dict[str, str]  # inflected form -> lemma (generated + irregular)
    reporting: frozenset[str]
    light: frozenset[str]
    copulas: frozenset[str]
    auxiliaries: frozenset[str]
    nominalizations: dict[str, str]
    label_preps: frozenset[str]
    locative: frozenset[str]
    boundaries: frozenset[str]
    function: frozenset[str]
    noun_cues: frozenset[str]
    verb_cues: frozenset[str]
    relative: frozenset[str]
    articles: frozenset[str]
    modals: frozenset[str]
    duration_gaps: frozenset[str]
    synonyms: dict[str, str]  # trigger lemma -> its synonym group's first word


@dataclass(frozen=True, slots=True)
class Anchor:
    """How one temporal expression is anchored in its sentence.

    ``trigger_at`` is the article offset of the trigger (-1: none found), so two
    expressions with the same trigger date the same event. ``strength`` (0..1) is how
    sure the anchoring is; it enters the row's confidence.
    """

    trigger: str
    trigger_at: int
    label: str
    actors: tuple[str, ...]
    places: tuple[str, ...]
    strength: float
    noun: bool = False


def _inflections(lemma: str) -> list[str]:
    if lemma.endswith("e"):
        return [lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    plural = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
    forms = [plural, lemma + "ed", lemma + "ing"]
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma) and len(lemma) <= 5:
        forms += [lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"]
    return forms


@cache
def words() -> Words:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    forms: dict[str, str] = {}
    for lemma in data["event_verbs"]:
        forms[lemma] = lemma
        for form in _inflections(lemma):
            forms.setdefault(form, lemma)
    forms.update(data["irregular_verbs"])
    return Words(
        event_nouns=frozenset(data["event_nouns"]),
        event_verbs=frozenset(data["event_verbs"]),
        verb_forms=forms,
        reporting=frozenset(data["reporting_verbs"]),
        light=frozenset(data["light_verbs"]),
        copulas=frozenset(data["copulas"]),
        auxiliaries=frozenset(data["auxiliaries"]),
        nominalizations=data["nominalizations"],
        label_preps=frozenset(data["label_keep_prepositions"]),
        locative=frozenset(data["locative_prepositions"]),
        boundaries=frozenset(data["clause_boundaries"]),
        function=frozenset(data["function_words"]),
        noun_cues=frozenset(data["noun_cues"]),
        verb_cues=frozenset(data["verb_cues"]),
        relative=frozenset(data["relative_pronouns"]),
        articles=frozenset(data["articles"]),
        modals=frozenset(data["modals"]),
        duration_gaps=frozenset(data["duration_gap_words"]),
        synonyms={w: group[0] for group in data["trigger_synonyms"] for w in group},
    )


def verb_lemma(word: str) -> str:
    """Lemma of a verb form: irregular table, then -ing/-ed/-s stripping."""
    low = word.lower()
    w = words()
    if low in w.verb_forms:
        return w.verb_forms[low]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", "")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            return low[: len(low) - len(suffix)] + repl
    return low


def lemma_key(word: str) -> str:
    """A comparison key for triggers: 'met', 'meeting', 'meets', 'talks', 'sat' -> 'meet'
    (lemma, then the synonym group of ``trigger_synonyms`` in the word data)."""
    low = word.lower()
    w = words()
    lemma = w.nominalizations.get(low) or verb_lemma(low)
    return w.synonyms.get(low) or w.synonyms.get(lemma) or lemma


def join_names(names: list[str] | tuple[str, ...]) -> str:
    """['Xi', 'Putin'] -> 'Xi and Putin'; three or more -> 'A, B and C'."""
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def possessive(names: str) -> str:
    """'Xi and Putin' -> "Xi and Putin's"; already possessive or empty text is kept."""
    if not names or names.endswith(("'s", "\u2019s", "'")):
        return names
    return names + ("'" if names.endswith("s") and not names.endswith("ss") else "'s")


def finish_label(text: str) -> str:
    """Tidy spacing, cap at 12 words, upper-case the first letter."""
    text = _SPACE_BEFORE_RE.sub("", " ".join(text.split()))
    text = text.strip(" ,;:-\u2013\u2014")
    parts = text.split()
    if len(parts) > MAX_LABEL_WORDS:
        parts = parts[:MAX_LABEL_WORDS]
        while parts and parts[-1].lower() in words().label_preps | {"and", "the", "a", "of"}:
            parts.pop()
        text = " ".join(parts).rstrip(",;:")
    return text[:1].upper() + text[1:]
