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
nlp=PATH)`` once, timing it in CPU seconds of that process (``time.process_time``: wall
time means little on a shared machine). For each path (``rules``, and ``spacy`` when the
model loads) it prints the median CPU seconds of the runs, characters per CPU-second of
article text, the median wall time and the largest peak resident memory. Skip the spaCy
path with ``--paths rules``.
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
build([warm], out + '-warm', formats=('csv',), nlp=nlp, lang=lang)
began = time.process_time()
r = build([folder], out, formats=tuple(fmts.split(',')), nlp=nlp, lang=lang)
cpu = time.process_time() - began
print(json.dumps({'cpu': cpu, 'articles': len(r.articles), 'rows': len(r.frame),
                  'chars': sum(len(a.text) for a in r.articles)}))
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


def one_build(corpus: Path, out: Path, nlp: str, formats: str, lang: str
              ) -> tuple[dict[str, float], float, float]:
    """(the child's figures, wall seconds, peak MB of children so far) for one build."""
    warm = REPO / "sample_articles"
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _BUILD, str(corpus), str(out), str(warm), nlp,
                           formats, lang], cwd=REPO, capture_output=True, text=True,
                          check=True)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return json.loads(done.stdout.strip().splitlines()[-1]), seconds, peak_kb / 1024


def measure(corpus: Path, tmp: Path, nlp: str, args: argparse.Namespace) -> None:
    cpus, walls, peak, figures = [], [], 0.0, {}
    for run in range(max(1, args.runs)):
        figures, wall, peak = one_build(corpus, tmp / f"out-{nlp}-{run}", nlp, args.formats,
                                        args.lang)
        cpus.append(figures["cpu"])
        walls.append(wall)
    cpu = statistics.median(cpus)
    print(f"build [{nlp:5}] ({args.formats}): {int(figures['articles']):,} articles, "
          f"{int(figures['chars']):,} chars -> {int(figures['rows']):,} rows")
    print(f"  CPU: median {cpu:.2f} s of {len(cpus)} runs ({', '.join(f'{t:.2f}' for t in cpus)})"
          f" -> {figures['chars'] / cpu / 1000:,.0f} k chars per CPU-second")
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
