"""Merge mentions of the same real-world event across articles.

Every actor is first given its one canonical name across all the mentions ("Trump" ->
"Donald Trump", :func:`timeline.events.actors.canonical_names`). Two mentions are the
same event when all of these hold:

- they come from different documents (two mentions of one document are merged only
  when they are the very same span: a duplicate);
- their intervals overlap and their granularities are compatible: at most one level
  apart on the scale day (and finer) < week < month/season < quarter/half < year <
  decade/century (bands of the one scale in ``timeline.timex3``); mentions
  without a calendar granularity ("recently") or without any date never merge;
- their relations agree ("on" and "from-to" count as the same; "since" only with
  "since", and so on); an open relation ("since", "until", "before", "after") only with
  the very same interval: "since February" in articles of 13 and 15 September runs to
  different days, and one merged row would tell one of them wrong;
- what happened agrees: the same trigger lemma ("met" ~ "meeting" ~ "meets"), or a
  Jaccard overlap of the labels' content lemmas of at least 0.34;
- who agrees: at least one shared actor ("Xi" ~ "Xi Jinping": one name's words are
  contained in the other's), or neither has actors and the labels overlap >= 0.5.

The merged row takes date fields (start, end, granularity) from the most precise
mention (finest granularity, then narrowest interval), everything else from the
clearest one (highest confidence, then a label that names an actor, then the shortest
label), the union of actors and
places, ``sources`` = the sorted document ids and ``n_sources`` their number; its id is
a hash of its members' ids. Output is sorted by start, document and offset, and does
not depend on the input order.

How: the mentions, sorted by interval start (then end, document, offset), are swept
once (:mod:`timeline.events.sweep`). Each joins the best-scoring *live* cluster it is
compatible with (compared with that cluster's first four members), else starts its
own. Live means one of those compared members' intervals reaches the current start;
a cluster none of whose compared members does can never match a later mention, so it
is closed and leaves the index. Candidates are looked up by (granularity level,
calendar period, actor word), so each mention is compared only with live clusters of
neighbouring periods that share an actor word, at most the 32 oldest of them; no pass
is quadratic in the number of events. This is the rule for every engine: the sweep
over one sorted list (this module), over sorted runs spilled to disk by a big build
(:mod:`timeline.engine.spill`), or over partitions of the sorted mentions cut where no
interval crosses (Dask) gives the same rows and ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from timeline.events.lexicon import lemma_key, words
from timeline.events.people import with_canonical_actors
from timeline.events.sweep import Sweep, sort_key, unique_spans
from timeline.models import Event
from timeline.timex3 import GRANULARITIES, rank

# The granularity scale cut into bands of periods of about the same length; a band is
# the merge level: 0 = day and finer, 1 = week, 2 = season/month, 3 = half/quarter,
# 4 = year, 5 = century/decade. Each entry is the coarsest rung of its band.
_BAND_COARSEST = ("day", "week", "season", "half", "year", "century")


def _band(granularity: str) -> int:
    here = rank(granularity)
    assert here is not None
    return next(level for level, coarsest in enumerate(_BAND_COARSEST)
                if (rank(coarsest) or 0) <= here)


LEVELS = {name: _band(name) for name in GRANULARITIES}
LABEL_OVERLAP, BARE_LABEL_OVERLAP = 0.34, 0.5
MAX_PERIODS = 64
_SHORTEST_PERIOD_DAYS = {1: 7, 2: 28, 3: 89, 4: 365, 5: 3652}
_POINT_RELATIONS = ("on", "from-to")


def _level(e: Event) -> int | None:
    """Granularity level; a third of a month ("early February") counts as a week; None
    for mentions with no calendar granularity or no date (a BC year)."""
    if e.start is None and e.end is None:
        return None
    level = LEVELS.get(e.granularity)
    if level == LEVELS["month"] and e.timex_mod in ("START", "MID", "END"):
        return LEVELS["week"]
    return level


def _bounds(e: Event) -> tuple[date, date]:
    start = e.start or e.end or date.min
    return start, e.end or start


def _period(level: int, day: date) -> tuple:
    if level == 0:
        return (day.toordinal(),)
    if level == 1:
        return tuple(day.isocalendar()[:2])
    if level == 2:
        return day.year, day.month
    if level == 3:
        return day.year, (day.month - 1) // 3
    return (day.year,) if level == 4 else (day.year // 10,)


def _periods(level: int, first: date, last: date) -> Iterator[tuple]:
    """The periods of a level an interval touches (sampled if the interval is long)."""
    span = (last - first).days
    # steps no longer than the level's shortest period, so none is skipped (days are
    # sampled when the interval is long)
    step = max(1, span // MAX_PERIODS) if level == 0 else _SHORTEST_PERIOD_DAYS[level]
    seen: set[tuple] = set()
    day = first
    while day <= last:
        if (key := _period(level, day)) not in seen:
            seen.add(key)
            yield key
        day += timedelta(days=step)
    if (key := _period(level, last)) not in seen:
        yield key


def _actor_words(e: Event) -> set[str]:
    return {w.lower() for a in e.actors for w in a.split()}


def _same_actor(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return wa <= wb or wb <= wa


def _content(e: Event, lang: str) -> set[str]:
    w = words(lang)
    skip = w.function | w.articles | w.auxiliaries
    toks = {t.strip(".,;:'\u2019\"()").lower() for t in e.event.split()}
    return {lemma_key(t, lang) for t in toks if t.isalpha() and t not in skip}


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _relation_group(e: Event) -> str:
    return "point" if e.relation in _POINT_RELATIONS else e.relation


@dataclass(frozen=True, slots=True)
class _Features:
    """What the comparison needs, computed once per mention."""

    level: int | None
    first: date
    last: date
    relation: str
    trigger: str
    content: frozenset[str]
    actors: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, e: Event, lang: str = "en") -> _Features:
        first, last = _bounds(e)
        return cls(_level(e), first, last, _relation_group(e),
                   lemma_key(e.trigger, lang) if e.trigger else "", frozenset(_content(e, lang)),
                   tuple(frozenset(a.lower().split()) for a in e.actors))


def _compare(a: _Features, b: _Features) -> float | None:
    if a.level is None or b.level is None or abs(a.level - b.level) > 1 \
            or a.relation != b.relation or a.first > b.last or b.first > a.last:
        return None
    if a.relation != "point" and (a.first, a.last) != (b.first, b.last):
        return None  # "since February" of two days: each keeps the interval it tells
    overlap = _jaccard(a.content, b.content)
    same_trigger = bool(a.trigger) and a.trigger == b.trigger
    if not same_trigger and overlap < LABEL_OVERLAP:
        return None
    if a.actors and b.actors:
        if not any(x <= y or y <= x for x in a.actors for y in b.actors):
            return None
    elif a.actors or b.actors or overlap < BARE_LABEL_OVERLAP:
        return None
    return overlap + same_trigger


def similarity(a: Event, b: Event, lang: str = "en") -> float | None:
    """How alike two mentions are (0..2), or None if they must not merge (module doc)."""
    return _compare(_Features.of(a, lang), _Features.of(b, lang))


def _keys(e: Event, level: int, own: bool) -> Iterator[tuple]:
    first, last = _bounds(e)
    tokens = sorted(_actor_words(e)) or [""]
    levels = [level] if own else [lv for lv in (level - 1, level, level + 1) if 0 <= lv <= 5]
    for lv in levels:
        for period in _periods(lv, first, last):
            for token in tokens:
                yield (lv, period, token)


def mention_key(e: Event) -> tuple:
    """The sweep's order: interval start, end, document, offsets, id."""
    return sort_key(e, _bounds)


def _file_keys(e: Event, feat: object, own: bool) -> Iterator[tuple]:
    level = feat.level  # type: ignore[attr-defined]
    return _keys(e, level, own)


def _last(feat: object) -> date:
    return feat.last  # type: ignore[attr-defined, no-any-return]


def sorted_mentions(events: Iterable[Event]) -> list[Event]:
    """``events`` in the sweep's order, a document's repeated span dropped."""
    return unique_spans(events, mention_key)


def clusters(mentions: Iterable[Event], lang_of: Callable[[Event], str]
             ) -> Iterator[list[Event]]:
    """The members of each cluster of ``mentions`` (in :func:`sorted_mentions` order,
    actors already canonical), each cluster as soon as no later mention can join it."""
    sweep = Sweep(_compare, _file_keys, _last)
    for e in mentions:
        feat = _Features.of(e, lang_of(e))
        for done in sweep.add(e, feat, feat.first, feat.level is not None):
            yield done.members
    for done in sweep.close():
        yield done.members


def _union_names(groups: list[tuple[str, ...]]) -> tuple[str, ...]:
    """Names in first-seen order; 'Xi' is dropped when 'Xi Jinping' is there."""
    out: list[str] = []
    for name in (n for g in groups for n in g):
        same = next((i for i, o in enumerate(out) if _same_actor(o, name)), None)
        if same is None:
            out.append(name)
        elif len(name) > len(out[same]):
            out[same] = name
    return tuple(out)


def _names_actor(e: Event) -> bool:
    """Does the label name one of the actors ("Xi and Putin meet", not "Meeting")?"""
    names = {part for actor in e.actors for part in actor.split() if len(part) > 2}
    cores = (w.strip(".,'\u2019") for w in e.event.split())
    return any(c in names or c[:-1] in names for c in cores)  # "Putin's", "Putins"


def _combine(members: list[Event]) -> Event:
    if len(members) == 1:
        only = members[0]
        return replace(only, sources=(only.doc_id,), n_sources=1)
    clear = min(members, key=lambda e: (-e.confidence, not _names_actor(e),
                                        len(e.event.split()), len(e.event), mention_key(e)))
    precise = min(members, key=lambda e: (_level(e), (_bounds(e)[1] - _bounds(e)[0]).days,
                                          -e.confidence, mention_key(e)))
    ordered = [clear, *(m for m in members if m is not clear)]
    docs = tuple(sorted({m.doc_id for m in members}))
    ids = "|".join(sorted(m.event_id for m in members))
    return replace(
        clear, event_id=hashlib.sha1(ids.encode()).hexdigest()[:12],
        start=precise.start, end=precise.end, granularity=precise.granularity,
        actors=_union_names([m.actors for m in ordered]),
        places=_union_names([m.places for m in ordered]),
        confidence=max(m.confidence for m in members), sources=docs, n_sources=len(docs),
    )


def row_key(e: Event) -> tuple:
    """The order of the merged rows: start (else end), document, offset, id."""
    return (e.start or e.end or date.max, e.doc_id, e.char_start, e.event_id)


def merged_rows(mentions: Iterable[Event], lang_of: Callable[[Event], str]) -> Iterator[Event]:
    """One row per cluster of ``mentions`` (see :func:`clusters`), as each closes."""
    return (_combine(members) for members in clusters(mentions, lang_of))


def merge_events(events: list[Event], langs: Mapping[str, str] | None = None) -> list[Event]:
    """Merge mentions of the same event across documents (see module doc). ``langs``:
    document id -> language, for the trigger lemmas and label words (default English)."""
    known = langs or {}
    mentions = sorted_mentions(with_canonical_actors(events))
    rows = merged_rows(mentions, lambda e: known.get(e.doc_id, "en"))
    return sorted(rows, key=row_key)
