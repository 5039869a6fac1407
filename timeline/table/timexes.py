"""The ``timeline tag`` output: one temporal expression a record, as JSONL or a text table.

A record carries what measuring needs (offsets, text, TIMEX3 type/value/mod, the
interval) and the language whose rules found it, with where that language came from.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from timeline.errors import TimelineError
from timeline.models import Timex
from timeline.table.export import atomic_write_text, ensure_folder

TAG_FIELDS: tuple[str, ...] = ("doc", "start", "end", "text", "type", "value", "mod",
                               "earliest", "latest", "lang", "lang_from")
TAG_FORMATS: tuple[str, ...] = ("jsonl", "table")
Record = dict[str, object]


def timex_record(doc_id: str | int, timex: Timex, lang: str, lang_from: str) -> Record:
    """One output record (keys: :data:`TAG_FIELDS`, in that order)."""
    return {
        "doc": doc_id, "start": timex.start, "end": timex.end, "text": timex.text,
        "type": timex.type, "value": timex.value, "mod": timex.mod,
        "earliest": timex.earliest.isoformat() if timex.earliest else None,
        "latest": timex.latest.isoformat() if timex.latest else None,
        "lang": lang, "lang_from": lang_from,
    }


def format_tag_records(records: Sequence[Record], fmt: str = "jsonl") -> str:
    """JSONL (one compact object a line) or an aligned text table for people."""
    if fmt not in TAG_FORMATS:
        raise TimelineError(f"--format {fmt!r} is not one of: {', '.join(TAG_FORMATS)}")
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    rows = [list(TAG_FIELDS)] + [
        ["" if r[f] is None else str(r[f]).replace("\n", " ") for f in TAG_FIELDS]
        for r in records]
    widths = [max(len(row[i]) for row in rows) for i in range(len(TAG_FIELDS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    return "\n".join(lines) + "\n"


def write_text_output(text: str, target: str | Path) -> None:
    """``text`` to standard output ('-') or atomically to a file (folder created)."""
    if str(target) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    out = Path(target)
    ensure_folder(out.parent)
    atomic_write_text(out, text)
