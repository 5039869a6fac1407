"""The event table as Knight Lab TimelineJS3 JSON (https://timeline.knightlab.com).

TimelineJS renders ``headline`` and ``text`` as HTML (after its own DOMPurify pass),
so every piece of article text is escaped here; the only markup added is ``<b>`` around
the (escaped) expression and a link to the article when its URL is http(s).

``group`` and ``display_date`` are decoded once more: TimelineJS strips their markup by
parsing them as HTML and keeping the text (which turns ``&lt;img&gt;`` into ``<img>``),
then sets that text as innerHTML. So they are escaped twice (:func:`plain_field`):
after both decodings a lane named ``Ent &lt;img src=x onerror=...&gt;`` shows exactly
those characters, and nothing in it runs.

Dates are shown at the precision the TIMEX3 value knows: a slide whose days are exactly
those of a month, quarter, week, year, ... value gets that value as its
``display_date`` (``2022-09``, ``2022-Q3``; a decade or century as ``1990-1999``), and a
clock time (``2022-09-15T14:30``) adds ``hour`` / ``minute`` to its ``start_date``.
"""

from __future__ import annotations

import html
import re
from datetime import date

import pandas as pd

from timeline.render.payload import (
    KIND_OPEN_START,
    assign_lanes,
    check_frame,
    day_iso,
    day_number,
    event_kind,
    highlight_span,
    is_fuzzy,
    precision_label,
    safe_url,
)
from timeline.table.schema import COLUMN_NAMES, coerce
from timeline.timex3 import TimexValue

_UNSAFE_ID_RE = re.compile(r"[^A-Za-z0-9_-]+")


def _date_obj(day: int, value: TimexValue | None = None) -> dict[str, int]:
    """TimelineJS date fields of a day; with the hour and minute of ``value`` when it is
    a clock time on that day."""
    d = date.fromisoformat(day_iso(day))
    fields = {"year": d.year, "month": d.month, "day": d.day}
    if value is not None and value.date_text == d.isoformat() and value.hour is not None:
        fields["hour"] = value.hour
        if value.minute is not None:
            fields["minute"] = value.minute
    return fields


def _marked_sentence(sentence: str, expression: str) -> str:
    """Escape first, then wrap the escaped expression in <b>."""
    first, last = highlight_span(sentence, expression)
    if first < 0:
        return html.escape(sentence)
    return (html.escape(sentence[:first]) + "<b>" + html.escape(sentence[first:last]) + "</b>"
            + html.escape(sentence[last:]))


def _body(row: dict, fuzzy: bool) -> str:
    parts = [f"<p>{_marked_sentence(row['sentence'], row['timex_text'])}</p>"]
    note = f"“{row['timex_text']}” → {row['timex_value']}"
    if row["timex_mod"]:
        note += f" ({row['timex_mod']})"
    if fuzzy:
        note += " · approximate date"
    parts.append(f"<p>{html.escape(note)}</p>")
    source = html.escape(row["source"] or row["doc_title"] or row["doc_id"])
    url = safe_url(row["url"])
    if url:
        source = f'<a href="{html.escape(url, quote=True)}">{source}</a>'
    parts.append(f"<p>Source: {source}</p>")
    return "".join(parts)


def plain_field(text: str) -> str:
    """``text`` for a field TimelineJS strips of markup and then sets as HTML (``group``,
    ``display_date``): escaped twice, so it shows as exactly ``text``."""
    return html.escape(html.escape(text))


def _unique(raw: str, taken: set[str], fallback: str) -> str:
    base = _UNSAFE_ID_RE.sub("-", raw).strip("-") or fallback
    uid, n = base, 2
    while uid in taken:
        uid, n = f"{base}-{n}", n + 1
    taken.add(uid)
    return uid


def _slide(row: dict, kind: int, start: int | None, end: int | None, group: str) -> dict:
    fuzzy = is_fuzzy(row["timex_mod"], row["timex_value"], row["granularity"])
    first = end if kind == KIND_OPEN_START else start
    assert first is not None
    value = TimexValue.parse(str(row["timex_value"]))
    slide: dict = {
        "start_date": _date_obj(first, value),
        "text": {"headline": html.escape(row["event"] or row["timex_text"]),
                 "text": _body(row, fuzzy)},
        "group": plain_field(group),
    }
    if kind == KIND_OPEN_START:
        slide["display_date"] = plain_field(f"until {day_iso(first)}")
    elif end is not None and end > first:
        slide["end_date"] = _date_obj(end)
    if label := precision_label(row["timex_value"], row["timex_mod"], row["start"], row["end"]):
        slide["display_date"] = plain_field(label)
    return slide


def timelinejs_json(frame: pd.DataFrame, title: str = "Timeline", lanes: str = "article") -> dict:
    """TimelineJS3 data: ``{"title", "events", "scale"}``; one slide per dated event
    with start_date {year, month, day}, end_date for intervals (open ends run to the
    publication date), text {headline, text} (escaped HTML), group = its lane (the
    first one for actor lanes; escaped twice, see :func:`plain_field`) and a unique,
    URL-safe unique_id."""
    check_frame(frame)
    frame = coerce(frame[list(COLUMN_NAMES)])
    rows = frame.to_dict("records")
    dated = []
    for row in rows:
        start, end = day_number(row["start"]), day_number(row["end"])
        pub = day_number(row["published"])
        kind = event_kind(start, end, str(row["relation"]).lower(), pub)
        if kind is not None:
            dated.append((row, kind, start, end if end is not None or pub is None else pub))
    lane_info = assign_lanes(pd.DataFrame([r for r, *_ in dated], columns=frame.columns), lanes)
    taken: set[str] = set()
    events: list[dict] = []
    for (row, kind, start, end), lane_list in zip(dated, lane_info.per_event, strict=True):
        slide = _slide(row, kind, start, end, lane_info.names[lane_list[0]])
        slide["unique_id"] = _unique(str(row["event_id"]), taken, f"event-{len(events) + 1}")
        events.append(slide)
    heading = f"{len(events)} events from {frame['doc_id'].nunique()} articles"
    return {"title": {"text": {"headline": html.escape(title), "text": html.escape(heading)}},
            "events": events, "scale": "human"}
