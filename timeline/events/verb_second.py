"""Verb-second clauses (German): the finite verb stands second, participles,
infinitives and separable particles close the clause.

- :func:`closing_verb`: a verb closing a clause whose finite verb is an auxiliary or
  modal is the trigger of the clause's expressions ("Xi hat Putin am Donnerstag
  getroffen" -> "getroffen").
- :func:`v2_label`: a verb's label is its clause as it stands, with a separable particle
  at its end ("kündigte ... an"); the subject before the finite verb leads by its short
  name; when only the date precedes the finite verb, an actor right after it (the
  subject) moves to the front ("Am Montag traf Xi ..." -> "Xi traf ...").
"""

from __future__ import annotations

from timeline.events.lexicon import Words, finish_label
from timeline.events.rule_context import Context, Tok

MAX_V2_WORDS = 10
MAX_LEAD = 4


def finite_verb(ctx: Context, i: int) -> int:
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


def clause_start(ctx: Context, i: int) -> int:
    j = i
    while j > 0 and ctx.toks[j - 1].low not in ctx.w.boundaries:
        j -= 1
    return j


def v2_label(ctx: Context, i: int) -> tuple[str, tuple[str, ...]]:
    """A verb-second clause as it stands, from its start to its end, so that a
    participle, infinitive or separable particle closing it stays in ("Xi hat Putin
    getroffen", "Scholz kündigte neue Hilfen an"); an actor before the finite verb (the
    subject, "Xi und Scholz hatten ...") is given by its short name. When nothing but
    the date stands before the finite verb and an actor follows it ("Am Montag traf Xi
    ..."), that actor (the subject) moves to the front."""
    finite = finite_verb(ctx, i)
    at, who, people = ctx.subject(finite)
    lo = finite if at >= 0 else clause_start(ctx, finite)  # the subject leads, by name
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


def closing_verb(toks: list[Tok], first: int, last: int, blocked: set[int], w: Words
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
