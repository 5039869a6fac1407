"""The event table's ``published_from`` column: filled from the article, declared as a
later column (a table written before it still reads), and a table of an earlier version
is still known as the tool's own output."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd

from timeline.ingest.loader import load_articles
from timeline.ingest.own_output import is_own_output
from timeline.ingest.text import DATE_SOURCES
from timeline.models import Article, Event
from timeline.table.export import write_csv
from timeline.table.schema import COLUMNS, events_to_frame, read_table


def drop_columns(path: Path, names: list[str]) -> None:
    """Rewrite the CSV at ``path`` as an earlier version wrote it: without ``names``."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.drop(columns=names).to_csv(path, index=False, lineterminator="\n")


def test_the_column_is_declared_as_a_later_one_naming_every_source() -> None:
    [column] = [c for c in COLUMNS if c.name == "published_from"]
    assert column.later and column.dtype == "string"
    for source in DATE_SOURCES:
        assert source in column.doc


def test_the_column_holds_the_events_source(make_event: Callable[..., Event]) -> None:
    frame = events_to_frame([make_event(published_from="dateline")])
    assert list(frame["published_from"]) == ["dateline"]


def test_a_table_written_without_the_column_still_reads(
        tmp_path: Path, make_event: Callable[..., Event]) -> None:
    path = tmp_path / "events.csv"
    write_csv(events_to_frame([make_event()]), path)
    drop_columns(path, ["published_from"])
    frame = read_table(path)
    assert list(frame["published_from"]) == [""]
    assert list(frame["event"]) == [make_event().event]


def test_an_earlier_versions_table_is_still_the_tools_own_output(
        tmp_path: Path, make_event: Callable[..., Event]) -> None:
    frame = events_to_frame([make_event()])
    for dropped in ([], ["published_from"], ["lang", "lang_from", "published_from"]):
        path = tmp_path / f"events-{len(dropped)}.csv"
        write_csv(frame, path)
        drop_columns(path, dropped)
        assert is_own_output(path), dropped
    collection = tmp_path / "articles.csv"
    collection.write_text("id,text,published\na,Talks on Monday.,2022-09-16\n", encoding="utf-8")
    assert not is_own_output(collection)


def test_articles_carry_the_source_at_the_end_with_a_default() -> None:
    article = Article(doc_id="a", title="t", text="x", published=date(2022, 9, 16))
    assert article.published_from == ""
    assert replace(article, published_from="option").published_from == "option"


def test_a_collection_row_read_with_the_option_says_option(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "a", "text": "Talks on Monday.", "published": "2022-09-16"}\n',
                    encoding="utf-8")
    [article] = load_articles([path], pub_date=date(2022, 9, 1))
    assert (article.published, article.published_from) == (date(2022, 9, 1), "option")
