"""Scale benchmark: per-core throughput, start-up, --jobs and Dask scaling, a big corpus.

Run from the repository root::

    python benchmarks/bench_scale.py                          # all of it, 1 GB corpus
    python benchmarks/bench_scale.py --limit 2000000 --size 50MB --scaling-chars 1000000

It prints, in this order:

1. **per core**: chars per CPU-second (``time.process_time``) of the tagger, of the
   rule-based build (``--nlp rules``) and of the default build (``--nlp auto``: spaCy
   when installed), one run each in this process, on the development Timeline17
   stories (``--t17``, default ``../shared/data/t17-dev``: 12.7 M chars; ``--limit N``
   keeps their first N characters);
2. **start-up**: ``python -m timeline tag`` of one sentence, whole process, median of 5
   (CPU seconds of the child, and wall seconds);
3. **scaling**: ``python -m timeline build --nlp rules`` of the same input (the first
   ``--scaling-chars`` characters of the stories) with ``--jobs 1``, ``--jobs 2`` and
   ``--engine dask --jobs 2`` (a LocalCluster of 2 workers), as wall-time ratios to
   ``--jobs 1`` (wall time: the thing more processes buy; meaningless on a loaded
   machine, so the CPU seconds are printed beside it);
4. **big corpus**: the stories repeated with changed ids until ``--size`` (1GB, 50MB,
   ...) as JSONL shards of about 64 MB in a temporary folder (never in the project),
   built with ``--nlp rules --jobs 2 -f csv,parquet`` through a quoted glob: wall time,
   peak memory (the sum of PSS over the build's processes, sampled every 0.2 s; a
   forked worker's pages shared with its parent counted once), output size,
   rows;
5. **projection**: the time for 1 M articles of 5 KB on a 32-core cluster, from the
   per-core figures of step 1 (perfect scaling assumed: an upper bound on speed).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timeline.models import Article  # noqa: E402

DEFAULT_T17 = REPO.parent.parent / "shared" / "data" / "t17-dev"
SENTENCE = '{"id": "s", "text": "The leaders met on Thursday.", "dct": "2022-09-16"}\n'
SHARD_BYTES = 64 * 1024 * 1024
_UNITS = {"kb": 1e3, "mb": 1e6, "gb": 1e9, "": 1.0}


def parse_size(text: str) -> int:
    """'1GB', '50MB', '200kb', '1000' -> bytes."""
    found = re.fullmatch(r"\s*([\d.]+)\s*([kmg]?b?)\s*", text.lower())
    if not found:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 1GB, 50MB)")
    unit = found.group(2).rstrip("b") + "b" if found.group(2) else ""
    return int(float(found.group(1)) * _UNITS[unit])


def story_records(t17: Path, limit: int | None) -> list[dict[str, str]]:
    """The stories' JSONL records in story order, cut after ``limit`` characters."""
    records, chars = [], 0
    for path in sorted(t17.glob("*/articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if limit is not None and chars >= limit:
                return records
            if line.strip():
                record = json.loads(line)
                records.append(record)
                chars += len(record["text"])
    return records


def as_articles(records: list[dict[str, str]]) -> list[Article]:
    return [Article(doc_id=r["id"], title=r.get("title", ""), text=r["text"],
                    published=date.fromisoformat(r["published"][:10]), source=r.get("source", ""),
                    path="t17.jsonl") for r in records]


def write_jsonl(records: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def per_core(records: list[dict[str, str]], tmp: Path) -> dict[str, float]:
    """chars per CPU-second of the tagger, the rule-based and the default build."""
    from timeline.pipeline import build
    from timeline.temporal.tagger import tag

    articles = as_articles(records)
    chars = sum(len(a.text) for a in articles)
    tag(articles[0].text, articles[0].published)  # warm: data loaded, not timed
    start = time.process_time()
    for article in articles:
        tag(article.text, article.published)
    rates = {"tagger": chars / (time.process_time() - start)}
    source = write_jsonl(records, tmp / "per-core.jsonl")
    for name, nlp in (("rule-based build", "rules"), ("default build", "auto")):
        start = time.process_time()
        result = build([source], tmp / f"out-{nlp}", formats=("csv",), nlp=nlp, jobs=1,
                       lang="en")  # Timeline17 is English (a few texts detect as other)
        rates[name] = chars / (time.process_time() - start)
        rates[f"{name} rows"] = len(result.frame)
    rates["chars"] = chars
    return rates


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(args: list[str], stdin: str | None = None) -> tuple[float, float, _Peak]:
    """(wall s, CPU s of the process and its children, its tree's peak memory)."""
    cpu, wall = _child_cpu(), time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "timeline", *args], cwd=REPO,
                            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = _Peak(proc.pid)
    peak.start()
    _, err = proc.communicate(stdin)
    peak.stop.set()
    peak.join()
    if proc.returncode != 0:
        raise SystemExit(f"timeline {' '.join(args)} failed: {err.strip()}")
    return time.perf_counter() - wall, _child_cpu() - cpu, peak


class _Peak(threading.Thread):
    """The largest sum of memory over a process and its descendants, sampled: PSS
    (each shared page counted once over the processes sharing it), else RSS."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.value, self.rss, self.stop = pid, 0, 0, threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.wait(0.2):
            total = rss = 0
            try:
                for proc in [root, *root.children(recursive=True)]:
                    info = proc.memory_full_info()
                    total, rss = total + getattr(info, "pss", info.rss), rss + info.rss
            except psutil.Error:
                continue
            self.value, self.rss = max(self.value, total), max(self.rss, rss)


def startup() -> tuple[float, float]:
    """(median CPU s, median wall s) of ``timeline tag`` on one sentence, 5 runs."""
    runs = [run_timed(["tag", "-"], stdin=SENTENCE) for _ in range(5)]
    return statistics.median(r[1] for r in runs), statistics.median(r[0] for r in runs)


def scaling(source: Path, tmp: Path) -> list[tuple[str, float, float]]:
    """(setting, wall s, CPU s) of one build per setting on the same input."""
    settings = (("--jobs 1", ["--jobs", "1"]), ("--jobs 2", ["--jobs", "2"]),
                ("--engine dask, 2 workers", ["--engine", "dask", "--jobs", "2"]))
    rows = []
    for n, (name, extra) in enumerate(settings):
        wall, cpu, _ = run_timed(["build", str(source), "-o", str(tmp / f"scale{n}"), "--nlp",
                                  "rules", "-f", "csv", "-q", "--lang", "en", *extra])
        rows.append((name, wall, cpu))
    return rows


def big_corpus(records: list[dict[str, str]], size: int, folder: Path) -> tuple[int, int]:
    """Shards of the records repeated under new ids until ``size`` bytes: (articles, bytes)."""
    folder.mkdir()
    written = articles = shard = 0
    out = (folder / "shard-0000.jsonl").open("w", encoding="utf-8")
    for n, record in _forever(records):
        line = json.dumps(record | {"id": f"{record['id']}@{n}"}, ensure_ascii=False) + "\n"
        out.write(line)
        articles, written = articles + 1, written + len(line.encode("utf-8"))
        if written >= size:
            break
        if written // SHARD_BYTES > shard:
            shard += 1
            out.close()
            out = (folder / f"shard-{shard:04d}.jsonl").open("w", encoding="utf-8")
    out.close()
    return articles, written


def _forever(records: list[dict[str, str]]) -> Iterator[tuple[int, dict[str, str]]]:
    n = 0
    while True:
        for record in records:
            yield n, record
        n += 1


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def big_build(records: list[dict[str, str]], size: int, tmp: Path) -> None:
    articles, nbytes = big_corpus(records, size, tmp / "shards")
    out = tmp / "big-out"
    wall, cpu, peak = run_timed(["build", str(tmp / "shards" / "*.jsonl"), "-o", str(out),
                                 "--nlp", "rules", "--jobs", "2", "-f", "csv,parquet", "-q",
                                 "--lang", "en"])
    import pyarrow.parquet as pq

    rows = sum(pq.ParquetFile(p).metadata.num_rows for p in
               ([out / "events.parquet"] if (out / "events.parquet").is_file()
                else sorted((out / "events.parquet").rglob("*.parquet"))))
    print(f"\nbig corpus: {articles:,} articles, {nbytes / 1e6:,.1f} MB of JSONL in "
          f"{len(list((tmp / 'shards').iterdir()))} shards (rules, --jobs 2, csv + parquet)")
    print(f"  wall {wall:,.1f} s   CPU {cpu:,.1f} s   peak memory {peak.value / 1e6:,.0f} MB "
          f"PSS ({peak.rss / 1e6:,.0f} MB RSS) over all processes")
    print(f"  output: events.csv {_size(out / 'events.csv') / 1e6:,.1f} MB, "
          f"events.parquet {_size(out / 'events.parquet') / 1e6:,.1f} MB   rows {rows:,}")
    print(f"  {nbytes / 1e6 / wall:,.2f} MB/s wall, {nbytes / 1e6 / cpu:,.2f} MB per CPU-second")


def projection(rates: dict[str, float]) -> None:
    chars, cores = 1_000_000 * 5_000, 32
    print(f"\nprojection: 1 M articles of 5 KB ({chars / 1e9:.0f} G chars) on {cores} cores, "
          "from the per-core figures (perfect scaling):")
    for name in ("tagger", "rule-based build", "default build"):
        seconds = chars / (rates[name] * cores)
        print(f"  {name:<18} {seconds / 60:8,.1f} min")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--t17", type=Path, default=DEFAULT_T17)
    parser.add_argument("--limit", type=int, default=None, help="characters of the stories")
    parser.add_argument("--size", type=parse_size, default=parse_size("1GB"))
    parser.add_argument("--scaling-chars", type=int, default=2_000_000)
    parser.add_argument("--skip", default="", help="comma-separated: percore,startup,"
                        "scaling,big")
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    records = story_records(args.t17, args.limit)
    if not records:
        raise SystemExit(f"no stories under {args.t17}; pass --t17 DIR")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as name:
        tmp = Path(name)
        if "percore" not in skip:
            rates = per_core(records, tmp)
            print(f"per core (chars per CPU-second, {int(rates['chars']):,} chars of "
                  f"{args.t17.name}):")
            for key in ("tagger", "rule-based build", "default build"):
                rows = f"  ({int(rates[key + ' rows']):,} rows)" if key + " rows" in rates else ""
                print(f"  {key:<18} {rates[key]:>12,.0f}{rows}")
        if "startup" not in skip:
            cpu, wall = startup()
            print(f"\nstart-up: timeline tag, one sentence: {cpu:.2f} CPU s, {wall:.2f} s wall "
                  "(median of 5)")
        if "scaling" not in skip:
            _print_scaling(records, args.scaling_chars, tmp)
        if "big" not in skip:
            big_build(records, args.size, tmp)
        if "percore" not in skip:
            projection(rates)
    print(f"\nmachine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")


def _print_scaling(records: list[dict[str, str]], limit: int, tmp: Path) -> None:
    chosen, chars = [], 0
    for record in records:
        if chars >= limit:
            break
        chosen.append(record)
        chars += len(record["text"])
    source = write_jsonl(chosen, tmp / "scaling.jsonl")
    rows = scaling(source, tmp)
    base = rows[0][1]
    print(f"\nscaling ({len(chosen):,} articles, {chars:,} chars, rules; wall ratio to "
          "--jobs 1, >1 = faster):")
    for name, wall, cpu in rows:
        print(f"  {name:<26} {base / wall:5.2f}x   wall {wall:7.1f} s   CPU {cpu:7.1f} s")


if __name__ == "__main__":
    main()
