"""A new language is a data folder and no code: tests/data/languages/id/ (Indonesian: a
lexicon of ten tables and a patterns file), found through the TIMELINE_DATA environment
variable, tags the cases of tests/data/languages/id_cases.tsv with the right values."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from test_pattern_examples import check_example

from timeline import langdata
from timeline.temporal.language import load_language
from timeline.temporal.tagger import tag

ROOT = Path(__file__).parent / "data" / "languages"
CODE = "id"
_MARK = re.compile(r"\[(?P<span>[^\]]+)\]")


@pytest.fixture(autouse=True, scope="module")
def _fixture_languages() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(langdata.ENV_VAR, str(ROOT))
        yield


def _cases() -> list[tuple[int, date, str, list[tuple[str, str, str]]]]:
    with (ROOT / f"{CODE}_cases.tsv").open(encoding="utf-8") as fh:
        rows = [(n, line.rstrip("\n")) for n, line in enumerate(fh, 1)
                if line.strip() and not line.startswith("#")]
    cases = []
    for lineno, line in rows[1:]:  # rows[0]: the header
        dct, marked, expected = next(csv.reader([line], delimiter="\t"))
        spans = [m["span"] for m in _MARK.finditer(marked)]
        values = [v.split() for v in expected.split(";") if v.strip()]
        assert len(spans) == len(values), f"line {lineno}: one value per [expression]"
        want = [(span, typ, value) for span, (typ, value) in zip(spans, values, strict=True)]
        cases.append((lineno, date.fromisoformat(dct), _MARK.sub(r"\g<span>", marked), want))
    return cases


def _examples() -> list[tuple[str, str]]:
    """(pattern name, example) from the fixture's patterns file, read as text: the language
    is loaded only inside the tests, with TIMELINE_DATA set."""
    out, pending = [], []
    for line in (ROOT / CODE / "patterns.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#!example:"):
            pending.append(line.removeprefix("#!example:").strip())
        elif line and not line.startswith("#"):
            out += [(line.split("\t")[1], example) for example in pending]
            pending = []
    return out


def test_the_folder_is_a_language() -> None:
    assert CODE in langdata.available_languages("patterns.tsv")
    lexicon = langdata.load_json(CODE, "lexicon.json")
    assert lexicon["months"]["februari"] == 2
    assert lexicon["ordinals"] == {} and lexicon["past_cues"] == ["telah", "sudah"]


@pytest.mark.parametrize(("lineno", "dct", "text", "want"), _cases(),
                         ids=[f"{c[0]}-{c[2][:40]}" for c in _cases()])
def test_fixture_language_tags(lineno: int, dct: date, text: str,
                               want: list[tuple[str, str, str]]) -> None:
    assert [(t.text, t.type, t.value) for t in tag(text, dct, lang=CODE)] == want


@pytest.mark.parametrize(("name", "example"), _examples())
def test_fixture_examples(name: str, example: str) -> None:
    (pattern,) = [p for p in load_language(CODE).patterns if p.name == name]
    check_example(CODE, pattern, example)


def test_the_english_tagger_does_not_read_indonesian() -> None:
    assert tag("Banjir melanda kota itu dua hari yang lalu.", date(2022, 9, 15)) == []
