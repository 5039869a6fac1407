"""Ingest: find article files and turn them into :class:`~timeline.models.Article` objects.

Supported inputs: ``.txt`` / ``.md`` (optional ``---`` front matter), saved web pages
(``.html`` / ``.htm``), and collections with one article per record (``.jsonl`` lines,
``.csv`` rows, ``.parquet`` rows, ``.jsonl.gz`` / ``.csv.gz``; fields ``id, title, text,
published, url, source, lang``), and glob patterns matching such files (see
:mod:`timeline.ingest.shards`).

:func:`stream_articles` reads them lazily, a file (and a big collection a record) at a
time, for builds of any size; :func:`load_articles` returns them all at once.

``doc_id`` is stable across runs: a collection's own ``id``, else the file path relative
to the argument it was found under (POSIX separators; a file given directly is named by
its file name), plus ``#<n>`` for a collection record without an id (``n`` is the JSONL
line number or the CSV data-row number). If two inputs would get the same id, the later
one gets ``~2``, ``~3``... in input order.

The publication date (the reference date relative expressions are resolved against) is
the ``pub_date`` argument if given, else the article's own metadata; it never defaults
to today. See :mod:`timeline.ingest.text` for the text-decoding policy.

Outputs are never inputs: files the tool wrote (:mod:`timeline.ingest.own_output`) are
left out of a folder's walk, and one given by name is refused; so is a symbolic link that
loops (an error, or skipped with ``keep_going``). Any failure reading one file, expected
or not, is that file's problem: a one-line error naming it, or skipped with
``keep_going``.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from timeline.errors import TimelineError
from timeline.ingest.formats import READERS
from timeline.ingest.language import (
    DEFAULT_LANG,
    LangChoice,
    choose_language,
    option_language,
)
from timeline.ingest.own_output import OWN_OUTPUT, is_own_output
from timeline.ingest.shards import (
    SUPPORTED,
    expand_pattern,
    input_kind,
    is_own_table,
    is_pattern,
    read_stream,
    streams,
)
from timeline.ingest.text import Draft, RowProblem, failure, parse_published
from timeline.langdata import available_languages
from timeline.models import Article

SUPPORTED_SUFFIXES: tuple[str, ...] = SUPPORTED
OnSkip = Callable[[str, str], None]
_SUFFIX_LIST = ", ".join(SUPPORTED_SUFFIXES[:-1]) + " or " + SUPPORTED_SUFFIXES[-1]
_NO_DATE_FIX = {
    "text": "add 'published: YYYY-MM-DD' front matter or pass --pub-date YYYY-MM-DD",
    "html": (
        "pass --pub-date YYYY-MM-DD, or save the text as .md with "
        "'published: YYYY-MM-DD' front matter"
    ),
    "row": "add a 'published' field (YYYY-MM-DD) or pass --pub-date YYYY-MM-DD",
}
_log = logging.getLogger(__name__)


class _Skipper:
    """Raises the first problem, or (keep_going) reports it through ``on_skip``."""

    def __init__(self, keep_going: bool, on_skip: OnSkip | None) -> None:
        self.keep_going = keep_going
        self.on_skip = on_skip

    def __call__(self, path: str, reason: str, where: str = "", harmless: bool = False) -> None:
        if not self.keep_going and not harmless:
            raise TimelineError(f"{where}: {reason}" if where else reason, path)
        label = f"{path} {where}" if where else path
        if self.on_skip is None:
            _log.warning("skipped %s: %s", label, reason)
        else:
            self.on_skip(label, reason)


def discover(paths: Sequence[Path], exclude: Sequence[Path] = ()) -> list[Path]:
    """The supported article files among ``paths``, folders walked recursively.

    Order is stable: arguments in the order given, each folder's files sorted by their
    relative path; hidden files and folders (names starting with ``.``) inside a folder
    are skipped, and a file reached twice is listed once. A missing path, a folder with
    no supported file, or a file given directly with an unsupported suffix raises
    TimelineError. Folders in ``exclude`` (a build's own output folder) are not walked.
    """
    return [path for path, _ in _find(paths, _Skipper(False, None), exclude)]


def load_articles(
    paths: Sequence[Path],
    pub_date: date | None = None,
    keep_going: bool = False,
    on_skip: OnSkip | None = None,
    exclude: Sequence[Path] = (),
    lang: str | None = None,
) -> list[Article]:
    """Read every article under ``paths`` (see :func:`discover`), in discovery order.

    One Article per text, Markdown or HTML file and one per record of a ``.jsonl`` or
    ``.csv`` collection. ``pub_date`` (the CLI's ``--pub-date``) overrides every
    article's own date, ``lang`` (``--lang``) every article's language (else its
    metadata, its detected language, the majority of the others, English: see
    :mod:`timeline.ingest.language`; ``Article.lang_from`` says which). The first bad
    file or record raises TimelineError naming the file; with ``keep_going`` it is
    instead reported as ``on_skip(label, reason)`` (label: the path, or
    ``"<path> line 3"`` / ``"<path> row 2"`` for a record; reason: one line ending in the
    fix) and skipped, so the result may be empty.
    """
    found = stream_articles(paths, pub_date, keep_going, on_skip, exclude, lang)
    return [article for _, article in sorted(found, key=lambda pair: pair[0])]


def stream_articles(
    paths: Sequence[Path],
    pub_date: date | None = None,
    keep_going: bool = False,
    on_skip: OnSkip | None = None,
    exclude: Sequence[Path] = (),
    lang: str | None = None,
) -> Iterator[tuple[int, Article]]:
    """(input position, Article) for each article, lazily, as :func:`load_articles`
    reads them (same ids, dates, languages and problems). An article whose language
    its text cannot tell waits until the end, when the majority of the others is known
    (such texts are short); every other one comes as soon as it is read."""
    skip = _Skipper(keep_going, on_skip)
    if isinstance(pub_date, datetime):
        pub_date = pub_date.date()
    option = option_language(lang)
    counts: Counter[str] = Counter()
    undecided: list[tuple[int, Article]] = []
    used_ids: set[str] = set()
    seq = 0
    for path, rel in _find(paths, skip, exclude):
        for draft, published, _, choice in _read_file(path, rel, skip, pub_date, option):
            article = _article(draft, published, path, used_ids, choice)
            if choice.lang:
                counts[choice.lang] += 1
                yield seq, article
            else:
                undecided.append((seq, article))
            seq += 1
    fallback = _fallback(counts)
    for position, article in undecided:
        yield position, replace(article, lang=fallback.lang, lang_from=fallback.source)


def _fallback(counts: Counter[str]) -> LangChoice:
    """The language most decided articles are in (the first seen on a tie), else the
    default (:func:`timeline.ingest.language.fallback_language`)."""
    if counts:
        return LangChoice(counts.most_common(1)[0][0], "majority")
    return LangChoice(DEFAULT_LANG, "default")


def _read_file(path: Path, rel: str, skip: _Skipper, pub_date: date | None, option: str
               ) -> Iterator[tuple[Draft, date, Path, LangChoice]]:
    """The good records of one file with their dates and languages (undecided: '')."""
    kind = input_kind(path)
    suffix = kind.removesuffix(".gz")
    items = _records(path, rel, kind, skip)
    for item in items:
        if isinstance(item, RowProblem):
            skip(str(path), item.reason, item.where, item.empty)  # empty: skipped, never fatal
            continue
        choice = choose_language(option, item.lang, item.text)
        if pub_date:
            item.published_from = "option"
        try:
            published = pub_date or _own_date(item, suffix, choice.lang)
        except TimelineError as err:
            skip(str(path), _reason(err), item.where)
            continue
        yield item, published, path, choice


def _records(path: Path, rel: str, kind: str, skip: _Skipper
             ) -> Iterator[Draft | RowProblem]:
    """The records of one file; a failure of the file (even one found halfway through a
    streamed file) is reported as the file's and ends it."""
    try:
        if streams(path, kind):
            yield from read_stream(path, rel, kind)
        else:
            yield from READERS[kind](path, rel)
    except TimelineError as err:
        skip(str(path), _reason(err))
    except Exception as err:  # noqa: BLE001 - any failure of one file is that file's
        skip(str(path), f"could not read this file ({failure(err)}); check the file")


def _find(paths: Sequence[Path], skip: _Skipper, exclude: Sequence[Path] = ()
          ) -> Iterator[tuple[Path, str]]:
    """(file, rel name) pairs, lazily, so problems are reported in argument order."""
    seen: set[Path] = set()
    pruned = frozenset(key for p in exclude if (key := _resolved(Path(p))) is not None)
    for argument in paths:
        argument = Path(argument)
        try:
            entries = _expand(argument, pruned)
        except TimelineError as err:
            skip(err.path or str(argument), _reason(err))
            continue
        for path, rel in entries:
            key = _resolved(path)
            if key is None:
                skip(str(path), "a symbolic link that loops; fix or remove the link")
            elif is_own_output(path) or is_own_table(path):
                if path == argument:
                    skip(str(path), OWN_OUTPUT)
            elif key not in seen:
                seen.add(key)
                yield path, rel


def _resolved(path: Path) -> Path | None:
    """``path.resolve()``, or None for a symbolic link that loops (or cannot be read)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None


def _expand(argument: Path, pruned: frozenset[Path] = frozenset()) -> list[tuple[Path, str]]:
    if argument.is_dir():
        return _walk(argument, pruned)
    if is_pattern(argument):
        return expand_pattern(argument)
    if not argument.exists():
        raise TimelineError("no such file or folder; check the path", str(argument))
    if not input_kind(argument):
        raise TimelineError(
            f"unsupported file type '{argument.suffix or argument.name}'; "
            f"give {_SUFFIX_LIST} files",
            str(argument),
        )
    return [(argument, argument.name)]


def _walk(root: Path, pruned: frozenset[Path] = frozenset()) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    for folder, dirs, files in os.walk(root, onerror=_walk_error):
        dirs[:] = [name for name in dirs if not name.startswith(".")
                   and _resolved(Path(folder) / name) not in pruned]
        for name in files:
            if name.startswith(".") or not input_kind(Path(name)):
                continue
            path = Path(folder) / name
            found.append((path, path.relative_to(root).as_posix()))
    if not found:
        raise TimelineError(
            f"no {_SUFFIX_LIST} file in this folder; add articles or check the path", str(root)
        )
    return sorted(found, key=lambda item: item[1].split("/"))


def _walk_error(err: OSError) -> None:
    reason = err.strerror or type(err).__name__
    raise TimelineError(
        f"cannot read this folder ({reason}); check its permissions", str(err.filename)
    )


def _own_date(draft: Draft, suffix: str, lang: str) -> date:
    """The draft's own date, parsed in its language (every language with data while it
    is undecided)."""
    if draft.published is not None and str(draft.published).strip():
        languages = (lang,) if lang else tuple(available_languages()) or (DEFAULT_LANG,)
        return parse_published(draft.published, languages)
    kind = "row" if draft.where else ("html" if suffix in (".html", ".htm") else "text")
    raise TimelineError(f"no publication date; {_NO_DATE_FIX[kind]}")


def _article(draft: Draft, published: date, path: Path, used_ids: set[str],
             choice: LangChoice) -> Article:
    doc_id, n = draft.doc_id, 1
    while doc_id in used_ids:
        n += 1
        doc_id = f"{draft.doc_id}~{n}"
    used_ids.add(doc_id)
    return Article(
        doc_id=doc_id,
        title=draft.title,
        text=draft.text,
        published=published,
        source=draft.source,
        url=draft.url,
        path=str(path),
        lang=choice.lang,
        lang_from=choice.source,
        published_from=draft.published_from,
    )


def _reason(err: TimelineError) -> str:
    """The message of ``err`` without its ``path: `` prefix."""
    message = str(err)
    prefix = f"{err.path}: "
    return message[len(prefix) :] if err.path and message.startswith(prefix) else message
