"""How high can value F1 go on TimeML gold data without copying the gold's conventions?

Run from the repository root::

    python scripts/value_error_ceiling.py ../shared/data/timeml/tbaq/TimeBank \
        ../shared/data/timeml/tbaq/AQUAINT

It scores the tagger with ``timeline.evaluation.evaluate`` (news mode, TempEval-3 definitions), then
sorts every wrong value into one of these classes, by rules on the two value strings (and,
for weekdays, the document's DCT and the words of the language data):

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
  apart, where the gold day is a week or more away from the document's DCT (so it is not
  the nearest such weekday in either direction) and ours is the nearest one on the gold's
  side of the DCT: the gold counted from another reference date than the DCT.
- ``weekday, past or future``: the same weekday, where both days lie within a week of the
  DCT but on opposite sides of it: the tagger's choice between past and future. This is
  ours (the tense of the sentence decides; a rule can fix it), so it counts as fixable.
  The script does not judge the tense itself: the tagger's own tense cues would only
  agree with the tagger.
- ``other``: everything else (ours, or gold errors these rules do not recognise).

and prints, per corpus, the value F1 we would reach if every error of ours (``other`` and
``weekday, past or future``) were fixed and the convention classes were left as they are:
the ceiling for rules that do not copy the gold's conventions. A second ceiling also
drops every spurious expression whose words the gold never annotates anywhere in that
corpus (keeping those it annotates elsewhere, such as "now" or a dateline, where the gold
is inconsistent), which raises span precision too.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.evaluation.evaluate import ErrorRow, evaluate  # noqa: E402
from timeline.evaluation.timeml import find_timeml_files, read_timeml  # noqa: E402
from timeline.langdata import load_json  # noqa: E402
from timeline.timex3 import TimexValue  # noqa: E402

_POD = re.compile(r"T(?:MO|AF|EV|NI|DT|MI)$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REFS = ("PAST_REF", "FUTURE_REF", "PRESENT_REF")
CONVENTIONS = ("part of day", "week placeholder", "X placeholder", "vague",
               "duration for a point", "weekday, another week")
OURS = ("weekday, past or future", "other")
WEEK = 7


@dataclass(frozen=True, slots=True)
class Words:
    """The language's words the classes look for, from its language data."""

    point: frozenset[str]    # words naming a point in time: months, last/next, ago, weekend
    weekdays: frozenset[str]

    @classmethod
    def of(cls, lang: str = "en") -> Words:
        lex = load_json(lang, "lexicon.json")
        point = {*lex["months"], *lex["relatives"], *lex["offset_directions"],
                 *(w for w, unit in lex["units"].items() if unit == "WE")}
        return cls(frozenset(point), frozenset(lex["weekdays"]))

    def has(self, text: str, which: frozenset[str]) -> bool:
        low = " ".join(re.findall(r"[\w'.]+", text.lower()))
        return any(re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", low) for w in which)


def weekday_class(gold: date, ours: date, dct: date) -> str:
    """``weekday, another week`` / ``weekday, past or future`` / '' (see module doc) for
    two days of the same weekday, judged against the document's DCT."""
    g, o = (gold - dct).days, (ours - dct).days
    if g == o or (g - o) % WEEK:
        return ""
    if abs(g) >= WEEK and abs(o) < WEEK and (o == 0 or (o > 0) == (g > 0)):
        return "weekday, another week"
    if abs(g) < WEEK and abs(o) < WEEK and g * o < 0:
        return "weekday, past or future"
    return ""


def classify(e: ErrorRow, dct: date | None = None, words: Words | None = None) -> str:
    """The class of one wrong value (module doc); weekdays need the DCT."""
    words = words or Words.of()
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
    if gold.startswith("P") and ours[:1].isdigit() and words.has(e.text, words.point):
        return "duration for a point"
    ours_day = TimexValue.parse(ours).date_text
    if dct and _DAY.match(gold) and ours_day and words.has(e.text, words.weekdays):
        return weekday_class(date.fromisoformat(gold), date.fromisoformat(ours_day), dct) \
            or "other"
    return "other"


def _gold(path: Path) -> tuple[set[str], dict[str, date]]:
    """The words the gold annotates anywhere in a corpus, and each document's DCT."""
    docs = [read_timeml(f) for f in find_timeml_files(path)]
    return ({" ".join(t.text.lower().split()) for d in docs for t in d.timexes},
            {d.doc_id: d.dct for d in docs})


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main(paths: list[str]) -> None:
    report = evaluate([Path(p) for p in paths])
    words = Words.of()
    for path, corpus in zip(paths, report.corpora, strict=True):
        annotated, dcts = _gold(Path(path))
        mine = [e for e in report.errors if e.corpus == corpus.name]
        classes = Counter(classify(e, dcts.get(e.doc_id), words) for e in mine
                          if e.kind == "wrong-value")
        right = corpus.n_value_ok + sum(classes[c] for c in OURS)
        ceiling = corpus.relaxed[2] * right / corpus.n_relaxed
        spurious = [e for e in mine if e.kind == "spurious"]
        ours = sum(" ".join(e.text.lower().split()) not in annotated for e in spurious)
        precision = corpus.n_relaxed / (corpus.n_sys - ours)
        ceiling2 = _f1(precision, corpus.relaxed[1]) * right / corpus.n_relaxed
        print(f"{corpus.name}: value F1 {100 * corpus.value_f1:.1f}, relaxed F1 "
              f"{100 * corpus.relaxed[2]:.1f}; {sum(classes.values())} wrong values of "
              f"{corpus.n_relaxed} matched")
        for name, count in classes.most_common():
            print(f"  {count:4d}  {name}{'' if name in CONVENTIONS else '  (ours)'}")
        print(f"  ceiling with every error of ours fixed: value F1 {100 * ceiling:.1f}")
        print(f"  ... and the {ours} of {len(spurious)} spurious expressions the gold never "
              f"annotates dropped: value F1 {100 * ceiling2:.1f}\n")


if __name__ == "__main__":
    main(sys.argv[1:] or ["../shared/data/timeml/tbaq/TimeBank",
                          "../shared/data/timeml/tbaq/AQUAINT"])
