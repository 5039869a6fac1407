"""Saved web pages: paragraphs as the page has them, and the publication date from the
article's own date line, the page's metadata or its address, never from another part of
the page (a sidebar's teasers); the table says which (``published_from``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from timeline import pipeline
from timeline.errors import TimelineError
from timeline.ingest.loader import load_articles
from timeline.sentences import split_sentences

DATA = Path(__file__).resolve().parent / "data" / "ingest"


def load_one(name: str, **kwargs: object) -> object:
    [article] = load_articles([DATA / name], **kwargs)  # type: ignore[arg-type]
    return article


def test_line_breaks_inside_a_paragraph_are_joined() -> None:
    article = load_one("line_breaks.html")
    assert article.text.split("\n\n") == [  # type: ignore[attr-defined]
        "Nurse dies after infection",
        "A nurse at the Riverside clinic who tested positive for Covid-19 died on Monday, "
        "the county health department said.",
        "She had worked at the clinic for eleven years, her colleagues said on Tuesday.",
        "What happens next",
        "The clinic closes on Wednesday",
        "Staff will be tested on Thursday",
        "The county opened a second test centre on Friday to cope with the demand.",
    ]


def test_a_paragraph_with_line_breaks_is_one_sentence() -> None:
    article = load_one("line_breaks.html")
    sentences = [s.text for s in split_sentences(article.text)]  # type: ignore[attr-defined]
    assert ("A nurse at the Riverside clinic who tested positive for Covid-19 died on Monday, "
            "the county health department said.") in sentences
    assert "Covid-19" not in sentences


def test_the_row_of_a_joined_paragraph_holds_the_whole_sentence(tmp_path: Path) -> None:
    pipeline.build([DATA / "line_breaks.html"], out_dir=tmp_path, formats=["csv"], nlp="rules")
    table = pd.read_csv(tmp_path / "events.csv", dtype=str, keep_default_na=False)
    [monday] = table[table["timex_text"] == "Monday"].to_dict("records")
    assert monday["sentence"] == ("A nurse at the Riverside clinic who tested positive for "
                                  "Covid-19 died on Monday, the county health department said.")
    assert monday["start"] == "2021-03-01"
    assert monday["published_from"] == "metadata"
    assert set(table["sentence"]) >= {"The clinic closes on Wednesday"}  # no list dash


@pytest.mark.parametrize(
    ("name", "published", "source"),
    [
        # The head holds no date; a sidebar teaser's <time> is eight weeks later.
        ("dateline_sidebar.html", date(2023, 11, 7), "dateline"),
        # A template's metadata field says 2024-01-02; the page says "Written: 7 November 2023".
        ("wrong_metadata.html", date(2023, 11, 7), "dateline"),
        ("metadata_sidebar.html", date(2023, 5, 4), "metadata"),
        ("url_sidebar.html", date(2022, 9, 16), "url"),
        ("line_breaks.html", date(2021, 3, 2), "metadata"),
    ],
)
def test_the_date_comes_from_the_article_never_a_sidebar(
        name: str, published: date, source: str) -> None:
    article = load_one(name)
    assert (article.published, article.published_from) == (published, source)  # type: ignore[attr-defined]


def test_a_page_dated_only_by_its_sidebar_has_no_publication_date() -> None:
    with pytest.raises(TimelineError, match=r"sidebar_only\.html: no publication date; pass "
                                            r"--pub-date"):
        load_articles([DATA / "sidebar_only.html"])


def test_the_pub_date_option_says_so() -> None:
    article = load_one("sidebar_only.html", pub_date=date(2021, 6, 1))
    assert (article.published, article.published_from) == (date(2021, 6, 1), "option")  # type: ignore[attr-defined]


def test_a_german_page_reads_its_date_line_in_german(tmp_path: Path) -> None:
    page = tmp_path / "seite.html"
    page.write_text(
        '<html lang="de"><head><title>Streik beendet</title></head><body><article>'
        "<h1>Streik beendet</h1><p>Stand: 07.11.2023 14:32 Uhr</p>"
        "<p>Die Hafenarbeiter haben ihren Streik am Dienstag beendet, nachdem die "
        "Hafenbehörde höhere Löhne zugesagt hatte, teilte die Gewerkschaft mit.</p>"
        "</article></body></html>", encoding="utf-8")
    [article] = load_articles([page])
    assert (article.published, article.published_from) == (date(2023, 11, 7), "dateline")


RUNNING = ("<p>Dock workers ended their strike on Tuesday after the port authority agreed "
           "to raise wages, the union said in a statement.</p>")


def _page(tmp_path: Path, head_meta: str, dateline: str, lang: str = "en") -> Path:
    page = tmp_path / "page.html"
    page.write_text(
        f'<html lang="{lang}"><head><title>Strike ends</title>{head_meta}</head><body>'
        f"<article><h1>Strike ends</h1>{dateline}{RUNNING}</article></body></html>",
        encoding="utf-8")
    return page


PUBLISHED_META = '<meta property="article:published_time" content="2023-11-06">'
WRONG_META = '<meta name="date" content="2024-01-02">'


@pytest.mark.parametrize(
    ("meta", "dateline", "lang", "published", "source"),
    [
        # The change's line comes first; the publication's line is the date.
        ("", "<div>By Sam Example | Updated: 9 November 2023 | Published: 7 November 2023"
             "</div>", "en", date(2023, 11, 7), "dateline"),
        (WRONG_META, "<p>Last updated 9 November 2023</p><p>Published 7 November 2023</p>",
         "en", date(2023, 11, 7), "dateline"),
        ("", '<div><span>Updated:</span> <time datetime="2023-11-09T10:00">9 Nov</time>'
             ' · Published <time datetime="2023-11-07T08:00">7 Nov</time></div>', "en",
         date(2023, 11, 7), "dateline"),
        ("", "<p>Aktualisiert: 9. November 2023 | Veröffentlicht: 7. November 2023</p>", "de",
         date(2023, 11, 7), "dateline"),
        # German date lines in digits (day.month.year), with or without a clock time
        ("", "<p>Aktualisiert: 09.11.2023, 10:15 Uhr | Veröffentlicht: 07.11.2023</p>", "de",
         date(2023, 11, 7), "dateline"),
        (WRONG_META, "<p>07.11.2023, 08:30 Uhr</p>", "de", date(2023, 11, 7), "dateline"),
        # ... but an English page's 11/07/2023 is ambiguous: the metadata decides
        (PUBLISHED_META, "<p>Published: 11/07/2023</p>", "en", date(2023, 11, 6), "metadata"),
        # Only a change's line: the metadata's earlier original date is the publication...
        (PUBLISHED_META, "<p>Updated: 9 November 2023</p>", "en", date(2023, 11, 6),
         "metadata"),
        # ... but a metadata date after the change cannot be; nor can a missing one.
        (WRONG_META, "<p>Updated: 9 November 2023</p>", "en", date(2023, 11, 9), "dateline"),
        ("", "<p>Updated: 9 November 2023</p>", "en", date(2023, 11, 9), "dateline"),
    ],
)
def test_a_change_date_line_yields_to_the_publication_date(
        tmp_path: Path, meta: str, dateline: str, lang: str, published: date,
        source: str) -> None:
    [article] = load_articles([_page(tmp_path, meta, dateline, lang)])
    assert (article.published, article.published_from) == (published, source)


def test_a_date_in_the_running_text_is_no_date_line(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    running = ("The council met for four hours on Monday and agreed on a plan for the "
               "river bridge, the mayor said after the meeting.")
    page.write_text(
        '<html lang="en"><head><title>Vote</title>'
        '<meta property="article:published_time" content="2023-10-02"></head><body>'
        f"<article><h1>Vote</h1><p>{running}</p><p>The vote is on 7 November 2023.</p>"
        "</article></body></html>", encoding="utf-8")
    [article] = load_articles([page])
    assert (article.published, article.published_from) == (date(2023, 10, 2), "metadata")


@pytest.mark.parametrize(
    ("head", "published", "source"),
    [
        ("---\npublished: 2022-09-16\n---\n", date(2022, 9, 16), "metadata"),
        ("Written: 2023-11-07\n\n", date(2023, 11, 7), "dateline"),
        ("By Jane Example | Published: 7 November 2023\n\n", date(2023, 11, 7), "dateline"),
        ("Updated: 2023-11-09\nPublished: 2023-11-07\n\n", date(2023, 11, 7), "dateline"),
        ("Updated: 2023-11-09\n\n", date(2023, 11, 9), "dateline"),
    ],
)
def test_a_plain_text_takes_its_front_matter_else_its_date_line(
        tmp_path: Path, head: str, published: date, source: str) -> None:
    path = tmp_path / "story.txt"
    path.write_text(head + "The council approved the bridge on Monday.\n", encoding="utf-8")
    [article] = load_articles([path])
    assert (article.published, article.published_from) == (published, source)


def test_a_plain_sentence_naming_a_date_is_no_date_line(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("The vote is on 7 November 2023.\n\nIt was called on Monday.\n",
                    encoding="utf-8")
    with pytest.raises(TimelineError, match="no publication date"):
        load_articles([path])


def test_a_collection_date_says_collection(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "a", "text": "Talks on Monday.", "published": "2022-09-16"}\n',
                    encoding="utf-8")
    [article] = load_articles([path])
    assert article.published_from == "collection"
