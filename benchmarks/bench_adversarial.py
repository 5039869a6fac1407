"""Linear time and memory on adversarial and realistic inputs: the tagger and the event stage.

Run from the repository root::

    python benchmarks/bench_adversarial.py                     # 0.25, 0.5, 1 MB (minutes)
    python benchmarks/bench_adversarial.py --sizes 1,5,10,50   # the long run (hours)
    python benchmarks/bench_adversarial.py --inputs summit,article --sizes 0.25,2

Each input is one article of the given size (MB of UTF-8 text), built by repeating a
pattern:

- ``summit``: paragraphs "The two-day summit opened on Monday in Samarkand." (a duration
  and a day in each: the shape that made the event stage quadratic);
- ``months``: month names on one line, no sentence end (one huge sentence);
- ``nospace``: one line without a space, dates and day names glued together;
- ``numbers``: numbers and years separated by spaces;
- ``article``: a real-looking news article (``sample_articles``) repeated.

Every (input, size) runs in a fresh process, which reports the CPU seconds
(``time.process_time``: the machine may be shared) of ``tag``, those of the event stage
(``extract_events`` with the rule path, then ``merge_events``), and the peak resident
memory above what the imports took, once after ``tag`` and once at the end (the text,
the expressions and the event stage's structures). The table prints seconds per MB and
peak MB per MB: linear means each ratio stays flat as the size grows (a
quadratic step doubles it with each doubling of the size). Reading the file and writing
the outputs are linear and left out.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000

PATTERNS: dict[str, str] = {
    "summit": "The two-day summit opened on Monday in Samarkand.\n\n",
    "months": "January February March April May June July August September October "
              "November December ",
    "nospace": "Monday2022-09-14x15.09.2022Tuesday_1999/12/31;",
    "numbers": "1 22 333 4444 2022 12 31 1999 05 7 1000000 3.5 ",
}
ARTICLE = REPO / "sample_articles" / "sco-summit-preview.txt"

#: The measuring child: argv = input name, MB; prints one JSON line.
CHILD = """
import json, resource, sys, time
from datetime import date
sys.path.insert(0, sys.argv[3])
from benchmarks.bench_adversarial import make_text
from timeline.events.extract import extract_events
from timeline.events.merge import merge_events
from timeline.models import Article
from timeline.temporal.tagger import tag
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
text = make_text(sys.argv[1], float(sys.argv[2]))
article = Article("bench", "Bench", text, date(2022, 9, 14))
t0 = time.process_time()
timexes = tag(text, article.published)
t1 = time.process_time()
tag_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - base
events = merge_events(extract_events(article, timexes, nlp="rules"))
t2 = time.process_time()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - base
print(json.dumps({"tag": t1 - t0, "events": t2 - t1, "tag_peak_mb": tag_peak, "peak_mb": peak,
                  "timexes": len(timexes), "n_events": len(events)}))
"""


def make_text(name: str, mb: float) -> str:
    """About ``mb`` MB of input ``name`` (see module doc)."""
    if name == "article":
        body = ARTICLE.read_text(encoding="utf-8").split("---", 2)[-1].strip() + "\n\n"
    else:
        body = PATTERNS[name]
    size = int(mb * MB)
    return (body * (size // len(body.encode("utf-8")) + 1))[:size]


def measure(name: str, mb: float) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", CHILD, name, str(mb), str(REPO)],
                          capture_output=True, text=True, check=True, cwd=REPO)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="0.25,0.5,1", help="MB, comma-separated")
    parser.add_argument("--inputs", default=",".join([*PATTERNS, "article"]))
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"{'input':<8} {'MB':>6} {'timexes':>9} {'events':>8} {'tag s':>8} {'s/MB':>7} "
          f"{'events s':>9} {'s/MB':>7} {'tag pk/MB':>9} {'peak MB':>8} {'peak/MB':>8}")
    for name in args.inputs.split(","):
        for mb in sizes:
            r = measure(name, mb)
            print(f"{name:<8} {mb:>6.2f} {r['timexes']:>9.0f} {r['n_events']:>8.0f} "
                  f"{r['tag']:>8.2f} {r['tag'] / mb:>7.2f} {r['events']:>9.2f} "
                  f"{r['events'] / mb:>7.2f} {r['tag_peak_mb'] / mb:>9.0f} {r['peak_mb']:>8.0f} "
                  f"{r['peak_mb'] / mb:>8.0f}",
                  flush=True)


if __name__ == "__main__":
    main()
