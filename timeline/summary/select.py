"""Which days make the timeline: the best-scored ones, spread over the story."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from timeline.summary.salience import WEIGHTS, Day, Weights

#: Articles per key date when the number of dates is left to the collection, the floor
#: (a handful of articles still gets a readable timeline) and the cap.
ARTICLES_PER_DATE = 15
MIN_DATES = 5
MAX_DATES = 60
#: Only this many of the best-scored days are considered for the spread (speed).
POOL = 400


def default_dates(n_articles: int) -> int:
    """About one key date per 15 articles, at least 5, at most 60."""
    return max(MIN_DATES, min(MAX_DATES, round(n_articles / ARTICLES_PER_DATE)))


def within(days: Sequence[Day], start: date | None, end: date | None) -> list[Day]:
    return [d for d in days if (start is None or d.day >= start)
            and (end is None or d.day <= end)]


def choose(days: Sequence[Day], n: int, weights: Weights = WEIGHTS) -> list[Day]:
    """The ``n`` days to show, best first: greedily the day of the highest score, less a
    penalty for each chosen day close to it (the spread signal)."""
    pool = sorted(days, key=lambda d: (-d.score, d.day))[:max(POOL, n)]
    if not pool:
        return []
    top = pool[0].score or 1.0
    crowd = [0.0] * len(pool)
    chosen: list[Day] = []
    while len(chosen) < min(n, len(pool)):
        taken = {id(c) for c in chosen}
        best = max((i for i, d in enumerate(pool) if id(d) not in taken),
                   key=lambda i: (pool[i].score / top - weights.spread * crowd[i],
                                  -pool[i].day.toordinal()))
        pick = pool[best]
        chosen.append(pick)
        for i, day in enumerate(pool):
            crowd[i] += math.exp(-abs((day.day - pick.day).days) / weights.spread_days)
    return chosen
