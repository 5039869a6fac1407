"""The key-event summary's columns (``summary.csv``/``summary.json``), defined once.

One row per chosen date, in date order. The summarizer writes these columns, the page
and the TimelineJS export read them, and the README's summary schema is generated from
here (``summary_markdown()``), as the event table's is from :mod:`timeline.table.schema`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from timeline.errors import TimelineError
from timeline.table.export import _unix_records, atomic_write_text, json_text
from timeline.table.formulas import neutralise_cell, restore_cell
from timeline.table.schema import LIST_SEP, Column, _cell_problem, columns_markdown

SUMMARY_COLUMNS: tuple[Column, ...] = (
    Column("date", "date", "The key date (YYYY-MM-DD)"),
    Column("rank", "Int64", "1 = the most important date of the story", low=1),
    Column("salience", "Float64", "0..1: how strongly the collection points at this date",
           low=0, high=1),
    Column("headline", "string", "The event of that date with its actors (<= 12 words)"),
    Column("summary", "string", "The chosen sentences that tell what happened"),
    Column("n_sources", "Int64", "Distinct articles reporting an event on this date", low=1),
    Column("sources", "list", "Those articles ('; '-separated doc ids)"),
    Column("event_ids", "list", "Rows of the event table behind this date ('; '-separated)"),
    Column("first_reported", "date", "Earliest publication date of an article reporting it"),
)
SUMMARY_COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in SUMMARY_COLUMNS)


def summary_markdown() -> str:
    """The summary schema as a Markdown table (used to keep the README in sync)."""
    return columns_markdown(SUMMARY_COLUMNS)


_KINDS = {c.name: c.dtype for c in SUMMARY_COLUMNS}
_TEXT = tuple(c.name for c in SUMMARY_COLUMNS if c.dtype in ("string", "list"))
_FIX = "pass a summary.csv or summary.json written by 'timeline build' or 'timeline summarize'"


def coerce_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Give every summary column its documented dtype (dates stay ISO strings)."""
    out = frame.reindex(columns=list(SUMMARY_COLUMN_NAMES)).copy()
    for col in SUMMARY_COLUMNS:
        if col.dtype in ("string", "list", "date"):
            out[col.name] = out[col.name].astype("string")
            if col.dtype != "date":
                out[col.name] = out[col.name].fillna("")
        else:
            out[col.name] = out[col.name].astype(col.dtype)
    return out


def summary_csv_text(frame: pd.DataFrame) -> str:
    """The summary as CSV (schema column order, '\\n' line ends, formula text inert)."""
    out = coerce_summary(frame)
    for name in _TEXT:
        out[name] = out[name].map(neutralise_cell, na_action="ignore")
    return _unix_records(out.to_csv(index=False, lineterminator="\r\n"))


def summary_records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The summary as JSON-ready records: lists as arrays, numbers as numbers."""
    out = coerce_summary(frame)
    records: list[dict[str, object]] = []
    for row in out.to_dict(orient="records"):
        record: dict[str, object] = {}
        for name, value in row.items():
            kind = _KINDS[str(name)]
            missing = value is None or value is pd.NA
            if kind == "list":
                record[str(name)] = [v for v in str(value).split(LIST_SEP) if v]
            elif missing:
                record[str(name)] = None
            elif kind == "Int64":
                record[str(name)] = int(value)
            elif kind == "Float64":
                record[str(name)] = float(value)
            else:
                record[str(name)] = str(value)
        records.append(record)
    return records


def write_summary_csv(frame: pd.DataFrame, path: Path) -> None:
    atomic_write_text(path, summary_csv_text(frame))


def write_summary_json(frame: pd.DataFrame, path: Path) -> None:
    atomic_write_text(path, json_text(summary_records(frame)))


def _read_frame(path: Path) -> pd.DataFrame:
    if path.suffix.lower() == ".json":
        records = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise ValueError("not a list of records")
        rows = [{k: (LIST_SEP.join(v) if isinstance(v, list) else v) for k, v in r.items()}
                for r in records]
        frame = pd.DataFrame(rows, columns=list(SUMMARY_COLUMN_NAMES), dtype=object)
        return frame.astype("string").fillna("").astype(object)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for name in _TEXT:
        if name in frame.columns:
            frame[name] = frame[name].map(restore_cell)
    return frame


def read_summary(path: str | Path) -> pd.DataFrame:
    """Read a summary.csv / summary.json and validate every cell against the schema; a
    one-line TimelineError names the file, the row and the column otherwise."""
    path = Path(path)
    try:
        frame = _read_frame(path)
    except FileNotFoundError:
        raise TimelineError(f"no such file; {_FIX}", str(path)) from None
    except (OSError, UnicodeDecodeError, ValueError, pd.errors.ParserError,
            pd.errors.EmptyDataError) as exc:
        raise TimelineError(f"not a readable summary ({type(exc).__name__}); {_FIX}",
                            str(path)) from None
    missing = [n for n in SUMMARY_COLUMN_NAMES if n not in frame.columns]
    if missing:
        raise TimelineError(f"missing columns {', '.join(missing)}; {_FIX}", str(path))
    frame = frame[list(SUMMARY_COLUMN_NAMES)].replace({"": None})
    for col in SUMMARY_COLUMNS:
        if col.dtype not in ("date", "Int64", "Float64"):
            continue
        for row, value in enumerate(frame[col.name], start=2):
            if value is None and col.name in ("date", "rank"):
                raise TimelineError(f"row {row}, column {col.name}: empty; fix the cell or "
                                    "summarize again", str(path))
            if value is not None and (problem := _cell_problem(col, str(value))):
                raise TimelineError(f"row {row}, column {col.name}: {value!r} {problem}; "
                                    "fix the cell or summarize again", str(path))
    return coerce_summary(frame)
