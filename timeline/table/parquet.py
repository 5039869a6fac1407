"""The event table as Parquet (``--format parquet``): ``events.parquet``.

Columns and types come from :mod:`timeline.table.schema` (the one schema): string ->
``string``, Int64 -> ``int64``, Float64 -> ``double``, date -> ``date32``, list ->
``list<string>``; empty cells are nulls (empty lists for list columns). Rows are in
the table's order.

Small tables are one file. Partitioned (``--partition year``, or ``auto`` once the
table has :data:`timeline.options.PARTITION_ROWS` rows, and always with ``--engine
dask``), ``events.parquet`` is a folder in the Hive layout that Spark, DuckDB, pandas
and pyarrow read as one table: ``events.parquet/year=2010/part-0.parquet``, a year per
folder (the year the row's interval starts, else ends; ``year=undated`` for rows with
no date), at most :data:`ROWS_PER_FILE` rows a file. Reading the folder back
(:func:`read_parquet`) gives the rows in the table's order again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from timeline.errors import TimelineError
from timeline.table.schema import COLUMNS, LIST_SEP, coerce, first_bad_cell

PARTITION_KEY = "year"
UNDATED = "undated"
ROWS_PER_FILE = 500_000
_ROW_GROUP = 100_000


def arrow_schema() -> Any:
    """The event table's pyarrow schema (from :data:`timeline.table.schema.COLUMNS`)."""
    import pyarrow as pa

    kinds = {"string": pa.string(), "Int64": pa.int64(), "Float64": pa.float64(),
             "date": pa.date32(), "list": pa.list_(pa.string()), "boolean": pa.bool_()}
    return pa.schema([pa.field(col.name, kinds[col.dtype]) for col in COLUMNS])


def _column(kind: str, values: pd.Series) -> list[object]:
    cells = [None if pd.isna(v) else v for v in values.astype(object)]
    if kind == "list":
        return [[] if v is None else [x for x in str(v).split(LIST_SEP) if x] for v in cells]
    if kind == "date":
        from datetime import date

        return [None if v in (None, "") else date.fromisoformat(str(v)) for v in cells]
    if kind == "string":
        return [None if v in (None, "") else str(v) for v in cells]
    return cells


def to_arrow(frame: pd.DataFrame) -> Any:
    """The event table as a pyarrow Table with :func:`arrow_schema`."""
    import pyarrow as pa

    schema = arrow_schema()
    arrays = [pa.array(_column(col.dtype, frame[col.name]), type=schema.field(col.name).type)
              for col in COLUMNS]
    return pa.Table.from_arrays(arrays, schema=schema)


def _years(frame: pd.DataFrame) -> list[str]:
    when = frame["start"].fillna(frame["end"]).astype(object)
    return [UNDATED if pd.isna(v) or not v else str(v)[:4] for v in when]


def partitions(frame: pd.DataFrame) -> Iterator[tuple[str, pd.DataFrame]]:
    """(folder name, rows) per year, in the table's order."""
    years = pd.Series(_years(frame), index=frame.index)
    for year in dict.fromkeys(years):
        yield f"{PARTITION_KEY}={year}", frame[years == year]


def write_parquet(frame: pd.DataFrame, path: Path, partition: bool = False) -> None:
    """Write the table to ``path``: one file, or (``partition``) a folder per year."""
    import pyarrow.parquet as pq

    if not partition:
        pq.write_table(to_arrow(frame), path, row_group_size=_ROW_GROUP)
        return
    path.mkdir()
    for name, rows in partitions(frame):
        (path / name).mkdir()
        for part, at in enumerate(range(0, len(rows), ROWS_PER_FILE)):
            chunk = rows.iloc[at:at + ROWS_PER_FILE]
            pq.write_table(to_arrow(chunk), path / name / f"part-{part}.parquet",
                           row_group_size=_ROW_GROUP)


def is_dataset(folder: Path) -> bool:
    """Whether ``folder`` is a partitioned table :func:`write_parquet` wrote."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return False
    return bool(entries) and all(
        e.is_dir() and e.name.startswith(f"{PARTITION_KEY}=") for e in entries)


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not is_dataset(path):
        raise TimelineError("not an event table; pass an events.parquet written by "
                            "'timeline build'", str(path))

    def order(folder: Path) -> tuple[str, int]:
        year = folder.name.split("=", 1)[1]
        return ("9999", 0) if year == UNDATED else (year, 1)

    folders = sorted(path.iterdir(), key=order)
    return [f for d in folders
            for f in sorted(d.glob("part-*.parquet"), key=lambda p: int(p.stem[5:]))]


def _as_cells(kind: str, values: list[object]) -> list[object]:
    if kind == "list":
        return [LIST_SEP.join(v) if v else None for v in values]  # type: ignore[arg-type]
    if kind == "date":
        return [None if v is None else v.isoformat() for v in values]  # type: ignore[attr-defined]
    return [None if v is None else str(v) for v in values]


def read_parquet(path: Path) -> pd.DataFrame:
    """An ``events.parquet`` (file or partitioned folder) as the typed event table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not path.exists():
        raise TimelineError("no such file; give the path of an events.parquet", str(path))
    try:
        tables = [pq.read_table(f) for f in _files(path)]
    except (pa.ArrowException, OSError) as exc:
        raise TimelineError(f"not a readable Parquet event table ({type(exc).__name__}); "
                            "pass a file written by 'timeline build'", str(path)) from None
    names = [c.name for c in COLUMNS if all(c.name in t.column_names for t in tables)]
    missing = [c.name for c in COLUMNS if c.name not in names and not c.later]
    if missing or not tables:
        raise TimelineError(f"missing columns {', '.join(missing) or 'all'}; "
                            "pass a file written by 'timeline build'", str(path))
    table = pa.concat_tables([t.select(names) for t in tables])
    kinds = {c.name: c.dtype for c in COLUMNS}
    frame = pd.DataFrame({n: _as_cells(kinds[n], table.column(n).to_pylist()) for n in names})
    frame = frame.reindex(columns=[c.name for c in COLUMNS])
    frame = frame.astype(object).where(frame.notna(), None)
    if problem := first_bad_cell(frame):
        raise TimelineError(f"{problem}; fix the cell or rebuild", str(path))
    return coerce(frame)


def read_events(path: Path) -> pd.DataFrame:
    """An event table from its CSV or its Parquet (file or partitioned folder)."""
    if path.name.lower().endswith(".parquet") or path.is_dir():
        return read_parquet(path)
    from timeline.table.schema import read_table

    return read_table(path)
