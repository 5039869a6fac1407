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
- ``previous``: the default weights before the ``written`` signal (retrospective 1,
  written 0), to compare in the same run;
- ``summary``: :func:`timeline.summary.summarize` with its default weights.

Printed: per timeline and mean, Date-F1, concatenated ROUGE-1/2 F and alignment-based
ROUGE-1/2 F (many-to-one); CPU seconds (``time.process_time``) for the build, for
reading each events.csv and for summarizing it with ``summarize(frame)`` (the default
number of dates, as ``timeline summarize`` does), medians of ``--runs``.

With ``--loo``, only the date choice is scored (Date-F1, the summarizer's own
``combine``/``within``/``choose``), for every weight set of the small grid ``GRID``:
per held-out story, the weight set best on the other three (ties to the one closest to
the defaults) and its Date-F1 on the held-out one, then the mean over all timelines.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.evaluation.tls import (  # noqa: E402
    Timeline,
    TimelineScores,
    as_timeline,
    date_prf,
    evaluate_timeline,
    read_timeline,
    restrict,
    scores_table,
)
from timeline.summary import WEIGHTS, Weights, summarize  # noqa: E402
from timeline.summary.salience import SIGNALS, Day, combine, day_signals  # noqa: E402
from timeline.summary.select import choose, within  # noqa: E402
from timeline.table.schema import read_table  # noqa: E402

BASELINE = Weights(**{name: 0.0 for name in SIGNALS} | {"articles": 1.0})
#: The default weights before the ``written`` signal, to compare in the same run.
PREVIOUS = Weights(retrospective=1.0, written=0.0)
#: The leave-one-story-out grid: the values tried per weight, the others at the default.
GRID = {"articles": (0.5, 1.0), "retrospective": (1.0, 1.5), "written": (0.0, 0.5, 1.0),
        "outlets": (0.0, 1.0), "agreement": (0.0, 1.0)}


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


def date_f1(signals: list[Day], refs: list[Timeline], weights: Weights) -> list[float]:
    """Date-F1 of the days the summarizer chooses with ``weights``, per reference."""
    days = combine(signals, weights)
    out = []
    for ref in refs:
        chosen = choose(within(days, ref.dates[0], ref.dates[-1]), len(ref.entries), weights)
        out.append(date_prf([d.day for d in chosen], ref.dates).f)
    return out


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def leave_one_out(stories: dict[str, tuple[list[Day], list[Timeline]]]) -> None:
    """Print, per held-out story, the grid's best weights on the others and its Date-F1."""
    sets = [Weights(**{**{f: getattr(WEIGHTS, f) for f in WEIGHTS.__slots__},
                       **dict(zip(GRID, combo, strict=True))})
            for combo in itertools.product(*GRID.values())]
    f1 = [{name: date_f1(sig, refs, w) for name, (sig, refs) in stories.items()} for w in sets]
    print(f"== date choice: defaults {_mean(sum(f1[sets.index(WEIGHTS)].values(), [])):.3f} "
          "(mean Date-F1 over the timelines)")
    held_out: list[float] = []
    for held in stories:
        def trained(i: int, held: str = held) -> tuple[float, int]:
            rest = [x for name, xs in f1[i].items() if name != held for x in xs]
            moved = sum(getattr(sets[i], k) != getattr(WEIGHTS, k) for k in GRID)
            return round(_mean(rest), 4), -moved
        best = max(range(len(sets)), key=trained)
        held_out += f1[best][held]
        chosen = ", ".join(f"{k}={getattr(sets[best], k)}" for k in GRID)
        print(f"held out {held:<8} trained {trained(best)[0]:.3f}  held-out "
              f"{_mean(f1[best][held]):.3f}  ({chosen})")
    print(f"leave-one-story-out mean Date-F1 {_mean(held_out):.3f}\n")


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
    parser.add_argument("--loo", action="store_true",
                        help="score the date choice only, leave one story out on GRID")
    args = parser.parse_args()
    stories = sorted(p for p in args.data.iterdir() if (p / "articles.jsonl").is_file())
    if args.loo:
        loaded = {}
        for story in stories:
            build(story, args.tables / story.name, args.nlp)
            frame = read_table(args.tables / story.name / "events.csv").reset_index(drop=True)
            refs = [read_timeline(p) for p in sorted((story / "timelines").glob("*.txt"))]
            loaded[story.name] = (day_signals(frame), refs)
        leave_one_out(loaded)
        return
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
        print(f"== {name} (tables of {args.tables})\n{scores_table(scores)}\n")
    print(f"{'story':<8} {'rows':>7} {'build s':>8} {'read s':>7} {'summarize s':>12}")
    for name, rows, build_s, read_s, sum_s in timing:
        print(f"{name:<8} {rows:>7} {build_s:>8.1f} {read_s:>7.2f} {sum_s:>12.2f}")


if __name__ == "__main__":
    main()
