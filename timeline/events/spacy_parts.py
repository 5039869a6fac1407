"""The parsed sentence the spaCy path reads (:class:`Parsed`): its tokens, the ones left
out of labels, who is named where and what a pronoun or role noun stands for; and who
and where an anchored event involves (:func:`who_where`): the people its label resolved,
the actors named in the clause that act in it, the places named there.

An organisation or country counts as an actor of its clause unless it is acted on (a
country as object or passive subject: "hit Florida") or named as a medium ("on
TikTok", the language's ``media_prepositions``); people always do.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import cache
from typing import Any

from timeline.events.actors import Mention, gazetteer
from timeline.events.lexicon import Words, join_names, words
from timeline.events.people import NameBook, antecedents, role_antecedent
from timeline.sentences import Sentence

MAX_WALK = 8
#: The pipes not run over a sentence: the lemma of the few tokens read is made on demand.
SKIPPED_PIPES = ("lemmatizer",)
_LEMMATIZERS: dict[int, Any] = {}  # id of a loaded model's vocab -> its lemmatizer
_NOUN_KEEP = {"compound", "amod", "nmod", "nummod", "poss", "case", "neg", "quantmod", "conj",
              "cc", "predet"}


@cache
def load_model(lang: str = "en") -> Any:
    """The spaCy pipeline of ``lang`` (its ``spacy_models``, the first that loads; cached).
    Raises RuntimeError if spaCy or the model is missing, or the language names none."""
    names = words(lang).spacy_models
    if not names:
        raise RuntimeError(f"no spaCy model is named for language '{lang}'")
    try:
        import spacy
    except ImportError as exc:
        raise RuntimeError("spaCy is not installed") from exc
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        _LEMMATIZERS[id(nlp.vocab)] = nlp.get_pipe("lemmatizer")
        return nlp
    raise RuntimeError(f"the spaCy model {names[0]} is not installed")


def available(lang: str = "en") -> bool:
    """Whether spaCy and a model of ``lang`` load."""
    try:
        load_model(lang)
    except RuntimeError:
        return False
    return True


class Tokens:
    """A parsed sentence's tokens, listed once, with their character offsets: the tokens
    of a span are found by bisection, not by a walk through the sentence per span."""

    def __init__(self, doc: Any) -> None:
        self.all: list[Any] = list(doc)
        self.starts = [t.idx for t in self.all]
        self.ends = [t.idx + len(t.text) for t in self.all]

    def span(self, start: int, end: int) -> list[Any]:
        """The tokens that overlap characters ``start``-``end`` of the sentence."""
        return self.all[bisect_right(self.ends, start):bisect_left(self.starts, end)]

    def root(self) -> Any | None:
        return next((t for t in self.all if t.head is t), None)


def lemma(tok: Any) -> str:
    """The token's lemma as the model's pipeline gives it: the attribute ruler's, else its
    rule lemmatizer's, made for this token only (and kept on it) the first time it is read."""
    if not tok.lemma:
        tok.lemma_ = _LEMMATIZERS[id(tok.vocab)].lemmatize(tok)[0]
    return str(tok.lemma_)


def subject(verb: Any, w: Words) -> Any | None:
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "the treaty, signed in July 2001, ..."
    for _ in range(3):
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return verb.head if c.lower_ in w.relative and verb.dep_ == "relcl" else c
        if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head is verb:
            return None
        verb = verb.head
    return None


class Parsed:
    """One parsed sentence with what the label builder needs."""

    def __init__(self, tokens: Tokens, sentence: Sentence, drop: set[int], book: NameBook,
                 mentions: list[Mention], lang: str) -> None:
        self.tokens, self.sentence, self.drop, self.book = tokens, sentence, drop, book
        self.mentions, self.lang = mentions, lang
        self.w: Words = words(lang)
        self.offset = sentence.start

    def at(self, tok: Any) -> int:
        return self.offset + tok.idx

    def persons_before(self, tok: Any) -> list[str]:
        return [m.text for m in self.mentions if m.kind == "person" and m.start < self.at(tok)]

    def resolve(self, tok: Any) -> tuple[str, ...] | None:
        """People a pronoun or role noun stands for (None if it is neither, or a role
        noun no one named before stands for; () for a pronoun with no sure antecedent)."""
        gaz = gazetteer(self.lang)
        low, lemma_low = tok.lower_, lemma(tok).lower()
        phrase = " ".join(t.lower_ for t in tok.subtree)
        here = self.persons_before(tok)
        if low in gaz.singular_pronouns:
            return antecedents(self.book, here, self.at(tok), 1)
        if low in gaz.plural_pronouns:
            return antecedents(self.book, here, self.at(tok), 2)
        if phrase in gaz.role_nouns or lemma_low in gaz.role_nouns:
            plural = tok.tag_ in ("NNS", "NNPS") or phrase in gaz.plural_pronouns or any(
                c.dep_ in ("nummod", "predet") for c in tok.children)
            if plural:
                return antecedents(self.book, here, self.at(tok), 2) or None
            return role_antecedent(self.book, here, self.at(tok)) or None
        return None

    def _determined(self, tok: Any) -> bool:
        """A role noun with a determiner ("the two leaders", "both presidents"): bare
        ("officials said") it stands for people no one named."""
        return any(c.dep_ in ("det", "predet", "nummod") for c in tok.children)

    def np(self, tok: Any, depth: int = 0) -> list[Any]:
        """Compressed noun phrase: modifiers, the head, one of/with/to/in phrase."""
        out, preps = [tok], 0
        last_conj = max((c.i for c in tok.children if c.dep_ == "conj"), default=-1)
        for c in tok.children:
            if c.i in self.drop or c.lower_ in self.w.articles:
                continue
            if c.is_punct:
                out += [c] if c.text == "," and tok.i < c.i < last_conj else []
            elif c.dep_ in _NOUN_KEEP:
                out += self.np(c, depth + 1)
            elif c.dep_ == "prep" and preps == 0 and self._keeps_prep(c, depth):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.i not in self.drop:
                    out += [c, *self.np(obj, depth + 1)]
                    preps += 1
        return out

    def _keeps_prep(self, prep: Any, depth: int) -> bool:
        return (prep.lower_ in self.w.genitive and depth <= 2) or (
            depth <= 1 and prep.lower_ in self.w.label_preps)

    def names_of(self, tok: Any) -> tuple[str, tuple[str, ...]]:
        """Label text for a subject/possessor and the people it names."""
        if (people := self.resolve(tok)) is not None:
            return join_names([self.book.short(p) for p in people], self.lang), people
        lo, hi = self.at(tok.left_edge), self.at(tok.right_edge) + len(tok.right_edge)
        persons = [m for m in self.mentions if m.kind == "person" and lo <= m.start < hi]
        if any(m.start <= self.at(tok) < m.end for m in persons):
            full = tuple(m.text for m in persons)
            return join_names([self.book.short(p) for p in full], self.lang), full
        return words_text(self.np(tok)), ()


def words_text(tokens: Iterable[Any]) -> str:
    unique = {t.i: t for t in tokens}
    return " ".join(unique[i].text for i in sorted(unique))


def _scope(s: Parsed, trig: Any | None) -> tuple[int, int]:
    if trig is None or trig.pos_ not in ("VERB", "AUX"):
        return s.sentence.start, s.sentence.end
    toks = list(trig.subtree)
    subj = subject(trig, s.w)
    if subj is not None:
        toks += list(subj.subtree)
    return s.at(min(toks, key=lambda t: t.i)), s.at(max(toks, key=lambda t: t.i)) + 1


def _clause_people(s: Parsed, noun: Any) -> tuple[str, ...]:
    """People the subject of the verb above an event noun stands for ("Both presidents
    met ... for the opening ..." -> the two presidents named before)."""
    cur = noun
    for _ in range(MAX_WALK):
        if cur.head is cur:
            break
        cur = cur.head
        if cur.pos_ == "VERB":
            subj = subject(cur, s.w)
            return (s.resolve(subj) or ()) if subj is not None else ()
    return ()


_CLIMB = ("compound", "conj", "appos", "flat", "cc")
_PATIENT = ("dobj", "nsubjpass", "attr")


def _acts(s: Parsed, m: Mention) -> bool:
    """Whether a named organisation or country acts in its clause: a country the verb
    acts on ("hit Florida") and an organisation named as a medium ("on TikTok") do not."""
    if m.kind == "person":
        return True
    toks = s.tokens.span(m.start - s.offset, m.end - s.offset)
    inside = {t.i for t in toks}
    tok = next((t for t in toks if t.head.i not in inside or t.head is t), None)
    for _ in range(MAX_WALK):
        if tok is None or tok.dep_ not in _CLIMB or tok.head is tok:
            break
        tok = tok.head
    if tok is None:
        return True
    if tok.dep_ == "pobj":
        return m.kind != "org" or tok.head.lower_ not in gazetteer(s.lang).media
    return m.kind != "country" or tok.dep_ not in _PATIENT


def who_where(s: Parsed, trig: Any | None, people: tuple[str, ...]
               ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if trig is not None and not people and trig.pos_ not in ("VERB", "AUX"):
        people = _clause_people(s, trig)
    lo, hi = _scope(s, trig)
    inside = [m for m in s.mentions if lo <= m.start < hi]
    actors = list(people) + [m.text for m in inside if m.is_actor and _acts(s, m)]
    places = [m.text for m in inside if m.kind == "place"]
    return tuple(dict.fromkeys(actors)), tuple(dict.fromkeys(places))
