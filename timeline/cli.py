"""The ``timeline`` command line: each command parses its options and calls one
library function. Every TimelineError becomes ``Error: <message>`` on stderr and exit
code 1 (no traceback). Ctrl-C (SIGINT) exits with 130 and SIGTERM with 143, each after
one line on stderr: the signal becomes an exception, so the half-written outputs are
removed on the way out and the earlier outputs stay as they were."""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from timeline import __version__
from timeline.errors import TimelineError

if TYPE_CHECKING:
    from timeline.engine.run import Tick
    from timeline.pipeline import BuildResult

app = typer.Typer(
    name="timeline",
    help="Turn news articles into an event table (CSV/JSON) and an interactive timeline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class Terminated(BaseException):
    """SIGTERM, raised like KeyboardInterrupt so every ``finally`` cleans up."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


@contextmanager
def _on_sigterm() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` while a command runs (the main thread only)."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _user_errors() -> Iterator[None]:
    """TimelineError -> one line on stderr + exit 1; Ctrl-C -> exit 130, SIGTERM -> 143,
    each with one line on stderr."""
    try:
        with _on_sigterm():
            yield
    except TimelineError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted; earlier outputs are unchanged", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Terminated:
        typer.echo("Terminated; earlier outputs are unchanged", err=True)
        raise typer.Exit(EXIT_TERMINATED) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True,
        help="Print the version and exit.")] = False,
) -> None:
    """Turn news articles into an event table (CSV/JSON) and an interactive timeline."""


@contextmanager
def _progress_bar(quiet: bool) -> Iterator[Callable[[Tick], None] | None]:
    """A rich progress line on stderr: articles done, articles/s and MB/s of text read;
    None when quiet or when stderr is not a terminal (logs get the summary line only).
    It appears with the first batch done and is removed when the build ends."""
    from rich.console import Console

    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn

    bar = Progress(SpinnerColumn(), TextColumn("{task.fields[line]}"), console=console,
                   transient=True)
    task = bar.add_task("", total=None, line="")
    started = time.monotonic()

    def update(tick: Tick) -> None:
        seconds = max(time.monotonic() - started, 1e-6)
        line = (f"Articles {tick.articles:,}  {tick.articles / seconds:,.1f} articles/s  "
                f"{tick.nbytes / 1e6 / seconds:,.2f} MB/s  {tick.label[:40]}")
        bar.update(task, completed=tick.articles, line=line)
        bar.start()  # no-op once started

    try:
        yield update
    finally:
        bar.stop()


PathsArg = Annotated[list[Path], typer.Argument(
    metavar="PATHS",
    help="Article files (.txt, .md, .html, .jsonl, .csv, .parquet, .jsonl.gz, .csv.gz), "
    "folders (walked recursively) or quoted glob patterns ('shards/*.jsonl.gz').",
    show_default=False)]
LanesOpt = Annotated[str, typer.Option(
    "--lanes", metavar="article|source|actor",
    help="One timeline lane per article, per source (publisher) or per actor.")]
LinkOpt = Annotated[bool, typer.Option(
    "--link-plotlyjs",
    help="Link plotly.js from its CDN instead of inlining it (smaller file, needs internet).")]
LangOpt = Annotated[str | None, typer.Option(
    "--lang", metavar="CODE",
    help="Language of every input (ISO 639-1 code, e.g. en, de); overrides the inputs' own "
    "lang and language detection.", show_default=False)]
ModeOpt = Annotated[str, typer.Option(
    "--mode", metavar="news|narrative",
    help="Resolve relative dates against: news = the publication date; "
    "narrative = the most recent date mentioned before.")]


JobsOpt = Annotated[int | None, typer.Option(
    "--jobs", "-j", metavar="N", help="Worker processes (default: the machine's cores); "
    "the outputs are the same for any N.", show_default=False)]
EngineOpt = Annotated[str, typer.Option(
    "--engine", metavar="local|dask", help="local: this machine's processes; dask: a "
    "Dask cluster (adds events.parquet, partitioned by year).")]
SchedulerOpt = Annotated[str | None, typer.Option(
    "--scheduler", metavar="ADDRESS", help="With --engine dask: a running distributed "
    "scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster of --jobs workers).",
    show_default=False)]
PartitionOpt = Annotated[str, typer.Option(
    "--partition", metavar="auto|year|none", help="events.parquet as one file (none) or "
    "a folder per year (year); auto: per year from 1,000,000 rows.")]


@app.command()
def build(
    paths: PathsArg,
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="DIR", help="Output folder (created if missing).")] = Path("output"),
    pub_date: Annotated[str | None, typer.Option(
        "--pub-date", metavar="YYYY-MM-DD", help="Publication date YYYY-MM-DD for every article "
        "(overrides the articles' own dates).", show_default=False)] = None,
    formats: Annotated[str, typer.Option(
        "--format", "-f", metavar="FORMATS",
        help="Comma-separated outputs: csv (events.csv), json (events.json), parquet "
        "(events.parquet), "
        "html (timeline.html), timelinejs (timelinejs.json), png, svg "
        "(timeline.png/.svg; need Chromium), summary (summary.csv and summary.json: "
        "the key events, as 'timeline summarize' picks them).")] = "csv,html,summary",
    title: Annotated[str | None, typer.Option(
        "--title", metavar="TEXT", help="Title of the timeline page (default: the article's title, "
        "or 'News timeline' for several).", show_default=False)] = None,
    lanes: LanesOpt = "article",
    no_merge: Annotated[bool, typer.Option(
        "--no-merge", help="Keep every mention instead of merging mentions of the same "
        "event across articles.")] = False,
    keep_going: Annotated[bool, typer.Option(
        "--keep-going", help="Report and skip unreadable articles instead of stopping.")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar, no notes on assumed languages and no "
        "summary line (errors and skipped inputs still shown).")]
    = False,
    mode: ModeOpt = "news",
    nlp: Annotated[str, typer.Option(
        "--nlp", metavar="auto|spacy|rules",
        help="Actor/trigger extraction: auto (spaCy if installed, else rules) | "
        "spacy | rules.")] = "auto",
    link_plotlyjs: LinkOpt = False,
    lang: LangOpt = None,
    raw_csv: Annotated[bool, typer.Option(
        "--raw-csv", help="Write text cells of events.csv exactly as found, even when a "
        "spreadsheet would run them as a formula (=, +, -, @ first); by default such a "
        "cell starts with an apostrophe, which 'timeline render' removes again.")] = False,
    jobs: JobsOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    partition: PartitionOpt = "auto",
) -> None:
    """Build the event table and the timeline page from news articles."""
    from timeline.pipeline import build as run_build
    from timeline.pipeline import parse_date

    with _user_errors():
        date = parse_date(pub_date) if pub_date is not None else None
        with _progress_bar(quiet) as progress:
            result = run_build(paths, out_dir=out, formats=formats, pub_date=date, title=title,
                               lanes=lanes, merge=not no_merge, keep_going=keep_going,
                               mode=mode, nlp=nlp, inline_js=not link_plotlyjs,
                               progress=progress, lang=lang, raw_csv=raw_csv, jobs=jobs,
                               engine=engine, scheduler=scheduler, partition=partition)
    _report_build(result, quiet)


def _report_build(result: BuildResult, quiet: bool) -> None:
    """Skipped inputs (always) and, unless quiet, notes on assumed languages (stderr) and
    the summary line (stdout)."""
    for label, reason in result.skipped:
        typer.echo(f"Skipped {label}: {reason}", err=True)
    if not quiet:
        for label, note in result.notes:
            typer.echo(f"Note: {label}: {note}", err=True)
        typer.echo(result.describe())


@app.command()
def tag(
    jsonl_in: Annotated[str, typer.Argument(
        metavar="DOCS", help='JSONL input, one document a line: {"id": ..., "text": ..., '
        '"dct": "YYYY-MM-DD", "lang": "en"} (lang optional: detected if left out); '
        '- reads standard input.', show_default=False)],
    out: Annotated[str, typer.Option(
        "--out", "-o", metavar="FILE|DIR",
        help="Output file; - writes standard output; a folder for timeml.")] = "-",
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="jsonl|table|timeml",
        help="jsonl (one expression a line: doc, start, end, text, type, value, mod, "
        "earliest, latest, lang, lang_from) | table (aligned, for people) | timeml "
        "(each document as DIR/<id>.tml, HeidelTime's layout).")] = "jsonl",
    mode: ModeOpt = "news",
    lang: LangOpt = None,
) -> None:
    """Find and normalize temporal expressions (TIMEX3) only, no events."""
    from timeline.engine.tagdocs import tag_documents

    with _user_errors():
        count = tag_documents(jsonl_in, out, fmt=fmt, mode=mode, lang=lang)
    if out != "-":
        typer.echo(f"Wrote {count} temporal expression{'s' * (count != 1)} -> {out}", err=True)


@app.command()
def render(
    csv_in: Annotated[Path, typer.Argument(
        metavar="EVENTS_CSV", help="An event table written by 'timeline build' "
        "(possibly corrected by hand).", show_default=False)],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="FILE",
        help="HTML file to write (default: timeline.html next to the CSV).",
        show_default=False)] = None,
    title: Annotated[str, typer.Option(
        "--title", metavar="TEXT", help="Title of the timeline page.")] = "News timeline",
    lanes: LanesOpt = "article",
    link_plotlyjs: LinkOpt = False,
) -> None:
    """Re-render an event table (CSV or events.parquet) as the interactive timeline page."""
    from timeline.pipeline import render_table

    target = out if out is not None else csv_in.parent / "timeline.html"
    with _user_errors():
        written = render_table(csv_in, target, title=title, lanes=lanes,
                               inline_js=not link_plotlyjs)
    typer.echo(f"Rendered {csv_in} -> {written}")


def _report_json(data: dict[str, object], errors: bool) -> str:
    """The scores as JSON; the per-expression error rows only with --errors."""
    if not errors:
        data = {key: value for key, value in data.items() if key != "errors"}
    return json.dumps(data, ensure_ascii=False, indent=2)


@app.command("eval")
def evaluate(
    gold: Annotated[list[Path], typer.Argument(
        metavar="GOLD_DIR", help="Folders of TimeML .tml files (searched recursively; "
        "scores are given per folder and overall) or .tml files.", show_default=False)],
    errors: Annotated[bool, typer.Option(
        "--errors", help="Also list every missed, spurious and wrongly valued expression.")]
    = False,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the scores as JSON (for machines).")] = False,
    mode: ModeOpt = "news",
    anchoring: Annotated[bool, typer.Option(
        "--anchoring", help="Also score event anchoring: for each gold event-time link "
        "(TLINK) within one sentence, does our event for that expression have the gold "
        "trigger?")] = False,
    nlp: Annotated[str, typer.Option(
        "--nlp", metavar="auto|spacy|rules", help="Event path scored by --anchoring.")]
    = "auto",
    lang: Annotated[str, typer.Option(
        "--lang", metavar="CODE", help="Language of the gold documents (whose rules tag "
        "them); --anchoring scores English only so far.")] = "en",
) -> None:
    """Score the tagger on TimeML gold data (strict/relaxed span, type and value F1)."""
    from timeline.evaluation.anchoring import anchoring_report, format_anchoring
    from timeline.evaluation.evaluate import evaluate as run_eval
    from timeline.evaluation.evaluate import format_report
    from timeline.pipeline import check_language

    with _user_errors():
        code = check_language(lang)
        if anchoring and code != "en":
            raise TimelineError("--anchoring scores English only so far; drop --anchoring "
                                "or --lang")
        report = run_eval(gold, mode=mode, lang=code)
        extra = anchoring_report(gold, nlp=nlp, mode=mode) if anchoring else None
        data = report.to_json() | ({"anchoring": extra} if extra else {})
        text = _report_json(data, errors) if as_json else format_report(report, errors=errors)
        if extra and not as_json:
            text += "\n\n" + format_anchoring(extra)
    typer.echo(text)


@app.command()
def summarize(
    csv_in: Annotated[Path, typer.Argument(
        metavar="EVENTS_CSV", help="An event table written by 'timeline build'.",
        show_default=False)],
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="FILE", help="Summary file to write (.csv, or .json).")]
    = Path("summary.csv"),
    dates: Annotated[int | None, typer.Option(
        "--dates", metavar="N", help="Number of key dates (default: about one per 15 "
        "articles, at least 5, at most 60).", show_default=False)] = None,
    sentences: Annotated[int, typer.Option(
        "--sentences", metavar="K", help="Summary sentences per date.")] = 1,
    start: Annotated[str | None, typer.Option(
        "--start", metavar="YYYY-MM-DD", help="Consider only dates from this day on.",
        show_default=False)] = None,
    end: Annotated[str | None, typer.Option(
        "--end", metavar="YYYY-MM-DD", help="Consider only dates up to this day.",
        show_default=False)] = None,
) -> None:
    """Pick the key dates of an event table, each with a headline and summary sentences."""
    from timeline.pipeline import parse_date, summarize_table

    with _user_errors():
        first = parse_date(start) if start is not None else None
        last = parse_date(end) if end is not None else None
        summary = summarize_table(csv_in, out, dates=dates, sentences=sentences,
                                  start=first, end=last)
    n = len(summary)
    typer.echo(f"Summarized {csv_in} -> {n} key date{'s' * (n != 1)} -> {out}")


@app.command("eval-tls")
def eval_tls(
    summary_in: Annotated[Path, typer.Argument(
        metavar="SUMMARY", help="A summary.csv/.json written by 'timeline build' or "
        "'timeline summarize'.", show_default=False)],
    references: Annotated[list[Path], typer.Argument(
        metavar="REFERENCE_TIMELINE", help="Reference timelines in the tilse text format "
        "(a date line, its sentences, a line of dashes).", show_default=False)],
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the scores as JSON (for machines).")] = False,
) -> None:
    """Score key dates against reference timelines: Date-F1, concatenated and
    alignment-based ROUGE-1/2 F, per timeline and mean."""
    from timeline.evaluation.tls import mean_scores, scores_table
    from timeline.pipeline import evaluate_tls

    with _user_errors():
        scores = evaluate_tls(summary_in, references)
    if as_json:
        typer.echo(json.dumps({"timelines": [s.to_json() for s in scores],
                               "mean": mean_scores(scores)}, indent=2))
    else:
        typer.echo(scores_table(scores))


@app.command("eval-events")
def eval_events(
    reader: Annotated[Path, typer.Argument(
        metavar="READER_JSONL", help="A careful reader's dated events (JSON Lines: doc_id, "
        "expression, context, value, label).", show_default=False)],
    csv_in: Annotated[Path, typer.Argument(
        metavar="EVENTS_CSV", help="An event table built with --no-merge.",
        show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score an event table against a reader's dated events: the share with a row, the
    share with the reader's value, and the label overlap (ROUGE-1 F)."""
    from timeline.evaluation.labels import evaluate_labels, scores_text

    with _user_errors():
        scores = evaluate_labels(reader, csv_in)
    typer.echo(json.dumps(scores.to_json(), indent=2) if as_json else scores_text(scores))
