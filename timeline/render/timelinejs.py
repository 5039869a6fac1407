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
those of a month, quarter, week, year, ... value gets a ``display_date`` at that
precision (``September 2022``, ``2022``, ``2022-Q3``; a decade or century as
``1990-1999``), and a clock time (``2022-09-15T14:30``) adds ``hour`` / ``minute`` to its
``start_date``.

With a key-event summary (:mod:`timeline.render.keyevents`) the slides are the key
events, one per chosen date: the headline, the summary, how many articles reported it and
links to them; a date whose events only know the month or year starts at that precision
(``{"year": 2010, "month": 4}``, display ``April 2010``). Without one, every dated event
is a slide, at most :data:`MAX_SLIDES` of them (the most reported, then the most sure).
"""

from __future__ import annotations

import html
import re
from datetime import date

import pandas as pd

from timeline.render.keyevents import DAY, KeyEvent, human_date, key_events, key_precision
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
from timeline.timex3 import TimexValue, at_most

_UNSAFE_ID_RE = re.compile(r"[^A-Za-z0-9_-]+")
#: TimelineJS draws every slide it is given; past a few hundred it stops being usable.
MAX_SLIDES = 200
MAX_LINKS = 8  # source links on a key event's slide
HUMAN_GRAINS = ("month", "year")  # shown as "September 2022", "2022" rather than the value


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
        if value.granularity in HUMAN_GRAINS:
            label = human_date(date.fromisoformat(day_iso(first)), value.granularity)
        slide["display_date"] = plain_field(label)
    return slide


def timelinejs_json(frame: pd.DataFrame, title: str = "Timeline", lanes: str = "article",
                    summary: pd.DataFrame | None = None) -> dict:
    """TimelineJS3 data: ``{"title", "events", "scale"}``.

    With ``summary`` (the key-event table) one slide per key event (:func:`_key_slide`).
    Without, one slide per dated event, at most :data:`MAX_SLIDES` (the most reported,
    then the most sure, kept in table order): start_date {year, month, day}, end_date
    for intervals (open ends run to the publication date), text {headline, text}
    (escaped HTML), group = its lane (the first one for actor lanes; escaped twice, see
    :func:`plain_field`) and a unique, URL-safe unique_id."""
    check_frame(frame)
    frame = coerce(frame[list(COLUMN_NAMES)])
    if summary is not None:
        return _key_timeline(frame, summary, title)
    dated = _dated_rows(frame.to_dict("records"))
    total = len(dated)
    if total > MAX_SLIDES:
        best = sorted(range(total), key=lambda i: (-_count(dated[i][0]["n_sources"]),
                                                   -_count(dated[i][0]["confidence"]), i))
        dated = [dated[i] for i in sorted(best[:MAX_SLIDES])]
    lane_info = assign_lanes(pd.DataFrame([r for r, *_ in dated], columns=frame.columns), lanes)
    taken: set[str] = set()
    events: list[dict] = []
    for (row, kind, start, end), lane_list in zip(dated, lane_info.per_event, strict=True):
        slide = _slide(row, kind, start, end, lane_info.names[lane_list[0]])
        slide["unique_id"] = _unique(str(row["event_id"]), taken, f"event-{len(events) + 1}")
        events.append(slide)
    shown = f"{len(events)} of {total}" if total > len(events) else f"{len(events)}"
    heading = f"{shown} events from {frame['doc_id'].nunique()} articles"
    return {"title": {"text": {"headline": html.escape(title), "text": html.escape(heading)}},
            "events": events, "scale": "human"}


def _count(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if number != number else number


def _dated_rows(rows: list[dict]) -> list[tuple[dict, int, int | None, int | None]]:
    dated = []
    for row in rows:
        start, end = day_number(row["start"]), day_number(row["end"])
        pub = day_number(row["published"])
        kind = event_kind(start, end, str(row["relation"]).lower(), pub)
        if kind is not None:
            dated.append((row, kind, start, end if end is not None or pub is None else pub))
    return dated


def _key_timeline(frame: pd.DataFrame, summary: pd.DataFrame, title: str) -> dict:
    rows = frame.to_dict("records")
    by_id = {str(r["event_id"]): r for r in rows}
    docs: dict[str, dict] = {}
    for row in rows:
        docs.setdefault(str(row["doc_id"]), row)
    taken: set[str] = set()
    events = []
    for key in key_events(summary):
        slide = _key_slide(key, [by_id[i] for i in key.event_ids if i in by_id], docs)
        slide["unique_id"] = _unique(f"key-{key.day.isoformat()}", taken, "key")
        events.append(slide)
    heading = f"{len(events)} key events from {frame['doc_id'].nunique()} articles"
    return {"title": {"text": {"headline": html.escape(title), "text": html.escape(heading)}},
            "events": events, "scale": "human"}


def _key_slide(key: KeyEvent, behind: list[dict], docs: dict[str, dict]) -> dict:
    """One key event: its date at the precision its events know, headline, summary,
    the number of articles and links to them (escaped; http(s) links only)."""
    grain, value = key_precision(key, [str(r["timex_value"]) for r in behind])
    start: dict[str, int] = {"year": key.day.year}
    if not at_most(grain, "year"):
        start["month"] = key.day.month
    if grain == DAY:
        start["day"] = key.day.day
    first = f" · first reported {key.first_reported.isoformat()}" if key.first_reported else ""
    parts = [f"<p>{html.escape(key.summary)}</p>" if key.summary else "",
             f"<p>{html.escape(f'Reported by {key.n_sources} articles{first}')}</p>"]
    links = [_source_link(docs[d]) for d in key.sources[:MAX_LINKS] if d in docs]
    if links:
        parts.append(f"<p>Sources: {', '.join(links)}</p>")
    slide: dict = {"start_date": start,
                   "text": {"headline": html.escape(key.headline or key.day.isoformat()),
                            "text": "".join(parts)}}
    if grain != DAY:
        slide["display_date"] = plain_field(human_date(key.day, grain, value))
    return slide


def _source_link(row: dict) -> str:
    name = html.escape(str(row["source"] or row["doc_title"] or row["doc_id"]))
    url = safe_url(row["url"])
    return f'<a href="{html.escape(url, quote=True)}">{name}</a>' if url else name
