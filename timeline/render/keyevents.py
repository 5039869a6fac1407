"""The key-event summary as the renderers read it: one :class:`KeyEvent` per chosen date.

The summary frame has the columns of :mod:`timeline.table.summary_schema`; its list
columns may hold '; '-joined strings (as read from ``summary.csv``) or lists. The date a
key event is shown at keeps the precision the events behind it know: a date whose events
all say "April 2010" is shown as a month, not as April 1.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from timeline.errors import TimelineError
from timeline.table.schema import LIST_SEP
from timeline.table.summary_schema import SUMMARY_COLUMN_NAMES
from timeline.timex3 import TimexValue, at_most

DAY = "day"
#: How a date shows at a granularity (no words here: the month name is the C library's,
#: ``%B``); a granularity not listed shows as its TIMEX3 value (2010-Q2, 2010-W15).
HUMAN_FORMATS = {"year": "{d.year}", "month": "{d:%B} {d.year}", DAY: "{d:%B} {d.day}, {d.year}"}


@dataclass(frozen=True, slots=True)
class KeyEvent:
    day: date
    rank: int
    salience: float
    headline: str
    summary: str
    n_sources: int
    sources: tuple[str, ...]
    event_ids: tuple[str, ...]
    first_reported: date | None


def _list(cell: object) -> tuple[str, ...]:
    if isinstance(cell, (list, tuple)):
        return tuple(str(c).strip() for c in cell if str(c).strip())
    if not isinstance(cell, str):
        return ()
    return tuple(p.strip() for p in cell.split(LIST_SEP.strip()) if p.strip())


def _day(cell: object) -> date | None:
    if isinstance(cell, date):
        return cell
    try:
        return date.fromisoformat(str(cell)[:10])
    except ValueError:
        return None


def _number(cell: object, default: float) -> float:
    try:
        value = float(cell)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return default if math.isnan(value) else value


def _text(cell: object) -> str:
    return "" if cell is None or (isinstance(cell, float) and math.isnan(cell)) else str(cell)


def key_events(summary: pd.DataFrame) -> list[KeyEvent]:
    """The summary's rows with a readable date, in date order (then rank)."""
    missing = [c for c in SUMMARY_COLUMN_NAMES if c not in summary.columns]
    if missing:
        raise TimelineError(f"summary table lacks columns {', '.join(missing)}; "
                            "write it with the summarizer (timeline summarize)")
    found = []
    for row in summary[list(SUMMARY_COLUMN_NAMES)].itertuples(index=False):
        day = _day(row.date)
        if day is None:
            continue
        sources = _list(row.sources)
        found.append(KeyEvent(
            day, int(_number(row.rank, 0)), min(1.0, max(0.0, _number(row.salience, 0.0))),
            _text(row.headline), _text(row.summary),
            max(1, int(_number(row.n_sources, len(sources) or 1))), sources,
            _list(row.event_ids), _day(row.first_reported)))
    return sorted(found, key=lambda k: (k.day, k.rank))


def key_precision(key: KeyEvent, values: Sequence[str]) -> tuple[str, str]:
    """(granularity, value): the finest granularity, a day at most, among the TIMEX3
    ``values`` of the events behind ``key`` that contain its day, with that value;
    (day, its date) when none does."""
    best, best_value = "", ""
    for text in values:
        parsed = TimexValue.parse(str(text))
        grain = parsed.granularity
        if not grain or not _contains(parsed, key.day):
            continue
        grain = DAY if at_most(DAY, grain) else grain
        if not best or at_most(best, grain):
            best, best_value = grain, parsed.text
    return (best, best_value) if best else (DAY, key.day.isoformat())


def _contains(value: TimexValue, day: date) -> bool:
    from timeline.temporal.intervals import interval_of

    days = interval_of(value.text)
    return days is not None and days[0] <= day <= days[1]


def human_date(day: date, granularity: str, value: str = "") -> str:
    """``day`` as people write it at ``granularity``: '2010', 'April 2010',
    'April 20, 2010'; another granularity shows as ``value`` (e.g. '2010-Q2')."""
    if granularity in HUMAN_FORMATS:
        return HUMAN_FORMATS[granularity].format(d=day)
    if value:
        return value
    return HUMAN_FORMATS["year" if at_most(granularity, "year") else "month"].format(d=day)
