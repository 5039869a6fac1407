"""Event-building throughput: rules and spaCy paths against tagging alone.

Run from the repository root::

    python benchmarks/bench_events.py              # ~400 KB of text
    python benchmarks/bench_events.py --kb 100     # smaller
    python benchmarks/bench_events.py --anchoring  # also score triggers on TimeBank TLINKs
    python benchmarks/bench_events.py --input ../shared/data/t17-dev/h1n1/articles.jsonl \
        --lang en --kb 1300                        # 200 Timeline17 articles instead

The corpus is the project's ``sample_articles`` plus the plain text of the TimeML files
under ``--timeml`` (default ``../shared/data/timeml/tbaq`` next to the repository, read at
run time and skipped if absent), cycled until it holds ``--kb`` thousand characters.

It prints characters per CPU-second (``time.process_time``, median of ``--runs``) for
``timeline.temporal.tagger.tag`` alone, for
``extract_events`` on the tagger's output with each path (the spaCy model is loaded
before the clock starts), for ``merge_events`` over all events, and the ratio of the
time events add to the time of tagging (the rules path must stay <= 3); and the seconds
``merge_events`` takes for 10,000 synthetic mentions of ~2,500 stories (budget < 5 s; the
test suite checks what that merge gives, not its time). With ``--components``, the CPU
seconds of each spaCy component on the very texts the event stage sends it.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timeline.evaluation.timeml import find_timeml_files, read_timeml  # noqa: E402
from timeline.events.extract import extract_events, resolve_nlp  # noqa: E402
from timeline.events.merge import merge_events  # noqa: E402
from timeline.ingest.loader import discover, load_articles  # noqa: E402
from timeline.models import Article, Event, Timex  # noqa: E402
from timeline.temporal.tagger import tag  # noqa: E402

DEFAULT_TIMEML = REPO.parent / "shared" / "data" / "timeml" / "tbaq"


def source_articles(timeml: Path) -> list[Article]:
    articles = load_articles(discover([REPO / "sample_articles"]), keep_going=True)
    if timeml.exists():
        for path in find_timeml_files(timeml):
            doc = read_timeml(path)
            articles.append(Article(doc.doc_id, doc.doc_id, doc.text, doc.dct, path=str(path)))
    return articles


def corpus(articles: list[Article], chars: int) -> list[Article]:
    out: list[Article] = []
    total = 0
    for n, art in enumerate(itertools.cycle(articles)):
        if total >= chars:
            break
        out.append(Article(f"{art.doc_id}#{n}", art.title, art.text, art.published))
        total += len(art.text)
    return out


def timed(fn: Callable[[], object], runs: int = 1) -> tuple[float, object]:
    """(median CPU seconds of ``runs`` calls, the last result): CPU time of this process,
    as wall time means little on a shared machine."""
    times, result = [], None
    for _ in range(max(1, runs)):
        began = time.process_time()
        result = fn()
        times.append(time.process_time() - began)
    return statistics.median(times), result


def run_events(docs: list[Article], timexes: list[list[Timex]], nlp: str) -> list[Event]:
    return [e for art, txs in zip(docs, timexes, strict=True)
            for e in extract_events(art, txs, nlp=nlp)]


def synthetic_mentions(n: int = 10_000, seed: int = 7) -> list[Event]:
    """``n`` mentions of ~n/4 stories (two actors, a verb, a day each) in n/7 documents,
    as tests/test_merge.py builds them."""
    rng = random.Random(seed)
    people = [f"Person{i} Name{i}" for i in range(300)]
    verbs = ["met", "signed", "visited", "announced", "attacked", "launched"]
    base = Event(event_id="", doc_id="", doc_title="Leaders meet", published=date(2023, 1, 1),
                 source="Example Wire", url="https://news.example.com/a", sentence_index=0,
                 sentence="Xi and Putin met on Thursday in Samarkand.", event="", trigger="",
                 actors=(), places=("Samarkand",), timex_text="Thursday", timex_type="DATE",
                 timex_value="", timex_mod="",
                 relation="on", start=None, end=None, granularity="day", char_start=0,
                 char_end=0, confidence=0.9, extractor="rules", sources=(), n_sources=1)
    events = []
    for i in range(n):
        story = rng.randrange(n // 4)
        when = date(2021, 1, 1) + timedelta(days=story % 700)
        pair = (people[story % 300], people[(story * 7 + 1) % 300])
        doc = f"doc{i % (n * 3 // 20)}"
        events.append(replace(
            base, event_id=f"e{i}", doc_id=doc, sources=(doc,), event=f"{pair[0]} "
            f"{verbs[story % 6]} x", trigger=verbs[story % 6], actors=pair, start=when,
            end=when, timex_value=when.isoformat(), char_start=i, char_end=i + 4))
    return events


def synthetic_merge() -> None:
    events = synthetic_mentions()
    merge_s, merged = timed(lambda: merge_events(events))
    print(f"merge  [10k synth] : {len(events) / merge_s:12,.0f} events/s ({merge_s:.2f} s, "
          f"{len(events)} -> {len(merged)} rows; budget 5 s)")  # type: ignore[arg-type]


def anchoring(timeml: Path) -> None:
    from timeline.evaluation.anchoring import anchoring_score

    docs = [read_timeml(p) for p in find_timeml_files(timeml)]
    for nlp in ("rules", "spacy"):
        if nlp == "spacy" and resolve_nlp("auto") != "spacy":
            continue
        score = anchoring_score(docs, lambda a, t, nlp=nlp: extract_events(a, t, nlp=nlp),
                                lambda text, dct: tag(text, dct))
        print(f"anchoring [{nlp}]: {score['n_correct']}/{score['n_links']} gold links "
              f"-> accuracy {score['accuracy']:.3f}, of found {score['accuracy_found']:.3f}")


def spacy_components(docs: list[Article], timexes: list[list[Timex]]) -> None:
    """CPU seconds of each spaCy component on the texts the event stage sends the model
    (caught on their way to ``anchor_article``), and what share of the corpus they are."""
    from timeline.events import with_spacy

    texts: list[str] = []
    real = with_spacy.anchor_article

    def catch(text: str, jobs: list, *rest: object, **kw: object) -> list:
        texts.extend(s.text.replace("\n", " ") for s, _ in jobs)
        return real(text, jobs, *rest, **kw)  # type: ignore[arg-type]

    with_spacy.anchor_article = catch  # type: ignore[assignment]
    try:
        run_events(docs, timexes, "spacy")
    finally:
        with_spacy.anchor_article = real
    nlp = with_spacy.load_model()
    chars = sum(len(d.text) for d in docs)
    print(f"spaCy reads {len(texts)} stretches, {sum(map(len, texts)):,} of {chars:,} chars")
    began = time.process_time()
    parsed = [nlp.make_doc(t) for t in texts]
    print(f"  {'tokenizer':15}: {time.process_time() - began:6.2f} s")
    for name, component in nlp.pipeline:
        began = time.process_time()
        parsed = list(component.pipe(parsed))
        print(f"  {name:15}: {time.process_time() - began:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", type=int, default=400, help="corpus size, thousand characters")
    parser.add_argument("--timeml", type=Path, default=DEFAULT_TIMEML)
    parser.add_argument("--anchoring", action="store_true")
    parser.add_argument("--runs", type=int, default=3, help="median of this many runs")
    parser.add_argument("--components", action="store_true",
                        help="also time each spaCy component on the texts it is sent")
    parser.add_argument("--input", type=Path, help="a JSONL collection instead of the corpus")
    parser.add_argument("--limit", type=int, default=200, help="records of --input")
    parser.add_argument("--lang", default="", help="language of --input (default: detect)")
    args = parser.parse_args()
    if args.input:  # a JSONL collection (e.g. a Timeline17 story), its first --limit records
        found = load_articles([args.input], keep_going=True, lang=args.lang or None)
        docs = corpus(found[:args.limit], args.kb * 1000)
    else:
        docs = corpus(source_articles(args.timeml), args.kb * 1000)
    chars = sum(len(d.text) for d in docs)
    print(f"corpus: {len(docs)} documents, {chars:,} characters")
    tag(docs[0].text, docs[0].published)  # load and compile the language data off the clock
    extract_events(docs[0], tag(docs[0].text, docs[0].published), nlp="rules")
    tag_s, timexes = timed(lambda: [tag(d.text, d.published) for d in docs], args.runs)
    print(f"tag alone          : {chars / tag_s:12,.0f} chars/s ({tag_s:.2f} s)")
    paths = ["rules"] + (["spacy"] if resolve_nlp("auto") == "spacy" else [])
    for nlp in paths:
        if nlp == "spacy":
            extract_events(docs[0], [], nlp="spacy")  # load the model off the clock
            from timeline.events.with_spacy import load_model

            load_model()
        ev_s, events = timed(lambda nlp=nlp: run_events(docs, timexes, nlp), args.runs)
        n = len(events)  # type: ignore[arg-type]
        print(f"events [{nlp:5}]     : {chars / ev_s:12,.0f} chars/s ({ev_s:.2f} s, {n} events)"
              f"  added/tag = {ev_s / tag_s:.2f}x")
        merge_s, merged = timed(lambda events=events: merge_events(events))  # type: ignore
        print(f"merge  [{nlp:5}]     : {n / merge_s:12,.0f} events/s ({merge_s:.2f} s, "
              f"{n} -> {len(merged)} rows)")  # type: ignore[arg-type]
    if args.components and "spacy" in paths:
        spacy_components(docs, timexes)  # type: ignore[arg-type]
    synthetic_merge()
    if args.anchoring and args.timeml.exists():
        anchoring(args.timeml)


if __name__ == "__main__":
    main()
