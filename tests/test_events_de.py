"""German events on the rule-based path: triggers, labels, actors and places for
hand-written German sentences (``tests/data/events_de_cases.tsv``), German lemmas, and
the rule that no spaCy model reads German text.

The temporal expressions are built by hand, so these tests do not depend on a German
temporal tagger.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from timeline.events import with_spacy
from timeline.events.extract import extract_events, resolve_nlp
from timeline.events.lexicon import lemma_key, verb_lemma
from timeline.events.merge import merge_events
from timeline.langdata import load_json
from timeline.models import Article, Event, Timex

PUB = date(2024, 3, 7)
CASES = Path(__file__).parent / "data" / "events_de_cases.tsv"


def _cases() -> list[dict[str, str]]:
    lines = [ln for ln in CASES.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def day(text: str, phrase: str, when: date = PUB) -> Timex:
    start = text.index(phrase)
    return Timex(start, start + len(phrase), phrase, "DATE", when.isoformat(), "", when, when,
                 "on", when, when)


def run(text: str, phrase: str, nlp: str = "rules", doc_id: str = "de") -> list[Event]:
    article = Article(doc_id, "Titel", text, PUB, source="Agentur", lang="de")
    return extract_events(article, [day(text, phrase)], nlp=nlp)


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["case"])
def test_german_sentence(case: dict[str, str]) -> None:
    events = run(case["text"], case["date"])
    assert len(events) == 1, [e.event for e in events]
    ev = events[0]
    assert ev.trigger == case["trigger"]
    assert ev.event == case["label"]
    assert len(ev.event.split()) <= 12
    assert ev.actors == tuple(a for a in case["actors"].split(";") if a)
    assert ev.places == tuple(p for p in case["places"].split(";") if p)
    assert (ev.start, ev.end, ev.extractor) == (PUB, PUB, "rules")


@pytest.mark.parametrize(("form", "lemma"), [
    ("getroffen", "treffen"), ("traf", "treffen"), ("kündigte", "ankündigen"),
    ("angekündigt", "ankündigen"), ("unterzeichnete", "unterzeichnen"),
    ("unterzeichnet", "unterzeichnen"), ("besuchten", "besuchen"), ("gewählt", "wählen"),
    ("abgestimmt", "abstimmen"), ("diskutiert", "diskutieren"),
])
def test_german_verb_forms_have_their_lemma(form: str, lemma: str) -> None:
    assert verb_lemma(form, "de") == lemma


def test_english_lemmas_are_unchanged_by_the_rules_as_data() -> None:
    assert [verb_lemma(w) for w in ("met", "studies", "signed", "closing", "planned")] == [
        "meet", "study", "sign", "close", "plan"]
    assert lemma_key("talks") == lemma_key("meeting") == "meet"


def test_a_german_noun_and_participle_merge_as_one_event() -> None:
    assert lemma_key("Treffen", "de") == lemma_key("getroffen", "de") == "treffen"
    a = run("Bundeskanzler Olaf Scholz hat Präsident Xi Jinping am Mittwoch getroffen.",
            "Mittwoch", doc_id="a")
    b = run("Das Treffen von Bundeskanzler Olaf Scholz mit Xi am Mittwoch dauerte lange.",
            "Mittwoch", doc_id="b")
    merged = merge_events(a + b, {"a": "de", "b": "de"})
    assert [m.n_sources for m in merged] == [2]


@pytest.mark.parametrize("nlp", ["spacy", "auto"])
def test_german_takes_the_rules_whatever_is_asked(nlp: str, monkeypatch: pytest.MonkeyPatch
                                                   ) -> None:
    def no_model(lang: str = "en") -> None:
        raise AssertionError(f"a spaCy model was loaded for {lang}")

    monkeypatch.setattr(with_spacy, "load_model", no_model)
    assert resolve_nlp(nlp, "de") == "rules"
    text = "Bundeskanzler Olaf Scholz kündigte am Montag neue Hilfen für die Ukraine an."
    assert [e.extractor for e in run(text, "Montag", nlp=nlp)] == ["rules"]


@pytest.mark.parametrize("name", ["events_words.json", "events_segmentation.json",
                                  "actors_gazetteer.json"])
def test_german_event_data_validates_against_the_schema(name: str) -> None:
    assert load_json("de", name)
