"""The temporal-expression specification: one pytest case per surface form in
tests/data/timex_cases.tsv (English, hand-written), tests/data/timex_cases_de.tsv (German,
hand-written) and tests/data/timex_cases_gold.tsv (English cases rebuilt from gold
sentences, each naming its source document); format and conventions in
tests/data/README.md."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from timeline.temporal.tagger import tag

DATA = Path(__file__).parent / "data"
CASES_FILE = DATA / "timex_cases.tsv"
GOLD_CASES_FILE = DATA / "timex_cases_gold.tsv"
# hand-written corpora: language -> its file, the least number of cases and of negatives
CORPORA = {"en": (CASES_FILE, 300, 25), "de": (DATA / "timex_cases_de.tsv", 80, 6)}
_MARK = re.compile(r"\[(?P<span>[^\]]+)\]")
# categories whose text holds other, unmarked expressions: the other end of a range, or
# earlier sentences of the same article (one day per weekday in one article)
MANY_EXPRESSIONS = frozenset(("range_anchor", "article"))


@dataclass(frozen=True)
class Case:
    file: str
    lang: str
    line: int
    category: str
    dct: date
    text: str
    span: tuple[int, int] | None
    expected: dict[str, str]


def _load(path: Path, lang: str) -> list[Case]:
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
        cases.append(Case(path.stem, lang, lineno, row["category"],
                          date.fromisoformat(row["dct"]), text, span, row))
    return cases


CASES = [case for lang, (path, _, _) in CORPORA.items() for case in _load(path, lang)]
CASES += _load(GOLD_CASES_FILE, "en")


def _id(case: Case) -> str:
    return f"{case.file}:{case.line}-{case.category}-{case.text[:40]}"


@pytest.mark.parametrize("lang", list(CORPORA))
def test_corpus_is_large_enough(lang: str) -> None:
    path, least, negatives = CORPORA[lang]
    own = [c for c in CASES if c.file == path.stem]
    assert len(own) >= least
    assert sum(c.span is None for c in own) >= negatives


def test_gold_cases_name_their_source_document() -> None:
    gold = [c for c in CASES if c.file == GOLD_CASES_FILE.stem]
    assert gold and all(c.expected["source"] for c in gold)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_surface_form(case: Case) -> None:
    found = tag(case.text, case.dct, lang=case.lang)
    if case.span is None:
        assert [t.text for t in found] == []
        return
    if case.category not in MANY_EXPRESSIONS:
        assert [t.text for t in found] == [case.text[slice(*case.span)]]
    match = [t for t in found if (t.start, t.end) == case.span]
    assert match, f"span {case.text[slice(*case.span)]!r} not found in {[t.text for t in found]}"
    t, e = match[0], case.expected
    got = (t.type, t.value, t.mod, str(t.earliest or ""), str(t.latest or ""), t.relation)
    want = (e["type"], e["value"], e["mod"], e["earliest"], e["latest"], e["relation"] or "on")
    assert got == want
