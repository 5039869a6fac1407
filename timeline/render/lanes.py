"""Lanes and sub-rows of the timeline page: which lane(s) each event sits in, and which
sub-row of its lane it takes so that overlapping events do not sit on top of each other."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from timeline.errors import TimelineError
from timeline.options import LANES
from timeline.table.schema import LIST_SEP

LANE_MODES = LANES
MAX_SUBROWS = 4
NO_ACTOR = "(no actor)"
NO_SOURCE = "(unknown source)"


def split_list(cell: object) -> list[str]:
    """'a; b' -> ['a', 'b'] (empty cell -> [])."""
    if not isinstance(cell, str):
        return []
    return [part.strip() for part in cell.split(LIST_SEP.strip()) if part.strip()]


@dataclass(frozen=True, slots=True)
class Lanes:
    names: list[str]
    per_event: list[list[int]]  # lane indices of each event (several for actor lanes)


def _order_by(keys: Iterable[str], sort_key: dict[str, tuple]) -> dict[str, int]:
    return {k: i for i, k in enumerate(sorted(set(keys), key=lambda k: sort_key[k]))}


def assign_lanes(frame: pd.DataFrame, mode: str) -> Lanes:
    """Lane names and, per event, the lanes it is drawn in.

    article: one lane per document (ordered by publication date, then title);
    source: one lane per source (alphabetical); actor: one lane per actor (most
    frequent first), an event with several actors sits in each of their lanes.
    """
    if mode not in LANE_MODES:
        raise TimelineError(f"unknown lanes '{mode}'; use one of {', '.join(LANE_MODES)}")
    if mode == "article":
        ids = [str(d) for d in frame["doc_id"]]
        titles = [str(t) or i for t, i in zip(frame["doc_title"], ids, strict=True)]
        pubs = [str(p) if isinstance(p, str) else "" for p in frame["published"]]
        info = {i: (p, t.casefold(), i) for i, t, p in zip(ids, titles, pubs, strict=True)}
        order = _order_by(ids, info)
        names = [""] * len(order)
        for i, t in zip(ids, titles, strict=True):
            names[order[i]] = t
        return Lanes(names, [[order[i]] for i in ids])
    if mode == "source":
        keys = [str(s).strip() or NO_SOURCE for s in frame["source"]]
        order = _order_by(keys, {k: (k == NO_SOURCE, k.casefold(), k) for k in keys})
        return Lanes(sorted(order, key=order.__getitem__), [[order[k]] for k in keys])
    per_event = [split_list(a) or [NO_ACTOR] for a in frame["actors"]]
    counts = Counter(a for actors in per_event for a in dict.fromkeys(actors))
    order = _order_by(counts, {a: (a == NO_ACTOR, -n, a.casefold(), a)
                               for a, n in counts.items()})
    return Lanes(sorted(order, key=order.__getitem__),
                 [sorted({order[a] for a in actors}) for actors in per_event])


def pack_subrows(spans: Sequence[tuple[int, int]], gap: int,
                 max_rows: int = MAX_SUBROWS) -> list[int]:
    """Greedy interval packing: the sub-row of each span so that spans closer than
    ``gap`` days do not share a row; past ``max_rows`` the row that frees first."""
    rows_end: list[int] = []
    result = [0] * len(spans)
    for idx in sorted(range(len(spans)), key=lambda i: (spans[i][0], spans[i][1])):
        first, last = spans[idx]
        row = next((r for r, stop in enumerate(rows_end) if stop + gap < first), None)
        if row is None and len(rows_end) < max_rows:
            rows_end.append(last)
            row = len(rows_end) - 1
        elif row is None:
            row = min(range(len(rows_end)), key=rows_end.__getitem__)
        rows_end[row] = max(rows_end[row], last)
        result[idx] = row
    return result


def subrows(lanes: Lanes, spans: list[tuple[int, int]],
             tail: int) -> tuple[list[list[int]], list[int]]:
    """Sub-row of each (event, lane) pair and the number of sub-rows of each lane."""
    members: list[list[int]] = [[] for _ in lanes.names]
    for event, lane_list in enumerate(lanes.per_event):
        for lane in lane_list:
            members[lane].append(event)
    gap = max(1, tail // 2)
    slot: dict[tuple[int, int], int] = {}
    n_rows = []
    for lane, events in enumerate(members):
        rows = pack_subrows([spans[e] for e in events], gap)
        slot.update(((e, lane), r) for e, r in zip(events, rows, strict=True))
        n_rows.append(max(rows, default=0) + 1)
    subrows = [[slot[(e, lane)] for lane in lane_list]
               for e, lane_list in enumerate(lanes.per_event)]
    return subrows, n_rows
