"""Resolved temporal expressions -> event rows a person would write.

``extract_events(article, timexes, nlp="auto")``:

1. The article is cut into sentences (:mod:`timeline.sentences`, in the article's
   language); expressions in boilerplate sentences are skipped; SET expressions ("every
   year", the rate of "208,000 jobs a month") date no event (their words stay out of the
   labels), and a dateline ("PARIS, April 8 -", :mod:`timeline.events.datelines`):
   its date is the article's, its place no actor.
2. Each DATE/TIME/DURATION expression is anchored in its sentence: trigger (the verb or
   event noun it dates), a short label, actors and places. ``nlp="spacy"`` walks the
   dependency tree of ``en_core_web_sm`` (:mod:`timeline.events.with_spacy`); ``nlp="rules"``
   takes the nearest verb/event noun from word lists and the gazetteer-checked
   capitalised phrases (:mod:`timeline.events.with_rules`); ``"auto"`` uses spaCy when it and
   the model load, else the rules. ``Event.extractor`` says which. Everything reads the
   word lists of the article's language (``Article.lang``); a language whose data names
   no spaCy model (German) takes the rules even when spaCy is asked for. The model
   reads only the stretches with an expression that can give a row (a DATE/TIME with
   an interval, a DURATION beside a day-precise one): the others are never parsed.
3. Rows: one per DATE/TIME expression, with ``start``/``end`` from ``range_start``/
   ``range_end`` (else ``earliest``/``latest``, else the interval rules of
   :mod:`timeline.temporal.intervals`); expressions with no day at all are dropped, as is
   "now" (PRESENT_REF) when no trigger is surely found for it (strength below
   ``NOW_STRENGTH``), and a row ending more than
   ``FAR_YEARS`` years after the publication whose expression names no year. The two
   ends of a "from-to" pair make ONE row spanning both expressions, and so do a "since"
   and the "until" right after it ("from November through April"); its ``timex_value`` is
   the first end's TIMEX3 value (TIMEX3 has no value for an interval; the row's
   ``start``/``end`` and relation ``from-to`` carry the span). Expressions of one
   sentence with the same trigger date the same thing: the most precise one is kept.
   An actor is given by one canonical name in all the article's rows ("Trump" after or
   before "Donald Trump").
4. A DURATION is no event alone: it measures the event of its trigger ("the two-day
   summit" -> summit, P2D) only when it measures that very event and is plausible for
   it (:mod:`timeline.events.durations`): no mod or gap word ("more than seven months",
   "in seven months", "a day after"), an event noun it modifies or a length word ("for
   two days", "lasted three days"; not "sentenced ... to 6,060 years"), at most a year.
   When a day-precise DATE row of the same sentence (or of an adjacent one about the
   same thing) gives a start, the event gets that start and ``start + duration - 1
   day`` as end (cut at the publication date when the row began before it): a row of
   its own, unless the DATE row has the same trigger or a verb trigger whose subject is
   the duration's noun ("The congress opened on Monday ... the week-long congress"),
   which is then stretched. Without such a row the duration is dropped.

Confidence (0..1, rounded to 3 places) is a product of factors:

- the anchoring's strength: spaCy trigger found 1.0, only the sentence's root verb
  0.6, none 0.45; rules: trigger near (score <= 3) 0.85, farther 0.7, none 0.45;
- the date's fuzziness: mod START/MID/END 0.85, APPROX 0.8, other mods (BEFORE,
  AFTER, ...) 0.85; PAST_REF/FUTURE_REF 0.5, PRESENT_REF 0.6;
- granularity: minute/hour/part-of-day/day 1.0, week 0.9, month/season 0.85,
  quarter/half 0.8, year 0.75, decade 0.6, century 0.5, none 0.6;
- relation: since/until/before/after 0.9; a duration-derived interval 0.8;
- the sentence: heading 0.7, body 1.0.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Generator
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar

from timeline.errors import TimelineError
from timeline.events.actors import Mention, find_mentions
from timeline.events.bounded import DAY_GRAINS, DatedRows, Item, chunks, jobs, window
from timeline.events.datelines import strip_datelines
from timeline.events.durations import (
    dated_neighbour,
    duration_days,
    measures_length,
    same_event,
    stretched_end,
)
from timeline.events.lexicon import Anchor, words
from timeline.events.people import NameBook, with_canonical_actors
from timeline.models import Article, Event, Timex
from timeline.options import NLP_CHOICES
from timeline.sentences import Sentence, split_sentences
from timeline.temporal.intervals import interval_of

_MOD_FACTOR = {"START": 0.85, "MID": 0.85, "END": 0.85, "APPROX": 0.8}
_VALUE_FACTOR = {"PAST_REF": 0.5, "FUTURE_REF": 0.5, "PRESENT_REF": 0.6}
_GRAIN_FACTOR = {"minute": 1.0, "hour": 1.0, "part-of-day": 1.0, "day": 1.0, "week": 0.9,
                 "month": 0.85, "season": 0.85, "quarter": 0.8, "half": 0.8, "year": 0.75,
                 "decade": 0.6, "century": 0.5}
FAR_YEARS = 30
NOW_STRENGTH = 0.85  # the anchoring "now" needs: a trigger found, or near
_YEAR_RE = re.compile(r"\d{4}")
OTHER_MOD, NO_GRAIN, OPEN_RELATION, DURATION_FACTOR, HEADING_FACTOR = 0.85, 0.6, 0.9, 0.8, 0.7
T = TypeVar("T")
__all__ = ["Steps", "confidence", "duration_days", "event_id", "extract_events",
           "extract_steps", "finish", "interval", "resolve_nlp"]
#: Steps that may yield sentence texts to parse, are sent their parses, return a T.
Steps = Generator[list[str], list[Any], T]
#: The anchor of an expression whose stretch is not parsed (it can give no row).
UNPARSED = Anchor("", -1, "", (), (), 0.0)


def resolve_nlp(nlp: str, lang: str = "en") -> str:
    """'auto' | 'spacy' | 'rules' -> the path to use ('spacy' or 'rules') for ``lang``.

    A language whose event words name no spaCy model (``spacy_models``) always takes the
    rules, whatever is asked: no model of another language ever reads its text."""
    if nlp not in NLP_CHOICES:
        raise TimelineError(f"unknown NLP choice {nlp!r}; use one of: {', '.join(NLP_CHOICES)}")
    models = words(lang).spacy_models
    if nlp == "rules" or not models:
        return "rules"
    from timeline.events import with_spacy

    if with_spacy.available(lang):
        return "spacy"
    if nlp == "spacy":
        raise TimelineError(f"spaCy or its model {models[0]} is not installed; run "
                            "pip install 'news-timeline[nlp]' or use the rule-based path "
                            "(nlp='rules')")
    return "rules"


def event_id(doc_id: str, start: int, end: int, value: str) -> str:
    return hashlib.sha1(f"{doc_id}|{start}|{end}|{value}".encode()).hexdigest()[:12]


def interval(t: Timex, published: date) -> tuple[date | None, date | None]:
    if t.range_start is not None or t.range_end is not None:
        return t.range_start, t.range_end
    if t.earliest is not None or t.latest is not None:
        return t.earliest, t.latest
    return interval_of(t.value, t.mod, published) or (None, None)


def confidence(t: Timex, strength: float, kind: str, derived: bool = False) -> float:
    """The documented product of factors (module doc)."""
    c = strength * _VALUE_FACTOR.get(t.value, 1.0)
    c *= _MOD_FACTOR.get(t.mod, OTHER_MOD if t.mod else 1.0)
    c *= _GRAIN_FACTOR.get(t.granularity, NO_GRAIN)
    c *= OPEN_RELATION if t.relation in ("since", "until", "before", "after") else 1.0
    c *= DURATION_FACTOR if derived else 1.0
    c *= HEADING_FACTOR if kind == "heading" else 1.0
    return round(min(max(c, 0.0), 1.0), 3)


def _items(text: str, timexes: list[Timex], sentences: list[Sentence]) -> list[Item]:
    starts = [s.start for s in sentences]
    out: list[Item] = []
    pending: dict[tuple, int] = {}  # (sentence, range) of an open from-to -> its place in out
    for t in sorted(timexes, key=lambda x: (x.start, x.end)):
        pos = bisect.bisect_right(starts, t.start) - 1
        if pos < 0 or t.start >= sentences[pos].end:
            continue
        sent = sentences[pos]
        if sent.kind == "boilerplate":
            continue
        item = Item(t, sent, *window(text, sent, t.start, t.end), t.start, t.end, t.text,
                    t.value)
        if out and (span := _anchored_span(text, out[-1], item)) is not None:
            out[-1] = span
            continue
        key = (sent.index, t.range_start, t.range_end)
        if t.relation == "from-to" and key in pending:
            at = pending.pop(key)
            first = out[at]
            out[at] = replace(first, end=t.end, text=text[first.start:t.end])
            continue
        if t.relation == "from-to":
            pending[key] = len(out)
        out.append(item)
    return out


def _anchored_span(text: str, first: Item, second: Item) -> Item | None:
    """"from November through April": a "since" expression and the "until" one right
    after it in its sentence (a word or a dash between) are one span from the first's
    start to the second's end (None when they are not, or the ends are out of order)."""
    a, b = first.timex, second.timex
    if (a.relation, b.relation) != ("since", "until") or first.sentence.index != \
            second.sentence.index or len(text[first.end:second.start].split()) > 1:
        return None
    lo, hi = a.earliest or a.range_start, b.latest or b.range_end
    if lo is None or hi is None or hi < lo:
        return None
    span = replace(a, relation="from-to", range_start=lo, range_end=hi, latest=hi)
    return replace(first, timex=span, end=second.end, text=text[first.start:second.end])


def _mentions(text: str, sentences: list[Sentence], items: list[Item], book: NameBook,
              lang: str) -> dict[int, list[Mention]]:
    """Actors and places of every sentence (a long one read in chunks), in order: each
    sentence sees only the timex spans that reach into it."""
    spans = sorted((i.start, i.end) for i in items)
    out: dict[int, list[Mention]] = {}
    open_spans: list[tuple[int, int]] = []  # spans that may still reach the next stretch
    at = 0
    for s in sentences:
        if s.kind == "boilerplate":
            continue
        out[s.index] = []
        for lo, hi in chunks(text, s):
            while at < len(spans) and spans[at][0] < hi:
                open_spans.append(spans[at])
                at += 1
            open_spans = [span for span in open_spans if span[1] > lo]
            out[s.index] += find_mentions(text, lo, hi, book, open_spans, lang)
    return out


def _anchors(article: Article, items: list[Item], sentences: list[Sentence], path: str
             ) -> Steps[dict[tuple[int, int], Anchor]]:
    """The anchor of every item, by its timex's span; the rules anchor one stretch at a
    time as :func:`timeline.events.bounded.jobs` makes it. On the spaCy path this yields
    the sentences to parse once and is sent their parses."""
    book = NameBook()
    mentions = _mentions(article.text, sentences, items, book, article.lang)
    stretches = jobs(article.text, items, mentions)
    out: dict[tuple[int, int], Anchor] = {}
    if path != "spacy":
        from timeline.events.with_rules import anchor_sentence

        for s, group, near, ms in stretches:
            txs = [i.timex for i in group]
            out.update(zip(((t.start, t.end) for t in txs), anchor_sentence(
                article.text, s, txs, near, ms, book, article.lang), strict=True))
        return out
    from timeline.events import with_spacy

    parse = _may_row(items, article.published)
    work, spans, found = [], {}, {}
    for s, group, near, ms in stretches:
        txs = [i.timex for i in group]
        if not any(map(parse, group)):
            out.update(((t.start, t.end), UNPARSED) for t in txs)
            continue
        work.append((s, txs))
        spans[s.index], found[s.index] = near, ms
    docs = (yield with_spacy.sentence_texts(work)) if work else []
    parsed = with_spacy.anchor_article(article.text, work, spans, book, found, article.lang,
                                       docs=docs)
    for (_, txs), anchors in zip(work, parsed, strict=True):
        out.update(((t.start, t.end), a) for t, a in zip(txs, anchors, strict=True))
    return out


def _may_row(items: list[Item], published: date) -> Callable[[Item], bool]:
    """Whether an item can give a row, as far as is known before anchoring: a DATE/TIME
    with an interval, a DURATION without a mod beside a day-precise one (its own sentence
    or an adjacent one). A stretch none of whose items can is not parsed at all."""
    dated = {id(i): interval(i.timex, published) for i in items
             if i.timex.type in ("DATE", "TIME")}
    days = {i.sentence.index for i in items if dated.get(id(i), (None,))[0] is not None
            and i.timex.granularity in DAY_GRAINS}
    return lambda i: dated[id(i)] != (None, None) if id(i) in dated else (
        i.timex.type == "DURATION" and not i.timex.mod
        and not days.isdisjoint(range(i.sentence.index - 1, i.sentence.index + 2)))


def _anchor_of(anchors: dict[tuple[int, int], Anchor], item: Item) -> Anchor:
    return anchors[(item.timex.start, item.timex.end)]


def _row(article: Article, item: Item, anchor: Anchor, path: str) -> Event | None:
    t = item.timex
    start, end = interval(t, article.published)
    if start is None and end is None:
        return None
    if t.value == "PRESENT_REF" and anchor.strength < NOW_STRENGTH:
        return None  # "now" dates the event it is anchored to, if one is surely found
    if (end or start or article.published).year - article.published.year > FAR_YEARS \
            and not _YEAR_RE.search(item.text):
        return None  # ends decades ahead ("the 21st century"), and names no such year
    conf = confidence(t, anchor.strength, item.sentence.kind)
    return _event(article, item, anchor, path, (start, end, t.granularity, conf))


def _event(article: Article, item: Item, anchor: Anchor, path: str,
           dating: tuple[date | None, date | None, str, float]) -> Event:
    t = item.timex
    start, end, granularity, conf = dating
    return Event(
        event_id=event_id(article.doc_id, item.start, item.end, item.value),
        doc_id=article.doc_id, doc_title=article.title, published=article.published,
        source=article.source, url=article.url, sentence_index=item.sentence.index,
        sentence=_shown(article.text[item.lo:item.hi]), event=anchor.label,
        trigger=anchor.trigger, actors=anchor.actors, places=anchor.places,
        timex_text=" ".join(item.text.split()), timex_type=t.type, timex_value=item.value,
        timex_mod=t.mod, relation=t.relation, start=start, end=end, granularity=granularity,
        char_start=item.start, char_end=item.end, confidence=conf, extractor=path,
        sources=(article.doc_id,), n_sources=1,
    )


@lru_cache(maxsize=256)
def _shown(stretch: str) -> str:
    """A row's ``sentence``: one string shared by the rows of one stretch."""
    return " ".join(stretch.split())


def _precision(e: Event) -> tuple:
    """Sort key of the rows sharing a trigger: "now" dates an event only when nothing
    else in its sentence does, then the narrowest interval, the surest, the first."""
    span = (e.end - e.start).days if e.start and e.end else 10**6
    return (e.timex_value == "PRESENT_REF", span, -e.confidence, e.char_start)


def _one_per_trigger(rows: list[tuple[Event, Anchor]]) -> list[tuple[Event, Anchor]]:
    best: dict[tuple[int, int], tuple[Event, Anchor]] = {}
    for ev, anchor in rows:
        key = (ev.sentence_index, anchor.trigger_at if anchor.trigger_at >= 0 else -ev.char_start)
        if key not in best or _precision(ev) < _precision(best[key][0]):
            best[key] = (ev, anchor)
    return sorted(best.values(), key=lambda r: r[0].char_start)


def _duration_rows(article: Article, items: list[Item], anchors: dict, rows: list, path: str
                   ) -> list[tuple[Event, Anchor]]:
    """Apply DURATION items to the rows (module doc, point 4)."""
    rows = list(rows)
    dated = DatedRows(rows)
    for item in (i for i in items if i.timex.type == "DURATION"):
        anchor = _anchor_of(anchors, item)
        if not measures_length(article.text, item.timex, anchor, article.lang):
            continue
        at = dated_neighbour(article.text, dated, item.sentence.index, item.start, anchor)
        if at is None:
            continue
        base, base_anchor = rows[at]
        end = stretched_end(item.value, base)
        if end is None:
            continue
        if same_event(article.text, base_anchor, anchor):
            rows[at] = (replace(base, end=max(end, base.end or end),
                                relation="from-to"), base_anchor)
            continue
        t = replace(item.timex, relation="from-to")
        conf = confidence(replace(t, value=base.timex_value, mod=""), anchor.strength,
                          item.sentence.kind, derived=True)
        ev = _event(article, replace(item, timex=t), anchor, path,
                    (base.start, end, base.granularity, conf))
        rows.append((ev, anchor))
    return sorted(rows, key=lambda r: r[0].char_start)


def extract_steps(article: Article, timexes: list[Timex], nlp: str = "auto"
                  ) -> Steps[list[Event]]:
    """:func:`extract_events` as steps: on the spaCy path it yields the sentence texts to
    parse (once, if any) and must be sent their parses (``with_spacy.parse``), so that a
    caller can parse the sentences of many articles in one pipe; it returns the events."""
    path = resolve_nlp(nlp, article.lang)
    sentences = strip_datelines(article.text, split_sentences(article.text, article.lang),
                                timexes)
    items = _items(article.text, timexes, sentences)
    if not items:
        return []
    anchors = yield from _anchors(article, items, sentences, path)
    rows = []
    for item in items:
        if item.timex.type in ("DATE", "TIME"):
            anchor = _anchor_of(anchors, item)
            if (ev := _row(article, item, anchor, path)) is not None:
                rows.append((ev, anchor))
    rows = _one_per_trigger(rows)
    rows = _duration_rows(article, items, anchors, rows, path)
    return with_canonical_actors([ev for ev, _ in rows])


def extract_events(article: Article, timexes: list[Timex], nlp: str = "auto") -> list[Event]:
    """The dated events of one article (see module doc), sorted by offset."""
    steps = extract_steps(article, timexes, nlp)
    try:
        texts = next(steps)
    except StopIteration as done:
        return list(done.value)
    from timeline.events.with_spacy import parse

    return finish(steps, parse(texts, article.lang))


def finish(steps: Steps[list[Event]], docs: list) -> list[Event]:
    """The events of started ``steps`` (that yielded their texts), sent ``docs``."""
    try:
        steps.send(docs)
    except StopIteration as done:
        return list(done.value)
    raise TimelineError("the event steps asked to parse twice")
