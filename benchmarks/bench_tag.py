"""Tagging throughput: timeline.temporal.tagger.tag vs dateparser, plus adversarial inputs.

Run from the repository root::

    python benchmarks/bench_tag.py            # full run (>= 5 MB corpus)
    python benchmarks/bench_tag.py --quick    # smaller, for a fast check

The corpus is the plain text of every TimeML file under ``--timeml`` (its ``tbaq`` folder
if there is one; default ``../shared/data/timeml`` next to the repository, read at run
time and skipped if absent) plus the project's ``sample_articles``, cycled until it holds
``--size-mb`` million characters. German is measured in the same run (``lang="de"``) on
the German texts under ``--timeml`` (its ``wikiwars-de`` folder, read at run time), or,
without them, on German sentences the script writes itself, cycled to the same size. See
benchmarks/README.md for what it prints.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timeline.evaluation.timeml import find_timeml_files, read_timeml  # noqa: E402
from timeline.ingest.loader import load_articles  # noqa: E402

Doc = tuple[str, date]
MB = 1_000_000


class Timeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Abort the block with Timeout after ``seconds`` (POSIX main thread only)."""

    def on_alarm(signum: int, frame: object) -> None:
        raise Timeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def source_docs(timeml: Path, samples: Path) -> tuple[list[Doc], str]:
    """(text, reference date) of every source document, and a description."""
    docs: list[Doc] = []
    root = timeml / "tbaq" if (timeml / "tbaq").is_dir() else timeml
    if root.is_dir():
        docs += [(gold.text, gold.dct) for gold in map(read_timeml, find_timeml_files(root))]
    n_timeml = len(docs)
    if samples.is_dir():
        docs += [(a.text, a.published) for a in load_articles([samples], keep_going=True)
                 if a.lang == "en"]  # the English corpus: German samples are measured as German
    if not docs:
        sys.exit(f"no source texts: neither {root} nor {samples} holds any")
    return docs, f"{n_timeml} TimeML docs + {len(docs) - n_timeml} sample articles"


GERMAN_FOLDER = "wikiwars-de"
# written for this benchmark: used only when no German text is found under --timeml
GERMAN_SENTENCES = (
    "Die Minister trafen sich am Donnerstag in Berlin, zwei Tage nach dem Gipfel vom "
    "24. Februar 2022. Seit Februar gilt die neue Regel; Anfang März soll sie geprüft "
    "werden. Vor zwei Jahren wurde das Werk geschlossen, in den vergangenen Monaten "
    "stiegen die Mieten um 2.000 Euro. Die Sitzung beginnt um 14.30 Uhr und dauert drei "
    "Stunden. Der Krieg begann 1939 und dauerte sechs Jahre; im Frühjahr 1940 griff die "
    "Wehrmacht im Westen an, Ende des Jahres war Frankreich besetzt. Heute Morgen kam "
    "der Zug an, morgen fährt er weiter. Das Fest findet jedes Jahr im Sommer statt. "
    "Die Abgeordneten berieten lange über den Haushalt der Stadt und die Schulen.\n\n"
)


def german_docs(timeml: Path) -> tuple[list[Doc], str]:
    """(text, reference date) of the German texts to tag, and a description."""
    root = timeml / GERMAN_FOLDER
    if root.is_dir():
        docs = [(gold.text, gold.dct) for gold in map(read_timeml, find_timeml_files(root))]
        if docs:
            return docs, f"{len(docs)} German TimeML docs"
    return [(GERMAN_SENTENCES, date(2023, 3, 15))], "the script's German sentences"


def build_corpus(docs: list[Doc], min_chars: int) -> list[Doc]:
    corpus: list[Doc] = []
    size = 0
    for text, dct in itertools.cycle(docs):
        corpus.append((text, dct))
        size += len(text)
        if size >= min_chars:
            return corpus
    return corpus


def timed_runs(fn: Callable[[], int], runs: int) -> tuple[float, int]:
    """Median CPU seconds (``time.process_time``: a loaded machine barely changes it) over
    ``runs`` calls, and what the last call returned. The first call is also the one that
    compiles what the texts need (the patterns compile when first used): the median
    leaves it out."""
    seconds: list[float] = []
    result = 0
    for _ in range(runs):
        began = time.process_time()
        result = fn()
        seconds.append(time.process_time() - began)
    return statistics.median(seconds), result


# One child process of a paired run: tags the TimeML texts of a folder (argv[1]) in a
# language (argv[3]) with the tagger of the tree it runs in (either layout:
# timeline/tagger.py before the sub-packages, timeline/temporal/tagger.py after; the flat
# one knows English only) and prints its median chars per CPU-second.
PAIRED_CHILD = """
import importlib, statistics, sys, time
from pathlib import Path
sys.path.insert(0, ".")
flat = Path("timeline/tagger.py").exists()
timeml = importlib.import_module("timeline.timeml" if flat else "timeline.evaluation.timeml")
tag = importlib.import_module("timeline.tagger" if flat else "timeline.temporal.tagger").tag
docs = [timeml.read_timeml(f) for f in timeml.find_timeml_files(Path(sys.argv[1]))]
kw = {} if sys.argv[3] == "en" else {"lang": sys.argv[3]}
for d in docs:
    tag(d.text, d.dct, **kw)  # loading and compiling off the clock
rates = []
for _ in range(int(sys.argv[2])):
    began, n = time.process_time(), 0
    for d in docs:
        tag(d.text, d.dct, **kw)
        n += len(d.text)
    rates.append(n / (time.process_time() - began))
print(statistics.median(rates))
"""


def paired(other: Path, corpora: dict[str, Path], rounds: int) -> None:
    """This tree's tagger against ``other``'s (a checkout of another commit), in child
    processes run alternately, so both see the same load; medians of ``rounds`` each, per
    language of ``corpora`` (a tree whose tagger lacks a language is left out of it)."""
    import subprocess

    rates: dict[tuple[str, Path], list[float]] = {
        (lang, tree): [] for lang in corpora for tree in (REPO, other)}
    for _ in range(rounds):
        for (lang, tree), found in rates.items():
            done = subprocess.run([sys.executable, "-c", PAIRED_CHILD, str(corpora[lang]), "3",
                                   lang], cwd=tree, capture_output=True, text=True)
            if done.returncode == 0:
                found.append(float(done.stdout.split()[-1]))
    for lang, corpus in corpora.items():
        mine, base = (rates[lang, t] for t in (REPO, other))
        if not (mine and base):
            print(f"paired, {lang} on {corpus}: a tree could not tag it, no figure")
            continue
        mid, other_mid = statistics.median(mine), statistics.median(base)
        print(f"paired, {rounds} rounds, {lang} on {corpus}: this tree {mid:,.0f} "
              f"chars/CPU-s, {other} {other_mid:,.0f}; ratio {mid / other_mid:.3f}")


def load_tagger(spec: str) -> Callable[..., list]:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "tag")


def bench_tagger(tag: Callable[..., list], corpus: list[Doc], runs: int,
                 lang: str = "en") -> tuple[float, int, dict[str, int]]:
    """Median seconds, expressions found, and the exceptions raised (message -> docs).

    A document on which the tagger raises is counted and skipped, not fatal."""
    failures: dict[str, int] = {}

    def one_pass() -> int:
        failures.clear()
        found = 0
        for text, dct in corpus:
            try:
                found += len(tag(text, dct) if lang == "en" else tag(text, dct, lang=lang))
            except Exception as exc:  # noqa: BLE001 - report tagger bugs, keep measuring
                key = f"{type(exc).__name__}: {exc}"
                failures[key] = failures.get(key, 0) + 1
        return found

    seconds, found = timed_runs(one_pass, runs)
    return seconds, found, dict(failures)


def dateparser_slice(corpus: list[Doc], min_chars: int) -> list[str]:
    paragraphs: list[str] = []
    size = 0
    for text, _ in corpus:
        for para in text.split("\n\n"):
            if para.strip():
                paragraphs.append(para)
                size += len(para)
        if size >= min_chars:
            break
    return paragraphs


def bench_dateparser(paragraphs: list[str], runs: int) -> tuple[float, int]:
    from dateparser.search import search_dates

    search_dates("warm up on Monday", languages=["en"])
    return timed_runs(
        lambda: sum(len(search_dates(p, languages=["en"]) or []) for p in paragraphs), runs)


ADVERSARIAL = {
    '"1 1 1 ..."': "1 ",
    "month names": "March May June April December ",
    '"a1-" no spaces': "a1-",
}


def bench_adversarial(tag: Callable[..., list], sizes: list[float],
                      timeout: float) -> list[list[str]]:
    dct = date(2022, 9, 15)
    rows = []
    for label, unit in ADVERSARIAL.items():
        cells = [label]
        for size in sizes:
            n = int(size * MB)
            text = (unit * (n // len(unit) + 1))[:n]
            began = time.perf_counter()
            try:
                with time_limit(timeout):
                    tag(text, dct)
            except Timeout:
                cells.append(f">{timeout:.0f}s")
                continue
            except Exception as exc:  # noqa: BLE001 - show the failure in the table
                cells.append(type(exc).__name__)
                continue
            cells.append(f"{n / (time.perf_counter() - began):,.0f}")
        rows.append(cells)
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [header, ["-" * w for w in widths], *rows]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths, strict=True)))
                     for r in lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--timeml", type=Path, default=REPO / ".." / "shared" / "data" / "timeml",
                        help="TimeML folder to take texts from (default: %(default)s)")
    parser.add_argument("--samples", type=Path, default=REPO / "sample_articles")
    parser.add_argument("--size-mb", type=float, default=None,
                        help="corpus size in million characters (default 5; 1 with --quick)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure (median)")
    parser.add_argument("--dateparser-kb", type=float, default=None,
                        help="dateparser slice in thousand characters (default 100; 20 quick)")
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds before an adversarial input is given up")
    parser.add_argument("--tagger", default="timeline.temporal.tagger:tag", help="module:function")
    parser.add_argument("--quick", action="store_true", help="smaller corpus and inputs")
    parser.add_argument("--paired", type=Path, metavar="TREE", default=None,
                        help="only compare this tree's tagging speed (English; German too "
                        "if --timeml has it) with TREE's (another commit checked out, e.g. by "
                        "git worktree add), alternately")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of --paired")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    size_mb = args.size_mb or (1.0 if args.quick else 5.0)
    dp_kb = args.dateparser_kb or (20.0 if args.quick else 100.0)
    sizes = [0.05, 0.1, 0.2] if args.quick else [0.25, 0.5, 1.0]
    runs = max(args.runs, 3)
    if args.paired:
        root = args.timeml.resolve()
        corpora = {"en": root / "tbaq" if (root / "tbaq").is_dir() else root}
        if (root / GERMAN_FOLDER).is_dir():
            corpora["de"] = root / GERMAN_FOLDER
        paired(args.paired.resolve(), corpora, args.rounds)
        return
    tag = load_tagger(args.tagger)

    docs, described = source_docs(args.timeml.resolve(), args.samples)
    corpus = build_corpus(docs, int(size_mb * MB))
    n_chars = sum(len(text) for text, _ in corpus)
    print(f"corpus: {n_chars:,} chars in {len(corpus):,} docs ({described}, cycled)")

    tag_s, n_tag, failures = bench_tagger(tag, corpus, runs)
    de_docs, de_described = german_docs(args.timeml.resolve())
    de_corpus = build_corpus(de_docs, int(size_mb * MB))
    de_chars = sum(len(text) for text, _ in de_corpus)
    print(f"German corpus: {de_chars:,} chars in {len(de_corpus):,} docs ({de_described}, "
          "cycled)")
    de_s, n_de, de_failures = bench_tagger(tag, de_corpus, runs, lang="de")
    failures.update(de_failures)
    paragraphs = dateparser_slice(corpus, int(dp_kb * 1000))
    dp_chars = sum(map(len, paragraphs))
    dp_s, n_dp = bench_dateparser(paragraphs, runs)
    tag_rate, dp_rate = n_chars / tag_s, dp_chars / dp_s
    print()
    print(table(["throughput", "input chars", "runs", "median CPU s", "chars/CPU-s",
                 "found"], [
        [args.tagger, f"{n_chars:,}", str(runs), f"{tag_s:.2f}", f"{tag_rate:,.0f}",
         f"{n_tag:,}"],
        [f"{args.tagger} lang=de", f"{de_chars:,}", str(runs), f"{de_s:.2f}",
         f"{de_chars / de_s:,.0f}", f"{n_de:,}"],
        [f"dateparser search_dates ({len(paragraphs)} paragraphs)", f"{dp_chars:,}",
         str(runs), f"{dp_s:.2f}", f"{dp_rate:,.0f}", f"{n_dp:,}"],
    ]))
    print(f"ratio: tagger is {tag_rate / dp_rate:.1f}x dateparser's chars/s")
    for message, count in failures.items():
        print(f"tagger raised on {count} doc(s) per run: {message}")
    print()
    header = ["adversarial (chars/s)", *(f"{s:g} MB" for s in sizes)]
    print(table(header, bench_adversarial(tag, sizes, args.timeout)))


if __name__ == "__main__":
    main()
