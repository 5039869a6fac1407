"""The build pipeline: files -> articles -> temporal expressions -> events -> outputs.

Each CLI command calls one function here (``build``, ``tag_documents``, ``render_table``).
The stage modules (ingest, tagger, events, merge, render) are imported when a function
needs them, so ``timeline --help`` stays fast and does not load spaCy or plotly.

No partial output: every requested file is first written into a hidden staging folder
inside the output folder and only moved into place (``os.replace``) once all of them
were written; on any error the staging folder is removed and earlier outputs stay as
they were.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from timeline.errors import TimelineError
from timeline.models import Article, Event, Timex
from timeline.options import LANES, MODES, NLP_CHOICES
from timeline.table.export import atomic_write_text, json_text, write_csv, write_json
from timeline.table.schema import events_to_frame

#: Output format -> file name written into the output folder.
OUTPUT_FILES: dict[str, str] = {
    "csv": "events.csv",
    "json": "events.json",
    "html": "timeline.html",
    "timelinejs": "timelinejs.json",
    "png": "timeline.png",
    "svg": "timeline.svg",
}
FORMATS: tuple[str, ...] = tuple(OUTPUT_FILES)

#: ``progress(done, total, label)``: ``done`` of ``total`` articles are finished and
#: ``label`` (its title) is the one being worked on now ('' once all are done).
Progress = Callable[[int, int, str], None]
Writer = Callable[[Path], None]


@dataclass(frozen=True, eq=False)
class BuildResult:
    """What one build produced: inputs read, events, skipped inputs, files written."""

    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    skipped: tuple[tuple[str, str], ...]
    written: tuple[Path, ...]
    frame: pd.DataFrame

    def summary(self) -> str:
        """One line for people: 'Built 4 articles -> 37 events (2 skipped) -> a, b'."""
        n_art, n_ev = len(self.articles), len(self.events)
        skipped = f" ({len(self.skipped)} skipped)" if self.skipped else ""
        files = ", ".join(str(p) for p in self.written)
        return (f"Built {n_art} article{'s' * (n_art != 1)} -> {n_ev} event"
                f"{'s' * (n_ev != 1)}{skipped} -> {files}")


def check_choice(option: str, value: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else a one-line TimelineError."""
    if value not in choices:
        raise TimelineError(f"{option} {value!r} is not one of: {', '.join(choices)}")
    return value


def resolve_formats(formats: Sequence[str] | str) -> tuple[str, ...]:
    """'csv,html' or ['csv', 'html'] -> ('csv', 'html'); unknown names -> TimelineError."""
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    names = [item.strip().lower() for item in items if item.strip()]
    unknown = [name for name in names if name not in OUTPUT_FILES]
    if unknown or not names:
        shown = ", ".join(unknown) if unknown else "(none)"
        raise TimelineError(f"unknown output format {shown}; "
                            f"choose from: {', '.join(FORMATS)} (comma-separated)")
    return tuple(dict.fromkeys(names))


def parse_date(text: str, what: str = "--pub-date") -> date:
    """'2022-09-15' -> date; anything else -> one-line TimelineError."""
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise TimelineError(f"{what} {text!r} is not a date; write it as YYYY-MM-DD, "
                            "e.g. 2022-09-15") from None


def check_out_dir(out_dir: Path) -> None:
    """Fail early (before any work) if ``out_dir`` cannot be created or written."""
    label = str(out_dir) if str(out_dir).endswith(os.sep) else f"{out_dir}{os.sep}"
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
                            "choose another with -o", f"{folder}{os.sep}") from None


def write_staged(jobs: Sequence[tuple[Path, Writer]]) -> tuple[Path, ...]:
    """Run each ``writer(tmp_path)``, then move all results onto their targets.

    All targets must share one folder (created if missing). Either every target is
    replaced or none is.
    """
    if not jobs:
        return ()
    folder = jobs[0][0].parent
    ensure_folder(folder)
    try:
        staging = Path(tempfile.mkdtemp(prefix=".timeline-staging-", dir=folder))
    except OSError as exc:
        raise TimelineError(f"cannot write the output folder ({exc.strerror}); "
                            "choose another with -o", f"{folder}{os.sep}") from None
    try:
        for target, writer in jobs:
            if target.is_dir():
                raise TimelineError("a folder is in the way of this output file; "
                                    "remove it or choose another folder with -o", str(target))
            writer(staging / target.name)
        for target, _ in jobs:
            os.replace(staging / target.name, target)
    except OSError as exc:
        raise TimelineError(f"could not write output ({exc.strerror}); "
                            "choose another folder with -o", f"{folder}{os.sep}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return tuple(target for target, _ in jobs)


def _writer(fmt: str, frame: pd.DataFrame, title: str, lanes: str, inline_js: bool) -> Writer:
    if fmt == "csv":
        return lambda path: write_csv(frame, path)
    if fmt == "json":
        return lambda path: write_json(frame, path)
    from timeline.render import html as render  # plotly is heavy: load it only for the pages

    if fmt == "timelinejs":
        return lambda path: atomic_write_text(
            path, json_text(render.timelinejs_json(frame, title=title, lanes=lanes)))
    if fmt in ("png", "svg"):
        return lambda path: render.render_image(frame, path, fmt=fmt, title=title, lanes=lanes)
    return lambda path: render.render_html(frame, path, title=title, lanes=lanes,
                                           inline_js=inline_js)


def write_outputs(frame: pd.DataFrame, out_dir: str | Path, formats: Sequence[str], *,
                  title: str = "Timeline", lanes: str = "article",
                  inline_js: bool = True) -> tuple[Path, ...]:
    """Write the event table in each format into ``out_dir`` (all or nothing)."""
    jobs = [(Path(out_dir) / OUTPUT_FILES[fmt], _writer(fmt, frame, title, lanes, inline_js))
            for fmt in resolve_formats(formats)]
    return write_staged(jobs)


def collect_events(articles: Sequence[Article], *, mode: str = "news", nlp: str = "auto",
                   merge: bool = True, progress: Progress | None = None) -> list[Event]:
    """Tag each article, extract its events, and (unless ``merge`` is False) merge them."""
    from timeline.events.extract import extract_events
    from timeline.temporal.tagger import tag

    events: list[Event] = []
    report = progress or (lambda done, total, label: None)
    for done, article in enumerate(articles):
        report(done, len(articles), article.title or article.doc_id)
        try:
            timexes = tag(article.text, article.published, mode=mode, lang=article.lang)
        except TimelineError as exc:
            raise TimelineError(str(exc), article.path or article.doc_id) from None
        events.extend(extract_events(article, timexes, nlp=nlp))
    report(len(articles), len(articles), "")
    if not merge:
        return events
    from timeline.events.merge import merge_events

    return merge_events(events)


def _with_language_data(articles: list[Article], keep_going: bool,
                        skipped: list[tuple[str, str]]) -> list[Article]:
    """Articles whose language the tagger has data for; with ``keep_going`` the others are
    reported as skipped, otherwise the first one is an error naming its file."""
    from timeline.temporal.language import load_language

    known: dict[str, str] = {}
    kept = []
    for article in articles:
        if article.lang not in known:
            try:
                load_language(article.lang)
                known[article.lang] = ""
            except TimelineError as exc:
                known[article.lang] = str(exc)
        if not known[article.lang]:
            kept.append(article)
        elif keep_going:
            skipped.append((article.path or article.doc_id, known[article.lang]))
        else:
            raise TimelineError(known[article.lang], article.path or article.doc_id)
    return kept


def _default_title(articles: Sequence[Article]) -> str:
    if len(articles) == 1 and articles[0].title:
        return articles[0].title
    return "News timeline"


def build(paths: Sequence[str | Path], out_dir: str | Path = Path("output"),
          formats: Sequence[str] = ("csv", "html"), pub_date: date | None = None,
          title: str | None = None, lanes: str = "article", merge: bool = True,
          keep_going: bool = False, mode: str = "news", nlp: str = "auto",
          inline_js: bool = True, progress: Progress | None = None) -> BuildResult:
    """Read articles, find their dated events, and write the requested outputs.

    Raises TimelineError (one line naming the file and the fix) on bad input or an
    unusable output folder; nothing is written in that case.
    """
    from timeline.ingest.loader import load_articles

    fmts = resolve_formats(formats)
    check_choice("--lanes", lanes, LANES)
    check_choice("--mode", mode, MODES)
    check_choice("--nlp", nlp, NLP_CHOICES)
    check_out_dir(Path(out_dir))
    skipped: list[tuple[str, str]] = []
    articles = load_articles([Path(p) for p in paths], pub_date=pub_date,
                             keep_going=keep_going,
                             on_skip=lambda label, reason: skipped.append((label, reason)),
                             exclude=[Path(out_dir)])  # never read our own earlier outputs
    articles = _with_language_data(articles, keep_going, skipped)
    if not articles:
        where = ", ".join(str(p) for p in paths)
        fix = "fix the skipped files" if skipped else "give .txt, .md, .html, .jsonl or .csv files"
        raise TimelineError(f"no articles to build a timeline from; {fix}", where)
    events = collect_events(articles, mode=mode, nlp=nlp, merge=merge, progress=progress)
    frame = events_to_frame(events)
    written = write_outputs(frame, Path(out_dir), fmts, title=title or _default_title(articles),
                            lanes=lanes, inline_js=inline_js)
    return BuildResult(tuple(articles), tuple(events), tuple(skipped), written, frame)


def render_table(csv_in: str | Path, out_html: str | Path, title: str = "Timeline",
                 lanes: str = "article", inline_js: bool = True) -> Path:
    """Re-render an event table CSV (e.g. corrected by hand) as the HTML timeline."""
    from timeline.render.html import render_html
    from timeline.table.schema import read_table

    check_choice("--lanes", lanes, LANES)
    frame = read_table(Path(csv_in))
    out_html = Path(out_html)

    def writer(path: Path) -> None:
        render_html(frame, path, title=title, lanes=lanes, inline_js=inline_js)

    write_staged([(out_html, writer)])
    return out_html


# --- timeline tag: JSONL documents in, one temporal expression a line out -------------

TAG_FIELDS: tuple[str, ...] = ("doc", "start", "end", "text", "type", "value", "mod",
                               "earliest", "latest")
TAG_FORMATS: tuple[str, ...] = ("jsonl", "table")
#: ``tag(text, dct, mode=..., lang=...) -> list[Timex]``, as :func:`timeline.temporal.tagger.tag`.
TagFunction = Callable[..., list[Timex]]
_DOC_EXAMPLE = '{"id": "d1", "text": "...", "dct": "2022-09-15"}'


@dataclass(frozen=True, slots=True)
class TagDocument:
    """One line of the ``timeline tag`` input."""

    doc_id: str | int
    text: str
    dct: date
    lang: str = "en"


def _read_input(source: str | Path) -> tuple[str, str]:
    """(label, text) of a file, or of standard input for '-'."""
    if str(source) == "-":
        return "<stdin>", sys.stdin.read()
    path = Path(source)
    try:
        return str(path), path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TimelineError("no such file; give a JSONL file with one document a line",
                            str(path)) from None
    except IsADirectoryError:
        raise TimelineError("is a folder; give a JSONL file", str(path)) from None
    except UnicodeDecodeError:
        raise TimelineError("not UTF-8 text; save the JSONL file as UTF-8", str(path)) from None


def _parse_document(label: str, number: int, line: str) -> TagDocument:
    where = f"{label}: line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise TimelineError(f"line {number}: not valid JSON ({exc.msg}); "
                            f"write one object a line, e.g. {_DOC_EXAMPLE}", label) from None
    if not isinstance(record, dict):
        raise TimelineError(f"line {number}: not a JSON object; e.g. {_DOC_EXAMPLE}", label)
    doc_id, text, dct = record.get("id"), record.get("text"), record.get("dct")
    lang = record.get("lang", "en")
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool):
        raise TimelineError(f"line {number}: needs an \"id\" (a string)", label)
    if not isinstance(text, str):
        raise TimelineError(f"line {number}: needs a \"text\" (a string)", label)
    if not isinstance(dct, str) or not isinstance(lang, str):
        raise TimelineError(f"line {number}: needs a \"dct\" date string YYYY-MM-DD", label)
    return TagDocument(doc_id, text, parse_date(dct, what=f"{where}: \"dct\""), lang)


def read_documents(source: str | Path) -> list[TagDocument]:
    """Parse ``timeline tag`` input (blank lines are ignored); errors name file and line."""
    label, content = _read_input(source)
    return [_parse_document(label, number, line)
            for number, line in enumerate(content.splitlines(), start=1) if line.strip()]


def tag_records(documents: Sequence[TagDocument], mode: str = "news",
                tagger: TagFunction | None = None) -> list[dict[str, object]]:
    """One output record per temporal expression, documents in input order.
    ``tagger`` defaults to :func:`timeline.temporal.tagger.tag`."""
    check_choice("--mode", mode, MODES)
    if tagger is None:
        from timeline.temporal.tagger import tag as tagger
    records: list[dict[str, object]] = []
    for doc in documents:
        for timex in tagger(doc.text, doc.dct, mode=mode, lang=doc.lang):
            records.append({
                "doc": doc.doc_id, "start": timex.start, "end": timex.end,
                "text": timex.text, "type": timex.type, "value": timex.value,
                "mod": timex.mod,
                "earliest": timex.earliest.isoformat() if timex.earliest else None,
                "latest": timex.latest.isoformat() if timex.latest else None,
            })
    return records


def format_tag_records(records: Sequence[dict[str, object]], fmt: str = "jsonl") -> str:
    """JSONL (one compact object a line) or an aligned text table for people."""
    check_choice("--format", fmt, TAG_FORMATS)
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    rows = [list(TAG_FIELDS)] + [
        ["" if r[f] is None else str(r[f]).replace("\n", " ") for f in TAG_FIELDS]
        for r in records]
    widths = [max(len(row[i]) for row in rows) for i in range(len(TAG_FIELDS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    return "\n".join(lines) + "\n"


def tag_documents(jsonl_in: str | Path, jsonl_out: str | Path = "-", fmt: str = "jsonl",
                  mode: str = "news", tagger: TagFunction | None = None) -> int:
    """``timeline tag``: tag every document of a JSONL file; returns the number of
    expressions written. '-' reads standard input / writes standard output. The whole
    input is validated before anything is written."""
    check_choice("--format", fmt, TAG_FORMATS)
    records = tag_records(read_documents(jsonl_in), mode=mode, tagger=tagger)
    text = format_tag_records(records, fmt)
    if str(jsonl_out) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        out = Path(jsonl_out)
        ensure_folder(out.parent)
        atomic_write_text(out, text)
    return len(records)
