"""Which stretches reach the spaCy model, and that reading only those changes no row.

The model reads a sentence only when one of its expressions can give a row: a DATE/TIME
with an interval, or a DURATION (no mod) beside a day-precise one in its own or an
adjacent sentence. These cases say which sentences are parsed; the sample articles give
the same rows as when every sentence with an expression is parsed."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from timeline.events import extract, spacy_parts, with_spacy
from timeline.events.extract import extract_events
from timeline.ingest.loader import load_articles
from timeline.models import Article, Timex

pytestmark = [pytest.mark.spacy, pytest.mark.skipif(
    importlib.util.find_spec("spacy") is None or not with_spacy.available("en"),
    reason="spaCy or its English model is not installed")]

PUB = date(2022, 9, 15)
SAMPLES = Path(__file__).resolve().parents[1] / "sample_articles"
DAY = date(2022, 9, 12)

# (text, [(expression, TIMEX3 type, value, day-precise interval?)], sentences parsed,
#  sentences of the rows)
CASES = [
    ("The summit opened on Monday. It lasted two days.",
     [("Monday", "DATE", "2022-09-12", True), ("two days", "DURATION", "P2D", False)],
     ["The summit opened on Monday.", "It lasted two days."],
     ["The summit opened on Monday."]),
    ("The talks went on for two days. Nothing was agreed. The minister left on Monday.",
     [("two days", "DURATION", "P2D", False), ("Monday", "DATE", "2022-09-12", True)],
     ["The minister left on Monday."], ["The minister left on Monday."]),
    ("Someday the dam will be finished. The minister visited the site in 2021.",
     [("Someday", "DATE", "XXXX", False), ("2021", "DATE", "2021", False)],
     ["The minister visited the site in 2021."], ["The minister visited the site in 2021."]),
    ("The strike lasted more than three weeks. Workers marched on Monday.",
     [("more than three weeks", "DURATION", "P3W", False), ("Monday", "DATE", "2022-09-12",
                                                             True)],
     ["Workers marched on Monday."], ["Workers marched on Monday."]),
]


def timex(text: str, phrase: str, type_: str, value: str, day: bool) -> Timex:
    start = text.index(phrase)
    first = last = DAY if day else None
    if value == "2021":
        first, last = date(2021, 1, 1), date(2021, 12, 31)
    mod = "MORE_THAN" if phrase.startswith("more than") else ""
    return Timex(start, start + len(phrase), phrase, type_, value, mod, first, last, "on",
                 first, last)


def parsed_sentences(article: Article, timexes: list[Timex],
                     monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = with_spacy.anchor_article

    def catch(text: str, jobs: list[Any], *rest: Any, **kw: Any) -> Any:
        seen.extend(sentence.text for sentence, _ in jobs)
        return real(text, jobs, *rest, **kw)

    monkeypatch.setattr(with_spacy, "anchor_article", catch)
    extract_events(article, timexes, nlp="spacy")
    return seen


@pytest.mark.parametrize(("text", "expressions", "expected", "rows"), CASES,
                         ids=[c[0][:30] for c in CASES])
def test_only_sentences_that_can_give_a_row_are_parsed(
        text: str, expressions: list[tuple[str, str, str, bool]], expected: list[str],
        rows: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    article = Article("doc", "Title", text, PUB)
    timexes = [timex(text, *e) for e in expressions]
    assert parsed_sentences(article, timexes, monkeypatch) == expected


@pytest.mark.parametrize(("text", "expressions", "expected", "rows"), CASES,
                         ids=[c[0][:30] for c in CASES])
def test_the_cases_give_the_rows_of_parsing_every_sentence(
        text: str, expressions: list[tuple[str, str, str, bool]], expected: list[str],
        rows: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    article = Article("doc", "Title", text, PUB)
    timexes = [timex(text, *e) for e in expressions]
    chosen = extract_events(article, timexes, nlp="spacy")
    monkeypatch.setattr(extract, "_may_row", lambda items, published: lambda item: True)
    assert chosen == extract_events(article, timexes, nlp="spacy")
    assert [row.sentence for row in chosen] == rows


def test_sample_articles_give_the_rows_of_parsing_every_sentence(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.temporal.tagger import tag

    articles = [a for a in load_articles([SAMPLES]) if a.lang == "en"]
    assert articles
    tagged = [(a, tag(a.text, a.published, lang=a.lang)) for a in articles]
    chosen = [extract_events(a, t, nlp="spacy") for a, t in tagged]
    monkeypatch.setattr(extract, "_may_row", lambda items, published: lambda item: True)
    every = [extract_events(a, t, nlp="spacy") for a, t in tagged]
    assert chosen == every
    assert sum(map(len, chosen)) > 10


def test_tokens_of_a_span_by_bisection_are_those_that_overlap_it() -> None:
    doc = with_spacy.load_model("en")("Xi and Putin met on Thursday  in Samarkand, Uzbekistan.")
    tokens = spacy_parts.Tokens(doc)
    for start in range(len(doc.text) + 1):
        for end in range(start, len(doc.text) + 2):
            slow = [t for t in doc if t.idx < end and start < t.idx + len(t.text)]
            assert [t.i for t in tokens.span(start, end)] == [t.i for t in slow]


def test_a_lemma_made_on_demand_is_the_one_the_full_pipeline_gives() -> None:
    nlp = with_spacy.load_model("en")
    text = ("The leaders were meeting on Thursday; talks ain't over, officials said, and "
            "the summits held in Geneva were postponed until the children's holidays.")
    full = nlp(text)
    lazy = nlp(text, disable=spacy_parts.SKIPPED_PIPES)
    assert any(not t.lemma for t in lazy)  # the lemmatizer did not run
    assert [spacy_parts.lemma(t) for t in lazy] == [t.lemma_ for t in full]


def _sample_batch() -> tuple[list[Article], Any]:
    from timeline.engine.batches import Batch, Settings

    articles = [a for a in load_articles([SAMPLES]) if a.lang == "en"]
    assert len(articles) > 2
    return articles, (Batch(tuple(range(len(articles))), tuple(articles)),
                      Settings(nlp="spacy"))


def test_a_batch_parses_its_articles_in_one_pipe_and_gives_their_own_events(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.engine.batches import run_batch
    from timeline.temporal.tagger import tag

    articles, (batch, settings) = _sample_batch()
    alone = [tuple(replace(e, lang=a.lang, lang_from=a.lang_from,
                           published_from=a.published_from)
                   for e in extract_events(a, tag(a.text, a.published, lang=a.lang),
                                           nlp="spacy")) for a in articles]
    calls: list[int] = []
    real = with_spacy.parse

    def counted(texts: list[str], lang: str = "en") -> list[Any]:
        calls.append(len(texts))
        return real(texts, lang)

    monkeypatch.setattr(with_spacy, "parse", counted)
    result = run_batch(batch, settings)
    assert [o.events for o in result.outcomes] == alone
    assert len(calls) == 1 and calls[0] > len(articles)


def test_an_article_the_model_fails_on_is_the_only_failure_of_its_batch(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.engine.batches import run_batch
    from timeline.temporal.tagger import tag

    articles, (batch, settings) = _sample_batch()
    real = with_spacy.parse
    second = articles[1]
    marker = parsed_sentences(second, tag(second.text, second.published), monkeypatch)[0]
    assert not any(marker in a.text for a in articles if a is not second)

    def failing(texts: list[str], lang: str = "en") -> list[Any]:
        if any(t == marker.replace("\n", " ") for t in texts):
            raise ValueError("model broke")
        return real(texts, lang)

    monkeypatch.setattr(with_spacy, "parse", failing)
    outcomes = run_batch(batch, settings).outcomes
    failed = [o.seq for o in outcomes if o.failure is not None]
    assert failed == [1]
    assert "model broke" in outcomes[1].failure.reason  # type: ignore[union-attr]
    assert all(o.events for o in outcomes if o.seq != 1)
