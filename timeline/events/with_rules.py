"""Rule-based anchoring: word lists + proximity (no parser needed).

Everything is read from the language's word lists (``data/<lang>/events_words.json``).

Trigger: candidates are event nouns and verbs (verb lemmas with generated inflections
and irregular forms, plus any lower-case word with a ``verb_guess_suffixes`` ending:
-ed); the nearest one wins, measured in tokens, plus 1.5 for every clause boundary
crossed (``, ; : which that and but ...``), 1.5 for a reporting verb, 0.5 for a
candidate after the expression unless the expression opens the sentence (2.0 when a
preposition introduces the expression: "the invasion in February displaced ..."). A possessive
expression ("Thursday's meeting") takes the next noun, a duration the next event noun
("the three-day summit"). Nothing within 10 -> no trigger.

Label: a verb gives the nearest named actor or pronoun before it in its clause
(pronouns and role nouns resolved to the people named just before) + the verb + the
words after it up to the end of the clause (dates, articles and brackets left out);
an event noun gives its possessor, its modifiers, the noun and one prepositional phrase.
Actors and places: the gazetteer-checked capitalised phrases of the sentence
(:func:`timeline.events.actors.find_mentions`).

A verb-second language (``features``: German) differs in three places: a verb closing a
clause whose finite verb is an auxiliary or modal is its trigger ("Xi hat Putin am
Donnerstag getroffen" -> "getroffen"); a verb's label is its clause as it stands, with a
separable particle at its end ("kündigte ... an"), the subject moved to the front when
only the date precedes the finite verb ("Am Montag traf Xi ..." -> "Xi traf ..."); and
with capitalised nouns only a capitalised event noun after the first word is a noun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.events.actors import Gazetteer, Mention, NameBook, gazetteer
from timeline.events.lexicon import (
    Anchor,
    Words,
    finish_label,
    join_names,
    possessive,
    words,
)
from timeline.models import Timex
from timeline.sentences import Sentence

MAX_SCORE = 10.0
BOUNDARY_COST, REPORTING_COST, AFTER_COST = 1.5, 1.5, 0.5
STRENGTH_NEAR, STRENGTH_FAR, STRENGTH_NONE = 0.85, 0.7, 0.45
NEAR_SCORE = 3.0
MAX_TAIL_WORDS = 8
MAX_V2_WORDS = 10
MAX_LEAD = 4
_TOKEN_RE = re.compile(r"[\u2019']s\b|\w+(?:[.\-]\w+)*(?:[\u2019'](?!s\b)\w+)*|[^\w\s]")
MAX_MODIFIERS = 4
FORWARD_WORDS = 5
_BRACKETS = ("(", ")")


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int
    low: str  # text.lower(), computed once


def tokenize(text: str, start: int, end: int) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end(), m.group().lower())
            for m in _TOKEN_RE.finditer(text, start, end)]


def _kind(toks: list[_Tok], i: int, blocked: set[int], w: Words) -> str:
    """'noun', 'verb', 'reporting' or '' for token i."""
    if i in blocked:
        return ""
    low = toks[i].low
    is_noun = low in w.event_nouns
    if low in w.reporting:
        return "reporting"
    if low in w.auxiliaries or low in w.copulas or low in w.light:
        return ""
    if w.capitalised_nouns and i and toks[i].text[:1].isupper():
        return "noun" if is_noun else ""  # "das Treffen" is a noun, "treffen" a verb
    prev = toks[i - 1].low if i else ""
    if _is_verb(toks[i], w) and not (is_noun and prev not in w.verb_cues):
        return "verb"
    return "noun" if is_noun else ""


def _is_verb(tok: _Tok, w: Words) -> bool:
    low = tok.low
    return low in w.verb_forms or (low.endswith(w.verb_guess_suffixes) and len(low) > 4
                                   and tok.text.islower())


def _crossings(toks: list[_Tok], a: int, b: int, w: Words) -> int:
    return sum(t.low in w.boundaries for t in toks[a + 1:b])


def _best(toks: list[_Tok], first: int, last: int, blocked: set[int], w: Words,
          forward: bool = False) -> tuple[int, float]:
    """Index of the trigger for timex tokens first..last and its score (-1: none).
    ``forward``: the expression modifies what follows (a duration: "three-day summit")."""
    possessive = last + 1 < len(toks) and toks[last + 1].low in w.possessive_tokens
    if possessive or forward:
        seen = 0
        for j in range(last + 1 + possessive, len(toks)):
            if j in blocked or toks[j].low in _BRACKETS:
                continue
            if toks[j].low in w.boundaries or seen == FORWARD_WORDS:
                break
            seen += 1
            if _kind(toks, j, blocked, w) == "noun" or (possessive and _kind(toks, j, blocked, w)):
                return j, 0.0
    best, best_score = -1, MAX_SCORE + 1
    opening = first <= 1
    after_cost = AFTER_COST
    if not opening and first >= 1 and toks[first - 1].low in w.function:
        after_cost += BOUNDARY_COST  # "the invasion in February displaced": PP of what precedes
    if w.verb_second and (j := _closing_verb(toks, first, last, blocked, w)) >= 0:
        return j, min(float(j - last - 1), NEAR_SCORE)
    for j, _ in enumerate(toks):
        kind = _kind(toks, j, blocked, w)
        if not kind or first <= j <= last:
            continue
        if j < first:
            score = first - j - 1 + BOUNDARY_COST * _crossings(toks, j, first, w)
        else:
            score = j - last - 1 + BOUNDARY_COST * _crossings(toks, last, j, w)
            score += 0 if opening else after_cost
        score += REPORTING_COST if kind == "reporting" else 0
        if score < best_score:
            best, best_score = j, score
    return (best, best_score) if best_score <= MAX_SCORE else (-1, best_score)


class _Context:
    def __init__(self, sentence: Sentence, toks: list[_Tok], blocked: set[int],
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
        if low in gaz.singular_pronouns:
            return tuple(here[-1:]) or self.book.before(self.toks[i].start, 1)
        phrases = {" ".join(t.low for t in self.toks[i:i + n]) for n in (1, 2, 3)}
        singular = {p[:-1] for p in phrases if p.endswith("s")}
        if low in gaz.plural_pronouns or (phrases | singular) & gaz.role_nouns:
            here = list(dict.fromkeys(here))
            return tuple(here[-2:]) if len(here) >= 2 else self.book.before(self.toks[i].start, 2)
        return None

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
        w, out = self.w, []
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
        w, out, j = self.w, [], i - 1
        while j >= 0 and len(out) < MAX_MODIFIERS:
            tok = self.toks[j]
            if j in self.blocked or tok.low in _BRACKETS:
                j -= 1
                continue
            if (tok.low in w.function or tok.low in w.boundaries or not tok.text[0].isalnum()
                    or _is_verb(tok, w) or tok.low in w.auxiliaries):
                break
            out.insert(0, tok.text)
            j -= 1
        return j, out


def _blocked(toks: list[_Tok], spans: list[tuple[int, int]], w: Words) -> set[int]:
    out = {i for i, t in enumerate(toks) for a, b in spans if t.start < b and a < t.end}
    out |= {i + 1 for i in out if i + 1 < len(toks) and toks[i + 1].low in w.possessive_tokens}
    depth = 0
    for i, t in enumerate(toks):
        depth += t.text == "("
        if depth:
            out.add(i)
        depth -= t.text == ")" and depth > 0
    return out


def _verb_label(ctx: _Context, i: int) -> tuple[str, tuple[str, ...]]:
    if ctx.w.verb_second:
        return _v2_label(ctx, i)
    at, who, people = ctx.subject(i)
    rel = ctx.toks[at - 1].low if at >= 1 else ""
    if rel in ctx.w.relative and at >= 2 and ctx.toks[at - 2].text.isalpha() \
            and ctx.toks[at - 2].low not in ctx.w.function:
        return finish_label(f"{who} {ctx.toks[i].text} {ctx.toks[at - 2].text}",
                            ctx.lang), people
    return finish_label(" ".join([who, ctx.toks[i].text, *ctx.tail(i, MAX_TAIL_WORDS)]),
                        ctx.lang), people


def _finite(ctx: _Context, i: int) -> int:
    """The finite verb of the clause of a trigger at token i: the first auxiliary, modal,
    copula or light verb before it in the clause, else the trigger itself."""
    w, found = ctx.w, i
    for j in range(i - 1, -1, -1):
        low = ctx.toks[j].low
        if low in w.boundaries:
            break
        if j not in ctx.blocked and (low in w.auxiliaries or low in w.modals
                                     or low in w.copulas or low in w.light):
            found = j
    return found


def _clause_start(ctx: _Context, i: int) -> int:
    j = i
    while j > 0 and ctx.toks[j - 1].low not in ctx.w.boundaries:
        j -= 1
    return j


def _v2_label(ctx: _Context, i: int) -> tuple[str, tuple[str, ...]]:
    """A verb-second clause as it stands, from its start to its end, so that a
    participle, infinitive or separable particle closing it stays in ("Xi hat Putin
    getroffen", "Scholz kündigte neue Hilfen an"); an actor before the finite verb (the
    subject, "Xi und Scholz hatten ...") is given by its short name. When nothing but
    the date stands before the finite verb and an actor follows it ("Am Montag traf Xi
    ..."), that actor (the subject) moves to the front."""
    finite = _finite(ctx, i)
    at, who, people = ctx.subject(finite)
    lo = finite if at >= 0 else _clause_start(ctx, finite)  # the subject leads, by name
    skip: set[int] = set()
    lead = who
    after = [k for k in range(finite + 1, len(ctx.toks)) if k not in ctx.blocked][:MAX_LEAD]
    while after and ctx.toks[after[0]].low in ctx.w.articles:  # "kündigte die Regierung"
        skip.add(after.pop(0))
    if not who and not ctx.tail(lo - 1, 1, stop=finite) and after and after[0] != i \
            and (found := ctx.who(after[0]))[0]:
        lead, people = found
        m = ctx.mention_ending(after[0])
        skip |= {j for j, t in enumerate(ctx.toks) if m is not None
                 and m.start <= t.start < m.end} | {after[0]}
    else:
        skip = set()
    body = ctx.tail(lo - 1, MAX_V2_WORDS, frozenset(skip))
    if ctx.toks[i].text not in body:
        body = [*body[:MAX_V2_WORDS - 1], ctx.toks[i].text]
    return finish_label(" ".join([lead, *body]), ctx.lang), people


def _closing_verb(toks: list[_Tok], first: int, last: int, blocked: set[int], w: Words
                  ) -> int:
    """In a verb-second language: the verb closing the clause of tokens first..last
    when the clause's finite verb is an auxiliary or modal ("Xi hat Putin am Donnerstag
    getroffen" -> "getroffen"), else -1."""
    lo = first
    while lo > 0 and toks[lo - 1].low not in w.boundaries:
        lo -= 1
    hi = last
    while hi + 1 < len(toks) and toks[hi + 1].low not in w.boundaries \
            and toks[hi + 1].low not in ".!?":
        hi += 1
    if not any(toks[k].low in w.auxiliaries or toks[k].low in w.modals
               for k in range(lo, first)):
        return -1
    end = next((k for k in range(hi, last, -1) if k not in blocked), -1)
    if end > 0 and toks[end].low in w.verb_forms and toks[end].text.islower():
        return end
    return -1


def _label(ctx: _Context, i: int, kind: str) -> tuple[str, tuple[str, ...]]:
    if kind != "noun":
        return _verb_label(ctx, i)
    w, gaz = ctx.w, ctx.gaz
    prev, mods = ctx.modifiers(i)
    who, people = "", ()
    if prev >= 1 and ctx.toks[prev].low in w.possessive_tokens:
        who, people = ctx.who(prev - 1)
    elif prev >= 0 and ctx.toks[prev].low in gaz.plural_pronouns | gaz.singular_pronouns:
        who, people = ctx.who(prev)
    elif prev >= 0 and (ctx.toks[prev].low in w.label_preps or _is_verb(ctx.toks[prev], w)
                        or ctx.toks[prev].low in w.light):
        _, who, people = ctx.subject(prev)
    head = " ".join([*mods, ctx.toks[i].text, *ctx.tail(i, 5, noun=True)])
    return finish_label(f"{possessive(who, ctx.lang)} {head}" if who else head,
                        ctx.lang), people


def anchor_sentence(text: str, sentence: Sentence, timexes: list[Timex],
                    spans: list[tuple[int, int]], mentions: list[Mention],
                    book: NameBook, lang: str = "en") -> list[Anchor]:
    """One Anchor per timex of the sentence; ``spans``: all timex spans in it."""
    w = words(lang)
    toks = tokenize(text, sentence.start, sentence.end)
    blocked = _blocked(toks, spans, w)
    ctx = _Context(sentence, toks, blocked, mentions, book, lang)
    actors_here = [m.text for m in mentions if m.is_actor]
    places = tuple(dict.fromkeys(m.text for m in mentions if m.kind == "place"))
    out = []
    for tx in timexes:
        idx = [i for i, t in enumerate(toks) if t.start < tx.end and tx.start < t.end]
        forward = tx.type == "DURATION"
        j, score = _best(toks, idx[0], idx[-1], blocked, w, forward) if idx else (
            -1, MAX_SCORE + 1)
        if j < 0:
            label = finish_label(" ".join(t.text for k, t in enumerate(toks)
                                          if k not in blocked and t.text[0].isalnum()), lang)
            out.append(Anchor("", -1, label, tuple(dict.fromkeys(actors_here)), places,
                              STRENGTH_NONE))
            continue
        kind = _kind(toks, j, set(), w)
        label, people = _label(ctx, j, kind)
        if not people:
            people = next((p for k in range(j) if k not in blocked
                           and (p := ctx.people(k))), ())
        strength = STRENGTH_NEAR if score <= NEAR_SCORE else STRENGTH_FAR
        actors = tuple(dict.fromkeys([*people, *actors_here]))
        out.append(Anchor(toks[j].text, toks[j].start, label, actors, places, strength,
                          kind == "noun"))
    return out
