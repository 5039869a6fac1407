"""Shared pieces of the two event-anchoring paths (spaCy and rules).

- :func:`words`: a language's event word lists (``data/<lang>/events_words.json``, read
  through :func:`timeline.langdata.load_json`), loaded once per language.
- :class:`Anchor`: what an anchoring path says about one temporal expression.
- :func:`verb_lemma` / :func:`lemma_key`: crude lemmas used by the rule-based path and by
  merging. The verb forms are generated from the lemmas by the language's
  ``inflection_rules`` (the first rule whose pattern matches the lemma gives its forms;
  a lemma starting with one of ``separable_prefixes`` also gives the forms of its stem,
  the particle standing apart: "kündigte ... an"), then ``irregular_verbs`` are added;
  an unknown form loses the first matching ``lemma_suffixes`` ending.
- :func:`join_names` / :func:`possessive` / :func:`finish_label`: label formatting
  (<= 12 words) with the language's conjunction and possessive endings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from timeline.langdata import load_json

MAX_LABEL_WORDS = 12
MIN_STEM = 3
MIN_SEPARABLE_STEM = 5  # 'einigen' is no 'ein' + 'igen'
WORDS_FILE = "events_words.json"
#: ``features`` a language may declare: its finite verb stands second and participles,
#: infinitives and particles close the clause; its nouns are capitalised.
VERB_SECOND, CAPITALISED_NOUNS = "verb_second", "capitalised_nouns"
_SPACE_BEFORE_RE = re.compile(r"\s+(?=[,.;:!?)\]\u2019'])")


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
    duration_gaps_after: frozenset[str]
    duration_measure_before: frozenset[str]  # "for two days": the length of the event
    duration_measure_after: frozenset[str]
    synonyms: dict[str, str]  # trigger lemma -> its synonym group's first word
    lemma_suffixes: tuple[tuple[str, str], ...]
    verb_guess_suffixes: tuple[str, ...]  # an unknown lower-case word so ending is a verb
    conjunction: str
    possessive_rules: tuple[tuple[re.Pattern[str], str], ...]
    possessive_marks: tuple[str, ...]
    possessive_tokens: tuple[str, ...]  # the marks a tokenizer cuts off ("'s")
    trailing: frozenset[str]  # words a cut label must not end on
    subject_joiners: frozenset[str]
    noun_label_stops: frozenset[str]
    genitive: frozenset[str]  # 'of': the preposition of a noun's complement
    spacy_models: tuple[str, ...]
    features: frozenset[str]
    verb_second: bool
    capitalised_nouns: bool
    clitic_re: re.Pattern[str] | None  # the space before a clitic ("n't")
    lang: str


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


def inflections(lemma: str, rules: list[tuple[re.Pattern[str], list[str]]]) -> list[str]:
    """The forms the first rule whose pattern matches ``lemma`` gives (each replacement
    substituted for the match, ``\\1`` etc. naming its groups)."""
    for pattern, replacements in rules:
        if m := pattern.search(lemma):
            return [lemma[:m.start()] + m.expand(r) + lemma[m.end():] for r in replacements]
    return []


def _verb_forms(data: dict) -> dict[str, str]:
    rules = [(re.compile(g[0]), g[1:]) for g in data["inflection_rules"]]
    prefixes = sorted(data.get("separable_prefixes", ()), key=len, reverse=True)
    forms: dict[str, str] = {}
    for lemma in data["event_verbs"]:
        forms.setdefault(lemma, lemma)
        stem_forms = inflections(lemma, rules)
        for form in stem_forms:
            forms.setdefault(form, lemma)
        prefix = next((p for p in prefixes if lemma.startswith(p) and len(lemma) >= len(p)
                       + MIN_SEPARABLE_STEM), "")
        if prefix:  # "ankündigen": "kündigte" (the particle stands apart), "angekündigt"
            stem = lemma[len(prefix):]
            for form in [stem, *inflections(stem, rules)]:
                forms.setdefault(form, lemma)
                forms.setdefault(prefix + form, lemma)
    for form, lemma in data["irregular_verbs"].items():
        forms[form] = lemma
    return forms


@cache
def words(lang: str = "en") -> Words:
    """The event word lists of language ``lang`` (once per process)."""
    data = load_json(lang, WORDS_FILE)
    forms = _verb_forms(data)
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
        duration_gaps_after=frozenset(data.get("duration_gap_after_words", ())),
        duration_measure_before=frozenset(data.get("duration_measure_before", ())),
        duration_measure_after=frozenset(data.get("duration_measure_after", ())),
        synonyms={w: group[0] for group in data["trigger_synonyms"] for w in group},
        lemma_suffixes=tuple((g[0], g[1]) for g in data["lemma_suffixes"]),
        verb_guess_suffixes=tuple(data["verb_guess_suffixes"]),
        conjunction=data["conjunction"],
        possessive_rules=tuple((re.compile(g[0]), g[1]) for g in data["possessive_suffixes"]),
        possessive_marks=tuple(data["possessive_marks"]),
        possessive_tokens=tuple(m for m in data["possessive_marks"] if len(m) > 1),
        trailing=frozenset(data["label_keep_prepositions"]) | frozenset(
            data["label_trailing_words"]),
        subject_joiners=frozenset(data["subject_joiners"]),
        noun_label_stops=frozenset(data.get("noun_label_stops", ())),
        genitive=frozenset(data["genitive_prepositions"]),
        spacy_models=tuple(data.get("spacy_models", ())),
        features=frozenset(data.get("features", ())),
        verb_second=VERB_SECOND in data.get("features", ()),
        capitalised_nouns=CAPITALISED_NOUNS in data.get("features", ()),
        clitic_re=re.compile(r"\s+(?=(?:" + "|".join(map(re.escape, data["clitics"])) + r")\b)")
        if data["clitics"] else None,
        lang=lang,
    )


def verb_lemma(word: str, lang: str = "en") -> str:
    """Lemma of a verb form: generated and irregular forms, then ``lemma_suffixes``."""
    low = word.lower()
    w = words(lang)
    if low in w.verb_forms:
        return w.verb_forms[low]
    for suffix, repl in w.lemma_suffixes:
        if low.endswith(suffix) and len(low) - len(suffix) >= MIN_STEM:
            return low[: len(low) - len(suffix)] + repl
    return low


def lemma_key(word: str, lang: str = "en") -> str:
    """A comparison key for triggers: 'met', 'meeting', 'meets', 'talks', 'sat' -> 'meet'
    (lemma, then the synonym group of ``trigger_synonyms`` in the word data)."""
    low = word.lower()
    w = words(lang)
    lemma = w.nominalizations.get(low) or verb_lemma(low, lang)
    return w.synonyms.get(low) or w.synonyms.get(lemma) or lemma


def join_names(names: list[str] | tuple[str, ...], lang: str = "en") -> str:
    """['Xi', 'Putin'] -> 'Xi and Putin'; three or more -> 'A, B and C' (the language's
    conjunction)."""
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {words(lang).conjunction} " + names[-1]


def possessive(names: str, lang: str = "en") -> str:
    """'Xi and Putin' -> "Xi and Putin's" (the first matching ``possessive_suffixes``
    rule); already possessive or empty text is kept."""
    w = words(lang)
    if not names or names.endswith(w.possessive_marks):
        return names
    return names + next((suffix for pattern, suffix in w.possessive_rules
                         if pattern.search(names)), "")


def content_free(label: str, lang: str = "en") -> bool:
    """Whether a label holds nothing but copulas, auxiliaries and modals ("Was",
    "Will be"): no label at all."""
    w = words(lang)
    empty = w.copulas | w.auxiliaries | w.modals
    return all(word.lower() in empty for word in label.split())


def finish_label(text: str, lang: str = "en") -> str:
    """Tidy spacing, cap at 12 words, never end on a preposition or trailing word,
    upper-case the first letter."""
    w = words(lang)
    text = " ".join(text.split())
    text = _SPACE_BEFORE_RE.sub("", text)
    if w.clitic_re is not None:  # "do n't" -> "don't"
        text = w.clitic_re.sub("", text)
    text = text.strip(" ,;:-\u2013\u2014")
    parts = text.split()
    hanging = not w.verb_second and len(parts) > 1 and parts[-1].lower() in w.trailing
    if len(parts) > MAX_LABEL_WORDS or hanging:  # "... on TikTok on" (a closing "an" of a
        parts = parts[:MAX_LABEL_WORDS]  # verb-second clause is its verb's particle)
        while len(parts) > 1 and parts[-1].lower() in w.trailing:
            parts.pop()
        text = " ".join(parts).rstrip(",;:")
    return text[:1].upper() + text[1:]
