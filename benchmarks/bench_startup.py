"""Start-up: whole-process time of ``timeline tag`` on one sentence and ``timeline build``
on one short article, each run as a fresh ``python -m timeline`` process.

Run from the repository root::

    python benchmarks/bench_startup.py            # median of 5 runs each
    python benchmarks/bench_startup.py --runs 9

For each command it prints the median CPU time of the child process (user + system,
from ``resource.getrusage(RUSAGE_CHILDREN)``, which a loaded machine barely changes) and
the median wall time (which it does). The inputs are written by the script into a
temporary folder: one English sentence (``--lang en`` given, and left to the language
detector), one German sentence, and a short English article for ``build`` on the
rule-based event path and with spaCy.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SENTENCE_EN = "The leaders met on Thursday, two days after the summit of early February."
SENTENCE_DE = "Die Minister trafen sich am Donnerstag, zwei Tage nach dem Gipfel Anfang Februar."
ARTICLE = """---
title: Talks resume
date: 2022-09-15
lang: en
---
The two leaders met on Thursday in Geneva, two days after the summit of early February.
They will meet again next week, officials said on Friday.
"""


def child_seconds(argv: list[str]) -> tuple[float, float]:
    """(CPU seconds of the child, wall seconds) of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed: {done.stderr.strip().splitlines()[-1:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def measure(argv: list[str], runs: int) -> tuple[float, float]:
    """Median CPU and wall seconds over ``runs`` runs (one unmeasured run first, so the
    operating system's file cache is warm for every measured one)."""
    child_seconds(argv)
    cpu, wall = zip(*(child_seconds(argv) for _ in range(runs)), strict=True)
    return statistics.median(cpu), statistics.median(wall)


def commands(folder: Path) -> dict[str, list[str]]:
    def jsonl(name: str, text: str, lang: str | None) -> str:
        record = {"id": name, "text": text, "dct": "2022-09-15"}
        if lang:
            record["lang"] = lang
        path = folder / f"{name}.jsonl"
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        return str(path)

    (folder / "article").mkdir()
    (folder / "article" / "talks.md").write_text(ARTICLE, encoding="utf-8")
    python = [sys.executable, "-m", "timeline"]
    article = str(folder / "article")
    return {
        "python -c pass (the interpreter alone)": [sys.executable, "-c", "pass"],
        "timeline --help": [*python, "--help"],
        "tag, one sentence, --lang en": [*python, "tag", jsonl("en", SENTENCE_EN, None),
                                         "--lang", "en"],
        "tag, one sentence, lang in the input (de)": [*python, "tag",
                                                     jsonl("de", SENTENCE_DE, "de")],
        "tag, one sentence, language detected": [*python, "tag",
                                                 jsonl("detect", SENTENCE_EN, None)],
        "build, one short article, --nlp rules": [*python, "build", article, "--nlp", "rules",
                                                  "-o", str(folder / "out-rules"),
                                                  "--format", "csv"],
        "build, one short article (default, spaCy)": [*python, "build", article, "-o",
                                                      str(folder / "out-spacy"),
                                                      "--format", "csv"],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = [(label, *measure(cmd, args.runs)) for label, cmd in commands(Path(tmp)).items()]
    width = max(len(label) for label, *_ in rows)
    print(f"{'whole process, median of ' + str(args.runs):<{width}}  {'CPU s':>6}  {'wall s':>6}")
    for label, cpu, wall in rows:
        print(f"{label:<{width}}  {cpu:6.2f}  {wall:6.2f}")


if __name__ == "__main__":
    main()
