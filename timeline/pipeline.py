"""The build pipeline: files -> articles -> temporal expressions -> events -> outputs.

Each CLI command calls one function here (``build``, ``tag_documents``, ``render_table``).
The stage modules (ingest, tagger, events, merge, render) are imported when a function
needs them, so ``timeline --help`` stays fast and does not load spaCy or plotly.
Outputs are all or nothing (:func:`timeline.table.export.write_staged`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.errors import TimelineError
from timeline.ingest.documents import TagDocument, read_documents
from timeline.ingest.language import fallback_note, no_data_message, option_language
from timeline.ingest.text import parse_iso_date as parse_date
from timeline.langdata import available_languages
from timeline.models import Article, Event, Timex
from timeline.options import LANES, MODES, NLP_CHOICES
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
from timeline.table.timexes import (
    TAG_FORMATS,
    format_tag_records,
    timex_record,
    write_text_output,
)

if TYPE_CHECKING:  # pandas loads with the table, not for 'timeline tag'
    import pandas as pd

__all__ = ["FORMATS", "OUTPUT_FILES", "BuildResult", "TagDocument", "build", "check_choice",
           "check_language",
           "collect_events", "parse_date", "render_table", "resolve_formats", "tag_documents",
           "tag_records", "write_outputs"]

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
#: (file or record label, one-line reason) of each input a build skipped.
Skipped = list[tuple[str, str]]


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


def _writer(fmt: str, frame: pd.DataFrame, title: str, lanes: str, inline_js: bool,
            raw_csv: bool = False) -> Writer:
    if fmt == "csv":
        return lambda path: write_csv(frame, path, raw=raw_csv)
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
                  inline_js: bool = True, raw_csv: bool = False) -> tuple[Path, ...]:
    """Write the event table in each format into ``out_dir`` (all or nothing).
    ``raw_csv`` writes text cells that look like spreadsheet formulas as they are."""
    jobs = [(Path(out_dir) / OUTPUT_FILES[fmt],
             _writer(fmt, frame, title, lanes, inline_js, raw_csv))
            for fmt in resolve_formats(formats)]
    return write_staged(jobs)


def _article_events(article: Article, mode: str, nlp: str) -> list[Event]:
    """The events of one article; any failure is a one-line TimelineError naming its file."""
    from timeline.events.extract import extract_events
    from timeline.ingest.text import failure
    from timeline.temporal.tagger import tag

    path, document = _label(article)
    try:
        timexes = tag(article.text, article.published, mode=mode, lang=article.lang)
        found = extract_events(article, timexes, nlp=nlp)
    except TimelineError as exc:
        raise TimelineError(document + str(exc), path) from None
    except Exception as exc:  # noqa: BLE001 - a bug on one article must not sink the build
        raise TimelineError(f"{document}could not build this article ({failure(exc)})",
                            path) from None
    return [replace(event, lang=article.lang, lang_from=article.lang_from) for event in found]


def collect_events(articles: Sequence[Article], *, mode: str = "news", nlp: str = "auto",
                   merge: bool = True, progress: Progress | None = None,
                   skipped: Skipped | None = None) -> list[Event]:
    """Tag each article, extract its events, and (unless ``merge`` is False) merge them.

    An article that fails (whatever the exception) raises a one-line TimelineError
    naming its file; when a ``skipped`` list is given (``--keep-going``) it is reported
    there as (file, reason) instead and the other articles go on."""
    events: list[Event] = []
    report = progress or (lambda done, total, label: None)
    for done, article in enumerate(articles):
        report(done, len(articles), article.title or article.doc_id)
        try:
            events.extend(_article_events(article, mode, nlp))
        except TimelineError as exc:
            if skipped is None:
                raise
            skipped.append((exc.path or article.doc_id, _reason(exc)))
    report(len(articles), len(articles), "")
    if not merge:
        return events
    from timeline.events.merge import merge_events

    return merge_events(events, {article.doc_id: article.lang for article in articles})


def _reason(exc: TimelineError) -> str:
    message = str(exc)
    prefix = f"{exc.path}: "
    return message[len(prefix):] if exc.path and message.startswith(prefix) else message


def language_problem(lang: str, source: str) -> str:
    """'' when ``lang`` has temporal data, else the one-line refusal with the fix."""
    available = available_languages()
    return "" if lang in available else no_data_message(lang, source, available)


def check_language(lang: str) -> str:
    """A ``--lang`` value as a code with temporal data, else a one-line TimelineError."""
    code = option_language(lang)
    if problem := language_problem(code, "option"):
        raise TimelineError(f"--lang {lang!r}: {problem}")
    return code


def _label(article: Article) -> tuple[str, str]:
    """(file, 'document <id>: ' for a record of a collection, else '')."""
    path = article.path or article.doc_id
    in_collection = Path(path).suffix.lower() in (".jsonl", ".csv")
    return path, f"document {article.doc_id!r}: " if in_collection else ""


def _with_language_data(articles: list[Article], keep_going: bool,
                        skipped: Skipped) -> list[Article]:
    """Articles whose language the tagger has data for. Any other is never tagged with
    another language's rules: it is an error naming its file, or with ``keep_going``
    reported as skipped."""
    kept = []
    for article in articles:
        problem = language_problem(article.lang, article.lang_from)
        if not problem:
            kept.append(article)
            continue
        path, document = _label(article)
        if not keep_going:
            raise TimelineError(document + problem, path)
        skipped.append((path, document + problem))
    return kept


def _language_notes(articles: Sequence[Article]) -> tuple[tuple[str, str], ...]:
    found = ((_label(a), fallback_note(a.lang, a.lang_from)) for a in articles)
    return tuple((path, document + note) for (path, document), note in found if note)


def _default_title(articles: Sequence[Article]) -> str:
    if len(articles) == 1 and articles[0].title:
        return articles[0].title
    return "News timeline"


def _read_articles(paths: Sequence[str | Path], out_dir: Path, pub_date: date | None,
                   keep_going: bool, lang: str | None) -> tuple[list[Article], Skipped]:
    """The articles a build tags (each in a language with data) and the skipped inputs."""
    from timeline.ingest.loader import load_articles

    skipped: Skipped = []
    articles = load_articles([Path(p) for p in paths], pub_date=pub_date,
                             keep_going=keep_going,
                             on_skip=lambda label, reason: skipped.append((label, reason)),
                             exclude=[out_dir], lang=lang)  # never read our own outputs
    articles = _with_language_data(articles, keep_going, skipped)
    if not articles:
        where = ", ".join(str(p) for p in paths)
        fix = "fix the skipped files" if skipped else "give .txt, .md, .html, .jsonl or .csv files"
        raise TimelineError(f"no articles to build a timeline from; {fix}", where)
    return articles, skipped


def build(paths: Sequence[str | Path], out_dir: str | Path = Path("output"),
          formats: Sequence[str] = ("csv", "html"), pub_date: date | None = None,
          title: str | None = None, lanes: str = "article", merge: bool = True,
          keep_going: bool = False, mode: str = "news", nlp: str = "auto",
          inline_js: bool = True, progress: Progress | None = None,
          lang: str | None = None, raw_csv: bool = False) -> BuildResult:
    """Read articles, find their dated events, and write the requested outputs.

    ``lang`` (``--lang``) sets every article's language; without it each article's
    metadata or its detected language decides (see :mod:`timeline.ingest.language`).
    ``raw_csv`` (``--raw-csv``) keeps formula-like text cells of events.csv as they are
    instead of prefixing an apostrophe (:mod:`timeline.table.formulas`).
    Raises TimelineError (one line naming the file and the fix) on bad input, an article
    in a language without data (skipped instead with ``keep_going``) or an unusable
    output folder; nothing is written in that case.
    """
    fmts = resolve_formats(formats)
    check_choice("--lanes", lanes, LANES)
    check_choice("--mode", mode, MODES)
    check_choice("--nlp", nlp, NLP_CHOICES)
    check_out_dir(Path(out_dir))
    articles, skipped = _read_articles(paths, Path(out_dir), pub_date, keep_going, lang)
    events = collect_events(articles, mode=mode, nlp=nlp, merge=merge, progress=progress,
                            skipped=skipped if keep_going else None)
    frame = events_to_frame(events)
    written = write_outputs(frame, Path(out_dir), fmts, title=title or _default_title(articles),
                            lanes=lanes, inline_js=inline_js, raw_csv=raw_csv)
    return BuildResult(tuple(articles), tuple(events), tuple(skipped), written, frame,
                       _language_notes(articles))


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

#: ``tag(text, dct, mode=..., lang=...) -> list[Timex]``, as :func:`timeline.temporal.tagger.tag`.
TagFunction = Callable[..., list[Timex]]


def tag_records(documents: Sequence[TagDocument], mode: str = "news",
                tagger: TagFunction | None = None) -> list[dict[str, object]]:
    """One output record per temporal expression, documents in input order.
    ``tagger`` defaults to :func:`timeline.temporal.tagger.tag`."""
    check_choice("--mode", mode, MODES)
    from timeline.temporal.tagger import tag

    run: TagFunction = tagger or tag
    return [timex_record(doc.doc_id, timex, doc.lang, doc.lang_from)
            for doc in documents
            for timex in run(doc.text, doc.dct, mode=mode, lang=doc.lang)]


def tag_documents(jsonl_in: str | Path, jsonl_out: str | Path = "-", fmt: str = "jsonl",
                  mode: str = "news", tagger: TagFunction | None = None,
                  lang: str | None = None) -> int:
    """``timeline tag``: tag every document of a JSONL file; returns the number of
    expressions written. '-' reads standard input / writes standard output. ``lang``
    (``--lang``) overrides the documents' languages. The whole input is validated
    (a document in a language without data is an error) before anything is written."""
    check_choice("--format", fmt, TAG_FORMATS)
    documents = read_documents(jsonl_in, lang=lang)
    label = "<stdin>" if str(jsonl_in) == "-" else str(jsonl_in)
    for doc in documents:
        if problem := language_problem(doc.lang, doc.lang_from):
            raise TimelineError(f"document {doc.doc_id!r}: {problem}", label)
    records = tag_records(documents, mode=mode, tagger=tagger)
    write_text_output(format_tag_records(records, fmt), jsonl_out)
    return len(records)
