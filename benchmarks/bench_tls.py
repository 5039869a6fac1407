"""Timeline summarization on Timeline17: Date-F1 and ROUGE per story and mean, and time.

Run from the repository root:

    python benchmarks/bench_tls.py                      # build each story (rules path), score
    python benchmarks/bench_tls.py --nlp spacy          # the spaCy path (slow to build)
    python benchmarks/bench_tls.py --tables /tmp/tls    # reuse <dir>/<story>/events.csv

For each story folder of ``--data`` (``<story>/articles.jsonl`` and
``<story>/timelines/*.txt``), the event table is built (``timeline build --lang en``)
into ``--tables`` unless its events.csv is there already, then for each reference
timeline (protocol of news-tls: the reference's span, its number of dates l and its mean
sentences per date k) two systems are scored in the same run:

- ``baseline``: days ranked by the distinct articles dating an event to them (the
  summarizer with every other signal's weight 0);
- ``previous``: the default weights without the retrospective signal (what the
  summarizer did before it);
- ``summary``: :func:`timeline.summary.summarize` with its default weights.

Printed: per timeline and mean, Date-F1, concatenated ROUGE-1/2 F and alignment-based
ROUGE-1/2 F (many-to-one); CPU seconds (``time.process_time``) for the build, for
reading each events.csv and for summarizing it with ``summarize(frame)`` (the default
number of dates, as ``timeline summarize`` does), medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.evaluation.tls import (  # noqa: E402
    TimelineScores,
    as_timeline,
    evaluate_timeline,
    read_timeline,
    restrict,
    scores_table,
)
from timeline.summary import Weights, summarize  # noqa: E402
from timeline.table.schema import read_table  # noqa: E402

BASELINE = Weights(articles=1.0, retrospective=0.0, reported_next_day=0.0,
                   published_next_day=0.0, centrality=0.0, spread=0.0)
#: The default weights before the retrospective signal, to compare in the same run.
PREVIOUS = Weights(retrospective=0.0, published_next_day=0.5, spread=0.02)


def build(story: Path, out: Path, nlp: str) -> float:
    """Build the story's event table (if missing); the build's CPU seconds (children)."""
    if (out / "events.csv").is_file():
        return float("nan")
    before = time.process_time(), _children()
    subprocess.run([sys.executable, "-m", "timeline", "build", str(story / "articles.jsonl"),
                    "-o", str(out), "--quiet", "--lang", "en", "--nlp", nlp, "-f", "csv"],
                   check=True)
    return _children() - before[1]


def _children() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def score(frame: object, refs: list[Path], weights: Weights | None) -> list[TimelineScores]:
    out = []
    for path in refs:
        ref = read_timeline(path)
        kwargs = {"weights": weights} if weights is not None else {}
        chosen = summarize(frame, dates=len(ref.entries), sentences=ref.mean_sentences(),
                           start=ref.dates[0], end=ref.dates[-1], **kwargs)  # type: ignore[arg-type]
        rows = {date.fromisoformat(d): [s]
                for d, s in zip(chosen["date"], chosen["summary"], strict=True)}
        ranks = [int(r) for r in chosen["rank"]]
        system = as_timeline("system", rows, ranks)
        out.append(evaluate_timeline(restrict(system, ref), ref))
    return out


def timed(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/t17-dev"))
    parser.add_argument("--tables", type=Path, default=Path("/tmp/timeline-bench-tls"))
    parser.add_argument("--nlp", default="rules", choices=("rules", "spacy", "auto"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    stories = sorted(p for p in args.data.iterdir() if (p / "articles.jsonl").is_file())
    results: dict[str, list[TimelineScores]] = {"baseline": [], "previous": [], "summary": []}
    timing = []
    for story in stories:
        out = args.tables / story.name
        build_s = build(story, out, args.nlp)
        csv = out / "events.csv"
        read_s = timed(lambda c=csv: read_table(c), args.runs)
        frame = read_table(csv)
        sum_s = timed(lambda f=frame: summarize(f), args.runs)
        timing.append((story.name, len(frame), build_s, read_s, sum_s))
        refs = sorted((story / "timelines").glob("*.txt"))
        results["baseline"] += score(frame, refs, BASELINE)
        results["previous"] += score(frame, refs, PREVIOUS)
        results["summary"] += score(frame, refs, None)
    for name, scores in results.items():
        print(f"== {name} ({args.nlp} tables)\n{scores_table(scores)}\n")
    print(f"{'story':<8} {'rows':>7} {'build s':>8} {'read s':>7} {'summarize s':>12}")
    for name, rows, build_s, read_s, sum_s in timing:
        print(f"{name:<8} {rows:>7} {build_s:>8.1f} {read_s:>7.2f} {sum_s:>12.2f}")


if __name__ == "__main__":
    main()
