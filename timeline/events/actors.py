"""Who and where: actors (people, organisations, countries) and places of an event.

Both extraction paths end up with :class:`Mention` objects (canonical text, offsets into
the article, kind ``person``/``org``/``country``/``place``):

- spaCy path: :func:`entity_mention` turns a named entity (PERSON, ORG, GPE, LOC, FAC,
  NORP) into a mention, with the gazetteer correcting the model (a NORP "Tajikistan"
  is a country; "the US" is the United States).
- Rule-based path: :func:`find_mentions` reads capitalised phrases and keeps those the
  gazetteer (``data/en/actors_gazetteer.json``) vouches for: countries and their
  aliases, known organisations or names ending in an organisation word ("...
  Organization", "... Ministry"), names after a title ("President Vladimir Putin"),
  later mentions of a person already seen ("Putin"), and any capitalised name after a
  locative preposition ("in Samarkand": a place).

Countries and cities are *places* when a locative preposition governs them ("in
Samarkand, Uzbekistan") and *actors* otherwise ("Russia supports China").
:class:`NameBook` remembers an article's people so that "Xi" becomes "Xi Jinping",
labels can use the short form, and a subject such as "he" or "the two leaders" can be
resolved to the people named just before.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).parents[1] / "data" / "en" / "actors_gazetteer.json"
_WORDS = Path(__file__).parents[1] / "data" / "en" / "events_words.json"
ACTOR_KINDS = ("person", "org", "country")
_POSSESSIVE_RE = re.compile(r"[\u2019']s$")
_PAREN_RE = re.compile(r"\s*\([^)]*\)?")
_WORD_BEFORE_RE = re.compile(r"(?P<word>[\w\u2019']+)\W*$")


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
    locative: frozenset[str]
    openers: frozenset[str]
    phrase_re: re.Pattern[str]


@cache
def gazetteer() -> Gazetteer:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    words = json.loads(_WORDS.read_text(encoding="utf-8"))
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
        locative=frozenset(words["locative_prepositions"]),
        openers=frozenset(data["phrase_openers"]) | frozenset(data["name_connectors"]),
        phrase_re=_phrase_re(data["name_connectors"]),
    )


def _phrase_re(connectors: list[str]) -> re.Pattern[str]:
    """Capitalised phrases, allowing lower-case name connectors ('House of Representatives')."""
    word = r"[A-Z][\w.\-]*(?:[\u2019']s\b)?"
    joiner = r"[ \t]+(?:(?:" + "|".join(map(re.escape, connectors)) + r")[ \t]+)?(?:the[ \t]+)?"
    return re.compile(rf"(?<![\w.])(?P<phrase>{word}(?:{joiner}{word})*)")


def _strip_possessive(text: str) -> str:
    return _POSSESSIVE_RE.sub("", text)


def strip_titles(name: str) -> tuple[str, bool]:
    """'Russian President Vladimir Putin' -> ('Vladimir Putin', True): everything up to the
    last title among the leading words is removed ("Finance Minister Christian Lindner"
    -> "Christian Lindner"); the flag says whether a title was removed."""
    gaz = gazetteer()
    words = _strip_possessive(name).split()
    cut = 0
    for i in range(len(words) - 1):
        one, two = words[i].lower(), " ".join(words[i:i + 2]).lower()
        if two in gaz.titles and i + 2 < len(words):
            cut = i + 2
        elif one in gaz.titles or one.rstrip(".") + "." in gaz.titles:
            cut = i + 1
    return " ".join(words[cut:]), cut > 0


def country_of(name: str, demonyms: bool = False) -> str | None:
    """Canonical country name for a country name or alias (or demonym), else None."""
    gaz = gazetteer()
    key = _strip_possessive(name).lower().removeprefix("the ")
    return gaz.countries.get(key) or (gaz.demonyms.get(key) if demonyms else None)


def organisation_of(name: str) -> str | None:
    gaz = gazetteer()
    key = _strip_possessive(name).removeprefix("the ")
    if key.lower() in gaz.organisations:
        return gaz.organisations[key.lower()]
    words = key.split()
    if len(words) > 1 and words[-1].lower().rstrip(".") in gaz.org_suffixes:
        return key
    return None


def after_locative(text: str, start: int) -> bool:
    """Whether a locative preposition (or a place list: 'in Samarkand, ') precedes."""
    m = _WORD_BEFORE_RE.search(text, max(0, start - 30), start)
    if not m:
        return False
    word = m["word"].lower()
    return word in gazetteer().locative or (word == "the" and after_locative(text, m.start()))


def _place_or(kind: str, text: str, start: int, prev: Mention | None) -> str:
    joined = prev is not None and prev.kind == "place" and text[prev.end:start].strip() in (
        ",", "and", ", and")
    return "place" if after_locative(text, start) or joined else kind


def entity_mention(text: str, start: int, end: int, label: str,
                   prev: Mention | None = None) -> Mention | None:
    """A spaCy entity (its label) -> a Mention, or None if it is no actor or place."""
    surface = _strip_possessive(_PAREN_RE.sub("", text[start:end])).strip()
    if country := country_of(surface):
        return Mention(country, start, end, _place_or("country", text, start, prev))
    if label == "PERSON":
        name, _ = strip_titles(surface)
        return Mention(name, start, end, "person") if name[:1].isupper() else None
    if label == "ORG":
        return Mention(organisation_of(surface) or surface.removeprefix("the "), start, end, "org")
    if label == "GPE":
        return Mention(surface, start, end, _place_or("country", text, start, prev))
    if label in ("LOC", "FAC"):
        return Mention(surface.removeprefix("the "), start, end, "place")
    return None


class NameBook:
    """An article's people: full names, short names, and who was named where."""

    def __init__(self) -> None:
        self._full: dict[str, str] = {}  # any name token or full name -> full name
        self._short: dict[str, str] = {}  # full name -> shortest mention
        self._starts: list[int] = []
        self._names: list[str] = []

    def add_person(self, name: str, start: int) -> str:
        """Record a person mention; returns the full name it refers to."""
        full = self.full(name)
        if full == name and " " in name:
            for token in name.split():
                self._full.setdefault(token, name)
        self._full.setdefault(name, full)
        short = self._short.get(full, full)
        self._short[full] = name if len(name) < len(short) else short
        pos = bisect.bisect(self._starts, start)
        self._starts.insert(pos, start)
        self._names.insert(pos, full)
        return full

    def knows(self, name: str) -> bool:
        return name in self._full

    def full(self, name: str) -> str:
        return self._full.get(name, name)

    def short(self, full: str) -> str:
        return self._short.get(full, full)

    def before(self, offset: int, limit: int = 2) -> tuple[str, ...]:
        """The last ``limit`` different people named before ``offset`` (most recent last)."""
        out: list[str] = []
        for name in reversed(self._names[: bisect.bisect_left(self._starts, offset)]):
            if name not in out:
                out.append(name)
            if len(out) == limit:
                break
        return tuple(reversed(out))


def _classify_phrase(phrase: str, book: NameBook, text: str, start: int
                     ) -> tuple[str, str] | None:
    if country := country_of(phrase):
        return country, "country"
    if org := organisation_of(phrase):
        return org, "org"
    name, titled = strip_titles(phrase)
    before = _WORD_BEFORE_RE.search(text, max(0, start - 30), start)
    titled = titled or bool(before and before["word"].lower() in gazetteer().titles
                            and text[before.end("word"):start].strip() == "")
    if name[:1].isupper() and (titled or book.knows(name)):
        return name, "person"
    if after_locative(text, start) and name.lower() not in gazetteer().titles:
        return name, "place"
    return None


def find_mentions(text: str, start: int, end: int, book: NameBook,
                  skip: Iterable[tuple[int, int]] = ()) -> list[Mention]:
    """Rule-based actors and places in ``text[start:end]`` (see module doc).

    Persons found are added to ``book``; spans in ``skip`` (temporal expressions) are
    ignored.
    """
    blocked = [(a, b) for a, b in skip if a < end and b > start]  # only this stretch's
    out: list[Mention] = []
    for m in gazetteer().phrase_re.finditer(text, start, end):
        s, e = m.span("phrase")
        if any(a < e and s < b for a, b in blocked):
            continue
        for part_start, part in _phrase_parts(m["phrase"], s):
            found = _classify_phrase(part, book, text, part_start)
            if found is None:
                continue
            name, kind = found
            p_end = part_start + len(part)
            if out and out[-1].kind == "org" and text[out[-1].end:part_start].strip() == "(":
                continue  # "Shanghai Cooperation Organization (SCO)": the acronym is an alias
            if kind == "person":
                name = book.add_person(name, part_start)
            elif kind == "country":
                kind = _place_or(kind, text, part_start, out[-1] if out else None)
            out.append(Mention(name, part_start, p_end, kind))
    return out


def _phrase_parts(phrase: str, start: int) -> list[tuple[int, str]]:
    """A capitalised phrase, plus a shorter version without a leading function word
    ('The Kremlin' -> 'Kremlin'; 'In Beijing' -> 'Beijing')."""
    parts = [(start, phrase.rstrip("."))]
    first, _, rest = phrase.partition(" ")
    gaz = gazetteer()
    if rest and first.lower() in gaz.openers:
        parts = [(start + len(first) + 1, rest.rstrip("."))]
    elif rest.startswith("of ") and (first.lower() in gaz.role_nouns
                                     or first.lower() in gaz.titles):
        tail = rest[3:].removeprefix("the ")  # "Leaders of the SCO" -> "SCO"
        parts = [(start + len(phrase) - len(tail), tail.rstrip("."))]
    return parts

