"""Memory of a big build stage by stage: where the peak comes from.

Run from the repository root::

    python benchmarks/bench_stages.py --size 30MB

The Timeline17 development stories (``--t17``) are repeated with new ids until
``--size`` (as ``bench_scale.py``'s big corpus) and built in this process with the
rule-based path and one job, the stages called one after the other: gather (read, tag,
extract: the unmerged events, spilled to sorted runs on disk unless ``--in-memory``),
merge, the pandas frame, the CSV, JSON and Parquet writers, the key-event summary, the
page. After each stage it prints the resident
memory now, the peak so far (``ru_maxrss``), the CPU seconds the stage took and what
it holds (objects, the pickled size of the events); ``--trace`` adds the Python
allocations traced by tracemalloc (now and peak), which tells the process's own data
from the allocator's slack.
"""

from __future__ import annotations

import argparse
import gc
import pickle
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_scale import DEFAULT_T17, big_corpus, parse_size, story_records  # noqa: E402


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Stages:
    def __init__(self) -> None:
        self.cpu = time.process_time()
        print(f"{'stage':<28}{'RSS MB':>9}{'peak MB':>9}{'CPU s':>8}  holds")

    def mark(self, name: str, holds: str = "") -> None:
        gc.collect()
        now = time.process_time()
        traced = ""
        if tracemalloc.is_tracing():
            current, peak = tracemalloc.get_traced_memory()
            traced = f"[traced {current / 1e6:,.0f} MB, peak {peak / 1e6:,.0f}] "
        print(f"{name:<28}{_rss_mb():9.0f}{_peak_mb():9.0f}{now - self.cpu:8.1f}  "
              f"{traced}{holds}", flush=True)
        self.cpu = time.process_time()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--t17", type=Path, default=DEFAULT_T17)
    parser.add_argument("--size", type=parse_size, default=parse_size("30MB"))
    parser.add_argument("--in-memory", action="store_true",
                        help="gather every event in memory and merge there (the old way)")
    parser.add_argument("--trace", action="store_true",
                        help="also trace Python allocations (slower)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-stages-") as name:
        tmp = Path(name)
        articles, nbytes = big_corpus(story_records(args.t17, None), args.size, tmp / "shards")
        print(f"{articles:,} articles, {nbytes / 1e6:,.1f} MB of JSONL")
        if args.trace:
            tracemalloc.start()
        run(tmp, args.in_memory)


def run(tmp: Path, in_memory: bool) -> None:
    import pandas  # noqa: F401  (its import is not a stage)

    from timeline.engine.batches import Settings
    from timeline.engine.merging import Mentions, merged_rows, spill_folder
    from timeline.engine.run import Request, gather
    from timeline.events.merge import merge_events
    from timeline.render.html import render_html
    from timeline.summary import summarize
    from timeline.table.export import write_csv, write_json
    from timeline.table.parquet import write_parquet
    from timeline.table.schema import events_to_frame

    stages = _Stages()
    stages.mark("start (imports)")
    out = tmp / "out"
    out.mkdir()
    request = Request((tmp / "shards",), out, Settings("news", "rules"), lang="en", jobs=1)
    if in_memory:
        gathered = gather(request)
        size = len(pickle.dumps(gathered.events, protocol=pickle.HIGHEST_PROTOCOL))
        stages.mark("gathered events", f"{len(gathered.events):,} events, "
                    f"{size / 1e6:,.1f} MB pickled")
        merged = merge_events(list(gathered.events),
                              {a.doc_id: a.lang for a in gathered.articles})
    else:
        with spill_folder(out) as folder:
            gathered = gather(request, mentions=Mentions(folder))
            assert gathered.mentions is not None
            stages.mark("events spilled", f"{gathered.mentions.runs.count:,} mentions, "
                        f"{sum(p.stat().st_size for p in folder.iterdir()) / 1e6:,.1f} MB")
            merged = list(merged_rows(gathered.mentions))
    stages.mark("merged", f"{len(merged):,} rows")
    del gathered
    stages.mark("unmerged dropped")
    frame = events_to_frame(merged)
    stages.mark("frame", f"{frame.memory_usage(deep=True).sum() / 1e6:,.0f} MB deep")
    del merged
    stages.mark("merged rows dropped")
    write_csv(frame, out / "events.csv")
    stages.mark("csv written", f"{(out / 'events.csv').stat().st_size / 1e6:,.1f} MB")
    write_json(frame, out / "events.json")
    stages.mark("json written", f"{(out / 'events.json').stat().st_size / 1e6:,.1f} MB")
    write_parquet(frame, out / "events.parquet", partition=True)
    stages.mark("parquet written")
    summary = summarize(frame)
    stages.mark("summary", f"{len(summary)} dates")
    render_html(frame, out / "timeline.html", summary=summary)
    stages.mark("page written", f"{(out / 'timeline.html').stat().st_size / 1e6:,.1f} MB")


if __name__ == "__main__":
    main()
