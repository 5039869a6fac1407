"""Recognising the files the tool itself wrote, so a build never reads its own outputs.

A file is the tool's by a marker its writer always puts in it, not by its name:

- an event table or a key-event summary (``.csv``): its first line is exactly the
  header of the event table (:data:`timeline.table.schema.COLUMN_NAMES`, or that of an
  earlier version: the same without some of the columns added later) or of the summary
  (:data:`timeline.table.summary_schema.SUMMARY_COLUMN_NAMES`), in order, which no
  article collection has (a collection needs a ``text`` column; neither has one);
- a timeline page (``.html``/``.htm``): its head holds
  ``<meta name="generator" content="news-timeline">``, which the page template writes.

The other outputs (``.json``, ``.png``, ``.svg``) are no supported input anyway. Only
the start of a file is read (:data:`HEAD_BYTES`).
"""

from __future__ import annotations

from pathlib import Path

from timeline.table.schema import COLUMN_NAMES, COLUMNS
from timeline.table.summary_schema import SUMMARY_COLUMN_NAMES

HEAD_BYTES = 4096
PAGE_MARKER = b'<meta name="generator" content="news-timeline">'
TABLE_HEADER = ",".join(COLUMN_NAMES).encode("utf-8")
SUMMARY_HEADER = ",".join(SUMMARY_COLUMN_NAMES).encode("utf-8")
_LATER = frozenset(column.name for column in COLUMNS if column.later)
#: The reason given when an output is passed as an input by name.
OWN_OUTPUT = ("an output of timeline itself (an event table or a timeline page), not an "
              "article; give the article files instead")


def is_own_output(path: Path) -> bool:
    """Whether ``path`` is an event table or a timeline page the tool wrote."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".html", ".htm"):
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return False
    if suffix == ".csv":
        first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")
        return first in (TABLE_HEADER, SUMMARY_HEADER) or _earlier_header(first)
    return PAGE_MARKER in head


def _earlier_header(line: bytes) -> bool:
    """Whether ``line`` is the table's header without some of its later columns."""
    names = line.decode("utf-8", "replace").split(",")
    kept = [name for name in COLUMN_NAMES if name in names or name not in _LATER]
    return names == kept
