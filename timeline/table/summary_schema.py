"""The key-event summary's columns (``summary.csv``/``summary.json``), defined once.

One row per chosen date, in date order. The summarizer writes these columns, the page
and the TimelineJS export read them, and the README's summary schema is generated from
here (``summary_markdown()``), as the event table's is from :mod:`timeline.table.schema`.
"""

from __future__ import annotations

from timeline.table.schema import Column

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
    lines = ["| column | type | meaning |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {c.dtype} | {c.doc} |" for c in SUMMARY_COLUMNS]
    return "\n".join(lines)
