"""The event stage's memory is linear in its input with a small constant.

On one huge sentence of dates (no full stop, so one sentence of the splitter) the
expressions are anchored in windows that overlap; the stage must never hold a copy of a
window, or the spans in it, per expression at once. The traced peak of
``extract_events`` per expression is the measure (bytes, not seconds): about a kilobyte
today, the rows and anchors themselves; holding every window's text and spans at once
took two to five times that.
"""

from __future__ import annotations

import json
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from timeline.events.bounded import LONG_SENTENCE
from timeline.events.extract import extract_events
from timeline.models import Article
from timeline.temporal.tagger import tag

CASES = json.loads((Path(__file__).parent / "data" / "linear_cases.json").read_text(
    encoding="utf-8"))["sentences"]
PUB = date(2022, 9, 14)
#: Traced peak bytes of the event stage per expression: every row, anchor and item
#: of an expression together (each a few hundred bytes), no window copies.
BYTES_PER_EXPRESSION = 1600
SIZES = (10_000, 30_000)  # characters of the one sentence


def peak_per_expression(text: str) -> float:
    article = Article("doc", "Title", text, PUB)
    timexes = tag(text, PUB)
    assert len(timexes) >= len(text) // 50  # dense: windows of many expressions overlap
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        events = extract_events(article, timexes, nlp="rules")
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert events
    return peak / len(timexes)


@pytest.mark.parametrize("unit", CASES.values(), ids=list(CASES))
def test_one_huge_sentence_costs_a_bounded_number_of_bytes_per_expression(unit: str) -> None:
    for size in SIZES:
        text = unit * (size // len(unit))
        assert len(text) > 4 * LONG_SENTENCE and "." not in text
        assert peak_per_expression(text) <= BYTES_PER_EXPRESSION, size
