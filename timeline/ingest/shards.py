"""Inputs for big builds: compressed and columnar collections, glob patterns, streaming.

- ``.jsonl.gz`` / ``.csv.gz``: a gzip-compressed collection, read as the plain one;
- ``.parquet``: one article per row, the collection fields as columns (``text``
  required; ``published`` may be a string, a date or a timestamp);
- a glob pattern (``'shards/*.jsonl.gz'``, ``'archive/**/*.parquet'``; quote it so the
  shell leaves it to the tool): every supported file it matches, in sorted order, each
  named (``doc_id``) by its path under the pattern's fixed leading folders.

A JSONL or CSV collection larger than :data:`STREAM_BYTES`, and every compressed or
Parquet one, is read record by record, never whole, so a 1 GB shard costs the memory
of one record. (A smaller one is read whole by :mod:`timeline.ingest.formats`, with its
encoding fallbacks; streamed records must be UTF-8.) A streamed file that breaks
halfway (a truncated ``.gz``) is reported as the file's problem; with ``--keep-going``
the records read before the break are kept.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from timeline.errors import TimelineError
from timeline.ingest.formats import READERS, _row_to_draft, jsonl_item
from timeline.ingest.text import Draft, RowProblem

#: A plain collection at least this large is streamed.
STREAM_BYTES = 32 * 1024 * 1024
COMPRESSED = (".jsonl", ".csv")
#: Reader key ('.jsonl', '.txt', ...) of every supported file name ending.
SUPPORTED: tuple[str, ...] = (*READERS, ".parquet", *(f"{s}.gz" for s in COMPRESSED))
_MAGIC = frozenset("*?[")
_PARQUET_ROWS = 256


def input_kind(path: Path) -> str:
    """The supported ending of ``path`` ('.jsonl.gz', '.parquet', '.md', ...), or ''."""
    name = path.name.lower()
    return next((s for s in sorted(SUPPORTED, key=len, reverse=True) if name.endswith(s)), "")


def is_pattern(argument: Path) -> bool:
    """Whether ``argument`` is a glob pattern rather than a path that exists."""
    return not argument.exists() and bool(_MAGIC & set(str(argument)))


def expand_pattern(argument: Path) -> list[tuple[Path, str]]:
    """The supported files a glob pattern matches (folders it matches are not walked),
    sorted, with their names under the pattern's fixed leading folders."""
    parts = argument.parts
    fixed = next((i for i, part in enumerate(parts) if _MAGIC & set(part)), len(parts))
    root = Path(*parts[:fixed]) if fixed else Path(".")
    matches = sorted(Path(p) for p in glob.glob(str(argument), recursive=True))
    found = [(p, p.relative_to(root).as_posix() if p.is_relative_to(root) else p.name)
             for p in matches if p.is_file() and input_kind(p)]
    if not found:
        raise TimelineError("no supported file matches this pattern; check the pattern "
                            "(quoted, so the shell leaves it to timeline)", str(argument))
    return found


def streams(path: Path, kind: str) -> bool:
    """Whether the file is read record by record (see the module doc)."""
    if kind.endswith(".gz") or kind == ".parquet":
        return True
    return kind in COMPRESSED and path.stat().st_size >= STREAM_BYTES


def read_stream(path: Path, rel: str, kind: str) -> Iterator[Draft | RowProblem]:
    """The records of a streamed collection, one at a time."""
    if kind == ".parquet":
        yield from _parquet_rows(path, rel)
        return
    opener = gzip.open if kind.endswith(".gz") else open
    with opener(path, "rb") as raw:  # type: ignore[operator]
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = _jsonl_rows if kind.startswith(".jsonl") else _csv_rows
        try:
            yield from reader(text, rel)
        except UnicodeDecodeError as err:
            raise TimelineError(f"not UTF-8 text ({err.reason}); save the file as UTF-8"
                                ) from None
        except (OSError, EOFError) as err:
            raise TimelineError(f"not a readable compressed file ({err}); "
                                "compress it again with gzip") from None


def _jsonl_rows(text: IO[str], rel: str) -> Iterator[Draft | RowProblem]:
    for number, line in enumerate(text, start=1):
        if (item := jsonl_item(line, number, rel)) is not None:
            yield item


def _csv_rows(text: IO[str], rel: str) -> Iterator[Draft | RowProblem]:
    reader = csv.reader(text)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except (StopIteration, csv.Error) as err:
        raise TimelineError(f"cannot read the CSV header ({err}); check the first line") from None
    _need_text(header)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield RowProblem(f"row {number + 1}", f"bad CSV ({err}); fix the quoting")
            return
        if not any(cell.strip() for cell in cells):
            continue
        number += 1
        if any(cell.strip() for cell in cells[len(header):]):
            yield RowProblem(f"row {number}",
                             "more cells than header columns; quote cells containing commas")
            continue
        yield _row_to_draft(dict(zip(header, cells, strict=False)), rel, number,
                            f"row {number}")


def _need_text(columns: list[str]) -> None:
    if "text" not in columns:
        shown = ", ".join(name for name in columns if name) or "none"
        raise TimelineError(
            f"no 'text' column (columns: {shown}); name the article-text column 'text'")


def _parquet_rows(path: Path, rel: str) -> Iterator[Draft | RowProblem]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        handle = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as err:
        raise TimelineError(f"not a readable Parquet file ({err}); write it again") from None
    names = {name.strip().lower(): name for name in handle.schema_arrow.names}
    _need_text(list(names))
    number = 0
    for batch in handle.iter_batches(batch_size=_PARQUET_ROWS, columns=list(names.values())):
        for row in batch.to_pylist():
            number += 1
            record = {key.strip().lower(): _plain(value) for key, value in row.items()}
            yield _row_to_draft(record, rel, number, f"row {number}")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, date) else value


def is_own_table(path: Path) -> bool:
    """Whether ``path`` is a Parquet event table the tool wrote (its columns are the
    event table's, and it has no ``text``)."""
    if not path.name.lower().endswith(".parquet"):
        return False
    from timeline.table.schema import COLUMN_NAMES

    try:
        import pyarrow.parquet as pq

        names = set(pq.read_schema(path).names)
    except Exception:  # noqa: BLE001 - an unreadable file is reported when it is read
        return False
    return "text" not in names and set(COLUMN_NAMES) <= names
