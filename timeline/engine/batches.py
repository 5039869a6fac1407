"""Articles in batches, and the work one batch is: tag each article, extract its events.

A batch is a run of consecutive articles (in input order, each with its sequence
number) holding at most :data:`BATCH_ARTICLES` articles and about
:data:`BATCH_CHARS` characters of text, so the texts in memory at once are bounded by
the batch, not by the corpus. :func:`run_batch` is what a worker process (or a Dask
task) runs: it never raises for one article, it records the failure instead, so the
caller decides (stop at the first, or skip with ``--keep-going``) as with one job.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from timeline.errors import TimelineError
from timeline.models import Article, Event

#: Most articles in one batch (small enough that a few hundred articles keep two
#: processes busy; a task costs far less than tagging its articles).
BATCH_ARTICLES = 32
#: A batch is closed once its texts hold this many characters.
BATCH_CHARS = 250_000
#: The suffixes of collections (a record among many, named 'document <id>' in errors).
COLLECTION_SUFFIXES: tuple[str, ...] = (".jsonl", ".csv", ".parquet")


@dataclass(frozen=True, slots=True)
class Settings:
    """What every batch of one build is run with."""

    mode: str = "news"
    nlp: str = "auto"


@dataclass(frozen=True, slots=True)
class Batch:
    """Consecutive articles; ``seqs[i]`` is the input position of ``articles[i]``."""

    seqs: tuple[int, ...]
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class Failure:
    """Why one article could not be built: the file and the one-line reason."""

    path: str
    reason: str

    def error(self) -> TimelineError:
        return TimelineError(self.reason, self.path)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One article's result: its events, or its failure."""

    seq: int
    events: tuple[Event, ...] = ()
    failure: Failure | None = None


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The outcomes of a batch in its order, and the size of the texts it read."""

    outcomes: tuple[Outcome, ...]
    chars: int
    nbytes: int


def batched(articles: Iterable[tuple[int, Article]], max_articles: int = BATCH_ARTICLES,
            max_chars: int = BATCH_CHARS) -> Iterator[Batch]:
    """(seq, article) pairs grouped into batches, lazily, in their order."""
    seqs: list[int] = []
    group: list[Article] = []
    chars = 0
    for seq, article in articles:
        seqs.append(seq)
        group.append(article)
        chars += len(article.text)
        if len(group) >= max(1, max_articles) or chars >= max_chars:
            yield Batch(tuple(seqs), tuple(group))
            seqs, group, chars = [], [], 0
    if group:
        yield Batch(tuple(seqs), tuple(group))


def label(article: Article) -> tuple[str, str]:
    """(file, 'document <id>: ' for a record of a collection, else '')."""
    path = article.path or article.doc_id
    suffixes = [s.lower() for s in Path(path).suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    in_collection = bool(suffixes) and suffixes[-1] in COLLECTION_SUFFIXES
    return path, f"document {article.doc_id!r}: " if in_collection else ""


def article_events(article: Article, settings: Settings) -> list[Event]:
    """The events of one article; any failure is a one-line TimelineError naming its file."""
    from timeline.events.extract import extract_events
    from timeline.ingest.text import failure
    from timeline.temporal.tagger import tag

    path, document = label(article)
    try:
        timexes = tag(article.text, article.published, mode=settings.mode, lang=article.lang)
        found = extract_events(article, timexes, nlp=settings.nlp)
    except TimelineError as exc:
        raise TimelineError(document + str(exc), path) from None
    except Exception as exc:  # noqa: BLE001 - a bug on one article must not sink the build
        raise TimelineError(f"{document}could not build this article ({failure(exc)})",
                            path) from None
    return [replace(event, lang=article.lang, lang_from=article.lang_from,
                    published_from=article.published_from) for event in found]


def reason(exc: TimelineError) -> str:
    """The message of ``exc`` without its ``path: `` prefix."""
    message = str(exc)
    prefix = f"{exc.path}: "
    return message[len(prefix):] if exc.path and message.startswith(prefix) else message


def run_batch(batch: Batch, settings: Settings) -> BatchResult:
    """Tag and extract every article of ``batch``; failures are recorded, not raised."""
    outcomes = []
    for seq, article in zip(batch.seqs, batch.articles, strict=True):
        try:
            found = tuple(article_events(article, settings))
        except TimelineError as exc:
            failed = Failure(exc.path or article.doc_id, reason(exc))
            outcomes.append(Outcome(seq, failure=failed))
            continue
        outcomes.append(Outcome(seq, events=found))
    texts = [article.text for article in batch.articles]
    return BatchResult(tuple(outcomes), sum(map(len, texts)),
                       sum(len(text.encode("utf-8", "surrogatepass")) for text in texts))
