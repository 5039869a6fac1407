"""The merge's clustering as a sweep over mentions sorted by interval start.

Mentions arrive in the merge's sort order (:func:`sort_key`: interval start, end,
document, offsets, id). Each joins the best *live* cluster it is compatible with, or
starts a new one. A cluster is live while one of its compared members (its first
:data:`MAX_COMPARED_MEMBERS`) reaches the current start: since every later mention
starts there or later, a cluster none of whose compared members does can never be
joined again, and it is emitted, leaving the index. So memory holds the live clusters,
not the corpus, and the result does not depend on how the sorted mentions were cut
into runs (a spill of sorted runs merged with ``heapq.merge`` gives the same clusters).

Candidates come from an index by (granularity level, calendar period, actor word):
each key lists its live clusters oldest first, and the first :data:`MAX_CANDIDATES`
of those a mention's keys name are compared.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from timeline.models import Event

MAX_CANDIDATES = 32
MAX_COMPARED_MEMBERS = 4


@dataclass(slots=True)
class Cluster:
    """Mentions of one event; ``reach``: the latest end of its compared members."""

    cid: int
    members: list[Event] = field(default_factory=list)
    features: list = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    keys: list[tuple] = field(default_factory=list)
    reach: date = date.min


#: (first day, last day) of a mention's interval.
Bounds = Callable[[Event], tuple[date, date]]


def sort_key(e: Event, bounds: Bounds) -> tuple:
    first, last = bounds(e)
    return (first, last, e.doc_id, e.char_start, e.char_end, e.event_id)


def unique_spans(events: Iterable[Event], key: Callable[[Event], tuple]) -> list[Event]:
    """``events`` sorted by ``key``, a span of a document met again dropped (a duplicate)."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for e in sorted(events, key=key):
        span = (e.doc_id, e.char_start, e.char_end)
        if span not in seen:
            seen.add(span)
            out.append(e)
    return out


class Sweep:
    """Live clusters and their index; :meth:`add` each mention in sort order, then
    :meth:`close`. ``score(feature, cluster_features) -> float | None``; ``keys(e,
    feature, own)``: the index keys a mention is filed under (own) or looks in."""

    def __init__(self, score: Callable, keys: Callable[[Event, object, bool], Iterator[tuple]],
                 last: Callable[[object], date]) -> None:
        self._score, self._keys, self._last = score, keys, last
        self._index: dict[tuple, list[int]] = defaultdict(list)
        self._live: dict[int, Cluster] = {}
        self._reach: list[tuple[date, int]] = []
        self._next = 0

    def add(self, e: Event, feat: object, start: date, indexed: bool) -> list[Cluster]:
        """Put ``e`` (whose interval starts on ``start``) into a cluster; returns the
        clusters that can no longer grow, ``e``'s own first when it cannot be indexed."""
        done = self._expire(start)
        target = self._best(e, feat) if indexed else None
        if target is None:
            target = Cluster(self._next)
            self._next += 1
            if not indexed:
                target.members.append(e)
                return [*done, target]
            self._live[target.cid] = target
        target.members.append(e)
        target.features.append(feat)
        target.docs.add(e.doc_id)
        if len(target.features) <= MAX_COMPARED_MEMBERS and self._last(feat) > target.reach:
            target.reach = self._last(feat)
            heapq.heappush(self._reach, (target.reach, target.cid))
        for key in self._keys(e, feat, True):
            ids = self._index[key]
            if not ids or ids[-1] != target.cid:
                at = bisect.bisect_left(ids, target.cid)
                if at == len(ids) or ids[at] != target.cid:
                    ids.insert(at, target.cid)
                    target.keys.append(key)
        return done

    def close(self) -> list[Cluster]:
        """The clusters still live, oldest first; the sweep is empty after."""
        rest = [self._live[cid] for cid in sorted(self._live)]
        self._live, self._reach, self._index = {}, [], defaultdict(list)
        return rest

    def _expire(self, start: date) -> list[Cluster]:
        done = []
        while self._reach and self._reach[0][0] < start:
            reach, cid = heapq.heappop(self._reach)
            cluster = self._live.get(cid)
            if cluster is None or cluster.reach != reach:
                continue  # a stale entry: the cluster reached further since
            del self._live[cid]
            for key in cluster.keys:
                ids = self._index[key]
                ids.pop(bisect.bisect_left(ids, cid))
                if not ids:
                    del self._index[key]
            done.append(cluster)
        return done

    def _best(self, e: Event, feat: object) -> Cluster | None:
        cids = sorted({cid for key in self._keys(e, feat, False)
                       for cid in self._index.get(key, ())[:MAX_CANDIDATES]})
        best, best_score = None, -1.0
        for cid in cids[:MAX_CANDIDATES]:
            cluster = self._live[cid]
            if e.doc_id in cluster.docs:
                continue
            scores = [self._score(feat, f) for f in cluster.features[:MAX_COMPARED_MEMBERS]]
            score = max((s for s in scores if s is not None), default=None)
            if score is not None and score > best_score:
                best, best_score = cluster, score
        return best
