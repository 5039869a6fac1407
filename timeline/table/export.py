"""Writing output files: atomically, deterministically, with one-line errors.

Every file the tool writes goes through :func:`atomic_write_bytes`: the data goes to a
temporary file in the target folder, is flushed to disk, then renamed over the target
with ``os.replace``. A failure at any point removes the temporary file, so a target is
either the complete new file or untouched.

An output may be a folder (a partitioned ``events.parquet``): it is staged whole and
swapped into place by two renames.

No partial output across files either: :func:`write_staged` writes every file of a
build into a hidden staging folder inside the output folder and moves them into place
only once all of them were written; on any error (or Ctrl-C, or SIGTERM: the CLI turns
it into an exception) the staging folder is removed and earlier outputs stay as they
were. The folder's bookkeeping (stale staging folders, the lock) is
:mod:`timeline.table.staging`.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.errors import TimelineError
from timeline.table.formulas import neutralise_cell
from timeline.table.schema import COLUMN_NAMES, COLUMNS, LIST_SEP, TEXT_COLUMNS
from timeline.table.staging import clean_stale, folder_lock, staging_prefix

if TYPE_CHECKING:  # pandas loads with the table, not for 'timeline tag'
    import pandas as pd

_FIX = "choose another with -o"
#: ``writer(path)`` writes one output file at ``path`` (a path in the staging folder).
Writer = Callable[[Path], None]


def _folder_label(folder: Path) -> str:
    text = str(folder)
    return text if text.endswith(os.sep) else text + os.sep


def check_folder(folder: Path) -> None:
    """Raise TimelineError unless ``folder`` is an existing folder we may write into."""
    label = _folder_label(folder)
    if not folder.exists():
        raise TimelineError(f"folder does not exist; create it or {_FIX}", label)
    if not folder.is_dir():
        raise TimelineError(f"not a folder; {_FIX}", label)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise TimelineError(f"folder is not writable; {_FIX}", label)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_bytes(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or chunks of them written one by one, so a big table is
    never whole in memory) to ``path`` so that no reader ever sees a partial file."""
    path = Path(path)
    folder = path.parent
    check_folder(folder)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise TimelineError(f"folder is not writable ({exc.strerror}); {_FIX}",
                            _folder_label(folder)) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), _default_mode())
            for chunk in [data] if isinstance(data, bytes) else data:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise TimelineError(_os_reason(exc), str(path)) from None  # "(No space left ...)"
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (best effort: not every platform can open a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 exactly as given (no newline translation), atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def check_out_dir(out_dir: Path) -> None:
    """Fail early (before any work) if ``out_dir`` cannot be created or written."""
    label = _folder_label(Path(out_dir))
    probe = Path(out_dir)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise TimelineError(f"cannot create the output folder ({probe} is a file); "
                            "choose another with -o", label)
    if probe.exists() and not os.access(probe, os.W_OK | os.X_OK):
        raise TimelineError("output folder is not writable; choose another with -o", label)


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) or raise a one-line TimelineError."""
    check_out_dir(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TimelineError(f"cannot create the output folder ({exc.strerror}); "
                            "choose another with -o", _folder_label(folder)) from None


def _os_reason(exc: OSError) -> str:
    """A one-line reason for ``exc`` that says how to fix it."""
    return f"could not write the file ({exc.strerror or exc}); {_FIX}"


def _as_target(exc: TimelineError, staged: Path, target: Path) -> TimelineError:
    """``exc`` about the staged file (or its folder) reworded about the user's ``target``."""
    if not exc.path or not exc.path.startswith(str(staged.parent)):
        return exc
    message = str(exc)[len(exc.path) + 2:]
    return TimelineError(message, str(target))


def _stage(staging: Path, jobs: Sequence[tuple[Path, Writer]]) -> None:
    from timeline.table.parquet import is_dataset

    for target, writer in jobs:
        if target.is_dir() and not target.is_symlink() and not is_dataset(target):
            raise TimelineError("a folder is in the way of this output file; "
                                "remove it or choose another folder with -o", str(target))
        staged = staging / target.name
        try:
            writer(staged)
        except TimelineError as exc:
            raise _as_target(exc, staged, target) from None
        except OSError as exc:
            raise TimelineError(_os_reason(exc), str(target)) from None


def _move_into_place(staging: Path, folder: Path, jobs: Sequence[tuple[Path, Writer]]) -> None:
    with folder_lock(folder):
        for target, _ in jobs:
            try:
                _replace(staging / target.name, target, staging)
            except OSError as exc:
                raise TimelineError(_os_reason(exc), str(target)) from None


def _replace(staged: Path, target: Path, staging: Path) -> None:
    """Move ``staged`` onto ``target``. A folder output (a partitioned table) or one
    that replaces a folder swaps by two renames: the old one into the staging folder
    (removed with it), then the new one into place (the old one back if that fails)."""
    if not (staged.is_dir() or (target.is_dir() and not target.is_symlink())):
        os.replace(staged, target)
        return
    old = staging / f".old-{target.name}"
    moved = target.exists() or target.is_symlink()
    if moved:
        os.rename(target, old)
    try:
        os.rename(staged, target)
    except OSError:
        if moved:
            os.rename(old, target)
        raise


def write_staged(jobs: Sequence[tuple[Path, Writer]]) -> tuple[Path, ...]:
    """Run each ``writer(tmp_path)``, then move all results onto their targets.

    All targets must share one folder (created if missing). Either every target is
    replaced or none is; errors name the target, never the staging folder. Stale
    staging folders of earlier builds are removed first (:mod:`timeline.table.staging`).
    """
    if not jobs:
        return ()
    folder = jobs[0][0].parent
    ensure_folder(folder)
    clean_stale(folder)
    try:
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(), dir=folder))
    except OSError as exc:
        raise TimelineError(f"cannot write the output folder ({exc.strerror}); "
                            "choose another with -o", _folder_label(folder)) from None
    try:
        _stage(staging, jobs)
        _move_into_place(staging, folder, jobs)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return tuple(target for target, _ in jobs)


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in COLUMN_NAMES if c not in frame.columns]
    if missing:
        raise ValueError(f"event table lacks columns: {', '.join(missing)}")
    return frame[list(COLUMN_NAMES)]


#: Rows of the table turned into text at a time by the CSV and JSON writers.
CHUNK_ROWS = 20_000


def _chunks(frame: pd.DataFrame) -> Iterator[pd.DataFrame]:
    for start in range(0, max(len(frame), 1), CHUNK_ROWS):
        yield frame.iloc[start:start + CHUNK_ROWS]


def csv_text(frame: pd.DataFrame, raw: bool = False) -> str:
    """The event table as CSV text: schema column order, '\\n' line ends, no index.

    Text cells a spreadsheet would evaluate as a formula get a leading apostrophe
    (:mod:`timeline.table.formulas`; :func:`timeline.table.schema.read_table` removes
    it again) unless ``raw``."""
    return "".join(_csv_parts(frame, raw))


def _csv_parts(frame: pd.DataFrame, raw: bool) -> Iterator[str]:
    """The CSV text of :func:`csv_text`, :data:`CHUNK_ROWS` rows at a time."""
    for n, chunk in enumerate(_chunks(_ordered(frame))):
        if not raw:
            chunk = chunk.copy()
            for name in TEXT_COLUMNS:
                chunk[name] = chunk[name].map(_inert, na_action="ignore")
        yield _unix_records(chunk.to_csv(index=False, header=n == 0, lineterminator="\r\n"))


_QUOTE_OR_END_RE = re.compile(r'"|\r\n')


def _unix_records(text: str) -> str:
    """CSV text with '\\r\\n' record ends -> the same with '\\n' ends. Written with
    '\\r\\n', the csv writer quotes every field holding a carriage return (with '\\n' it
    leaves a lone one bare, and readers take it for a line end); a '\\r\\n' inside a
    quoted field stays as it is."""
    parts, quoted, start = [], False, 0
    for match in _QUOTE_OR_END_RE.finditer(text):
        if match.group() == '"':
            quoted = not quoted
        elif not quoted:
            parts += [text[start:match.start()], "\n"]
            start = match.end()
    parts.append(text[start:])
    return "".join(parts)


def _inert(value: object) -> object:
    return neutralise_cell(value) if isinstance(value, str) else value


def write_csv(frame: pd.DataFrame, path: Path, raw: bool = False) -> None:
    """Write the event table as a UTF-8 CSV; same frame -> byte-identical file. Formula
    text is made inert unless ``raw`` (``--raw-csv``), see :func:`csv_text`."""
    atomic_write_bytes(path, (part.encode("utf-8") for part in _csv_parts(frame, raw)))


def _json_value(kind: str, value: object) -> object:
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return [] if kind == "list" else None
    if kind == "list":
        if isinstance(value, str):
            return [item for item in value.split(LIST_SEP) if item]
        return [str(item) for item in value]  # type: ignore[attr-defined]
    if kind == "Int64":
        return int(value)  # type: ignore[call-overload]
    if kind == "Float64":
        return float(value)  # type: ignore[arg-type]
    if kind == "date" and hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value) if kind in ("string", "date") else value


def frame_records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The event table as JSON-ready records: lists as arrays, dates ISO, NA as null."""
    return list(_records(_ordered(frame)))


def _records(ordered: pd.DataFrame) -> Iterator[dict[str, object]]:
    kinds = [(c.name, c.dtype) for c in COLUMNS]
    for chunk in _chunks(ordered):
        for row in chunk.to_dict(orient="records"):
            yield {name: _json_value(kind, row[name]) for name, kind in kinds}


def json_text(payload: object) -> str:
    """Deterministic, human-readable JSON (UTF-8 characters kept, indent 2, final newline)."""
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def write_json(frame: pd.DataFrame, path: Path) -> None:
    """Write the event table as a JSON array of records; same frame -> identical file."""
    atomic_write_bytes(path, (part.encode("utf-8") for part in _json_parts(frame)))


def _json_parts(frame: pd.DataFrame) -> Iterator[str]:
    """:func:`json_text` of the records, a record at a time (the same text)."""
    if frame.empty:
        yield json_text([])
        return
    for n, record in enumerate(_records(_ordered(frame))):
        body = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        yield ("[\n  " if n == 0 else ",\n  ") + body
    yield "\n]\n"
