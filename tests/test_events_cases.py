"""The event-stage spec corpus (``tests/data/events/cases.tsv``): one sentence or two, a
publication date, the expression dated, and the row it must give (label, actors, the
interval), read through the whole path (the tagger, then the event stage) on the paths
each case names. One pytest case per line and path.

Columns (tab-separated, ``#`` lines are comments):

- ``case``: a name; ``lang``: the article's language; ``paths``: ``both``, ``rules`` or
  ``spacy`` (German always takes the rules);
- ``published``; ``text``; ``expression``: the expression whose row is checked (the row
  whose ``timex_text`` starts with it);
- ``label``: the row's label, ``*`` for any, ``-`` for *no row at all* dates that
  expression (the later columns are then empty);
- ``actors``: ``;``-separated names that must be among the row's actors, ``!name`` one
  that must not be;
- ``lacks``: ``;``-separated words the label must not hold;
- ``start``/``end``: the row's interval (ISO dates).
"""

from __future__ import annotations

import csv
import importlib.util
from datetime import date
from pathlib import Path

import pytest

from timeline.events.extract import extract_events
from timeline.models import Article, Event
from timeline.temporal.tagger import tag

CASES = Path(__file__).parent / "data" / "events" / "cases.tsv"
HAS_SPACY = importlib.util.find_spec("spacy") is not None


def _cases() -> list[dict[str, str]]:
    lines = [ln for ln in CASES.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _params() -> list[object]:
    out: list[object] = []
    for case in _cases():
        paths = ["rules", "spacy"] if case["paths"] == "both" else [case["paths"]]
        for path in paths:
            marks = [pytest.mark.spacy, pytest.mark.skipif(
                not HAS_SPACY, reason="spaCy is not installed")] if path == "spacy" else []
            out.append(pytest.param(case, path, id=f"{case['case']}-{path}", marks=marks))
    return out


def _rows(case: dict[str, str], path: str) -> list[Event]:
    published = date.fromisoformat(case["published"])
    text = case["text"].replace("\\n", "\n")
    article = Article("case", "Title", text, published, lang=case["lang"])
    return extract_events(article, tag(text, published, lang=case["lang"]), nlp=path)


def test_the_corpus_is_well_formed() -> None:
    cases = _cases()
    assert len({c["case"] for c in cases}) == len(cases)
    for c in cases:
        assert c["expression"] in c["text"], c["case"]
        assert c["paths"] in ("both", "rules", "spacy"), c["case"]
        assert (c["label"] == "-") == (c["start"] == ""), c["case"]


@pytest.mark.parametrize(("case", "path"), _params())
def test_event_case(case: dict[str, str], path: str) -> None:
    rows = _rows(case, path)
    found = [e for e in rows if e.timex_text.startswith(case["expression"])]
    if case["label"] == "-":
        assert found == [], [(e.timex_text, e.event) for e in found]
        return
    assert len(found) == 1, [(e.timex_text, e.event) for e in rows]
    row = found[0]
    if case["label"] != "*":
        assert row.event == case["label"]
    for name in filter(None, case["actors"].split(";")):
        if name.startswith("!"):
            assert name[1:] not in row.actors, row.actors
        else:
            assert name in row.actors, row.actors
    for word in filter(None, case["lacks"].split(";")):
        assert word not in row.event.split(), row.event
    assert (row.start, row.end) == (date.fromisoformat(case["start"]),
                                    date.fromisoformat(case["end"]))
