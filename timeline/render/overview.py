"""What the page shows first: the key events, the days its first view covers, the weekly
density of all mentions, and which mentions a very large table still draws.

- The first view covers the shortest stretch of days holding most of the events'
  anchor days (:data:`VIEW_SHARE` of the mentions: days, short intervals' middles and
  publication dates; :data:`KEY_VIEW_SHARE` of the key dates, each counted once per
  article reporting it, so a background date recalled by one article does not pull the
  view away from the week the story happened), widened to the days
  that follow on closely and padded on both sides: one row dated 1850 among thousands
  of 2022 does not stretch the axis. The page's
  1m/6m/1y buttons count back from the end of that view.
- A table of more than :data:`MAX_EVENTS` dated rows draws only that many (the most
  reported, then the most sure); the density strip still counts every row, and the
  CSV stays complete.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd

from timeline.render.keyevents import DAY, KeyEvent, human_date, key_events, key_precision

VIEW_SHARE = 0.7
KEY_VIEW_SHARE = 0.7
VIEW_PAD = 0.25  # of the view's width, on each side
MIN_VIEW_DAYS = 14
SHORT_INTERVAL_DAYS = 31  # an interval up to this long is anchored at its middle
MAX_EVENTS = 20_000  # dated rows a page draws and lists at most
WEEK = 7
_EPOCH = date(1970, 1, 1).toordinal()


def anchor_days(x0: Sequence[int], dx: Sequence[int], kinds: Sequence[int],
                pubs: Sequence[int | None]) -> list[int]:
    """The days that say where the events are: single days, the middle of short
    intervals, and the publication dates (long and open intervals say little)."""
    days = [x + d // 2 for x, d, k in zip(x0, dx, kinds, strict=True)
            if k == 0 or (k == 1 and d <= SHORT_INTERVAL_DAYS)]
    return days + [p for p in pubs if p is not None]


def key_days(days: Sequence[int], n_sources: Sequence[int]) -> list[int]:
    """The key dates as anchor days, each once per article that reports it."""
    return [day for day, n in zip(days, n_sources, strict=True) for _ in range(max(1, n))]


def initial_view(days: Sequence[int], share: float = VIEW_SHARE) -> list[int] | None:
    """[first, last] day of the first view: the shortest window holding ``share`` of
    ``days``, widened to the days that follow on closer than its width (at least a
    week), then padded by :data:`VIEW_PAD` of its width and at least
    :data:`MIN_VIEW_DAYS` wide; None without days."""
    if not days:
        return None
    ordered = sorted(days)
    n = len(ordered)
    k = min(n, max(1, round(share * n)))
    first = min(range(n - k + 1), key=lambda i: (ordered[i + k - 1] - ordered[i], -i))
    last = first + k - 1
    reach = max(ordered[last] - ordered[first], MIN_VIEW_DAYS / 2)
    while first > 0 and ordered[first] - ordered[first - 1] <= reach:
        first -= 1
    while last < n - 1 and ordered[last + 1] - ordered[last] <= reach:
        last += 1
    lo, hi = ordered[first], ordered[last]
    pad = max(round((hi - lo) * VIEW_PAD), (MIN_VIEW_DAYS - (hi - lo) + 1) // 2, 2)
    return [lo - pad, hi + pad]


def weekly_density(days: Sequence[int]) -> dict[str, object]:
    """Mentions per week (weeks start on Mondays): ``w0`` the first week's index
    (days since 1970-01-01 // 7, shifted to Monday), ``n`` the counts from there."""
    weeks = Counter((d + 3) // WEEK for d in days)
    if not weeks:
        return {"w0": 0, "n": []}
    first, last = min(weeks), max(weeks)
    return {"w0": first, "n": [weeks.get(w, 0) for w in range(first, last + 1)]}


def most_reported(n_sources: Sequence[object], confidence: Sequence[float],
                  limit: int = MAX_EVENTS) -> list[int]:
    """Positions of at most ``limit`` rows, the most reported then the most sure first,
    returned in table order."""
    if len(n_sources) <= limit:
        return list(range(len(n_sources)))

    def count(value: object) -> int:
        return 1 if pd.isna(value) else int(value)  # type: ignore[call-overload]

    order = sorted(range(len(n_sources)),
                   key=lambda i: (-count(n_sources[i]), -confidence[i], i))
    return sorted(order[:limit])


def key_payload(summary: pd.DataFrame, event_index: Mapping[str, int],
                values: Sequence[str]) -> dict[str, list]:
    """The key events as page columns: ``day``, ``head`` (headline), ``sum``, ``n``
    (articles), ``rank``, ``sal`` (salience), ``first`` (first reported, day or
    None), ``dl`` (the date at the precision its events know, '' for a day), ``ev``
    (indices of the drawn mentions behind it) and ``src`` (its doc ids)."""
    keys: list[KeyEvent] = key_events(summary)
    cols: dict[str, list] = {name: [] for name in
                             ("day", "head", "sum", "n", "rank", "sal", "first", "dl", "ev",
                              "src")}
    for key in keys:
        behind = [event_index[i] for i in key.event_ids if i in event_index]
        grain, value = key_precision(key, [values[i] for i in behind])
        cols["day"].append(key.day.toordinal() - _EPOCH)
        cols["head"].append(key.headline)
        cols["sum"].append(key.summary)
        cols["n"].append(key.n_sources)
        cols["rank"].append(key.rank)
        cols["sal"].append(round(key.salience, 3))
        cols["first"].append(key.first_reported.toordinal() - _EPOCH
                             if key.first_reported else None)
        cols["dl"].append("" if grain == DAY else human_date(key.day, grain, value))
        cols["ev"].append(behind)
        cols["src"].append(list(key.sources))
    return cols
