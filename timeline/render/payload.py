"""Event table -> the compact JSON payload the timeline page draws from.

The page stores every event ONCE, column by column, in a
``<script type="application/json">`` element; the page's JavaScript builds the
Plotly traces from it. This module decides everything that does not depend on the
browser: which lane(s) an event sits in and which sub-row of its lane it takes
(:mod:`timeline.render.lanes`), how it is drawn (day marker, bar, open interval), whether
its date is fuzzy, where the expression sits in its sentence, and what the page shows
first (:mod:`timeline.render.overview`: key events, the first view, the density strip).

Dates travel as integer day numbers (days since 1970-01-01) to keep the file small.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from datetime import date
from urllib.parse import urlsplit

import pandas as pd

from timeline.errors import TimelineError
from timeline.render import overview
from timeline.render.lanes import (  # re-exported: the page's data in one place
    LANE_MODES,
    MAX_SUBROWS,
    NO_ACTOR,
    NO_SOURCE,
    Lanes,
    assign_lanes,
    pack_subrows,
    split_list,
    subrows,
)
from timeline.render.overview import (
    KEY_VIEW_SHARE,
    anchor_days,
    initial_view,
    key_days,
    key_payload,
    most_reported,
    weekly_density,
)
from timeline.table.schema import COLUMN_NAMES
from timeline.temporal.intervals import interval_of
from timeline.timex3 import TimexValue, at_most

__all__ = ["LANE_MODES", "MAX_SUBROWS", "NO_ACTOR", "NO_SOURCE", "Lanes", "assign_lanes",
           "build_payload", "check_frame", "day_iso", "day_number", "event_kind", "extent",
           "highlight_span", "is_fuzzy", "json_for_script", "pack_subrows", "precision_label",
           "safe_url", "split_list"]

KIND_DAY, KIND_INTERVAL, KIND_OPEN_END, KIND_OPEN_START = 0, 1, 2, 3
KIND_NAMES = ("day", "interval", "open-end", "open-start")
FUZZY_MODS = frozenset({"START", "MID", "END", "APPROX"})
FUZZY_GRANULARITY = "year"  # this rung of the granularity scale and coarser ones are fuzzy
NARROWING_MODS = frozenset({"START", "MID", "END"})
OPEN_END_RELATIONS = frozenset({"since", "after"})
_EPOCH = date(1970, 1, 1).toordinal()
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_ESCAPE_TABLE = str.maketrans(_JSON_ESCAPES)


def day_number(iso: object) -> int | None:
    """'2022-09-15' -> days since 1970-01-01; None for empty or unreadable cells."""
    if not isinstance(iso, str) or len(iso) < 10:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal() - _EPOCH
    except ValueError:
        return None


def day_iso(day: int) -> str:
    """Inverse of :func:`day_number`."""
    return date.fromordinal(day + _EPOCH).isoformat()


def safe_url(url: object) -> str:
    """The URL if it is an http(s) link with a host, else '' (never javascript: etc.)."""
    if not isinstance(url, str):
        return ""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def is_fuzzy(mod: str, value: str, granularity: str) -> bool:
    """True when the date is approximate: a START/MID/END/APPROX mod, a PAST/FUTURE/
    PRESENT_REF value, or a granularity of a year or coarser (the table's granularity;
    the value's own when the table has none)."""
    parsed = TimexValue.parse(value.upper())
    grain = granularity.lower() or parsed.granularity
    return mod.upper() in FUZZY_MODS or parsed.is_ref or at_most(grain, FUZZY_GRANULARITY)


def precision_label(value: str, mod: str, start: object, end: object) -> str:
    """The date at the precision the value knows, when the event is drawn over exactly
    the days the value denotes: ``2022-09`` for a month, ``2022-Q3``, ``2022-W37``,
    ``2022``, ``1990-1999`` for a decade or century, ``2022-09-15T14:30`` for a time;
    '' for a plain day, a narrowed (START/MID/END) or open interval, or another value."""
    parsed = TimexValue.parse(value)
    grain = parsed.granularity
    if not grain or grain == "day" or mod.upper() in NARROWING_MODS:
        return ""
    days = interval_of(parsed.text)
    if days is None or (day_number(start), day_number(end)) != tuple(
            d.toordinal() - _EPOCH for d in days):
        return ""
    if at_most(grain, "decade"):
        return f"{days[0].year:04d}-{days[1].year:04d}"
    return parsed.text


def event_kind(start: int | None, end: int | None, relation: str,
               published: int | None) -> int | None:
    """How to draw an event: KIND_DAY, KIND_INTERVAL, KIND_OPEN_END, KIND_OPEN_START,
    or None when it has no date at all.

    Open end: relation since/after whose end is the publication date (the drawn end
    is just "as of publication"), or a start with no end. Open start: no start.
    """
    if start is None and end is None:
        return None
    if start is None:
        return KIND_OPEN_START
    if end is not None and end <= start:  # "shortly after 10 a.m." is still that one day
        return KIND_DAY
    if end is None or (relation in OPEN_END_RELATIONS and end == published):
        return KIND_OPEN_END
    return KIND_DAY if end <= start else KIND_INTERVAL


def extent(kind: int, start: int | None, end: int | None, published: int | None,
           tail: int) -> tuple[int, int]:
    """The days an event is drawn over: open ends run to the publication date (or a
    ``tail`` of days when that is not after the start); open starts get a tail."""
    if kind == KIND_OPEN_START:
        assert end is not None
        return end - tail, end
    assert start is not None
    if kind == KIND_OPEN_END:
        stop = published if published is not None and published > start else start + tail
        return start, stop
    return start, max(start, end if end is not None else start)


def highlight_span(sentence: str, expression: str) -> tuple[int, int]:
    """Where ``expression`` sits in ``sentence`` (first match, case-insensitive
    fallback); (-1, -1) when it does not occur."""
    if not expression:
        return -1, -1
    at = sentence.find(expression)
    if at < 0:
        lowered = sentence.lower()
        if len(lowered) == len(sentence):
            at = lowered.find(expression.lower())
    return (at, at + len(expression)) if at >= 0 else (-1, -1)


def json_for_script(payload: object) -> str:
    """JSON that is safe inside ``<script type="application/json">``: ``<``, ``>``,
    ``&`` and U+2028/2029 become ``\\u`` escapes, so ``</script>`` or ``<!--`` in
    article text cannot end the element. ``JSON.parse`` gives back the same data."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_JSON_ESCAPE_TABLE)


def check_frame(frame: pd.DataFrame) -> None:
    missing = [c for c in COLUMN_NAMES if c not in frame.columns]
    if missing:
        raise TimelineError(f"event table lacks columns {', '.join(missing)}; "
                            "build it with timeline.table.schema.events_to_frame")


def confidence_of(value: object) -> float:
    """Confidence clipped to 0..1 and rounded; missing -> 1.0."""
    try:
        conf = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1.0
    return 1.0 if math.isnan(conf) else round(min(1.0, max(0.0, conf)), 2)


def _doc_table(frame: pd.DataFrame) -> tuple[dict[str, list], list[int]]:
    """Per-document columns (title, source, url, publication day) and each event's doc."""
    index: dict[str, int] = {}
    docs: dict[str, list] = {"id": [], "title": [], "source": [], "url": [], "pub": []}
    per_event = []
    columns = ("doc_id", "doc_title", "source", "url", "published")
    for doc_id, title, source, url, pub in zip(*(frame[c] for c in columns), strict=True):
        key = str(doc_id)
        if key not in index:
            index[key] = len(index)
            docs["id"].append(key)
            docs["title"].append(str(title) or key)
            docs["source"].append(str(source))
            docs["url"].append(safe_url(url))
            docs["pub"].append(day_number(pub))
        per_event.append(index[key])
    return docs, per_event


def _interning(values: Iterable[str]) -> tuple[list[str], list[int]]:
    """Store repeated strings once: (distinct values, index of each)."""
    table: dict[str, int] = {}
    refs = [table.setdefault(v, len(table)) for v in values]
    return list(table), refs


def _tail_days(days: Iterable[int | None]) -> int:
    known = [d for d in days if d is not None]
    span = max(known) - min(known) if known else 0
    return max(14, round(span * 0.04))


def build_payload(frame: pd.DataFrame, title: str = "Timeline", lanes: str = "article",
                  summary: pd.DataFrame | None = None) -> dict:
    """The page's data: documents, lanes, actors, sentences, code tables and one column
    per event field (events with no date at all are counted in ``undated``, not drawn;
    past :data:`~timeline.render.overview.MAX_EVENTS` dated rows only the most reported
    are, all of them counted in ``dated`` and the weekly ``density``).

    Per event: ``x0`` first drawn day, ``dx`` drawn length in days, ``kind`` (KIND_*),
    ``fz`` fuzzy flag, ``hs`` offset of the expression in its sentence (-1: absent; it
    ends ``len(tx)`` later), ``ln``/``sr`` lanes and sub-rows, ``act`` actor indices,
    ``sent`` sentence index, ``mod``/``rel``/``gran``/``dl`` indices into ``codes``
    (``dl``: the date at the value's own precision, :func:`precision_label`).
    ``view`` holds the first view's [first, last] day of each view (``all``, and ``key``
    with a ``summary``, whose key events are in ``key``: :mod:`timeline.render.overview`)."""
    check_frame(frame)
    from timeline.table.schema import coerce

    frame = coerce(frame[list(COLUMN_NAMES)])
    docs, doc_of = _doc_table(frame)
    keep, kinds, spans, tail, density = _dated_rows(frame, docs, doc_of)
    sub = frame.iloc[keep].reset_index(drop=True)
    lane_info = assign_lanes(sub, lanes)
    sub_rows, n_rows = subrows(lane_info, spans, tail)
    actor_lists = [split_list(a) for a in sub["actors"]]
    actors, _ = _interning(a for acts in actor_lists for a in acts)
    actor_index = {a: i for i, a in enumerate(actors)}
    codes: dict[str, list[str]] = {}
    rels = [str(r).lower() for r in sub["relation"]]
    sentences, text_columns = _text_columns(sub, rels, codes)
    events = {
        "doc": [doc_of[i] for i in keep],
        **text_columns,
        "x0": [s[0] for s in spans],
        "dx": [s[1] - s[0] for s in spans],
        "kind": [kinds[i] for i in keep],
        "conf": [confidence_of(c) for c in sub["confidence"]],
        "act": [[actor_index[a] for a in acts] for acts in actor_lists],
        "ln": lane_info.per_event,
        "sr": sub_rows,
        "n": [int(v) if not pd.isna(v) else 1 for v in sub["n_sources"]],
    }
    payload = {"version": 1, "title": title, "mode": lanes, "undated": len(frame) - density[1],
               "dated": density[1], "density": density[0],
               "lanes": {"name": lane_info.names, "rows": n_rows}, "docs": docs,
               "actors": actors, "sentences": sentences, "codes": codes, "ev": events}
    views = {"all": initial_view(anchor_days(events["x0"], events["dx"], events["kind"],
                                             docs["pub"]))}
    if summary is not None:
        ids = {str(e): i for i, e in enumerate(sub["event_id"])}
        payload["key"] = key = key_payload(summary, ids, events["val"])
        views["key"] = initial_view(key_days(key["day"], key["n"]), KEY_VIEW_SHARE)
    payload["view"] = views
    return payload


def _dated_rows(frame: pd.DataFrame, docs: dict[str, list], doc_of: list[int]) -> tuple[
        list[int], list[int | None], list[tuple[int, int]], int, tuple[dict, int]]:
    """(rows drawn, kind of every row, drawn days of each drawn row, the tail of open
    intervals, (weekly density of all dated rows, their number)); past MAX_EVENTS dated
    rows only the most reported are drawn."""
    starts = [day_number(v) for v in frame["start"]]
    ends = [day_number(v) for v in frame["end"]]
    pubs = [docs["pub"][d] for d in doc_of]
    rels = [str(r).lower() for r in frame["relation"]]
    kinds = [event_kind(s, e, r, p) for s, e, r, p in zip(starts, ends, rels, pubs, strict=True)]
    keep = [i for i, k in enumerate(kinds) if k is not None]
    tail = _tail_days(starts + ends + pubs)
    spans = [extent(kinds[i], starts[i], ends[i], pubs[i], tail) for i in keep]  # type: ignore[arg-type]
    density = (weekly_density([s[0] for s in spans]), len(keep))
    chosen = list(range(len(keep)))
    if len(keep) > overview.MAX_EVENTS:  # read the two columns only when some rows go
        counts, sure = frame["n_sources"].tolist(), frame["confidence"].tolist()
        chosen = most_reported([counts[i] for i in keep], [confidence_of(sure[i]) for i in keep],
                               overview.MAX_EVENTS)
    return [keep[j] for j in chosen], kinds, [spans[j] for j in chosen], tail, density


def _text_columns(sub: pd.DataFrame, rels: list[str], codes: dict[str, list[str]]
                  ) -> tuple[list[str], dict[str, list]]:
    """The interned sentences, and the per-event columns about the text and the
    expression: label, sentence index, highlight offset, expression, value, coded
    mod/relation/granularity, fuzzy flag, the date at the value's precision."""
    sentences, sentence_refs = _interning(str(s) for s in sub["sentence"])
    highlights = [highlight_span(str(s), str(t)) for s, t in zip(sub["sentence"],
                                                                 sub["timex_text"], strict=True)]
    return sentences, {
        "label": [str(v) for v in sub["event"]],
        "sent": sentence_refs,
        "hs": [h[0] for h in highlights],
        "tx": [str(v) for v in sub["timex_text"]],
        "val": [str(v) for v in sub["timex_value"]],
        "mod": _coded(codes, "mod", (str(v) for v in sub["timex_mod"])),
        "rel": _coded(codes, "rel", rels),
        "gran": _coded(codes, "gran", (str(v) for v in sub["granularity"])),
        "fz": [int(is_fuzzy(str(m), str(v), str(g))) for m, v, g in
               zip(sub["timex_mod"], sub["timex_value"], sub["granularity"], strict=True)],
        "dl": _coded(codes, "dl", (precision_label(str(v), str(m), s, e) for v, m, s, e in
                     zip(sub["timex_value"], sub["timex_mod"], sub["start"], sub["end"],
                         strict=True))),
    }


def _coded(codes: dict[str, list[str]], name: str, values: Iterable[str]) -> list[int]:
    """Few distinct strings (relation, mod, granularity, date label) -> codes into
    codes[name]."""
    codes[name], refs = _interning(values)
    return refs
