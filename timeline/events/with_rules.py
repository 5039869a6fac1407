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
(pronouns and role nouns resolved to the people named just before when that is sure,
else left out; with no actor, the bare noun phrase before the verb) + the verb + the
words after it up to the end of the clause (dates, articles and brackets left out);
an event noun gives its possessor, its modifiers, the noun and one prepositional phrase.
Actors and places: the gazetteer-checked capitalised phrases of the sentence
(:func:`timeline.events.actors.find_mentions`).

A verb-second language (``features``: German) differs in three places
(:mod:`timeline.events.verb_second`): a verb closing a
clause whose finite verb is an auxiliary or modal is its trigger ("Xi hat Putin am
Donnerstag getroffen" -> "getroffen"); a verb's label is its clause as it stands, with a
separable particle at its end ("kündigte ... an"), the subject moved to the front when
only the date precedes the finite verb ("Am Montag traf Xi ..." -> "Xi traf ..."); and
with capitalised nouns only a capitalised event noun after the first word is a noun.
"""

from __future__ import annotations

from timeline.events.actors import Mention
from timeline.events.lexicon import Anchor, Words, finish_label, possessive, words
from timeline.events.people import NameBook
from timeline.events.rule_context import BRACKETS, Context, Tok, is_verb, tokenize
from timeline.events.verb_second import closing_verb, v2_label
from timeline.models import Timex
from timeline.sentences import Sentence

MAX_SCORE = 10.0
BOUNDARY_COST, REPORTING_COST, AFTER_COST = 1.5, 1.5, 0.5
STRENGTH_NEAR, STRENGTH_FAR, STRENGTH_NONE = 0.85, 0.7, 0.45
NEAR_SCORE = 3.0
MAX_TAIL_WORDS = 8
FORWARD_WORDS = 5


def _kind(toks: list[Tok], i: int, blocked: set[int], w: Words) -> str:
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
    if is_verb(toks[i], w) and not (is_noun and prev not in w.verb_cues):
        return "verb"
    return "noun" if is_noun else ""


def _scan(toks: list[Tok], blocked: set[int], w: Words) -> tuple[list[str], list[int]]:
    """Per sentence, once: each token's kind, and how many clause boundaries come
    before each token (so the crossings between two tokens are one subtraction)."""
    kinds = [_kind(toks, j, blocked, w) for j in range(len(toks))]
    bounds = [0]
    for t in toks:
        bounds.append(bounds[-1] + (t.low in w.boundaries))
    return kinds, bounds


def _best(toks: list[Tok], first: int, last: int, blocked: set[int], w: Words,
          forward: bool = False, scan: tuple[list[str], list[int]] | None = None
          ) -> tuple[int, float]:
    """Index of the trigger for timex tokens first..last and its score (-1: none).
    ``forward``: the expression modifies what follows (a duration: "three-day summit").
    ``scan``: :func:`_scan` of the sentence, when it has been made already."""
    possessive = last + 1 < len(toks) and toks[last + 1].low in w.possessive_tokens
    if possessive or forward:
        seen = 0
        for j in range(last + 1 + possessive, len(toks)):
            if j in blocked or toks[j].low in BRACKETS:
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
    if w.verb_second and (j := closing_verb(toks, first, last, blocked, w)) >= 0:
        return j, min(float(j - last - 1), NEAR_SCORE)
    kinds, bounds = scan or _scan(toks, blocked, w)
    for j, kind in enumerate(kinds):
        if not kind or first <= j <= last:
            continue
        if j < first:  # boundaries strictly between j and first
            score = first - j - 1 + BOUNDARY_COST * (bounds[first] - bounds[j + 1])
        else:
            score = j - last - 1 + BOUNDARY_COST * (bounds[j] - bounds[last + 1])
            score += 0 if opening else after_cost
        score += REPORTING_COST if kind == "reporting" else 0
        if score < best_score:
            best, best_score = j, score
    return (best, best_score) if best_score <= MAX_SCORE else (-1, best_score)


def _blocked(toks: list[Tok], spans: list[tuple[int, int]], w: Words) -> set[int]:
    out = {i for i, t in enumerate(toks) for a, b in spans if t.start < b and a < t.end}
    out |= {i + 1 for i in out if i + 1 < len(toks) and toks[i + 1].low in w.possessive_tokens}
    depth = 0
    for i, t in enumerate(toks):
        depth += t.text == "("
        if depth:
            out.add(i)
        depth -= t.text == ")" and depth > 0
    return out


def _verb_label(ctx: Context, i: int) -> tuple[str, tuple[str, ...]]:
    if ctx.w.verb_second:
        return v2_label(ctx, i)
    at, who, people = ctx.subject(i)
    rel = ctx.toks[at - 1].low if at >= 1 else ""
    if rel in ctx.w.relative and at >= 2 and ctx.toks[at - 2].text.isalpha() \
            and ctx.toks[at - 2].low not in ctx.w.function:
        return finish_label(f"{who} {ctx.toks[i].text} {ctx.toks[at - 2].text}",
                            ctx.lang), people
    if not who and at < 0:  # no actor: the noun phrase that does it ("Economy added")
        who = " ".join(ctx.noun_before(i))
    return finish_label(" ".join([who, ctx.toks[i].text, *ctx.tail(i, MAX_TAIL_WORDS)]),
                        ctx.lang), people


def _label(ctx: Context, i: int, kind: str) -> tuple[str, tuple[str, ...]]:
    if kind != "noun":
        return _verb_label(ctx, i)
    w, gaz = ctx.w, ctx.gaz
    prev, mods = ctx.modifiers(i)
    who = ""
    people: tuple[str, ...] = ()
    if prev >= 1 and ctx.toks[prev].low in w.possessive_tokens:
        who, people = ctx.who(prev - 1)
    elif prev >= 0 and ctx.toks[prev].low in gaz.plural_pronouns | gaz.singular_pronouns:
        who, people = ctx.who(prev)
    elif prev >= 0 and (ctx.toks[prev].low in w.label_preps or is_verb(ctx.toks[prev], w)
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
    ctx = Context(sentence, toks, blocked, mentions, book, lang)
    scan = _scan(toks, blocked, w)
    actors_here = [m.text for m in mentions if m.is_actor]
    places = tuple(dict.fromkeys(m.text for m in mentions if m.kind == "place"))
    out = []
    for tx in timexes:
        idx = [i for i, t in enumerate(toks) if t.start < tx.end and tx.start < t.end]
        forward = tx.type == "DURATION"
        j, score = _best(toks, idx[0], idx[-1], blocked, w, forward, scan) if idx else (
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
