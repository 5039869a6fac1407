"""Articles in batches, and the work one batch is: tag each article, extract its events.

A batch is a run of consecutive articles (in input order, each with its sequence
number) holding at most :data:`BATCH_ARTICLES` articles and about
:data:`BATCH_CHARS` characters of text, so the texts in memory at once are bounded by
the batch, not by the corpus. :func:`run_batch` is what a worker process (or a Dask
task) runs: it never raises for one article, it records the failure instead, so the
caller decides (stop at the first, or skip with ``--keep-going``) as with one job. The
sentences the spaCy model reads, of all the batch's articles of one language, are
parsed in one pipe (:func:`batch_states`): the model works faster on many at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from timeline.errors import TimelineError
from timeline.models import Article, Event

if TYPE_CHECKING:
    from timeline.events.extract import Steps

T = TypeVar("T")
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


def _guarded(article: Article, work: Callable[[], T]) -> T:
    """``work()`` on ``article``; any failure is a one-line TimelineError naming its file."""
    from timeline.ingest.text import failure

    path, document = label(article)
    try:
        return work()
    except TimelineError as exc:
        raise TimelineError(document + str(exc), path) from None
    except Exception as exc:  # noqa: BLE001 - a bug on one article must not sink the build
        raise TimelineError(f"{document}could not build this article ({failure(exc)})",
                            path) from None


@dataclass(slots=True)
class _Waiting:
    """An article's event steps, stopped at the sentence texts they parse."""

    steps: Steps[list[Event]]
    texts: list[str]


_State = tuple[Event, ...] | Failure | _Waiting


def _stamped(article: Article, found: list[Event]) -> tuple[Event, ...]:
    return tuple(replace(event, lang=article.lang, lang_from=article.lang_from,
                         published_from=article.published_from) for event in found)


def _start(article: Article, settings: Settings) -> _State:
    """The article tagged and its event steps run up to the sentences they parse."""
    from timeline.events.extract import extract_steps
    from timeline.temporal.tagger import tag

    def work() -> _State:
        timexes = tag(article.text, article.published, mode=settings.mode, lang=article.lang)
        steps = extract_steps(article, timexes, nlp=settings.nlp)
        try:
            return _Waiting(steps, next(steps))
        except StopIteration as done:
            return _stamped(article, done.value)
    return _attempt(article, work)


def _attempt(article: Article, work: Callable[[], _State]) -> _State:
    try:
        return _guarded(article, work)
    except TimelineError as exc:
        return Failure(exc.path or article.doc_id, reason(exc))


def _finish(article: Article, state: _Waiting, docs: list[Any] | None) -> _State:
    """The events of a waiting article sent its parses (parsed alone when ``None``)."""
    from timeline.events.extract import finish
    from timeline.events.with_spacy import parse

    return _attempt(article, lambda: _stamped(article, finish(
        state.steps, parse(state.texts, article.lang) if docs is None else docs)))


def _parse_together(groups: list[list[str]], lang: str) -> list[list[Any] | None]:
    """The parses of each group of texts, all in one pipe (``None`` each if that fails:
    then each article is parsed alone, so a failure names its own article)."""
    from timeline.events.with_spacy import parse

    try:
        docs = iter(parse([t for g in groups for t in g], lang))
    except Exception:  # noqa: BLE001 - the failing article is found by parsing alone
        return [None] * len(groups)
    return [[next(docs) for _ in g] for g in groups]


def batch_states(articles: tuple[Article, ...], settings: Settings) -> list[_State]:
    """Every article tagged and its events found, or its failure; the sentences the model
    reads, of all articles of one language, parsed in one pipe."""
    states = [_start(article, settings) for article in articles]
    waiting = [n for n, st in enumerate(states) if isinstance(st, _Waiting)]
    for lang in dict.fromkeys(articles[n].lang for n in waiting):
        mine = [n for n in waiting if articles[n].lang == lang]
        groups = [cast(_Waiting, states[n]).texts for n in mine]
        for n, docs in zip(mine, _parse_together(groups, lang), strict=True):
            states[n] = _finish(articles[n], cast(_Waiting, states[n]), docs)
    return states


def reason(exc: TimelineError) -> str:
    """The message of ``exc`` without its ``path: `` prefix."""
    message = str(exc)
    prefix = f"{exc.path}: "
    return message[len(prefix):] if exc.path and message.startswith(prefix) else message


def run_batch(batch: Batch, settings: Settings) -> BatchResult:
    """Tag and extract every article of ``batch``; failures are recorded, not raised."""
    outcomes = []
    for seq, state in zip(batch.seqs, batch_states(batch.articles, settings), strict=True):
        if isinstance(state, Failure):
            outcomes.append(Outcome(seq, failure=state))
        else:
            outcomes.append(Outcome(seq, events=cast(tuple[Event, ...], state)))
    texts = [article.text for article in batch.articles]
    return BatchResult(tuple(outcomes), sum(map(len, texts)),
                       sum(len(text.encode("utf-8", "surrogatepass")) for text in texts))
