"""The build pipeline: files -> articles -> temporal expressions -> events -> outputs.

Each CLI command calls one function here (``build``, ``tag_documents``, ``render_table``).
The stage modules (ingest, tagger, events, merge, render) are imported when a function
needs them, so ``timeline --help`` stays fast and does not load spaCy or plotly.
Outputs are all or nothing (:func:`timeline.table.export.write_staged`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline.engine.batches import BATCH_ARTICLES, Batch, Settings, label, run_batch
from timeline.engine.local import default_jobs
from timeline.engine.merging import Mentions, merged_rows, spill_folder
from timeline.engine.run import (
    Gathered,
    Progress,
    Request,
    Skipped,
    Tick,
    gather,
    language_problem,
)
from timeline.engine.tagdocs import TagFunction, tag_documents, tag_each, tag_records
from timeline.errors import TimelineError
from timeline.ingest.documents import TagDocument
from timeline.ingest.language import fallback_note, option_language
from timeline.ingest.text import parse_iso_date as parse_date
from timeline.models import Article, Event
from timeline.options import (
    ENGINES,
    LANES,
    MODES,
    NLP_CHOICES,
    PARTITION_ROWS,
    PARTITIONS,
    check_choice,
)
from timeline.table.export import (
    Writer,
    atomic_write_text,
    check_out_dir,
    json_text,
    write_csv,
    write_json,
    write_staged,
)
from timeline.table.schema import events_to_frame

if TYPE_CHECKING:
    import plotly.graph_objects as go

if TYPE_CHECKING:  # pandas loads with the table, not for 'timeline tag'
    import pandas as pd

    from timeline.evaluation.tls import TimelineScores

__all__ = ["FORMATS", "OUTPUT_FILES", "BuildResult", "TagDocument", "TagFunction", "Tick", "build",
           "check_choice",
           "check_language",
           "collect_events", "evaluate_tls", "parse_date", "render_table", "resolve_formats",
           "key_events", "summarize_table", "summary_jobs", "tag_documents",
           "tag_each", "tag_records", "write_outputs"]

#: Output format -> file name written into the output folder.
OUTPUT_FILES: dict[str, str] = {
    "csv": "events.csv",
    "json": "events.json",
    "parquet": "events.parquet",
    "html": "timeline.html",
    "timelinejs": "timelinejs.json",
    "png": "timeline.png",
    "svg": "timeline.svg",
    "summary": "summary.csv",  # and summary.json: the key events (timeline.summary)
}
FORMATS: tuple[str, ...] = tuple(OUTPUT_FILES)



@dataclass(frozen=True, eq=False)
class BuildResult:
    """What one build produced: inputs read, events, skipped inputs, files written, and
    notes on articles whose language was assumed rather than given or detected."""

    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    skipped: tuple[tuple[str, str], ...]
    written: tuple[Path, ...]
    frame: pd.DataFrame
    notes: tuple[tuple[str, str], ...] = ()
    #: The key-event table (columns of timeline.table.summary_schema), when one was made.
    summary: pd.DataFrame | None = None

    def describe(self) -> str:
        """One line for people: 'Built 4 articles -> 37 events (2 skipped) -> a, b'."""
        n_art, n_ev = len(self.articles), len(self.events)
        skipped = f" ({len(self.skipped)} skipped)" if self.skipped else ""
        files = ", ".join(str(p) for p in self.written)
        return (f"Built {n_art} article{'s' * (n_art != 1)} -> {n_ev} event"
                f"{'s' * (n_ev != 1)}{skipped} -> {files}")

    def to_figure(self) -> go.Figure:
        """The timeline as a plotly Figure (for Jupyter): the key events when there is a
        summary, else every dated event."""
        from timeline.render.figure import build_figure

        return build_figure(self.frame, self.summary)

    def _repr_html_(self) -> str:
        """Jupyter's view: a short table of counts and the figure (plotly.js inlined,
        so it shows offline)."""
        from timeline.render.figure import result_html

        return result_html(self)


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


def _writer(fmt: str, frame: pd.DataFrame, title: str, lanes: str, inline_js: bool,
            raw_csv: bool = False, summary: pd.DataFrame | None = None,
            partition: str = "auto") -> Writer:
    if fmt == "parquet":
        from timeline.table.parquet import write_parquet

        split = partition == "year" or (partition == "auto" and len(frame) >= PARTITION_ROWS)
        return lambda path: write_parquet(frame, path, partition=split)
    if fmt == "csv":
        return lambda path: write_csv(frame, path, raw=raw_csv)
    if fmt == "json":
        return lambda path: write_json(frame, path)
    from timeline.render import html as render  # plotly is heavy: load it only for the pages

    if fmt == "timelinejs":
        return lambda path: atomic_write_text(
            path, json_text(render.timelinejs_json(frame, title=title, lanes=lanes,
                                                   summary=summary)))
    if fmt in ("png", "svg"):
        return lambda path: render.render_image(frame, path, fmt=fmt, title=title, lanes=lanes,
                                                summary=summary)
    return lambda path: render.render_html(frame, path, title=title, lanes=lanes,
                                           inline_js=inline_js, summary=summary)


def write_outputs(frame: pd.DataFrame, out_dir: str | Path, formats: Sequence[str], *,
                  title: str = "Timeline", lanes: str = "article",
                  inline_js: bool = True, raw_csv: bool = False,
                  summary: pd.DataFrame | None = None, partition: str = "auto",
                  extra: Sequence[tuple[Path, Writer]] = ()) -> tuple[Path, ...]:
    """Write the event table in each format into ``out_dir`` (all or nothing), with the
    ``extra`` (file, writer) jobs in the same staging. ``raw_csv`` writes text cells that
    look like spreadsheet formulas as they are; ``partition`` says when events.parquet is
    a folder per year (auto|year|none). ``summary`` (the key-event table; made from
    ``frame`` when the formats need it and none is given) is what the ``summary`` format
    writes, the page's first view and the TimelineJS slides."""
    fmts = resolve_formats(formats)
    if summary is None and "summary" in fmts:
        summary = key_events(frame)
    jobs = [(Path(out_dir) / OUTPUT_FILES[fmt],
             _writer(fmt, frame, title, lanes, inline_js, raw_csv, summary, partition))
            for fmt in fmts if fmt != "summary"]
    if "summary" in fmts and summary is not None:
        jobs += summary_jobs(summary, Path(out_dir))
    return write_staged([*jobs, *extra])


def collect_events(articles: Sequence[Article], *, mode: str = "news", nlp: str = "auto",
                   merge: bool = True, progress: Callable[[int, int, str], None] | None = None,
                   skipped: Skipped | None = None) -> list[Event]:
    """Tag each article, extract its events, and (unless ``merge`` is False) merge them.

    ``progress(done, total, label)`` is told before each article and once at the end.
    An article that fails (whatever the exception) raises a one-line TimelineError
    naming its file; when a ``skipped`` list is given (``--keep-going``) it is reported
    there as (file, reason) instead and the other articles go on."""
    events: list[Event] = []
    report = progress or (lambda done, total, label: None)
    settings = Settings(mode, nlp)
    for done, article in enumerate(articles):
        report(done, len(articles), article.title or article.doc_id)
        [outcome] = run_batch(Batch((done,), (article,)), settings).outcomes
        if outcome.failure is not None:
            if skipped is None:
                raise outcome.failure.error()
            skipped.append((outcome.failure.path, outcome.failure.reason))
        events.extend(outcome.events)
    report(len(articles), len(articles), "")
    if not merge:
        return events
    from timeline.events.merge import merge_events

    return merge_events(events, {article.doc_id: article.lang for article in articles})


def check_language(lang: str) -> str:
    """A ``--lang`` value as a code with temporal data, else a one-line TimelineError."""
    code = option_language(lang)
    if problem := language_problem(code, "option"):
        raise TimelineError(f"--lang {lang!r}: {problem}")
    return code


def _language_notes(articles: Sequence[Article]) -> tuple[tuple[str, str], ...]:
    found = ((label(a), fallback_note(a.lang, a.lang_from)) for a in articles)
    return tuple((path, document + note) for (path, document), note in found if note)


def _default_title(articles: Sequence[Article]) -> str:
    if len(articles) == 1 and articles[0].title:
        return articles[0].title
    return "News timeline"


def _request(paths: Sequence[str | Path], out_dir: Path, settings: Settings,
             jobs: int | None, **given: Any) -> Request:
    """The engine's request, every choice checked."""
    check_choice("--engine", given["engine"], ENGINES)
    if jobs is not None and jobs < 1:
        raise TimelineError(f"--jobs {jobs} is not a number of processes; give 1 or more")
    if given["batch_articles"] < 1:
        raise TimelineError("batch_articles must be 1 or more")
    return Request(tuple(Path(p) for p in paths), out_dir, settings,
                   jobs=jobs if jobs is not None else default_jobs(), **given)


def _gather(request: Request, progress: Progress | None,
            mentions: Mentions | None = None) -> Gathered:
    gathered = gather(request, progress, mentions)
    if not gathered.articles:
        where = ", ".join(str(p) for p in request.paths)
        fix = "fix the skipped files" if gathered.skipped else \
            "give .txt, .md, .html, .jsonl, .csv or .parquet files"
        raise TimelineError(f"no articles to build a timeline from; {fix}", where)
    return gathered


def build(paths: Sequence[str | Path], out_dir: str | Path = Path("output"),
          formats: Sequence[str] = ("csv", "html", "summary"), pub_date: date | None = None,
          title: str | None = None, lanes: str = "article", merge: bool = True,
          keep_going: bool = False, mode: str = "news", nlp: str = "auto",
          inline_js: bool = True, progress: Progress | None = None,
          lang: str | None = None, raw_csv: bool = False, jobs: int | None = None,
          engine: str = "local", scheduler: str | None = None, partition: str = "auto",
          batch_articles: int = BATCH_ARTICLES) -> BuildResult:
    """Read articles, find their dated events, and write the requested outputs.

    ``lang`` (``--lang``) sets every article's language; without it each article's
    metadata or its detected language decides (see :mod:`timeline.ingest.language`).
    ``raw_csv`` (``--raw-csv``) keeps formula-like text cells of events.csv as they are
    instead of prefixing an apostrophe (:mod:`timeline.table.formulas`).
    Articles are read and run in batches of ``batch_articles`` (:mod:`timeline.engine`),
    over ``jobs`` processes (default: the machine's cores) or, with ``engine='dask'``,
    on a Dask cluster (``scheduler``: its address; default a LocalCluster of ``jobs``
    workers; adds partitioned Parquet to the outputs); the outputs are the same
    whatever the engine and the jobs. ``partition`` (auto|year|none): events.parquet
    as a folder per year (see :mod:`timeline.table.parquet`). ``progress`` gets a
    :class:`~timeline.engine.run.Tick` after each batch.
    Raises TimelineError (one line naming the file and the fix) on bad input, an article
    in a language without data (skipped instead with ``keep_going``) or an unusable
    output folder; nothing is written in that case.
    """
    fmts = resolve_formats(formats)
    check_choice("--lanes", lanes, LANES)
    check_choice("--mode", mode, MODES)
    check_choice("--nlp", nlp, NLP_CHOICES)
    check_choice("--partition", partition, PARTITIONS)
    if engine == "dask":
        fmts, partition = (*dict.fromkeys((*fmts, "parquet")),), \
            "year" if partition == "auto" else partition
    check_out_dir(Path(out_dir))
    request = _request(paths, Path(out_dir), Settings(mode, nlp), jobs, pub_date=pub_date,
                       keep_going=keep_going, lang=lang, engine=engine, scheduler=scheduler,
                       batch_articles=batch_articles)
    with spill_folder(Path(out_dir)) as folder:
        gathered = _gather(request, progress, Mentions(folder) if merge else None)
        articles = gathered.articles
        events = list(merged_rows(gathered.mentions) if gathered.mentions is not None
                      else gathered.events)
    frame = events_to_frame(events)
    summary = key_events(frame) if set(fmts) & set(SUMMARY_USERS) else None
    written = write_outputs(frame, Path(out_dir), fmts, title=title or _default_title(articles),
                            lanes=lanes, inline_js=inline_js, raw_csv=raw_csv,
                            summary=summary, partition=partition)
    return BuildResult(articles, tuple(events), gathered.skipped, written, frame,
                       _language_notes(articles), summary)


def render_table(csv_in: str | Path, out_html: str | Path, title: str = "Timeline",
                 lanes: str = "article", inline_js: bool = True) -> Path:
    """Re-render an event table (a CSV, e.g. corrected by hand, or an events.parquet)
    as the HTML timeline, its key events (summarized from the table, as a build does)
    the first view."""
    from timeline.render.html import render_html
    from timeline.table.parquet import read_events

    check_choice("--lanes", lanes, LANES)
    frame = read_events(Path(csv_in))
    summary = key_events(frame)
    out_html = Path(out_html)

    def writer(path: Path) -> None:
        render_html(frame, path, title=title, lanes=lanes, inline_js=inline_js,
                    summary=summary)

    write_staged([(out_html, writer)])
    return out_html


# --- key events: timeline summarize, timeline eval-tls, summary.csv of a build --------

#: The key-event summary a build writes next to the event table.
SUMMARY_FILES: tuple[str, ...] = ("summary.csv", "summary.json")


#: The formats that show the key events (the summary is made for them).
SUMMARY_USERS: tuple[str, ...] = ("summary", "html", "timelinejs", "png", "svg")


def key_events(frame: pd.DataFrame) -> pd.DataFrame:
    """The key-event summary of an event table, with the default options."""
    from timeline.summary import summarize

    return summarize(frame)


def summary_jobs(summary: pd.DataFrame, out_dir: Path) -> list[tuple[Path, Writer]]:
    """(file, writer) jobs for the build's summary.csv and summary.json."""
    from timeline.table.summary_schema import write_summary_csv, write_summary_json

    return [(out_dir / SUMMARY_FILES[0], lambda path: write_summary_csv(summary, path)),
            (out_dir / SUMMARY_FILES[1], lambda path: write_summary_json(summary, path))]


def summarize_table(csv_in: str | Path, out: str | Path, dates: int | None = None,
                    sentences: int = 1, start: date | None = None,
                    end: date | None = None) -> pd.DataFrame:
    """``timeline summarize``: the key dates of an event table CSV, written to ``out``
    (.csv, or .json for JSON records); returns the summary. Bad options are a one-line
    TimelineError and nothing is written."""
    from timeline.summary import summarize
    from timeline.table.schema import read_table
    from timeline.table.summary_schema import write_summary_csv, write_summary_json

    if dates is not None and dates < 1:
        raise TimelineError(f"--dates {dates}: give at least 1 (or leave it out)")
    if sentences < 1:
        raise TimelineError(f"--sentences {sentences}: give at least 1")
    if start is not None and end is not None and end < start:
        raise TimelineError(f"--end {end} is before --start {start}; swap them")
    target = Path(out)
    if target.suffix.lower() not in (".csv", ".json"):
        raise TimelineError("the summary is written as .csv or .json; name the file so",
                            str(target))
    frame = read_table(Path(csv_in))
    summary = summarize(frame, dates=dates, sentences=sentences, start=start, end=end)
    writer = write_summary_json if target.suffix.lower() == ".json" else write_summary_csv
    write_staged([(target, lambda path: writer(summary, path))])
    return summary


def evaluate_tls(summary_in: str | Path,
                 references: Sequence[str | Path]) -> list[TimelineScores]:
    """``timeline eval-tls``: score a summary (summary.csv/.json) against each reference
    timeline (tilse text format): its best dates inside each reference's span, as many
    as the reference has."""
    from timeline.evaluation.tls import as_timeline, evaluate_timeline, read_timeline, restrict
    from timeline.table.summary_schema import read_summary

    if not references:
        raise TimelineError("no reference timelines; give one or more tilse .txt files")
    summary = read_summary(summary_in)
    rows = {date.fromisoformat(str(d)): [str(s)] if s else []
            for d, s in zip(summary["date"], summary["summary"], strict=True)}
    order = sorted(zip(summary["date"], summary["rank"], strict=True))
    system = as_timeline(Path(summary_in).stem, rows, [int(r) for _, r in order])
    return [evaluate_timeline(restrict(system, ref), ref)
            for ref in (read_timeline(path) for path in references)]
