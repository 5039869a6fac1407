"""How high can value F1 go on TimeML gold data without copying the gold's conventions?

Run from the repository root::

    python scripts/value_error_ceiling.py ../shared/data/timeml/tbaq/TimeBank \
        ../shared/data/timeml/tbaq/AQUAINT

It scores the tagger with ``timeline.evaluation.evaluate`` (news mode, TempEval-3 definitions), then
sorts every wrong value into one of these classes, by rules on the two value strings alone:

- ``part of day``: the values differ only in a part-of-day suffix (TMO, TAF, TEV, TNI).
  TimeML and the issue ask for the suffix ("Wednesday morning" -> ...TMO); the gold often
  drops it or picks another one for the same words.
- ``week placeholder``: the gold writes ``1989-WXX`` or an unpadded ``2000-W7`` where we give
  the ISO week (the issue asks for ISO weeks).
- ``X placeholder``: the gold pads a value we give exactly with Xs (``1949-XX`` for "1949",
  ``199X`` for "the 1990s", ``1998-10-XX`` for a day of October).
- ``vague``: a vague duration (``PXM``) in the gold where the product spec asks for
  ``PAST_REF``/``FUTURE_REF`` ("in recent months"), or the other way round.
- ``duration for a point``: the gold gives a duration (``P1W``, ``P2Y``) for words that name
  a point in time ("last week", "this month", "September", "two years ago"), which TimeML
  annotates as a DATE.
- ``weekday, another week``: a weekday both sides resolve to the same weekday, whole weeks
  apart: the gold counted from another reference date than the document's DCT.
- ``other``: everything else (ours, or gold errors these rules do not recognise).

and prints, per corpus, the value F1 we would reach if every ``other`` error were fixed and
the convention classes were left as they are: the ceiling for rules that do not copy the
gold's conventions. A second ceiling also drops every spurious expression whose words the
gold never annotates anywhere in that corpus (keeping those it annotates elsewhere, such
as "now" or a dateline, where the gold is inconsistent), which raises span precision too.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.evaluation.evaluate import ErrorRow, evaluate  # noqa: E402
from timeline.evaluation.timeml import find_timeml_files, read_timeml  # noqa: E402

_POD = re.compile(r"T(?:MO|AF|EV|NI|DT|MI)$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REFS = ("PAST_REF", "FUTURE_REF", "PRESENT_REF")
_POINT_WORDS = re.compile(r"\b(?:ago|earlier|later|last|this|next|weekend|january|february|"
                          r"march|april|may|june|july|august|september|october|november|"
                          r"december)\b", re.I)
_WEEKDAYS = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def classify(e: ErrorRow) -> str:
    gold, ours = e.gold_value, e.our_value
    if _POD.sub("", gold) == _POD.sub("", ours):
        return "part of day"
    if re.fullmatch(r"\d{4}-W(?:XX|\d)", gold) and re.fullmatch(r"\d{4}-W\d\d", ours):
        return "week placeholder"
    stripped = re.sub(r"(?:-XX)+$", "", gold).rstrip("X")
    if "X" in gold and stripped == ours and not gold.startswith("P"):
        return "X placeholder"
    if (gold in _REFS and ours.startswith("P")) or (ours in _REFS and gold.startswith("P")):
        return "vague"
    if gold.startswith("P") and ours[:1].isdigit() and _POINT_WORDS.search(e.text):
        return "duration for a point"
    if _DAY.match(gold) and _DAY.match(ours[:10]) and _WEEKDAYS.search(e.text):
        days = (date.fromisoformat(gold) - date.fromisoformat(ours[:10])).days
        if days and days % 7 == 0:
            return "weekday, another week"
    return "other"


def _gold_words(path: Path) -> set[str]:
    return {" ".join(t.text.lower().split()) for f in find_timeml_files(path)
            for t in read_timeml(f).timexes}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main(paths: list[str]) -> None:
    report = evaluate([Path(p) for p in paths])
    for path, corpus in zip(paths, report.corpora, strict=True):
        mine = [e for e in report.errors if e.corpus == corpus.name]
        classes = Counter(classify(e) for e in mine if e.kind == "wrong-value")
        right = corpus.n_value_ok + classes["other"]
        ceiling = corpus.relaxed[2] * right / corpus.n_relaxed
        annotated = _gold_words(Path(path))
        spurious = [e for e in mine if e.kind == "spurious"]
        ours = sum(" ".join(e.text.lower().split()) not in annotated for e in spurious)
        precision = corpus.n_relaxed / (corpus.n_sys - ours)
        ceiling2 = _f1(precision, corpus.relaxed[1]) * right / corpus.n_relaxed
        print(f"{corpus.name}: value F1 {100 * corpus.value_f1:.1f}, relaxed F1 "
              f"{100 * corpus.relaxed[2]:.1f}; {sum(classes.values())} wrong values of "
              f"{corpus.n_relaxed} matched")
        for name, count in classes.most_common():
            print(f"  {count:4d}  {name}")
        print(f"  ceiling with every 'other' error fixed: value F1 {100 * ceiling:.1f}")
        print(f"  ... and the {ours} of {len(spurious)} spurious expressions the gold never "
              f"annotates dropped: value F1 {100 * ceiling2:.1f}\n")


if __name__ == "__main__":
    main(sys.argv[1:] or ["../shared/data/timeml/tbaq/TimeBank",
                          "../shared/data/timeml/tbaq/AQUAINT"])
