"""One build's articles through the engine: read as a stream, checked, run in batches,
gathered in input order.

What comes back is what one job in one process would produce: the events in input
order (article by article), the skipped inputs in the order a build always reported
them (unreadable inputs, then articles in a language without data, then articles that
failed, each in input order), and the articles without their texts (a text is held
only while its batch is in flight). Without ``keep_going`` the first problem met is
raised, a one-line TimelineError naming the file, as with one job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from timeline.engine.batches import Batch, BatchResult, Settings, batched, label
from timeline.engine.merging import Mentions
from timeline.errors import TimelineError
from timeline.ingest.language import no_data_message
from timeline.langdata import available_languages
from timeline.models import Article, Event
from timeline.options import ENGINES

#: (file or record label, one-line reason) of each input a build skipped.
Skipped = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Tick:
    """How far a build is: articles done, and the characters and UTF-8 bytes of their
    texts; ``label`` is the title of the last one."""

    articles: int
    chars: int
    nbytes: int
    label: str


#: Called after every batch (and once more at the end, with ``label`` '').
Progress = Callable[[Tick], None]


@dataclass(frozen=True, slots=True)
class Request:
    """Where a build reads from and how it runs its batches."""

    paths: tuple[Path, ...]
    out_dir: Path
    settings: Settings
    pub_date: date | None = None
    keep_going: bool = False
    lang: str | None = None
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    batch_articles: int = 64


@dataclass(frozen=True, slots=True)
class Gathered:
    """Articles (texts dropped), their events (unmerged, input order; none when they
    went to ``mentions``, on disk), skipped inputs."""

    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    skipped: tuple[tuple[str, str], ...]
    mentions: Mentions | None = None


def language_problem(lang: str, source: str) -> str:
    """'' when ``lang`` has temporal data, else the one-line refusal with the fix."""
    available = available_languages()
    return "" if lang in available else no_data_message(lang, source, available)


class _Ledger:
    """What the stream has seen so far, in input order."""

    def __init__(self, keep_going: bool, mentions: Mentions | None = None) -> None:
        self.keep_going = keep_going
        self.mentions = mentions
        self.read: Skipped = []
        self.refused: list[tuple[int, str, str]] = []
        self.failed: list[tuple[int, str, str]] = []
        self.articles: dict[int, Article] = {}
        self.events: dict[int, tuple[Event, ...]] = {}

    def checked(self, found: Iterable[tuple[int, Article]]) -> Iterator[tuple[int, Article]]:
        """The articles in a language with data; any other is an error naming its file,
        or (keep_going) skipped."""
        for seq, article in found:
            if problem := language_problem(article.lang, article.lang_from):
                path, document = label(article)
                if not self.keep_going:
                    raise TimelineError(document + problem, path)
                self.refused.append((seq, path, document + problem))
                continue
            self.articles[seq] = replace(article, text="")
            yield seq, article

    def take(self, result: BatchResult) -> None:
        for outcome in result.outcomes:
            if outcome.failure is None and self.mentions is not None:
                self.mentions.add(outcome.events)
            elif outcome.failure is None:
                self.events[outcome.seq] = outcome.events
            elif not self.keep_going:
                raise outcome.failure.error()
            else:
                self.failed.append((outcome.seq, outcome.failure.path, outcome.failure.reason))

    def gathered(self) -> Gathered:
        events = tuple(e for seq in sorted(self.events) for e in self.events[seq])
        later = [(path, why) for _, path, why in sorted(self.refused) + sorted(self.failed)]
        articles = tuple(self.articles[seq] for seq in sorted(self.articles))
        return Gathered(articles, events, tuple(self.read + later), self.mentions)


def _runner(request: Request) -> Callable[[Iterable[Batch]], Iterator[BatchResult]]:
    if request.engine not in ENGINES:
        raise TimelineError(f"--engine {request.engine!r} is not one of: {', '.join(ENGINES)}")
    if request.engine == "dask":
        from timeline.engine.dask import run_batches as on_dask

        return lambda batches: on_dask(batches, request.settings, request.jobs,
                                       request.scheduler)
    from timeline.engine.local import run_batches

    return lambda batches: run_batches(batches, request.settings, request.jobs)


def gather(request: Request, progress: Progress | None = None,
           mentions: Mentions | None = None) -> Gathered:
    """Read, check and run every article of ``request`` (see the module doc); with
    ``mentions``, the events go there (spilled to disk) instead of into memory."""
    from timeline.ingest.loader import stream_articles

    ledger = _Ledger(request.keep_going, mentions)
    found = stream_articles(list(request.paths), pub_date=request.pub_date,
                            keep_going=request.keep_going,
                            on_skip=lambda where, why: ledger.read.append((where, why)),
                            exclude=[request.out_dir], lang=request.lang)
    batches = batched(ledger.checked(found), max_articles=request.batch_articles)
    done = chars = nbytes = 0
    results = _runner(request)(batches)
    try:
        for result in results:
            ledger.take(result)
            done += len(result.outcomes)
            chars, nbytes = chars + result.chars, nbytes + result.nbytes
            if progress is not None:
                last = ledger.articles[result.outcomes[-1].seq]
                progress(Tick(done, chars, nbytes, last.title or last.doc_id))
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    if progress is not None:
        progress(Tick(done, chars, nbytes, ""))
    return ledger.gathered()
