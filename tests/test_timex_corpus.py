"""The temporal-expression specification: one pytest case per surface form in
tests/data/timex_cases.tsv (hand-written) and tests/data/timex_cases_gold.tsv (rebuilt from
gold sentences; format and conventions in tests/data/README.md)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from timeline.temporal.tagger import tag

CASES_FILE = Path(__file__).parent / "data" / "timex_cases.tsv"
GOLD_CASES_FILE = Path(__file__).parent / "data" / "timex_cases_gold.tsv"
_MARK = re.compile(r"\[(?P<span>[^\]]+)\]")


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    category: str
    dct: date
    text: str
    span: tuple[int, int] | None
    expected: dict[str, str]


def _load(path: Path = CASES_FILE) -> list[Case]:
    with path.open(encoding="utf-8") as fh:
        rows = [(n, line) for n, line in enumerate(fh, 1) if line.strip()
                and not line.startswith("#")]
    header = rows[0][1].rstrip("\n").split("\t")
    cases = []
    for lineno, line in rows[1:]:
        row = dict(zip(header, next(csv.reader([line.rstrip("\n")], delimiter="\t")), strict=True))
        marked = _MARK.search(row["text"])
        text = _MARK.sub(lambda m: m["span"], row["text"])
        span = (marked.start(), marked.start() + len(marked["span"])) if marked else None
        cases.append(Case(path.stem, lineno, row["category"], date.fromisoformat(row["dct"]),
                          text, span, row))
    return cases


CASES = _load() + _load(GOLD_CASES_FILE)


def _id(case: Case) -> str:
    return f"{case.file}:{case.line}-{case.category}-{case.text[:40]}"


def test_corpus_is_large_enough() -> None:
    own = [c for c in CASES if c.file == CASES_FILE.stem]
    assert len(own) >= 300
    assert sum(c.span is None for c in own) >= 25
    assert all(c.expected["source"] for c in CASES if c.file == GOLD_CASES_FILE.stem)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_surface_form(case: Case) -> None:
    found = tag(case.text, case.dct)
    if case.span is None:
        assert [t.text for t in found] == []
        return
    if case.category != "range_anchor":
        assert [t.text for t in found] == [case.text[slice(*case.span)]]
    match = [t for t in found if (t.start, t.end) == case.span]
    assert match, f"span {case.text[slice(*case.span)]!r} not found in {[t.text for t in found]}"
    t, e = match[0], case.expected
    got = (t.type, t.value, t.mod, str(t.earliest or ""), str(t.latest or ""), t.relation)
    want = (e["type"], e["value"], e["mod"], e["earliest"], e["latest"], e["relation"] or "on")
    assert got == want
