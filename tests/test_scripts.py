"""The analysis scripts' pure parts (the scripts themselves read the shared gold data)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from timeline.evaluation.evaluate import ErrorRow

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from value_error_ceiling import classify  # noqa: E402


@pytest.mark.parametrize(("text", "gold", "ours", "cause"), [
    ("Friday night", "1998-08-07", "1998-08-07TNI", "part of day"),
    ("last week", "1989-WXX", "1989-W43", "week placeholder"),
    ("this week", "2000-W7", "2000-W07", "week placeholder"),
    ("1949", "1949-XX", "1949", "X placeholder"),
    ("the 1990s", "199X", "199", "X placeholder"),
    ("recent months", "PXM", "PAST_REF", "vague"),
    ("last week", "P1W", "1998-W33", "duration for a point"),
    ("Tuesday", "1990-08-07", "1990-08-14", "weekday, another week"),
    ("13 years", "P12Y", "P13Y", "other"),
    ("January", "1998-01", "1999-01", "other"),
])
def test_wrong_values_are_sorted_by_cause(text: str, gold: str, ours: str, cause: str) -> None:
    row = ErrorRow("c", "doc", "wrong-value", 0, len(text), text, gold, ours)
    assert classify(row) == cause
