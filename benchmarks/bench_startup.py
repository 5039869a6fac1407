"""Start-up: whole-process time of ``timeline tag`` on one sentence and ``timeline build``
on one short article, each run as a fresh ``python -m timeline`` process.

Run from the repository root::

    python benchmarks/bench_startup.py            # median of 5 runs each
    python benchmarks/bench_startup.py --runs 9
    python benchmarks/bench_startup.py --baseline ../main   # paired against other code

For each command it prints the median CPU time of the child process (user + system,
from ``resource.getrusage(RUSAGE_CHILDREN)``, which a loaded machine barely changes) and
the median wall time (which it does). The inputs are written by the script into a
temporary folder: one English sentence (``--lang en`` given, and left to the language
detector), one German sentence, and a short English article for ``build`` on the
rule-based event path and with spaCy. The detector's unpacked model is kept in the cache
folder after the first run, so "language detected" is the usual case and the row with
``TIMELINE_CACHE=off`` the first run on a machine. ``timeline (console script)`` runs the
installed entry point found on PATH (through pyenv's shim, when there is one).

``--baseline DIR`` runs every command also in ``DIR`` (another checkout: ``python -m
timeline`` imports the ``timeline/`` of the folder it runs in), alternating the two runs so
both see the same load, and prints the ratio of the medians (this code / the baseline).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
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


Command = tuple[list[str], dict[str, str]]  # argv and the environment's changes


def child_seconds(command: Command, cwd: Path) -> tuple[float, float]:
    """(CPU seconds of the child, wall seconds) of one run of ``command`` in ``cwd``."""
    argv, changes = command
    env = {**os.environ, **changes}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed: {done.stderr.strip().splitlines()[-1:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def measure(command: Command, runs: int, folders: list[Path]) -> list[tuple[float, float]]:
    """Median CPU and wall seconds over ``runs`` runs in each of ``folders``, the folders
    taking turns (one unmeasured run each first, so the operating system's file cache and
    the tool's own cache are warm for every measured one)."""
    for folder in folders:
        child_seconds(command, folder)
    samples: list[list[tuple[float, float]]] = [[] for _ in folders]
    for _ in range(runs):
        for folder, taken in zip(folders, samples, strict=True):
            taken.append(child_seconds(command, folder))
    return [(statistics.median(c for c, _ in taken), statistics.median(w for _, w in taken))
            for taken in samples]


def commands(folder: Path) -> dict[str, Command]:
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
    detect = jsonl("detect", SENTENCE_EN, None)
    argvs = {
        "python -c pass (the interpreter alone)": [sys.executable, "-c", "pass"],
        "timeline --help": [*python, "--help"],
        "tag, one sentence, --lang en": [*python, "tag", jsonl("en", SENTENCE_EN, None),
                                         "--lang", "en"],
        "tag, one sentence, lang in the input (de)": [*python, "tag",
                                                     jsonl("de", SENTENCE_DE, "de")],
        "tag, one sentence, language detected": [*python, "tag", detect],
        "build, one short article, --nlp rules": [*python, "build", article, "--nlp", "rules",
                                                  "-o", str(folder / "out-rules"),
                                                  "--format", "csv"],
        "build, one short article (default, spaCy)": [*python, "build", article, "-o",
                                                      str(folder / "out-spacy"),
                                                      "--format", "csv"],
    }
    listed: dict[str, Command] = {label: (argv, {}) for label, argv in argvs.items()}
    listed["tag, language detected, TIMELINE_CACHE=off"] = (
        [*python, "tag", detect], {"TIMELINE_CACHE": "off"})
    if script := shutil.which("timeline"):
        listed["timeline (console script) tag, --lang en"] = (
            [script, "tag", str(folder / "en.jsonl"), "--lang", "en"], {})
    return listed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--baseline", type=Path, help="another checkout to pair against")
    args = parser.parse_args(argv)
    folders = [REPO, *([args.baseline.resolve()] if args.baseline else [])]
    with tempfile.TemporaryDirectory() as tmp:
        rows = [(label, measure(cmd, args.runs, folders))
                for label, cmd in commands(Path(tmp)).items()]
    width = max(len(label) for label, _ in rows)
    head = f"{'whole process, median of ' + str(args.runs):<{width}}  {'CPU s':>6}  {'wall s':>6}"
    print(head + ("  base CPU  base wall  CPU ratio" if args.baseline else ""))
    for label, figures in rows:
        (cpu, wall), *base = figures
        line = f"{label:<{width}}  {cpu:6.2f}  {wall:6.2f}"
        if base:
            line += f"  {base[0][0]:8.2f}  {base[0][1]:9.2f}  {cpu / base[0][0]:9.2f}"
        print(line)


if __name__ == "__main__":
    main()
