"""Who and where: actors (people, organisations, countries) and places of an event.

Both extraction paths end up with :class:`Mention` objects (canonical text, offsets into
the article, kind ``person``/``org``/``country``/``place``):

- spaCy path: :func:`entity_mention` turns a named entity (PERSON, ORG, GPE, LOC, FAC,
  NORP) into a mention, with the gazetteer correcting the model (a NORP "Tajikistan"
  is a country; "the US" is the United States).
- Rule-based path: :func:`find_mentions` reads capitalised phrases and keeps those the
  gazetteer (``data/<lang>/actors_gazetteer.json``) vouches for: countries and their
  aliases, known organisations or names ending in an organisation word ("...
  Organization", "... Ministry"), names after a title ("President Vladimir Putin"),
  later mentions of a person already seen ("Putin"), and any capitalised name after a
  locative preposition ("in Samarkand": a place). In a language whose nouns are
  capitalised (``features`` of its event words) a capital letter says little: a phrase
  is cut at its known nouns (``known_nouns``, the event nouns, or a word with one of
  ``noun_suffixes``), and after a locative preposition only a bare name ("in Moskau",
  not "in der Nacht") is a place.

Countries and cities are *places* when a locative preposition governs them ("in
Samarkand, Uzbekistan") and *actors* otherwise ("Russia supports China").
:class:`~timeline.events.people.NameBook` remembers an article's people so that "Xi"
becomes "Xi Jinping", labels can use the short form, and a subject such as "he" or "the
two leaders" can be resolved to the people named just before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from timeline.events.lexicon import CAPITALISED_NOUNS, words
from timeline.events.people import NameBook
from timeline.langdata import load_json
from timeline.sentences import UPPER

GAZETTEER_FILE = "actors_gazetteer.json"
ACTOR_KINDS = ("person", "org", "country")
_PAREN_RE = re.compile(r"\s*\([^)]*\)?")
_WORD_BEFORE_RE = re.compile(r"(?P<word>[\w\u2019']+)\W*$")
_WORD_MARKS = "_\u2019'"  # what [\w\u2019'] holds beside letters and digits


@dataclass(frozen=True, slots=True)
class Mention:
    """A named actor or place in the article text."""

    text: str
    start: int
    end: int
    kind: str

    @property
    def is_actor(self) -> bool:
        return self.kind in ACTOR_KINDS


@dataclass(frozen=True, slots=True)
class Gazetteer:
    countries: dict[str, str]  # lower-case name or alias -> canonical name
    demonyms: dict[str, str]  # lower-case demonym -> country
    organisations: dict[str, str]  # lower-case -> canonical
    org_suffixes: frozenset[str]
    titles: frozenset[str]
    role_nouns: frozenset[str]
    role_first_words: frozenset[str]  # first word of each role noun, also without a plural s
    singular_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    impersonal_pronouns: frozenset[str]  # "it", "I": never a name of the label
    locative: frozenset[str]
    openers: frozenset[str]
    phrase_re: re.Pattern[str]
    articles: tuple[str, ...]  # "the ": stripped from the front of names
    place_joiners: frozenset[str]  # "," / "and" between the places of a list
    non_actor_heads: tuple[str, ...]  # "hurricane ": a name so opened acts as no one
    media: frozenset[str]  # "on": an organisation after it is a medium ("on TikTok")
    of_words: tuple[str, ...]  # "of ": "Leaders of the SCO"
    known_nouns: frozenset[str]  # capitalised-noun languages: words that are no name
    noun_suffixes: tuple[str, ...]
    capitalised_nouns: bool
    possessive_re: re.Pattern[str]
    possessive_ends: tuple[str, ...]
    lang: str


@cache
def gazetteer(lang: str = "en") -> Gazetteer:
    """The actors gazetteer of language ``lang`` (once per process)."""
    data = load_json(lang, GAZETTEER_FILE)
    w = words(lang)
    marks = "|".join(map(re.escape, sorted(w.possessive_marks, key=len, reverse=True)))
    countries = {c.lower(): c for c in data["countries"]}
    countries.update({k.lower(): v for k, v in data["country_aliases"].items()})
    return Gazetteer(
        countries=countries,
        demonyms={k.lower(): v for k, v in data["demonyms"].items()},
        organisations={o.lower(): o for o in data["organisations"]},
        org_suffixes=frozenset(s.lower().rstrip(".") for s in data["org_suffixes"]),
        titles=frozenset(t.lower() for t in data["titles"]),
        role_nouns=frozenset(r.lower() for r in data["role_nouns"]),
        role_first_words=frozenset(w for r in data["role_nouns"]
                                   for w in (r.lower().split()[0], r.lower().split()[0] + "s")),
        singular_pronouns=frozenset(data["pronouns"]["singular"]),
        plural_pronouns=frozenset(data["pronouns"]["plural"]),
        impersonal_pronouns=frozenset(data["pronouns"].get("impersonal", ())),
        locative=w.locative,
        openers=frozenset(data["phrase_openers"]) | frozenset(data["name_connectors"]),
        phrase_re=_phrase_re(data["name_connectors"], data["name_articles"], w.possessive_marks),
        articles=tuple(a + " " for a in data["name_articles"]),
        place_joiners=frozenset(data["place_joiners"]),
        non_actor_heads=tuple(h.lower() + " " for h in data.get("non_actor_heads", ())),
        media=frozenset(data.get("media_prepositions", ())),
        of_words=tuple(o + " " for o in w.genitive),
        known_nouns=frozenset(n.lower() for n in data.get("known_nouns", ())) | w.event_nouns,
        noun_suffixes=tuple(data.get("noun_suffixes", ())),
        capitalised_nouns=CAPITALISED_NOUNS in w.features,
        possessive_re=re.compile(rf"(?:{marks})$") if marks else re.compile(r"(?!)"),
        possessive_ends=w.possessive_marks,
        lang=lang,
    )


def _phrase_re(connectors: list[str], articles: list[str], marks: tuple[str, ...]
               ) -> re.Pattern[str]:
    """Capitalised phrases, allowing lower-case name connectors ('House of Representatives')."""
    clitic = "|".join(re.escape(m) for m in marks if len(m) > 1)
    word = rf"[{UPPER}][\w.\-]*" + (rf"(?:(?:{clitic})\b)?" if clitic else "")
    alts = "|".join(map(re.escape, connectors))
    article = "|".join(map(re.escape, articles))
    joiner = rf"[ \t]+(?:(?:{alts})[ \t]+)?" + (rf"(?:(?:{article})[ \t]+)?" if article else "")
    return re.compile(rf"(?<![\w.])(?P<phrase>{word}(?:{joiner}{word})*)")


def _strip_possessive(text: str, gaz: Gazetteer) -> str:
    return gaz.possessive_re.sub("", text) if text.endswith(gaz.possessive_ends) else text


def _strip_article(text: str, gaz: Gazetteer) -> str:
    if not text.startswith(gaz.articles):
        return text
    return text[len(next(a for a in gaz.articles if text.startswith(a))):]


def strip_titles(name: str, lang: str = "en") -> tuple[str, bool]:
    """See :func:`_strip_titles`."""
    return _strip_titles(name, gazetteer(lang))


def _strip_titles(name: str, gaz: Gazetteer) -> tuple[str, bool]:
    """'Russian President Vladimir Putin' -> ('Vladimir Putin', True): everything up to the
    last title among the leading words is removed ("Finance Minister Christian Lindner"
    -> "Christian Lindner"); the flag says whether a title was removed."""
    words = _strip_possessive(name, gaz).split()
    cut = 0
    for i in range(len(words) - 1):
        one, two = words[i].lower(), " ".join(words[i:i + 2]).lower()
        if two in gaz.titles and i + 2 < len(words):
            cut = i + 2
        elif one in gaz.titles or one.rstrip(".") + "." in gaz.titles:
            cut = i + 1
    return " ".join(words[cut:]), cut > 0


def country_of(name: str, demonyms: bool = False, lang: str = "en") -> str | None:
    """Canonical country name for a country name or alias (or demonym), else None."""
    return _country(name, gazetteer(lang), demonyms)


def _country(name: str, gaz: Gazetteer, demonyms: bool = False) -> str | None:
    key = _strip_article(_strip_possessive(name, gaz).lower(), gaz)
    return gaz.countries.get(key) or (gaz.demonyms.get(key) if demonyms else None)


def organisation_of(name: str, lang: str = "en") -> str | None:
    return _organisation(name, gazetteer(lang))


def _organisation(name: str, gaz: Gazetteer) -> str | None:
    key = _strip_article(_strip_possessive(name, gaz), gaz)
    if key.lower() in gaz.organisations:
        return gaz.organisations[key.lower()]
    words = key.split()
    if len(words) > 1 and words[-1].lower().rstrip(".") in gaz.org_suffixes:
        return key
    return None


def after_locative(text: str, start: int, lang: str = "en", articles: bool = True) -> bool:
    """Whether a locative preposition (or a place list: 'in Samarkand, ') precedes;
    ``articles``: also through an article ('in the Donbas')."""
    return _after_locative(text, start, gazetteer(lang), articles)


def _word_before(text: str, start: int) -> tuple[str, int] | None:
    """(word, its offset) that ``_WORD_BEFORE_RE`` finds in the 30 characters before
    ``start``, by one scan back from ``start`` instead of a search from each position:
    the run of word characters and apostrophes holding the last word character."""
    lo = max(0, start - 30)
    k = start
    while k > lo and not (text[k - 1].isalnum() or text[k - 1] == "_"):
        k -= 1
    if k == lo:  # no word character: a run of apostrophes, if any
        marks = [i for i in range(lo, start) if text[i] in _WORD_MARKS]
        if not marks:
            return None
        end = marks[0]
        while end < start and text[end] in _WORD_MARKS:
            end += 1
        return text[marks[0]:end], marks[0]
    end, first = k, k
    while end < start and text[end] in _WORD_MARKS:
        end += 1
    while first > lo and (text[first - 1].isalnum() or text[first - 1] in _WORD_MARKS):
        first -= 1
    return text[first:end], first


def _after_locative(text: str, start: int, gaz: Gazetteer, articles: bool = True) -> bool:
    found = _word_before(text, start)
    if found is None:
        return False
    word = found[0].lower()
    return word in gaz.locative or (articles and word + " " in gaz.articles
                                    and _after_locative(text, found[1], gaz))


def _place_or(kind: str, text: str, start: int, prev: Mention | None, lang: str) -> str:
    joined = prev is not None and prev.kind == "place" and " ".join(
        text[prev.end:start].replace(",", " , ").split()) in gazetteer(lang).place_joiners
    return "place" if _after_locative(text, start, gazetteer(lang)) or joined else kind


def entity_mention(text: str, start: int, end: int, label: str,
                   prev: Mention | None = None, lang: str = "en") -> Mention | None:
    """A spaCy entity (its label) -> a Mention, or None if it is no actor or place."""
    gaz = gazetteer(lang)
    surface = _strip_possessive(_PAREN_RE.sub("", text[start:end]), gaz).strip()
    if (surface.lower() + " ").startswith(gaz.non_actor_heads):
        return None  # "Hurricane Irma": a storm, whatever the model calls it
    if country := country_of(surface, lang=lang):
        return Mention(country, start, end, _place_or("country", text, start, prev, lang))
    if label == "PERSON":
        name, _ = strip_titles(surface, lang)
        return Mention(name, start, end, "person") if name[:1].isupper() else None
    if label == "ORG":
        return Mention(organisation_of(surface, lang) or _strip_article(surface, gaz), start,
                       end, "org")
    if label == "GPE":
        return Mention(surface, start, end, _place_or("country", text, start, prev, lang))
    if label in ("LOC", "FAC"):
        return Mention(_strip_article(surface, gaz), start, end, "place")
    return None


def _is_known_noun(word: str, gaz: Gazetteer) -> bool:
    low = word.lower()
    return low in gaz.known_nouns or low.endswith(gaz.noun_suffixes)


@lru_cache(maxsize=1 << 16)
def _phrase_facts(phrase: str, lang: str) -> tuple[str | None, str | None, str, bool]:
    """What a phrase is whatever its context (country, organisation, name without its
    titles and whether it had one): the same for every occurrence, so found once."""
    gaz = gazetteer(lang)
    if country := _country(phrase, gaz):
        return country, None, "", False
    if org := _organisation(phrase, gaz):
        return None, org, "", False
    return (None, None, *_strip_titles(phrase, gaz))


def _title_before(text: str, start: int, gaz: Gazetteer) -> bool:
    """Whether the word just before ``start`` (only spaces between) is a title: the
    last run of word characters and apostrophes of the 30 characters before, as
    ``_WORD_BEFORE_RE`` finds it, without a regex search from every position."""
    head = text[max(0, start - 30):start].rstrip()
    i = len(head)
    while i and (head[i - 1].isalnum() or head[i - 1] in _WORD_MARKS):
        i -= 1
    return i < len(head) and head[i:].lower() in gaz.titles


def _classify_phrase(phrase: str, book: NameBook, text: str, start: int, gaz: Gazetteer
                     ) -> tuple[str, str] | None:
    if (phrase.lower() + " ").startswith(gaz.non_actor_heads):
        return None
    country, org, name, titled = _phrase_facts(phrase, gaz.lang)
    if country:
        return country, "country"
    if org:
        return org, "org"
    titled = titled or _title_before(text, start, gaz)
    if name[:1].isupper() and (titled or book.knows(name)):
        return name, "person"
    if gaz.capitalised_nouns and any(_is_known_noun(w, gaz) for w in name.split()):
        return None
    if _after_locative(text, start, gaz, articles=not gaz.capitalised_nouns) \
            and name.lower() not in gaz.titles:
        return name, "place"
    return None


def find_mentions(text: str, start: int, end: int, book: NameBook,
                  skip: Iterable[tuple[int, int]] = (), lang: str = "en") -> list[Mention]:
    """Rule-based actors and places in ``text[start:end]`` (see module doc).

    Persons found are added to ``book``; spans in ``skip`` (temporal expressions) are
    ignored.
    """
    gaz = gazetteer(lang)
    blocked = [(a, b) for a, b in skip if a < end and b > start]  # only this stretch's
    out: list[Mention] = []
    for m in gaz.phrase_re.finditer(text, start, end):
        s, e = m.span("phrase")
        if any(a < e and s < b for a, b in blocked):
            continue
        for part_start, part in _phrase_parts(m["phrase"], s, gaz):
            found = _classify_phrase(part, book, text, part_start, gaz)
            if found is None:
                continue
            name, kind = found
            p_end = part_start + len(part)
            if out and out[-1].kind == "org" and text[out[-1].end:part_start].strip() == "(":
                continue  # "Shanghai Cooperation Organization (SCO)": the acronym is an alias
            if kind == "person":
                name = book.add_person(name, part_start)
            elif kind == "country":
                kind = _place_or(kind, text, part_start, out[-1] if out else None, lang)
            out.append(Mention(name, part_start, p_end, kind))
    return out


def _noun_free_runs(phrase: str, start: int, gaz: Gazetteer) -> list[tuple[int, str]]:
    """A capitalised-noun language's phrase cut at its known nouns ("Präsident Putin
    Gespräche" -> "Präsident Putin"); a country or organisation stays whole."""
    if _country(phrase, gaz) or _organisation(phrase, gaz):
        return [(start, phrase)]
    runs: list[tuple[int, str]] = []
    current: list[str] = []
    pos, at = 0, start
    for word in phrase.split(" "):
        if _is_known_noun(word.rstrip("."), gaz) and word.lower() not in gaz.titles:
            if current:
                runs.append((at, " ".join(current)))
            current = []
        else:
            if not current:
                at = start + pos
            current.append(word)
        pos += len(word) + 1
    if current:
        runs.append((at, " ".join(current)))
    out = []
    for at, run in runs:  # lower-case words ("von", "der") only join names
        words = run.split(" ")
        lead = next((n for n, w in enumerate(words) if w[:1].isupper()), len(words))
        kept = words[lead:]
        while kept and not kept[-1][:1].isupper():
            kept.pop()
        if kept:
            out.append((at + len(" ".join(words[:lead])) + (1 if lead else 0), " ".join(kept)))
    return out


def _phrase_parts(phrase: str, start: int, gaz: Gazetteer) -> list[tuple[int, str]]:
    """A capitalised phrase, plus a shorter version without a leading function word
    ('The Kremlin' -> 'Kremlin'; 'In Beijing' -> 'Beijing')."""
    parts = [(start, phrase.rstrip("."))]
    first, _, rest = phrase.partition(" ")
    if rest and first.lower() in gaz.openers:
        parts = [(start + len(first) + 1, rest.rstrip("."))]
    elif rest.startswith(gaz.of_words) and (first.lower() in gaz.role_nouns
                                            or first.lower() in gaz.titles):
        of = next(o for o in gaz.of_words if rest.startswith(o))
        tail = _strip_article(rest[len(of):], gaz)  # "Leaders of the SCO" -> "SCO"
        parts = [(start + len(phrase) - len(tail), tail.rstrip("."))]
    if gaz.capitalised_nouns:
        parts = [run for s, part in parts for run in _noun_free_runs(part, s, gaz)]
    return parts
