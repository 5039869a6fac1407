"""The one parsed TIMEX3 value and the one granularity scale (timeline.timex3).

tests/data/value_cases.tsv holds one case per line: a value, what it parses to, its
granularity and the days it denotes."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from timeline.events.merge import LEVELS
from timeline.render.payload import is_fuzzy
from timeline.temporal.intervals import base_interval, granularity_of
from timeline.timex3 import GRANULARITIES, TimexValue, at_most, coarser_than, rank

CASES = Path(__file__).parent / "data" / "value_cases.tsv"
_DEFAULTS = {f.name: f.default for f in fields(TimexValue) if f.name not in ("text", "kind")}


def _cases() -> list[pytest.param]:
    lines = CASES.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    out = []
    for number, line in enumerate(lines[1:], 2):
        if line.startswith("#") or not line.strip():
            continue
        row = dict(zip(header, line.split("\t"), strict=True))
        out.append(pytest.param(row, id=f"{number}:{row['value'] or '(empty)'}"))
    return out


def _typed(name: str, text: str) -> object:
    default = _DEFAULTS[name]
    if isinstance(default, bool):
        return text == "True"
    if isinstance(default, str):
        return text
    return float(text) if name == "amount" else int(text)


def _interval(text: str) -> tuple[date, date] | None:
    if not text:
        return None
    first, last = text.split("..")
    return date.fromisoformat(first), date.fromisoformat(last)


@pytest.mark.parametrize("case", _cases())
def test_value_parses_to_its_fields_granularity_and_interval(case: dict[str, str]) -> None:
    parsed = TimexValue.parse(case["value"])
    stated = dict(item.split("=", 1) for item in case["fields"].split())
    expected = {**_DEFAULTS, **{k: _typed(k, v) for k, v in stated.items()}}
    ref = date.fromisoformat(case["ref"]) if case["ref"] else None
    assert parsed.kind == case["kind"]
    assert {name: getattr(parsed, name) for name in _DEFAULTS} == expected
    assert parsed.granularity == case["granularity"]
    assert parsed.interval(ref) == _interval(case["interval"])
    assert (granularity_of(case["value"]), base_interval(case["value"], ref)) == \
        (parsed.granularity, parsed.interval(ref))


def test_the_scale_runs_from_century_to_minute() -> None:
    assert GRANULARITIES == ("century", "decade", "year", "half", "quarter", "season",
                             "month", "week", "day", "part-of-day", "hour", "minute")
    assert [rank(g) for g in GRANULARITIES] == list(range(12))
    assert rank("") is None and rank("fortnight") is None


@pytest.mark.parametrize(("a", "b", "coarser", "at_most_b"), [
    ("year", "month", True, True),
    ("month", "year", False, False),
    ("year", "year", False, True),
    ("season", "month", True, True),
    ("quarter", "season", True, True),
    ("day", "part-of-day", True, True),
    ("", "day", False, False),
    ("day", "", False, False),
])
def test_comparing_granularities(a: str, b: str, coarser: bool, at_most_b: bool) -> None:
    assert coarser_than(a, b) is coarser
    assert at_most(a, b) is at_most_b


def test_merge_levels_are_contiguous_bands_of_the_scale() -> None:
    assert set(LEVELS) == set(GRANULARITIES)
    levels = [LEVELS[g] for g in GRANULARITIES]
    assert levels == sorted(levels, reverse=True)
    assert sorted(set(levels)) == list(range(6))


@pytest.mark.parametrize(("value", "year", "expected"), [
    ("2022-Q3", 2021, "2021-Q3"),
    ("2022-09-15T14:30", 2023, "2023-09-15T14:30"),
    ("2022", 1999, "1999"),
    ("BC0241", 2000, ""),
    ("PAST_REF", 2000, ""),
])
def test_with_year(value: str, year: int, expected: str) -> None:
    assert TimexValue.parse(value).with_year(year) == expected


@pytest.mark.parametrize(("value", "years", "expected"), [
    ("1998-Q3", -1, "1997-Q3"), ("1998-Q3", 1, "1999-Q3"), ("2022-W37", 2, "2024-W37"),
    ("199", 1, ""), ("BC0241", 1, ""),
])
def test_years_later(value: str, years: int, expected: str) -> None:
    assert TimexValue.parse(value).years_later(years) == expected


@pytest.mark.parametrize(("value", "granularity", "expected"), [
    ("2022-09-15T10:00", "month", "2022-09"),
    ("2022-09-15T10:00", "day", "2022-09-15"),
    ("2022-09-15", "year", "2022"),
    ("2022-W37-4", "month", ""),
    ("2022", "month", ""),
    ("P2D", "year", ""),
])
def test_truncated(value: str, granularity: str, expected: str) -> None:
    assert TimexValue.parse(value).truncated(granularity) == expected


@pytest.mark.parametrize(("value", "date_text", "suffix"), [
    ("2022-09-15T14:30", "2022-09-15", "T14:30"),
    ("2022-09-15TMO", "2022-09-15", "TMO"),
    ("2022-09-15", "2022-09-15", ""),
    ("2022-W37-4", "", ""),
    ("2022-09", "", ""),
])
def test_the_day_and_time_of_a_value(value: str, date_text: str, suffix: str) -> None:
    parsed = TimexValue.parse(value)
    assert (parsed.date_text, parsed.time_suffix, parsed.has_time) == \
        (date_text, suffix, bool(suffix))


@pytest.mark.parametrize(("value", "fuzzy"), [
    ("2022", True), ("199", True), ("19", True), ("2022-H1", False), ("2022-09", False),
    ("PAST_REF", True), ("P2D", False),
])
def test_a_year_or_coarser_and_the_references_are_fuzzy(value: str, fuzzy: bool) -> None:
    assert is_fuzzy("", value, granularity_of(value)) is fuzzy
