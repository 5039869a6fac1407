"""Language-detection benchmark: py3langid against lingua on short and long texts.

Run from the repository root::

    python benchmarks/bench_langdetect.py                     # built-in samples only
    python benchmarks/bench_langdetect.py --data ../shared/data   # plus gold corpora

Each detector runs in a fresh child process (so its load time and peak memory are its
own) and knows every language it ships, as it must in the tool: an article may be in any
language, and one in French has to come out as French to be refused, not as the nearest
of English and German (``py3langid-1``: only its languages with an ISO 639-1 code, as
the tool uses it; ``tool``: the tool's whole rule, :func:`timeline.ingest.detect.
detect_language`, where "right" counts only decided texts). The report is on English
and German only: accuracy (share of texts whose top language is the right one) on short
texts (titles: a few words) and long ones (a paragraph or more); "sure": the share whose
top probability reaches the tool's threshold (:data:`timeline.ingest.detect.
MIN_CONFIDENCE`; each detector's own probability) and how many of those are right; the
speed in characters per second over all texts once the models are loaded; the load time
and the peak memory of the process.

The samples are sentences written for this benchmark. With ``--data`` it also reads,
at run time, the text of the TimeML corpora there (English TimeBank, German WikiWarsDE):
headings and sentence starts as short texts, paragraphs as long ones. Nothing of them is
stored. lingua is optional (``pip install -e ".[bench]"``): without it its rows are
skipped.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

Sample = tuple[str, str, str]  # (lang, size "short"/"long", text)
Detect = Callable[[str], tuple[str, float]]

SHORT = {
    "en": [
        "Xi and Putin meet in Samarkand", "Summit ends with joint declaration",
        "Floods hit southern Pakistan", "Central bank raises interest rates again",
        "Queen's funeral set for Monday", "Ceasefire holds for a second day",
        "Parliament votes on new budget", "Storm leaves thousands without power",
        "Talks collapse over grain exports", "Prime minister resigns after scandal",
        "Strike closes the main port", "Election result delayed by recount",
        "Wildfire forces evacuations", "Oil prices fall on weaker demand",
        "President visits flood victims", "Court blocks the new law",
    ],
    "de": [
        "Xi und Putin treffen sich in Samarkand", "Gipfel endet mit gemeinsamer Erklärung",
        "Überschwemmungen im Süden Pakistans", "Zentralbank erhöht erneut die Zinsen",
        "Trauerfeier für die Königin am Montag", "Waffenruhe hält den zweiten Tag",
        "Parlament stimmt über Haushalt ab", "Sturm lässt Tausende ohne Strom",
        "Gespräche über Getreideexporte gescheitert", "Regierungschef tritt nach Skandal zurück",
        "Streik legt den Hafen lahm", "Wahlergebnis verzögert sich",
        "Waldbrand zwingt zu Evakuierungen", "Ölpreis sinkt bei schwacher Nachfrage",
        "Präsident besucht Flutopfer", "Gericht stoppt das neue Gesetz",
    ],
}
LONG = {
    "en": [
        "Leaders of the Shanghai Cooperation Organization ended their two-day summit on "
        "Friday with a joint declaration, a day after the Chinese and Russian presidents met. "
        "The two men had last met in February, hours before the opening of the Olympics.",
        "Heavy rain has flooded large parts of the south since June. Officials said on "
        "Tuesday that more than a thousand people had died and that the water would take "
        "weeks to recede.",
        "The central bank raised its main rate by three quarters of a point on Wednesday, "
        "its third such increase this year, and signalled that more would follow until "
        "inflation came down.",
        "The strike began early on Monday and closed the port for the rest of the week. "
        "Union leaders said talks would resume after the holiday weekend.",
        "The court ruled that the law could not take effect until the appeal had been heard, "
        "which is expected late next year at the earliest.",
        "Firefighters fought the blaze through the night. By Saturday morning it had "
        "burned more than ten thousand hectares and destroyed dozens of homes.",
    ],
    "de": [
        "Die Staats- und Regierungschefs der Schanghaier Organisation für Zusammenarbeit "
        "beendeten ihren zweitägigen Gipfel am Freitag mit einer gemeinsamen Erklärung, einen "
        "Tag nach dem Treffen der Präsidenten Chinas und Russlands.",
        "Seit Juni hat heftiger Regen große Teile des Südens überflutet. Die Behörden teilten "
        "am Dienstag mit, dass mehr als tausend Menschen ums Leben gekommen seien und das "
        "Wasser erst in Wochen zurückgehen werde.",
        "Die Zentralbank hob ihren Leitzins am Mittwoch um drei Viertel Prozentpunkte an, "
        "die dritte solche Erhöhung in diesem Jahr, und kündigte weitere Schritte an.",
        "Der Streik begann am frühen Montagmorgen und legte den Hafen für den Rest der Woche "
        "lahm. Die Gewerkschaft erklärte, die Gespräche würden nach dem Feiertag fortgesetzt.",
        "Das Gericht entschied, dass das Gesetz erst nach der Verhandlung über die Berufung "
        "in Kraft treten darf, die frühestens Ende nächsten Jahres erwartet wird.",
        "Die Feuerwehr kämpfte die ganze Nacht gegen die Flammen. Bis Samstagmorgen hatte das "
        "Feuer mehr als zehntausend Hektar erfasst und Dutzende Häuser zerstört.",
    ],
}
CORPORA = {"en": "timeml/tbaq/TimeBank", "de": "timeml/wikiwars-de/keyinline"}
_TAG = re.compile(r"<[^>]+>")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
PER_LANGUAGE = 200


def builtin_samples() -> list[Sample]:
    return ([(lang, "short", text) for lang, texts in SHORT.items() for text in texts]
            + [(lang, "long", text) for lang, texts in LONG.items() for text in texts])


def _text_of(path: Path) -> str:
    raw = path.read_text(encoding="utf-8", errors="replace")
    body = raw.split("<TEXT>", 1)[-1].split("</TEXT>", 1)[0]
    return _TAG.sub("", body).replace("&amp;", "&")


def corpus_samples(data: Path) -> list[Sample]:
    """Short texts (headings, sentence starts of six words) and long ones (paragraphs of
    300+ characters, cut at 1,000) from the gold corpora under ``data``, read now."""
    samples: list[Sample] = []
    for lang, sub in CORPORA.items():
        short: list[str] = []
        long: list[str] = []
        for path in sorted((data / sub).glob("*")):
            for para in re.split(r"\n\s*\n", _text_of(path)):
                para = " ".join(para.split())
                if len(para) >= 300:
                    long.append(para[:1000])
                for sentence in _SENTENCE.split(para):
                    words = sentence.split()
                    if 2 <= len(words) <= 6 and not sentence.endswith("."):
                        short.append(sentence)  # a heading
                    elif len(words) > 6:
                        short.append(" ".join(words[:6]))
        samples += [(lang, "short", t) for t in short[:PER_LANGUAGE]]
        samples += [(lang, "long", t) for t in long[:PER_LANGUAGE]]
    return samples


def _py3langid() -> Detect:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return lambda text: ident.classify(text)


def _py3langid_iso1() -> Detect:
    from timeline.ingest.detect import _identifier  # as the tool restricts it

    ident = _identifier()
    return lambda text: ident.classify(text)


def _lingua(low_accuracy: bool) -> Callable[[], Detect]:
    def make() -> Detect:
        from lingua import LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_all_languages()
        if low_accuracy:
            builder = builder.with_low_accuracy_mode()
        detector = builder.with_preloaded_language_models().build()

        def detect(text: str) -> tuple[str, float]:
            best = detector.compute_language_confidence_values(text)[0]
            return best.language.iso_code_639_1.name.lower(), best.value

        return detect

    return make


def _tool() -> Detect:
    from timeline.ingest.detect import detect_language

    def detect(text: str) -> tuple[str, float]:
        found = detect_language(text)
        return found.lang, found.confidence

    return detect


DETECTORS: dict[str, tuple[str, Callable[[], Detect]]] = {
    "py3langid": ("py3langid", _py3langid),
    "py3langid-1": ("py3langid", _py3langid_iso1),  # only ISO 639-1 languages
    "lingua": ("lingua", _lingua(low_accuracy=False)),
    "lingua-low": ("lingua", _lingua(low_accuracy=True)),
    "tool": ("py3langid", _tool),  # the tool's rule: py3langid-1, enough letters and sure
}


def measure(name: str, samples: list[Sample]) -> dict[str, object]:
    """Load one detector, run it over ``samples``; figures as a JSON-ready dict."""
    start = time.perf_counter()
    detect = DETECTORS[name][1]()
    detect(LONG["en"][0])  # loads the model
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    found = [detect(text) for _, _, text in samples]
    seconds = time.perf_counter() - start
    from timeline.ingest.detect import MIN_CONFIDENCE

    cells: dict[str, list[int]] = {}
    for (lang, size, _), (got, confidence) in zip(samples, found, strict=True):
        cell = cells.setdefault(f"{lang} {size}", [0, 0, 0, 0])
        cell[0] += 1
        cell[1] += got == lang
        cell[2] += confidence >= MIN_CONFIDENCE
        cell[3] += confidence >= MIN_CONFIDENCE and got == lang
    chars = sum(len(text) for _, _, text in samples)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"name": name, "load_s": loaded, "chars_per_s": chars / seconds, "peak_mb": peak,
            "cells": cells}


def _row(result: dict[str, object]) -> str:
    cells = result["cells"]
    assert isinstance(cells, dict)
    parts = []
    for key in sorted(cells):
        n, right, sure, sure_right = cells[key]
        parts.append(f"{key}: {100 * right / n:5.1f}% right, {100 * sure / n:5.1f}% sure "
                     f"({100 * sure_right / max(sure, 1):5.1f}% of those right), n={n}")
    return (f"{result['name']:<11} load {result['load_s']:5.2f} s, "
            f"{result['chars_per_s'] / 1000:8.1f} k chars/s, peak {result['peak_mb']:6.0f} MB\n"
            + "\n".join(f"    {part}" for part in parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data",
                        help="folder holding timeml/ (read if present)")
    parser.add_argument("--only", choices=list(DETECTORS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    samples = builtin_samples()
    if (args.data / "timeml").is_dir():
        samples += corpus_samples(args.data)
    if args.only:
        print(json.dumps(measure(args.only, samples)))
        return
    print(f"{len(samples)} texts ({sum(len(t) for *_, t in samples):,} chars); "
          f"corpora: {'yes' if (args.data / 'timeml').is_dir() else 'no (built-in only)'}")
    for name, (module, _) in DETECTORS.items():
        if importlib.util.find_spec(module) is None:
            print(f"{name:<11} skipped: {module} is not installed")
            continue
        done = subprocess.run([sys.executable, __file__, "--only", name, "--data",
                               str(args.data)], capture_output=True, text=True, check=True)
        print(_row(json.loads(done.stdout)))


if __name__ == "__main__":
    main()
