"""Score an event table against a careful reader's dated events (``timeline eval-events``).

The reader's file is JSON Lines, one dated event a line::

    {"doc_id": "cawire-2022-09-14-xi-kazakhstan", "expression": "on Wednesday",
     "context": "arrived in Kazakhstan", "value": "2022-09-14",
     "label": "Xi arrived in Kazakhstan"}

``doc_id`` names the article (the table's ``doc_id``), ``expression`` the temporal
expression as written, ``context`` a few words of its sentence (to tell two equal
expressions of one article apart; optional), ``value`` the TIMEX3 value the reader gives it
(optional) and ``label`` who did what, as the reader would write it on a timeline.

A reader's event is *found* when a row of the same article has the expression (one
contains the other, case and spacing aside) in a sentence holding the context; the first
such row in the table is its row. For the found events the score gives the share whose
row has the reader's value, and the label overlap: ROUGE-1 F (rouge-score's tokens,
Porter stemming) between the reader's label and the row's. Build the table with
``--no-merge`` so that every article keeps its own rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from timeline.errors import TimelineError

REQUIRED = ("doc_id", "expression", "label")


@dataclass(frozen=True, slots=True)
class ReaderEvent:
    """One dated event of the reader's file."""

    doc_id: str
    expression: str
    label: str
    context: str = ""
    value: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """A reader's event and what the table says of it (``row_label`` '' when not found)."""

    event: ReaderEvent
    found: bool
    row_label: str = ""
    row_value: str = ""
    overlap: float = 0.0


@dataclass(frozen=True, slots=True)
class LabelScores:
    """How many reader events there are, the share with a row, with the right value
    (of those found that carry a value), and the mean label overlap of those found."""

    events: int
    found: float
    value_right: float
    label_overlap: float
    matches: tuple[Match, ...]

    def to_json(self) -> dict[str, Any]:
        return {"events": self.events, "found": round(self.found, 4),
                "value_right": round(self.value_right, 4),
                "label_overlap": round(self.label_overlap, 4),
                "missed": [m.event.expression for m in self.matches if not m.found]}


def read_reader_events(path: Path) -> list[ReaderEvent]:
    """The reader's events; a malformed line is a TimelineError naming file and line."""
    out: list[ReaderEvent] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise TimelineError(f"cannot read the reader's events ({type(exc).__name__}); "
                            "give a UTF-8 JSON Lines file", str(path)) from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            record = None
        if not isinstance(record, dict) or any(
                not isinstance(record.get(key), str) or not record[key] for key in REQUIRED):
            raise TimelineError(f"line {number}: not a reader's event; each line is a JSON "
                                f"object with the strings {', '.join(REQUIRED)}", str(path))
        out.append(ReaderEvent(record["doc_id"], record["expression"], record["label"],
                               str(record.get("context") or ""), str(record.get("value") or "")))
    if not out:
        raise TimelineError("no reader's events in the file", str(path))
    return out


@cache
def _scorer() -> Any:
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)


def label_overlap(reference: str, label: str) -> float:
    """ROUGE-1 F of ``label`` against the reader's ``reference``."""
    return float(_scorer().score(reference, label)["rouge1"].fmeasure)


def _norm(text: str) -> str:
    return " ".join(str(text).lower().split())


def _match(event: ReaderEvent, rows: pd.DataFrame) -> Match:
    expression, context = _norm(event.expression), _norm(event.context)
    for timex, sentence, label, value in zip(rows["timex_text"], rows["sentence"],
                                             rows["event"], rows["timex_value"], strict=True):
        timex = _norm(timex)
        if not timex or (expression not in timex and timex not in expression):
            continue
        if context and context not in _norm(sentence):
            continue
        return Match(event, True, str(label), str(value),
                     label_overlap(event.label, str(label)))
    return Match(event, False)


def score_labels(events: Sequence[ReaderEvent], table: pd.DataFrame) -> LabelScores:
    """Match every reader's event to the table's rows (see the module doc)."""
    by_doc = {doc: rows for doc, rows in table.groupby("doc_id", sort=False)}
    empty = table.iloc[0:0]
    matches = tuple(_match(e, by_doc.get(e.doc_id, empty)) for e in events)
    found = [m for m in matches if m.found]
    valued = [m for m in found if m.event.value]
    return LabelScores(
        len(matches), len(found) / len(matches),
        sum(m.row_value == m.event.value for m in valued) / len(valued) if valued else 0.0,
        sum(m.overlap for m in found) / len(found) if found else 0.0, matches)


def scores_text(scores: LabelScores) -> str:
    """The figures and one line per reader's event, for people."""
    lines = [f"reader's events {scores.events}  with a row {scores.found:.1%}  "
             f"value right {scores.value_right:.1%}  label overlap (ROUGE-1 F) "
             f"{scores.label_overlap:.3f}"]
    for m in scores.matches:
        got = f"{m.row_label!r} ({m.overlap:.2f})" if m.found else "no row"
        lines.append(f"  {m.event.doc_id} | {m.event.expression} | {m.event.label!r} -> {got}")
    return "\n".join(lines)


def evaluate_labels(reader: Path, table: Path) -> LabelScores:
    """``timeline eval-events``: the reader's events of ``reader`` against the event
    table ``table`` (see the module doc)."""
    from timeline.table.schema import read_table

    events = read_reader_events(Path(reader))
    return score_labels(events, read_table(Path(table)))
