"""Whole-build benchmark: `timeline build` on many articles, end to end, both event paths.

Run from the repository root::

    python benchmarks/bench_build.py                 # 2,048 articles, 3 runs per path
    python benchmarks/bench_build.py --articles 256  # smaller
    python benchmarks/bench_build.py --input ../shared/data/t17-dev/h1n1/articles.jsonl \\
        --lang en --limit 200                        # a JSONL collection instead

The articles are the project's ``sample_articles`` plus the plain text of the TimeML files
under ``--timeml`` (default ``../shared/data/timeml/tbaq`` next to the repository, read at
run time and skipped if absent), cycled and written as ``.txt`` files with front matter
into a temporary folder; or, with ``--input``, the first ``--limit`` records of a JSONL
file, written as a JSONL file. Each run is a fresh ``python -c`` process that first builds
one short article (language data, compiled patterns and the spaCy model loaded off the
clock), then calls ``timeline.pipeline.build(folder, out, formats=("csv", "html"),
nlp=PATH, jobs=1)`` once (one process: the figure is per core), timing it in CPU
seconds of that process (``time.process_time``: wall time means little on a shared
machine). For each path (``rules``, and ``spacy`` when the
model loads) it prints the median CPU seconds of the runs, characters per CPU-second of
article text, the median wall time and the largest peak resident memory; on the spaCy path
also the CPU seconds spent inside the model's ``nlp.pipe`` (every call timed, whatever
makes it), how many characters it parsed, its rate, and the ceiling that puts on the
build's rate. Skip the spaCy path with ``--paths rules``. ``--baseline DIR`` (another
checkout, e.g. ``git worktree add /tmp/base main``) builds each run with that package
too, alternating, and prints both and the ratio of the median CPU seconds.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench_events import DEFAULT_TIMEML, source_articles  # noqa: E402

from timeline.events.extract import resolve_nlp  # noqa: E402
from timeline.models import Article  # noqa: E402

_BUILD = """
import json, sys, time
from timeline.pipeline import build
folder, out, warm, nlp, fmts = sys.argv[1:6]
lang = sys.argv[6] or None
model = {'cpu': 0.0, 'texts': 0, 'chars': 0, 'calls': 0}
if nlp == 'spacy':  # the CPU spent inside the model's pipe, whatever calls it
    from spacy.language import Language
    real_pipe = Language.pipe
    def pipe(self, texts, **kw):
        texts = list(texts)
        began = time.process_time()
        docs = list(real_pipe(self, texts, **kw))
        model['cpu'] += time.process_time() - began
        model['texts'] += len(texts)
        model['chars'] += sum(map(len, texts))
        model['calls'] += 1
        return iter(docs)
    Language.pipe = pipe
build([warm], out + '-warm', formats=('csv',), nlp=nlp, lang=lang)
model.update(cpu=0.0, texts=0, chars=0, calls=0)
began = time.process_time()
r = build([folder], out, formats=tuple(fmts.split(',')), nlp=nlp, lang=lang, jobs=1)
cpu = time.process_time() - began
from timeline.ingest.loader import load_articles
print(json.dumps({'cpu': cpu, 'articles': len(r.articles), 'rows': len(r.frame),
                  'chars': sum(len(a.text) for a in load_articles([folder], lang=lang)),
                  'model': model}))
"""


def write_folder(articles: list[Article], count: int, folder: Path) -> int:
    """Write ``count`` articles (cycled) as .txt files with front matter; return chars."""
    chars = 0
    for n, art in enumerate(itertools.islice(itertools.cycle(articles), count)):
        title = " ".join(art.title.split()) or art.doc_id
        body = f"---\ntitle: {title}\ndate: {art.published.isoformat()}\n---\n{art.text}\n"
        (folder / f"article-{n:05d}.txt").write_text(body, encoding="utf-8")
        chars += len(art.text)
    return chars


def write_jsonl(source: Path, limit: int, folder: Path) -> Path:
    """The first ``limit`` records of a JSONL file, as a JSONL file in ``folder``."""
    path = folder / "articles.jsonl"
    with source.open(encoding="utf-8") as lines:
        path.write_text("".join(itertools.islice(lines, limit)), encoding="utf-8")
    return path


def one_build(corpus: Path, out: Path, nlp: str, formats: str, lang: str, repo: Path = REPO
              ) -> tuple[dict, float, float]:
    """(the child's figures, wall seconds, peak MB of children so far) for one build with
    the package of ``repo``."""
    warm = REPO / "sample_articles"
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _BUILD, str(corpus), str(out), str(warm), nlp,
                           formats, lang], cwd=repo, capture_output=True, text=True,
                          check=True)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return json.loads(done.stdout.strip().splitlines()[-1]), seconds, peak_kb / 1024


def measure(corpus: Path, tmp: Path, nlp: str, args: argparse.Namespace) -> None:
    """The runs of one path; with ``--baseline`` each run is paired with one of the
    baseline's, alternating, and both are printed with their ratio."""
    repos = {"this": REPO} | ({"baseline": args.baseline} if args.baseline else {})
    runs: dict[str, list[dict]] = {name: [] for name in repos}
    walls: dict[str, list[float]] = {name: [] for name in repos}
    peak = 0.0
    for run in range(max(1, args.runs)):
        for name, repo in repos.items():
            figures, wall, peak = one_build(corpus, tmp / f"out-{nlp}-{name}-{run}", nlp,
                                            args.formats, args.lang, repo)
            runs[name].append(figures)
            walls[name].append(wall)
    for name in repos:
        report(nlp, name if args.baseline else "", runs[name], walls[name], peak,
               args.formats)
    if args.baseline:
        this, base = (statistics.median(f["cpu"] for f in runs[n]) for n in repos)
        print(f"  this / baseline CPU: {this / base:.2f} ({this:.2f} s / {base:.2f} s)")


def report(nlp: str, name: str, runs: list[dict], walls: list[float], peak: float,
           formats: str) -> None:
    """The medians of one path's runs; on the spaCy path, the model's share."""
    cpus = [f["cpu"] for f in runs]
    cpu, figures = statistics.median(cpus), runs[-1]
    tag = f"{nlp:5}" + (f" {name}" if name else "")
    print(f"build [{tag}] ({formats}): {int(figures['articles']):,} articles, "
          f"{int(figures['chars']):,} chars -> {int(figures['rows']):,} rows")
    print(f"  CPU: median {cpu:.2f} s of {len(cpus)} runs ({', '.join(f'{t:.2f}' for t in cpus)})"
          f" -> {figures['chars'] / cpu / 1000:,.0f} k chars per CPU-second")
    model = figures.get("model") or {}
    if model.get("calls"):
        inside = statistics.median(f["model"]["cpu"] for f in runs)
        rest = statistics.median(f["cpu"] - f["model"]["cpu"] for f in runs)
        print(f"  spaCy model: {model['calls']:,} pipe calls, {model['texts']:,} texts, "
              f"{model['chars']:,} chars ({model['chars'] / figures['chars']:.0%} of the "
              f"corpus) in {inside:.2f} CPU-s = {model['chars'] / inside / 1000:.1f} k chars/"
              f"CPU-s; the rest of the build {rest:.2f} CPU-s")
        print(f"  ceiling while the model parses this much: {figures['chars'] / inside / 1000:,.0f}"
              f" k chars/CPU-s (the model's time alone)")
    print(f"  wall: median {statistics.median(walls):.1f} s per process (start-up included); "
          f"peak memory {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2048)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeml", type=Path, default=DEFAULT_TIMEML)
    parser.add_argument("--input", type=Path, help="a JSONL collection to build instead")
    parser.add_argument("--limit", type=int, default=200, help="records of --input")
    parser.add_argument("--lang", default="", help="--lang of the builds (default: detect)")
    parser.add_argument("--formats", default="csv,html")
    parser.add_argument("--paths", default="rules,spacy", help="event paths to build with")
    parser.add_argument("--baseline", type=Path,
                        help="another checkout (e.g. a worktree at main) whose package builds "
                        "each run too, paired, alternating")
    args = parser.parse_args()
    paths = [p for p in args.paths.split(",") if p != "spacy" or resolve_nlp("auto") == "spacy"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        if args.input:
            corpus = write_jsonl(args.input, args.limit, folder)
        else:
            write_folder(source_articles(args.timeml), args.articles, folder)
            corpus = folder
        for nlp in paths:
            measure(corpus, Path(tmp), nlp, args)


if __name__ == "__main__":
    main()
