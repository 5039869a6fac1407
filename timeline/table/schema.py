"""The event table's columns: names, dtypes and meaning, defined once.

Everything that writes or reads the table (CSV, JSON, the renderer, the README's
schema section via ``schema_markdown()``) goes through this module.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.errors import TimelineError
from timeline.models import RELATIONS, TIMEX_TYPES, Event
from timeline.table.formulas import restore_cell
from timeline.timex3 import GRANULARITIES

if TYPE_CHECKING:  # pandas loads with the table, not for 'timeline tag'
    import pandas as pd

LIST_SEP = "; "


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    dtype: str  # pandas dtype: "string", "Int64", "Float64", "boolean", "list", "date"
    doc: str
    #: Added after the first release: a table without it still reads (the cells empty).
    later: bool = False
    #: The values a non-empty cell may hold (empty: any value of its dtype).
    choices: tuple[str, ...] = ()
    #: The smallest and largest number a numeric cell may hold (None: no bound).
    low: float | None = None
    high: float | None = None


COLUMNS: tuple[Column, ...] = (
    Column("event_id", "string", "Stable id: hash of document, offsets and value"),
    Column("doc_id", "string", "Document id (collection id, or file path relative to the input)"),
    Column("doc_title", "string", "Article title"),
    Column("published", "date", "Publication date the expressions were resolved against"),
    Column("source", "string", "Publisher or source name"),
    Column("url", "string", "Article URL, if known"),
    Column("sentence_index", "Int64", "0-based index of the sentence within the article",
           low=0),
    Column("sentence", "string", "The sentence holding the expression"),
    Column("event", "string", "Short label of what happened (<= 12 words)"),
    Column("trigger", "string", "The verb or event noun the expression dates"),
    Column("actors", "list", "People, organisations and countries involved ('; '-separated)"),
    Column("places", "list", "Places mentioned with the event ('; '-separated)"),
    Column("timex_text", "string", "The temporal expression as written"),
    Column("timex_type", "string", "TIMEX3 type: DATE, TIME, DURATION or SET",
           choices=TIMEX_TYPES),
    Column("timex_value", "string", "TIMEX3 value, e.g. 2022-09-15, 2022-02, P2D, PAST_REF "
           "(a from-to row: its first end's; the span is start..end)"),
    Column("timex_mod", "string", "TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER, ..."),
    Column("relation", "string", "How the expression dates the event: on/since/until/before/"
           "after/from-to", choices=RELATIONS),
    Column("start", "date", "First day of the interval to draw (empty: open start)"),
    Column("end", "date", "Last day of the interval to draw (empty: open end)"),
    Column("granularity", "string", f"Precision of the date: {'/'.join(GRANULARITIES)}",
           choices=GRANULARITIES),
    Column("char_start", "Int64", "Offset of the expression in the article text (str index)",
           low=0),
    Column("char_end", "Int64", "End offset of the expression (exclusive)", low=0),
    Column("confidence", "Float64", "0..1: how sure the date and its anchoring are",
           low=0, high=1),
    Column("extractor", "string", "What found actors/trigger: 'spacy' or 'rules'"),
    Column("sources", "list", "Documents that mention this event ('; '-separated doc ids)"),
    Column("n_sources", "Int64", "Number of documents that mention this event", low=1),
    Column("lang", "string", "Language of the article, whose rules found the date "
           "(ISO 639 code)", later=True),
    Column("lang_from", "string", "Where that language came from: option (--lang), metadata, "
           "detected (from the text), majority (of the other inputs: text too short), "
           "default (en)", later=True),
    Column("published_from", "string", "Where the publication date came from: option "
           "(--pub-date), metadata (front matter, the web page's head), dateline (the "
           "article's own date line, e.g. 'Written: 2023-11-07'), url (the page's own "
           "address), text (a date elsewhere in the article part of the page), collection "
           "(the record's 'published' field)", later=True),
)
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
_DTYPES = {c.name: c.dtype for c in COLUMNS}
#: The free-text columns (the ones a spreadsheet could take for a formula).
TEXT_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.dtype in ("string", "list"))


#: Event fields in column order (checked at import: the dataclass mirrors the table).
_ROW = attrgetter(*COLUMN_NAMES)
assert tuple(f.name for f in fields(Event)) == COLUMN_NAMES, "Event fields != COLUMNS"
_LISTS = [i for i, c in enumerate(COLUMNS) if c.dtype == "list"]
_DATES = [i for i, c in enumerate(COLUMNS) if c.dtype == "date"]


def _row(event: Event) -> list[object]:
    """One event as the table's cells (lists joined, dates as ISO strings)."""
    row: list[object] = list(_ROW(event))
    for i in _LISTS:
        row[i] = LIST_SEP.join(row[i])  # type: ignore[arg-type]
    for i in _DATES:
        value = row[i]
        row[i] = value.isoformat() if isinstance(value, date) else None
    return row


def events_to_frame(events: list[Event]) -> pd.DataFrame:
    """Events -> the event table, sorted by start date (then doc, offset), typed."""
    import pandas as pd

    frame = pd.DataFrame([_row(e) for e in events], columns=list(COLUMN_NAMES))
    frame = coerce(frame)
    order = frame.assign(_s=frame["start"].fillna(frame["end"]).fillna("9999"))
    order = order.sort_values(["_s", "doc_id", "char_start", "event_id"], kind="mergesort")
    return order.drop(columns="_s").reset_index(drop=True)


def coerce(frame: pd.DataFrame) -> pd.DataFrame:
    """Give every column its documented dtype (dates stay ISO strings)."""
    out = frame.copy()
    for col in COLUMNS:
        if col.dtype in ("string", "list", "date"):
            out[col.name] = out[col.name].astype("string")
        else:
            out[col.name] = out[col.name].astype(col.dtype)
    for col in COLUMNS:
        if col.dtype in ("string", "list"):
            out[col.name] = out[col.name].fillna("")
    return out


def read_table(path: Path, raw: bool = False) -> pd.DataFrame:
    """Read an event table CSV (e.g. one a user corrected by hand) and validate it.

    Every typed cell must parse and lie in its column's domain (one of its choices,
    within its bounds, a start not after its end), else a one-line TimelineError names
    the file, the row and the column. Text cells lose the apostrophe that kept them
    inert in a spreadsheet (:mod:`timeline.table.formulas`) unless ``raw``.
    """
    import pandas as pd

    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise TimelineError("no such file; give the path of an events.csv", str(path)) from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        reason = type(exc).__name__
        raise TimelineError(f"not a readable CSV event table ({reason}); "
                            "pass a file written by 'timeline build'", str(path)) from None
    missing = [c.name for c in COLUMNS if c.name not in frame.columns and not c.later]
    if missing:
        raise TimelineError(f"missing columns {', '.join(missing)}; "
                            "pass a file written by 'timeline build'", str(path))
    frame = frame.reindex(columns=list(COLUMN_NAMES))
    if not raw:
        for name in TEXT_COLUMNS:
            frame[name] = frame[name].map(restore_cell, na_action="ignore")
    frame = frame.replace({"": None})
    if problem := first_bad_cell(frame):
        raise TimelineError(f"{problem}; fix the cell or rebuild", str(path))
    return coerce(frame)


_EXPECTED = {"date": "a date YYYY-MM-DD", "Int64": "a whole number", "Float64": "a number"}
#: (first, last) columns whose values must not run backwards.
_ORDERED = (("start", "end"), ("char_start", "char_end"))


def _parsed(kind: str, value: str) -> object:
    """The date or number a cell holds; ValueError when it holds none."""
    if kind == "date":
        return date.fromisoformat(value)
    number = float(value) if kind == "Float64" else int(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _domain(col: Column) -> str:
    what = _EXPECTED[col.dtype]
    if col.low is not None and col.high is not None:
        return f"{what} from {col.low:g} to {col.high:g}"
    return f"{what} of at least {col.low:g}" if col.low is not None else \
        f"{what} of at most {col.high:g}"


def _cell_problem(col: Column, value: str) -> str:
    """What is wrong with ``value`` as a cell of ``col`` ('' when nothing is)."""
    if col.choices and value not in col.choices:
        return f"is not one of {', '.join(col.choices)}"
    if col.dtype not in _EXPECTED:
        return ""
    try:
        parsed = _parsed(col.dtype, value)
    except ValueError:
        return f"is not {_EXPECTED[col.dtype]}"
    if isinstance(parsed, (int, float)) and (
            (col.low is not None and parsed < col.low)
            or (col.high is not None and parsed > col.high)):
        return f"is not {_domain(col)}"
    return ""


def _backwards(frame: pd.DataFrame) -> str:
    """The first row whose end comes before its start (both cells valid), or ''."""
    for first, last in _ORDERED:
        kind = _DTYPES[first]
        pairs = zip(frame[first], frame[last], strict=True)
        for row, (low, high) in enumerate(pairs, start=2):
            if low is not None and high is not None and \
                    _parsed(kind, high) < _parsed(kind, low):  # type: ignore[operator]
                return f"row {row}, column {last}: {high!r} is before {first} {low!r}"
    return ""


def first_bad_cell(frame: pd.DataFrame) -> str:
    """'row 3, column start: '2022-13-45' is not a date YYYY-MM-DD' (rows counted as in a
    spreadsheet, the header being row 1), or '' when every cell is in its domain.
    ``frame`` holds the cells as read: strings, None for an empty cell."""
    for col in COLUMNS:
        if not (col.choices or col.dtype in _EXPECTED):
            continue
        for row, value in enumerate(frame[col.name], start=2):
            if value is not None and (problem := _cell_problem(col, value)):
                return f"row {row}, column {col.name}: {value!r} {problem}"
    return _backwards(frame)


def columns_markdown(columns: tuple[Column, ...]) -> str:
    """Columns as a Markdown table (used to keep the README in sync)."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {c.dtype} | {c.doc} |" for c in columns]
    return "\n".join(lines)


def schema_markdown() -> str:
    """The event table's schema as a Markdown table."""
    return columns_markdown(COLUMNS)
