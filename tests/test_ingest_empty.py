"""An article with an empty text is not corrupt input: ``timeline build`` and ``timeline
tag`` skip it with a warning (never an error) and the build's summary counts it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline import pipeline
from timeline.cli import app
from timeline.errors import TimelineError
from timeline.ingest.documents import read_documents
from timeline.ingest.loader import load_articles
from timeline.ingest.text import EMPTY_TEXT

DATA = Path(__file__).resolve().parent / "data" / "ingest"
ARTICLES = DATA / "empty_articles.jsonl"
DOCUMENTS = DATA / "empty_documents.jsonl"
#: The records of empty_articles.jsonl whose text is '', whitespace, null: lines 2-4.
EMPTY_LINES = [f"{ARTICLES} line {n}" for n in (2, 3, 4)]


def test_empty_records_are_skipped_and_reported_without_keep_going() -> None:
    skipped: list[tuple[str, str]] = []
    articles = load_articles([ARTICLES], on_skip=lambda label, why: skipped.append((label, why)))
    assert [a.doc_id for a in articles] == ["met", "undated-talk"]
    assert skipped == [(label, EMPTY_TEXT) for label in EMPTY_LINES]


def test_an_empty_record_without_a_callback_is_a_logged_warning(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="timeline.ingest.loader"):
        assert len(load_articles([ARTICLES])) == 2
    assert f"skipped {EMPTY_LINES[0]}: {EMPTY_TEXT}" in caplog.text


def test_a_csv_row_with_an_empty_text_cell_is_skipped_too(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("id,text,published\na,Talks on Thursday.,2022-09-16\nb,,2022-09-16\n",
                    encoding="utf-8")
    skipped: list[tuple[str, str]] = []
    [article] = load_articles([path], on_skip=lambda label, why: skipped.append((label, why)))
    assert article.doc_id == "a"
    assert skipped == [(f"{path} row 2", EMPTY_TEXT)]


def test_a_record_without_any_text_field_is_still_an_error(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "x", "title": "no text", "published": "2022-09-16"}\n',
                    encoding="utf-8")
    with pytest.raises(TimelineError, match=r"line 1: no article text; give every article"):
        load_articles([path])


def test_a_build_skips_empty_articles_and_counts_every_article_built(tmp_path: Path) -> None:
    result = pipeline.build([ARTICLES], out_dir=tmp_path / "out", formats=["csv"], nlp="rules")
    assert [a.doc_id for a in result.articles] == ["met", "undated-talk"]
    assert {event.doc_id for event in result.events} == {"met"}
    assert result.skipped == tuple((label, EMPTY_TEXT) for label in EMPTY_LINES)
    assert result.describe().startswith(
        f"Built 2 articles -> {len(result.events)} event"
        f"{'s' * (len(result.events) != 1)} (3 skipped) -> ")


def test_a_collection_of_only_empty_articles_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text('{"id": "a", "text": "", "published": "2022-09-16"}\n', encoding="utf-8")
    with pytest.raises(TimelineError, match="no articles to build a timeline from"):
        pipeline.build([path], out_dir=tmp_path / "out", formats=["csv"], nlp="rules")
    assert not (tmp_path / "out").exists()


def test_the_build_command_warns_of_each_empty_article_and_succeeds(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(ARTICLES), "--out", str(tmp_path / "out"),
                                      "--format", "csv", "--nlp", "rules"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Skipped ")]
    assert warnings == [f"Skipped {label}: {EMPTY_TEXT}" for label in EMPTY_LINES]
    assert "Built 2 articles -> " in result.stdout
    assert "(3 skipped)" in result.stdout


def test_tag_documents_skip_empty_texts_with_a_warning(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="timeline.ingest.text"):
        docs = read_documents(DOCUMENTS)
    assert [doc.doc_id for doc in docs] == ["d1", "d4"]
    assert f"skipped {DOCUMENTS} line 2: {EMPTY_TEXT}" in caplog.text
    assert f"skipped {DOCUMENTS} line 3: {EMPTY_TEXT}" in caplog.text


def test_the_tag_command_tags_the_other_documents(tmp_path: Path) -> None:
    out = tmp_path / "timexes.jsonl"
    result = CliRunner().invoke(app, ["tag", str(DOCUMENTS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = out.read_text(encoding="utf-8").splitlines()
    assert [row.split('"text": ')[1].split('"')[1] for row in rows] == ["Thursday", "Friday"]
