"""Whole-build benchmark: `timeline build` on a folder of many articles, end to end.

Run from the repository root::

    python benchmarks/bench_build.py                 # 2,048 articles, 3 runs
    python benchmarks/bench_build.py --articles 256  # smaller

The articles are the project's ``sample_articles`` plus the plain text of the TimeML files
under ``--timeml`` (default ``../shared/data/timeml/tbaq`` next to the repository, read at
run time and skipped if absent), cycled and written as ``.txt`` files with front matter
into a temporary folder. Each run is a fresh ``python -c`` process calling
``timeline.pipeline.build(folder, out, formats=("csv", "html"), nlp="rules")``, so the
figures include start-up, reading, tagging, events, merging, the table and the page. It
prints the median wall-clock time of the runs and the largest peak resident memory
(``ru_maxrss`` of the child process).
"""

from __future__ import annotations

import argparse
import itertools
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

from timeline.models import Article  # noqa: E402

_BUILD = ("import sys; from timeline.pipeline import build; "
          "r = build([sys.argv[1]], sys.argv[2], formats=('csv', 'html'), nlp='rules'); "
          "print(len(r.articles), len(r.frame))")


def write_folder(articles: list[Article], count: int, folder: Path) -> int:
    """Write ``count`` articles (cycled) as .txt files with front matter; return chars."""
    chars = 0
    for n, art in enumerate(itertools.islice(itertools.cycle(articles), count)):
        title = " ".join(art.title.split()) or art.doc_id
        body = f"---\ntitle: {title}\ndate: {art.published.isoformat()}\n---\n{art.text}\n"
        (folder / f"article-{n:05d}.txt").write_text(body, encoding="utf-8")
        chars += len(art.text)
    return chars


def one_build(folder: Path, out: Path) -> tuple[float, float, str]:
    """(seconds, peak MB, the child's summary line) for one build in a fresh process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _BUILD, str(folder), str(out)], cwd=REPO,
                          capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb / 1024, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2048)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeml", type=Path, default=DEFAULT_TIMEML)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        chars = write_folder(source_articles(args.timeml), args.articles, folder)
        print(f"corpus: {args.articles:,} articles, {chars:,} chars")
        times, peak, summary = [], 0.0, ""
        for run in range(max(1, args.runs)):
            seconds, peak, summary = one_build(folder, Path(tmp) / f"out{run}")
            times.append(seconds)
        articles, rows = summary.split()
        print(f"build (csv + html, rule-based events): {int(articles):,} articles -> "
              f"{int(rows):,} event rows")
        print(f"wall clock: median {statistics.median(times):.1f} s of {len(times)} runs "
              f"({', '.join(f'{t:.1f}' for t in times)}); peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
