"""Tokens and the sentence context the rule-based anchoring reads: who is named where,
what a pronoun or role noun stands for, the subject before a verb, the words of a clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.events.actors import Gazetteer, Mention, gazetteer
from timeline.events.lexicon import Words, join_names, words
from timeline.events.people import NameBook, antecedents, role_antecedent
from timeline.sentences import Sentence

MAX_MODIFIERS = 4
BRACKETS = ("(", ")")
_TOKEN_RE = re.compile(r"[\u2019']s\b|\d+(?:,\d{3})+(?:\.\d+)?\b"  # "208,000": one number
                       r"|\w+(?:[.\-]\w+)*(?:[\u2019'](?!s\b)\w+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Tok:
    """One token of a sentence, with article offsets."""

    text: str
    start: int
    end: int
    low: str  # text.lower(), computed once


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end(), m.group().lower())
            for m in _TOKEN_RE.finditer(text, start, end)]


def is_verb(tok: Tok, w: Words) -> bool:
    low = tok.low
    return low in w.verb_forms or (low.endswith(w.verb_guess_suffixes) and len(low) > 4
                                   and tok.text.islower())


class Context:
    """One sentence being anchored: its tokens, the blocked ones (dates, brackets), its
    mentions, the article's people and the language's word lists."""

    def __init__(self, sentence: Sentence, toks: list[Tok], blocked: set[int],
                 mentions: list[Mention], book: NameBook, lang: str) -> None:
        self.sentence, self.toks, self.blocked = sentence, toks, blocked
        self.mentions, self.book, self.lang = mentions, book, lang
        self.w: Words = words(lang)
        self.gaz: Gazetteer = gazetteer(lang)

    def mention_ending(self, i: int) -> Mention | None:
        tok = self.toks[i]
        return next((m for m in self.mentions if m.start <= tok.start < m.end), None)

    def people(self, i: int) -> tuple[str, ...] | None:
        """People a pronoun or role noun at token i stands for (None: neither)."""
        gaz, low = self.gaz, self.toks[i].low
        if (low not in gaz.singular_pronouns and low not in gaz.plural_pronouns
                and low not in gaz.role_first_words):
            return None  # cheap test first: most tokens are none of these
        here = [m.text for m in self.mentions
                if m.kind == "person" and m.end <= self.toks[i].start]
        at = self.toks[i].start
        if low in gaz.singular_pronouns:
            return antecedents(self.book, here, at, 1)
        if low in gaz.plural_pronouns:
            return antecedents(self.book, here, at, 2)
        phrases = {" ".join(t.low for t in self.toks[i:i + n]) for n in (1, 2, 3)}
        singular = {p[:-1] for p in phrases if p.endswith("s")}
        named = sorted(phrases & gaz.role_nouns | {p + "s" for p in singular & gaz.role_nouns})
        if not named:
            return None
        words = {w for p in named for w in p.split()}
        if words & gaz.plural_pronouns or any(p.endswith("s") or p.split()[0].endswith("s")
                                              for p in named):  # "heads of state"
            return antecedents(self.book, here, at, 2) or None
        return role_antecedent(self.book, here, at) or None

    def who(self, i: int) -> tuple[str, tuple[str, ...]]:
        """Name text of the actor/pronoun at token i and the people it stands for."""
        if (people := self.people(i)) is not None:
            return join_names([self.book.short(p) for p in people], self.lang), people
        m = self.mention_ending(i)
        if m is None or not m.is_actor:
            return "", ()
        if m.kind == "person":
            return self.book.short(m.text), (m.text,)
        return m.text, ()

    def subject(self, i: int) -> tuple[int, str, tuple[str, ...]]:
        """Index, name text and people of the nearest actor before token i in its clause."""
        for j in range(i - 1, -1, -1):
            if self.toks[j].low in self.w.boundaries:
                break
            if j not in self.blocked and self._pronoun(j) and not self.who(j)[0]:
                break  # a pronoun no one named stands for: no name from further back
            if j not in self.blocked and (found := self.who(j))[0]:
                first, names, people = self._mention_start(j), [found[0]], list(found[1])
                while first >= 2 and self.toks[first - 1].low in self.w.subject_joiners:
                    other = self.who(first - 2)
                    if not other[0] or other[1] and not found[1]:
                        break
                    names.insert(0, other[0])
                    people[:0] = other[1]
                    first = self._mention_start(first - 2)
                return first, join_names(names, self.lang), tuple(people)
        return -1, "", ()

    def _pronoun(self, j: int) -> bool:
        low, gaz = self.toks[j].low, self.gaz
        return low in gaz.singular_pronouns or low in gaz.plural_pronouns \
            or low in gaz.impersonal_pronouns

    def noun_before(self, i: int, limit: int = 3) -> list[str]:
        """The bare noun phrase just before token i ("The economy added" -> "economy"):
        words up to an article, function word, verb or boundary, dates skipped."""
        w = self.w
        out: list[str] = []
        for j in range(i - 1, -1, -1):
            tok = self.toks[j]
            if j in self.blocked or (j + 1 in self.blocked and tok.low in w.function):
                continue
            if (len(out) == limit or not tok.text[0].isalnum() or tok.low in w.function
                    or tok.low in w.boundaries or tok.low in w.auxiliaries
                    or tok.low in w.copulas or tok.low in w.modals or is_verb(tok, w)
                    or self._pronoun(j)):
                break
            out.insert(0, tok.text)
        return out

    def _mention_start(self, j: int) -> int:
        m = self.mention_ending(j)
        if m is None:
            return j
        return next(k for k in range(j, -1, -1) if k == 0 or self.toks[k - 1].end <= m.start)

    def _before_person(self, j: int) -> bool:
        """An article or demonym just before a person's name ("den russischen Präsidenten
        Putin"): left out of a verb-second label, which shortens the name."""
        low = self.toks[j].low
        if low not in self.w.articles and low not in self.gaz.demonyms:
            return False
        k = j + 1
        while k < len(self.toks) and (self.toks[k].low in self.w.articles
                                      or self.toks[k].low in self.gaz.demonyms):
            k += 1
        m = self.mention_ending(k) if k < len(self.toks) else None
        return m is not None and m.kind == "person"

    def _closes(self, j: int) -> bool:
        """A lower-case word closing its clause (a verb-second language's participle or
        infinitive: "zu einem Besuch nach China aufbrechen")."""
        nxt = self.toks[j + 1].low if j + 1 < len(self.toks) else "."
        return self.toks[j].text.islower() and (nxt in self.w.boundaries or nxt in ".!?")

    def tail(self, i: int, limit: int, skip: frozenset[int] = frozenset(),
             noun: bool = False, stop: int = -1) -> list[str]:
        """Words after token i to the end of its clause or token ``stop`` (dates,
        articles left out; a noun's words also end at one of ``noun_label_stops``)."""
        w = self.w
        out: list[str] = []
        v2 = w.verb_second
        for j in range(i + 1, len(self.toks) if stop < 0 else stop):
            low = self.toks[j].low
            if j in self.blocked and low == ".":  # "am 3. März": the date's own period
                continue
            if low in w.boundaries or low in ".!?" or len(out) >= limit or (
                    noun and (low in w.noun_label_stops or v2 and self._closes(j))):
                break
            if j in self.blocked or j in skip or (j + 1 in self.blocked and low in w.function):
                continue
            if (low in w.articles and not v2) or (v2 and self._before_person(j)):
                continue
            person = self.mention_ending(j)
            if person is not None and person.kind == "person":
                name = self.book.short(person.text)
                if not out or out[-1] != name:
                    out.append(name)
                continue
            out.append(self.toks[j].text)
        return out

    def modifiers(self, i: int) -> tuple[int, list[str]]:
        """Index where the noun phrase of token i begins, and its modifier words."""
        w, j = self.w, i - 1
        out: list[str] = []
        while j >= 0 and len(out) < MAX_MODIFIERS:
            tok = self.toks[j]
            if j in self.blocked or tok.low in BRACKETS:
                j -= 1
                continue
            if (tok.low in w.function or tok.low in w.boundaries or not tok.text[0].isalnum()
                    or is_verb(tok, w) or tok.low in w.auxiliaries):
                break
            out.insert(0, tok.text)
            j -= 1
        return j, out
