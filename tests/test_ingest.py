"""Ingest: finding article files and reading every supported format into Articles."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pytest

from timeline.errors import TimelineError
from timeline.ingest.detect import detect_language
from timeline.ingest.documents import TagDocument, read_documents
from timeline.ingest.language import LangChoice, decide_all, option_language
from timeline.ingest.loader import discover, load_articles
from timeline.ingest.text import parse_iso_date, parse_published

SAMPLES = Path(__file__).resolve().parent.parent / "sample_articles"

BODY = (
    "Leaders met in Samarkand on Thursday.\n\n"
    "The two-day summit ended on Friday, two days after Xi arrived in Kazakhstan."
)
FRONT_MATTER = (
    "---\n"
    'title: "Summit ends"\n'
    "published: 2022-09-16\n"
    "source: Example Wire\n"
    "url: https://news.example.com/summit\n"
    "author: Someone  # unknown keys are ignored\n"
    "tags:\n"
    "  - sco\n"
    "---\n\n"
)

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <title>Summit ends in Samarkand | Example Post</title>
  <meta property="og:site_name" content="Example Post">
  <meta property="og:title" content="Summit ends in Samarkand">
  <link rel="canonical" href="https://post.example.org/2022/09/16/summit">
  {date_meta}
</head>
<body>
  <header><a href="/">Example Post home</a></header>
  <nav>
    <ul><li><a href="/world/">World</a></li><li><a href="/subscribe/">Subscribe now</a></li></ul>
  </nav>
  <article>
    <h1>Summit ends in Samarkand</h1>
    <p>Leaders of the Shanghai Cooperation Organization ended their two-day summit on Friday
    with a joint declaration, a day after the Chinese and Russian presidents met.</p>
    <p>The two men had last met on February 4 in Beijing, hours before the opening ceremony
    of the Winter Olympics. India will host the next summit in 2023.</p>
  </article>
  <footer><p>All rights reserved by Example Post.</p></footer>
</body>
</html>
"""
DATE_META = '<meta property="article:published_time" content="2022-09-16T18:40:00+05:00">'


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def load_error(paths: list[Path], **kwargs: object) -> TimelineError:
    with pytest.raises(TimelineError) as caught:
        load_articles(paths, **kwargs)  # type: ignore[arg-type]
    return caught.value


def assert_names_file(err: TimelineError, path: Path) -> None:
    assert err.path == str(path)
    assert str(err).startswith(f"{path}: ")
    assert "\n" not in str(err)


# --- text and Markdown -------------------------------------------------------------


def test_front_matter_fields_are_read_and_stripped_from_the_text(tmp_path: Path) -> None:
    path = write(tmp_path, "summit.md", FRONT_MATTER + BODY + "\n")
    [article] = load_articles([path])
    assert article.text == BODY
    assert article.title == "Summit ends"
    assert article.published == date(2022, 9, 16)
    assert article.source == "Example Wire"
    assert article.url == "https://news.example.com/summit"
    assert article.path == str(path)
    assert article.doc_id == "summit.md"
    assert article.lang == "en"


def test_offsets_refer_to_the_text_without_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "summit.md", FRONT_MATTER + BODY)
    [article] = load_articles([path])
    start = article.text.index("on Friday")
    assert start == BODY.index("on Friday")
    assert article.text[start : start + len("on Friday")] == "on Friday"
    end = article.text.index("Thursday") + len("Thursday")
    assert article.text[end - len("Thursday") : end] == "Thursday"


def test_plain_text_without_front_matter_takes_its_title_from_the_first_line(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "note.txt", "\n\nXi flies to Kazakhstan\n\nHe lands on Wednesday.\n")
    [article] = load_articles([path], pub_date=date(2022, 9, 14))
    assert article.title == "Xi flies to Kazakhstan"
    assert article.text == "Xi flies to Kazakhstan\n\nHe lands on Wednesday."
    assert article.source == ""
    assert article.url == ""


def test_markdown_heading_marks_are_dropped_from_the_title(tmp_path: Path) -> None:
    path = write(tmp_path, "post.md", "---\ndate: 2022-09-15\n---\n# Xi meets Putin ##\n\nText.")
    [article] = load_articles([path])
    assert article.title == "Xi meets Putin"
    assert article.published == date(2022, 9, 15)
    assert article.text.startswith("# Xi meets Putin")


def test_a_very_long_first_line_is_shortened_to_a_title(tmp_path: Path) -> None:
    line = "The summit " + "went on and on " * 20 + "until Friday."
    path = write(tmp_path, "long.txt", line)
    [article] = load_articles([path], pub_date=date(2022, 9, 16))
    assert len(article.title) <= 120
    assert article.title.endswith("…")
    assert article.title.startswith("The summit went on and on")
    assert article.text == line


def test_crlf_line_endings_and_byte_order_mark_are_normalised(tmp_path: Path) -> None:
    raw = "\ufeff---\r\npublished: 2022-09-15\r\n---\r\nTitle line\r\n\r\nBody on Thursday."
    path = write(tmp_path, "win.txt", raw.encode("utf-8"))
    [article] = load_articles([path])
    assert article.text == "Title line\n\nBody on Thursday."
    assert article.published == date(2022, 9, 15)


def test_windows_1252_text_without_control_characters_is_accepted(tmp_path: Path) -> None:
    raw = "---\npublished: 2022-09-15\n---\nCaf\u00e9 talks \u201cwent well\u201d on Thursday."
    path = write(tmp_path, "legacy.txt", raw.encode("cp1252"))
    [article] = load_articles([path])
    assert article.text == "Caf\u00e9 talks \u201cwent well\u201d on Thursday."


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("---\npublished: 2022-09-15\nTitle\n---\nBody.", "line 3 is not 'key: value'"),
        ("---\npublished: 2022-09-15\n", "never closed; add a closing '---' line"),
        ("---\npublished: 2022-09-15\n---\n\n  \n", "no article text after the front matter"),
    ],
)
def test_broken_front_matter_is_an_error_naming_the_file(
    tmp_path: Path, content: str, fragment: str
) -> None:
    path = write(tmp_path, "broken.md", content)
    err = load_error([path])
    assert_names_file(err, path)
    assert fragment in str(err)


# --- saved web pages -------------------------------------------------------------


def test_html_page_gives_main_text_title_site_and_date(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", PAGE.format(lang="en", date_meta=DATE_META))
    [article] = load_articles([path])
    assert article.title == "Summit ends in Samarkand"
    assert article.published == date(2022, 9, 16)
    assert article.source == "Example Post"
    assert article.url == "https://post.example.org/2022/09/16/summit"
    assert article.doc_id == "page.html"
    assert "ended their two-day summit on Friday" in article.text
    assert "India will host the next summit in 2023." in article.text
    for chrome in ("Subscribe now", "All rights reserved", "Example Post home"):
        assert chrome not in article.text


def test_html_paragraphs_are_separated_by_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "page.htm", PAGE.format(lang="en", date_meta=DATE_META))
    [article] = load_articles([path])
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Summit ends in Samarkand"
    assert paragraphs[1].startswith("Leaders of the Shanghai Cooperation Organization")
    assert len(paragraphs) == 3


def test_html_language_comes_from_the_lang_attribute(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", PAGE.format(lang="de-DE", date_meta=DATE_META))
    [article] = load_articles([path])
    assert article.lang == "de"


def test_html_date_comes_from_the_page_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", PAGE.format(lang="en", date_meta=DATE_META))
    [article] = load_articles([path])
    assert (article.published, article.published_from) == (date(2022, 9, 16), "metadata")


def test_html_date_can_come_from_the_page_url(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", PAGE.format(lang="en", date_meta=""))
    [article] = load_articles([path])
    assert (article.published, article.published_from) == (date(2022, 9, 16), "url")


def test_html_without_any_date_names_the_file_and_the_fix(tmp_path: Path) -> None:
    # No date in the markup or the URL; "in 2023" in the text must not be taken as one.
    page = PAGE.format(lang="en", date_meta="").replace("2022/09/16/", "")
    path = write(tmp_path, "undated.html", page)
    err = load_error([path])
    assert_names_file(err, path)
    assert "no publication date" in str(err)
    assert "--pub-date YYYY-MM-DD" in str(err)


def test_html_without_article_text_is_an_error(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Menu</title></head><body><nav><ul><li><a href='/a'>World</a></li>"
        "<li><a href='/b'>Business</a></li></ul></nav></body></html>"
    )
    path = write(tmp_path, "menu.html", page)
    err = load_error([path], pub_date=date(2022, 9, 16))
    assert_names_file(err, path)
    assert "no article text found in this web page" in str(err)


# --- collections -------------------------------------------------------------------


def test_jsonl_gives_one_article_per_line(tmp_path: Path) -> None:
    rows = [
        {
            "id": "a-1",
            "title": "First",
            "text": "Talks on Thursday.",
            "published": "2022-09-15",
            "url": "https://x.example/1",
            "source": "Wire",
        },
        {"text": "Untitled story\nIt ended on Friday.", "published": "2022-09-16T23:30:00-04:00"},
        {"id": 7, "text": "Numbers are ids too.", "published": "September 20, 2022", "lang": "en"},
    ]
    lines = [json.dumps(rows[0]), "", json.dumps(rows[1]), json.dumps(rows[2])]
    path = write(tmp_path, "news.jsonl", "\n".join(lines) + "\n")
    first, second, third = load_articles([path])
    assert (first.doc_id, first.title, first.source, first.url) == (
        "a-1",
        "First",
        "Wire",
        "https://x.example/1",
    )
    assert first.published == date(2022, 9, 15)
    assert second.doc_id == "news.jsonl#3"
    assert second.title == "Untitled story"
    assert second.published == date(2022, 9, 16)
    assert third.doc_id == "7"
    assert third.published == date(2022, 9, 20)
    assert {a.path for a in (first, second, third)} == {str(path)}


@pytest.mark.parametrize(
    ("bad_line", "fragment"),
    [
        ('{"text": "unterminated', "line 2: not valid JSON"),
        ('["a", "list"]', "line 2: not a JSON object"),
        ('{"title": "no text", "published": "2022-09-15"}', "line 2: no article text"),
        ('{"text": "x", "published": "soon"}', "line 2: published value 'soon' is not a date"),
        ('{"text": "undated"}', "line 2: no publication date; add a 'published' field"),
    ],
)
def test_bad_jsonl_line_is_an_error_naming_file_and_line(
    tmp_path: Path, bad_line: str, fragment: str
) -> None:
    good = json.dumps({"text": "Fine.", "published": "2022-09-15"})
    path = write(tmp_path, "rows.jsonl", good + "\n" + bad_line + "\n")
    err = load_error([path])
    assert_names_file(err, path)
    assert fragment in str(err)


def test_csv_gives_one_article_per_row(tmp_path: Path) -> None:
    content = (
        "ID,Title,Text,Published,URL,Source\n"
        'c1,Quoted,"Talks on Thursday, then\nmore talks on Friday.",2022-09-15,https://c.example,W\n'
        ",,Row without id or title.,15 September 2022,,\n"
    )
    path = write(tmp_path, "feed.csv", content)
    first, second = load_articles([path])
    assert first.doc_id == "c1"
    assert first.text == "Talks on Thursday, then\nmore talks on Friday."
    assert (first.title, first.url, first.source) == ("Quoted", "https://c.example", "W")
    assert second.doc_id == "feed.csv#2"
    assert second.title == "Row without id or title."
    assert second.published == date(2022, 9, 15)


def test_csv_without_text_column_names_the_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "feed.csv", "id,body,published\n1,Hello,2022-09-15\n")
    err = load_error([path])
    assert_names_file(err, path)
    assert "no 'text' column (columns: id, body, published)" in str(err)


def test_csv_row_with_too_many_cells_is_an_error_naming_the_row(tmp_path: Path) -> None:
    path = write(tmp_path, "feed.csv", "text,published\nok,2022-09-15\nA, B,2022-09-15\n")
    err = load_error([path])
    assert_names_file(err, path)
    assert "row 2: more cells than header columns" in str(err)


# --- publication dates -------------------------------------------------------------


def test_pub_date_argument_overrides_every_format(tmp_path: Path) -> None:
    write(tmp_path, "a.md", FRONT_MATTER + BODY)
    write(tmp_path, "b.html", PAGE.format(lang="en", date_meta=DATE_META))
    write(tmp_path, "c.jsonl", json.dumps({"text": "x", "published": "2022-09-20"}) + "\n")
    write(tmp_path, "d.txt", "---\npublished: not a date at all\n---\nOverridden anyway.")
    articles = load_articles([tmp_path], pub_date=date(2021, 1, 2))
    assert [a.doc_id for a in articles] == ["a.md", "b.html", "c.jsonl#1", "d.txt"]
    assert {a.published for a in articles} == {date(2021, 1, 2)}


def test_missing_date_names_the_file_and_both_fixes(tmp_path: Path) -> None:
    path = write(tmp_path, "sample.txt", "Leaders met on Thursday.")
    err = load_error([path])
    assert str(err) == (
        f"{path}: no publication date; add 'published: YYYY-MM-DD' front matter "
        "or pass --pub-date YYYY-MM-DD"
    )


def test_unparseable_published_value_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "odd.md", "---\npublished: 09/15/2022\n---\nText.")
    err = load_error([path])
    assert_names_file(err, path)
    assert "published value '09/15/2022' is not a date; write it as YYYY-MM-DD" in str(err)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-09-15", date(2022, 9, 15)),
        ("2022-09-15T10:00:00Z", date(2022, 9, 15)),
        ("2022-09-15T23:30:00-04:00", date(2022, 9, 15)),
        ("2022-09-15 08:00", date(2022, 9, 15)),
        ("September 15, 2022", date(2022, 9, 15)),
        ("Sept. 15, 2022", date(2022, 9, 15)),
        ("Sep 15 2022", date(2022, 9, 15)),
        ("15 September 2022", date(2022, 9, 15)),
        ("15th September 2022", date(2022, 9, 15)),
        ("Thursday, September 15, 2022", date(2022, 9, 15)),
        ("Thu, 15 Sep 2022 10:00:00 +0000", date(2022, 9, 15)),
        ("2022/09/15", date(2022, 9, 15)),
    ],
)
def test_publication_date_forms_accepted(value: str, expected: date) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "09/15/2022",
        "yesterday",
        "September 2022",
        "2022-02-30",
        "next Thursday",
        "15 Septembre 2022",
    ],
)
def test_publication_date_forms_rejected(value: str) -> None:
    with pytest.raises(TimelineError, match="is not a date"):
        parse_published(value)


# --- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\t\n  ", "empty file"),
        ("blank.jsonl", b"\n\n", "empty file"),
        ("binary.txt", b"PK\x03\x04\x00\x00binary", "binary file (contains NUL bytes)"),
        ("binary.html", b"<html>\x00\x01</html>", "binary file (contains NUL bytes)"),
        ("c1.txt", b"Caf\xc3 talks \x81\x8d", "not UTF-8 text (undecodable byte 0xc3 at offset 3)"),
        ("gbk.txt", "习近平会见普京".encode("gbk"), "not UTF-8 text"),
        ("control.txt", b"bad \x92 quote \x05 control", "not UTF-8 text"),
        (
            "accents.txt",
            ("\u00c9t\u00e9 \u00e0 Gen\u00e8ve, \u00e9l\u00e8ve. " * 3).encode("cp1252"),
            "not UTF-8 text (undecodable byte 0xc9 at offset 0), and its code page cannot be "
            "told (",
        ),
    ],
)
def test_bad_file_content_is_an_error_naming_the_file(
    tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    path = write(tmp_path, name, content)
    err = load_error([path], pub_date=date(2022, 9, 15))
    assert_names_file(err, path)
    assert fragment in str(err)


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    err = load_error([path])
    assert str(err) == f"{path}: no such file or folder; check the path"
    with pytest.raises(TimelineError, match="no such file or folder; check the path"):
        discover([path])


def test_unreadable_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.txt", "Secret.")
    real_read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    err = load_error([path], pub_date=date(2022, 9, 15))
    assert str(err) == f"{path}: cannot read this file (permission denied); check its permissions"


def test_unsupported_file_type_given_directly_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "story.pdf", b"%PDF-1.4")
    with pytest.raises(TimelineError) as caught:
        discover([path])
    assert_names_file(caught.value, path)
    assert "unsupported file type '.pdf'" in str(caught.value)


def test_folder_without_supported_files_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "notes.docx", b"x")
    write(tmp_path, ".hidden.txt", "hidden")
    with pytest.raises(TimelineError) as caught:
        discover([tmp_path])
    assert_names_file(caught.value, tmp_path)
    assert ("no .txt, .md, .html, .htm, .jsonl, .csv, .parquet, .jsonl.gz or .csv.gz file "
            "in this folder") in str(caught.value)


# --- discovery, keep-going, ids ------------------------------------------------------


def test_discover_walks_folders_in_stable_order_skipping_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "sub/z.csv", "sub/deeper/c.htm", "x.jsonl", "skip.pdf"]:
        write(tmp_path, name, "x")
    write(tmp_path, ".git/config.txt", "x")
    write(tmp_path, "sub/.draft.md", "x")
    found = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.md",
        "b.txt",
        "sub/deeper/c.htm",
        "sub/z.csv",
        "x.jsonl",
    ]


def test_discover_keeps_argument_order_and_lists_each_file_once(tmp_path: Path) -> None:
    first = write(tmp_path, "one/z.txt", "x")
    second = write(tmp_path, "a.txt", "x")
    assert discover([first, tmp_path / "one", second]) == [first, second]


def test_keep_going_skips_and_reports_each_bad_file_and_row(tmp_path: Path) -> None:
    write(tmp_path, "good.md", "---\npublished: 2022-09-15\n---\nGood on Thursday.")
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "undated.txt", "No date here.")
    rows = [json.dumps({"id": "r1", "text": "Row one.", "published": "2022-09-16"}), "{oops"]
    write(tmp_path, "rows.jsonl", "\n".join(rows) + "\n")
    missing = tmp_path / "missing.txt"
    skipped: list[tuple[str, str]] = []
    articles = load_articles(
        [tmp_path, missing],
        keep_going=True,
        on_skip=lambda label, reason: skipped.append((label, reason)),
    )
    assert [a.doc_id for a in articles] == ["good.md", "r1"]
    assert [label for label, _ in skipped] == [
        str(tmp_path / "empty.txt"),
        str(tmp_path / "rows.jsonl") + " line 2",
        str(tmp_path / "undated.txt"),
        str(missing),
    ]
    reasons = [reason for _, reason in skipped]
    assert reasons[0] == "empty file; add the article text or remove the file"
    assert reasons[1].startswith("not valid JSON (")
    assert reasons[2].startswith("no publication date;")
    assert reasons[3] == "no such file or folder; check the path"


def test_keep_going_without_callback_logs_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path, "empty.txt", "")
    with caplog.at_level(logging.WARNING, logger="timeline.ingest.loader"):
        assert load_articles([path], keep_going=True) == []
    assert f"skipped {path}: empty file" in caplog.text


def test_without_keep_going_the_first_problem_raises(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "")
    write(tmp_path, "b.txt", "")
    err = load_error([tmp_path])
    assert_names_file(err, tmp_path / "a.txt")


def test_doc_ids_are_stable_and_relative_to_the_argument(tmp_path: Path) -> None:
    write(tmp_path, "sub/story.txt", "---\npublished: 2022-09-15\n---\nA story.")
    write(tmp_path, "rows.csv", "text,published\nOne.,2022-09-15\nTwo.,2022-09-16\n")
    first = load_articles([tmp_path])
    second = load_articles([tmp_path])
    assert [a.doc_id for a in first] == ["rows.csv#1", "rows.csv#2", "sub/story.txt"]
    assert [a.doc_id for a in second] == [a.doc_id for a in first]
    [direct] = load_articles([tmp_path / "sub" / "story.txt"])
    [via_sub] = load_articles([tmp_path / "sub"])
    assert direct.doc_id == via_sub.doc_id == "story.txt"


def test_colliding_doc_ids_get_a_numbered_suffix(tmp_path: Path) -> None:
    write(tmp_path, "a/story.txt", "---\npublished: 2022-09-15\n---\nA.")
    write(tmp_path, "b/story.txt", "---\npublished: 2022-09-15\n---\nB.")
    articles = load_articles([tmp_path / "a", tmp_path / "b"])
    assert [(a.doc_id, a.text) for a in articles] == [("story.txt", "A."), ("story.txt~2", "B.")]


# --- the shipped sample articles -----------------------------------------------------


def test_sample_articles_load_with_their_dates() -> None:
    articles = load_articles([SAMPLES])
    assert {a.doc_id: a.published for a in articles} == {
        "cawire-2022-09-14-xi-kazakhstan": date(2022, 9, 14),
        "meridian-2022-09-20-analysis": date(2022, 9, 20),
        "sco-summit-closes.html": date(2022, 9, 16),
        "sco-gipfel-de.md": date(2022, 9, 16),
        "sco-summit-preview.txt": date(2022, 9, 13),
        "xi-meets-putin.md": date(2022, 9, 15),
    }
    assert {a.doc_id: a.lang for a in articles if a.lang != "en"} == {"sco-gipfel-de.md": "de"}


def test_sample_seed_article_keeps_its_text_without_front_matter() -> None:
    [seed] = load_articles([SAMPLES / "xi-meets-putin.md"])
    assert seed.title == "Xi meets Putin – First encounter since Ukraine war"
    assert seed.source == "Handelsblatt (English edition)"
    assert seed.text.startswith("Xi meets Putin – First encounter since Ukraine war\n\n")
    assert seed.text.endswith("source site-13")
    assert "published:" not in seed.text
    assert "Thursday’s meeting in Samarkand" in seed.text


def test_sample_articles_cover_the_same_events_from_different_days() -> None:
    articles = {a.doc_id: a for a in load_articles([SAMPLES])}
    for doc_id, article in articles.items():
        assert "Samarkand" in article.text, doc_id
        if doc_id != "xi-meets-putin.md":
            assert 150 <= len(article.text.split()) <= 400, doc_id
    mentions_olympics = [d for d, a in articles.items() if "Winter Olympics" in a.text]
    assert len(mentions_olympics) >= 4


def test_publication_date_in_the_articles_language_through_dateparser() -> None:
    assert parse_published("15 septembre 2022", ("fr",)) == date(2022, 9, 15)
    assert parse_published("15. September 2022", ("de",)) == date(2022, 9, 15)
    with pytest.raises(TimelineError, match="is not a date"):
        parse_published("hier", ("fr",))


def test_jsonl_article_language_picks_the_date_parser_locale(tmp_path: Path) -> None:
    row = {"id": "lemonde-1", "title": "Sommet", "text": "Le sommet s'est ouvert jeudi.",
           "published": "15 septembre 2022", "lang": "fr"}
    path = tmp_path / "fr.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    (article,) = load_articles([path])
    assert (article.published, article.lang) == (date(2022, 9, 15), "fr")


# --- the article's language: --lang, else its metadata, else detected -----------------------

ENGLISH = ("The leaders of the two countries met on Thursday in the old city and agreed to "
           "hold further talks before the end of the year.")
GERMAN = ("Die Staats- und Regierungschefs beider Länder trafen sich am Donnerstag in der "
          "Altstadt und vereinbarten weitere Gespräche noch vor Ende des Jahres.")
FRENCH = ("Les dirigeants des deux pays se sont rencontrés jeudi dans la vieille ville et ont "
          "convenu de poursuivre les discussions avant la fin de l'année.")


@pytest.mark.parametrize(("text", "expected"), [
    (ENGLISH, "en"),
    (GERMAN, "de"),
    (FRENCH, "fr"),
    ("Der Bericht nennt 2000 syrische Pfund als Preis für ein Brot auf dem Markt.", "de"),
    ("Xi trifft Putin", ""),  # a title: too few letters to tell
    ("2022-09-15 10:30 +++ 17/42/2022 ---- 1234567890 1234567890 1234567890", ""),
])
def test_detection_names_the_language_or_stays_undecided(text: str, expected: str) -> None:
    assert detect_language(text).lang == expected


def test_german_text_without_any_lang_is_detected_as_german(tmp_path: Path) -> None:
    write(tmp_path, "bericht.txt", f"---\npublished: 2022-09-15\n---\n{GERMAN}")
    [article] = load_articles([tmp_path / "bericht.txt"])
    assert (article.lang, article.lang_from) == ("de", "detected")


def test_german_web_page_without_a_lang_attribute_is_detected_as_german(tmp_path: Path) -> None:
    page = PAGE.format(lang="", date_meta=DATE_META).replace(' lang=""', "")
    paragraphs = page[page.index("<p>"):page.index("</article>")]
    page = page.replace(paragraphs, f"<p>{GERMAN}</p>\n<p>{GERMAN}</p>\n")
    [article] = load_articles([write(tmp_path, "seite.html", page)])
    assert (article.lang, article.lang_from) == ("de", "detected")


@pytest.mark.parametrize(("front_matter", "option", "expected"), [
    ("", None, ("de", "detected")),
    ("lang: en\n", None, ("en", "metadata")),  # the article's own word beats detection
    ("language: de-AT\n", None, ("de", "metadata")),
    ("lang: en\n", "de", ("de", "option")),  # --lang beats everything
    ("", "EN-gb", ("en", "option")),
])
def test_language_is_option_then_metadata_then_detected(
        tmp_path: Path, front_matter: str, option: str | None, expected: tuple[str, str]) -> None:
    write(tmp_path, "a.md", f"---\n{front_matter}published: 2022-09-15\n---\n{GERMAN}")
    [article] = load_articles([tmp_path / "a.md"], lang=option)
    assert (article.lang, article.lang_from) == expected


def test_html_lang_attribute_and_collection_lang_are_metadata(tmp_path: Path) -> None:
    write(tmp_path, "page.html", PAGE.format(lang="de-DE", date_meta=DATE_META))
    write(tmp_path, "rows.csv", f"text,published,lang\n{GERMAN},2022-09-15,en\n")
    found = [(a.lang, a.lang_from) for a in load_articles([tmp_path])]
    assert found == [("de", "metadata"), ("en", "metadata")]


def test_a_title_only_row_takes_the_language_of_most_other_inputs(tmp_path: Path) -> None:
    rows = [{"id": "r1", "text": GERMAN, "published": "2022-09-15"},
            {"id": "r2", "text": "Gipfel vertagt", "published": "2022-09-16"},
            {"id": "r3", "text": GERMAN, "published": "2022-09-17", "lang": "de"},
            {"id": "r4", "text": ENGLISH, "published": "2022-09-17"}]
    write(tmp_path, "rows.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    found = [(a.doc_id, a.lang, a.lang_from) for a in load_articles([tmp_path])]
    assert found == [("r1", "de", "detected"), ("r2", "de", "majority"),
                     ("r3", "de", "metadata"), ("r4", "en", "detected")]


def test_a_short_text_alone_defaults_to_english_and_says_so(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "---\npublished: 2022-09-15\n---\nGipfel vertagt")
    [article] = load_articles([tmp_path / "a.txt"])
    assert (article.lang, article.lang_from) == ("en", "default")


@pytest.mark.parametrize(("choices", "expected"), [
    ([LangChoice("de", "detected"), LangChoice("", ""), LangChoice("en", "metadata"),
      LangChoice("de", "metadata")], ["de", "de", "en", "de"]),
    ([LangChoice("", ""), LangChoice("", "")], ["en", "en"]),
    ([LangChoice("fr", "option")], ["fr"]),
])
def test_undecided_languages_fall_back_to_the_majority_else_english(
        choices: list[LangChoice], expected: list[str]) -> None:
    assert [c.lang for c in decide_all(choices)] == expected


def test_a_detected_language_picks_the_date_parser_locale(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", f"---\npublished: 15. September 2022\n---\n{GERMAN}")
    [article] = load_articles([tmp_path / "a.txt"])
    assert (article.published, article.lang) == (date(2022, 9, 15), "de")


@pytest.mark.parametrize("bad", ["french", "e", "12", "en/us"])
def test_a_lang_option_that_is_no_code_is_an_error(bad: str) -> None:
    with pytest.raises(TimelineError, match=f"--lang {bad!r} is not a language code"):
        option_language(bad)


def test_iso_dates_of_options_and_tag_input() -> None:
    assert parse_iso_date("2022-09-15") == date(2022, 9, 15)
    with pytest.raises(TimelineError, match="\"dct\" '2022-9-15' is not a date"):
        parse_iso_date("2022-9-15", what='"dct"')


# --- timeline tag input: JSONL documents ------------------------------------------------------


def _jsonl(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_documents_are_read_one_a_line_blank_lines_ignored(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, f'{{"id": "a", "text": "{ENGLISH}", "dct": "2022-09-15"}}', "",
                  '{"id": 7, "text": "Ça.", "dct": "2021-01-02", "lang": "fr-CA"}')
    assert read_documents(path) == [
        TagDocument("a", ENGLISH, date(2022, 9, 15), "en", "detected"),
        TagDocument(7, "Ça.", date(2021, 1, 2), "fr", "metadata"),
    ]


def test_a_documents_language_is_option_then_its_lang_then_detected_then_majority(
        tmp_path: Path) -> None:
    path = _jsonl(tmp_path, f'{{"id": "a", "text": "{GERMAN}", "dct": "2022-09-15"}}',
                  f'{{"id": "b", "text": "{GERMAN}", "dct": "2022-09-15", "lang": "en"}}',
                  '{"id": "c", "text": "Kurz.", "dct": "2022-09-15"}')
    found = [(d.lang, d.lang_from) for d in read_documents(path)]
    assert found == [("de", "detected"), ("en", "metadata"), ("de", "majority")]
    forced = [(d.lang, d.lang_from) for d in read_documents(path, lang="fr")]
    assert forced == [("fr", "option")] * 3


def test_a_lang_that_is_no_language_code_names_the_line(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, '{"id": "a", "text": "x", "dct": "2022-09-15", "lang": 7}')
    with pytest.raises(TimelineError) as info:
        read_documents(path)
    assert str(info.value) == (f'{path}: line 1: "lang" should be a language code such as '
                               '"en", or left out')


@pytest.mark.parametrize(("line", "message"), [
    ('{"id": "a", "text": "x", "dct": "2022-09-15"', "line 2: not valid JSON (Expecting ',' "
     "delimiter); write one object a line, e.g. "
     '{"id": "d1", "text": "...", "dct": "2022-09-15"}'),
    ('["a", "x"]', 'line 2: not a JSON object; e.g. {"id": "d1", "text": "...", '
     '"dct": "2022-09-15"}'),
    ('{"text": "x", "dct": "2022-09-15"}', 'line 2: needs an "id" (a string)'),
    ('{"id": "b", "dct": "2022-09-15"}', 'line 2: needs a "text" (a string)'),
    ('{"id": "b", "text": "x"}', 'line 2: needs a "dct" date string YYYY-MM-DD'),
])
def test_a_bad_line_names_the_file_and_the_line(tmp_path: Path, line: str, message: str) -> None:
    path = _jsonl(tmp_path, '{"id": "a", "text": "x", "dct": "2022-09-15"}', line)
    with pytest.raises(TimelineError) as info:
        read_documents(path)
    assert str(info.value) == f"{path}: {message}"


def test_a_bad_dct_names_the_file_line_and_format(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, '{"id": "a", "text": "x", "dct": "15/09/2022"}')
    with pytest.raises(TimelineError) as info:
        read_documents(path)
    assert str(info.value) == (f"{path}: line 1: \"dct\" '15/09/2022' is not a date; "
                               "write it as YYYY-MM-DD, e.g. 2022-09-15")


def test_missing_and_undecodable_input_files(tmp_path: Path) -> None:
    with pytest.raises(TimelineError, match=r"docs\.jsonl: no such file; give a JSONL file"):
        read_documents(tmp_path / "docs.jsonl")
    (tmp_path / "latin.jsonl").write_bytes('{"id": "a", "text": "été"}'.encode("latin-1"))
    with pytest.raises(TimelineError, match=r"latin\.jsonl: not UTF-8 text; save the JSONL"):
        read_documents(tmp_path / "latin.jsonl")


def test_tag_input_lines_end_only_at_newlines(tmp_path: Path) -> None:
    """JSON Lines records end at '\\n' only: a raw line separator (U+2028) inside a JSON
    string is part of the text, not the end of the record."""
    from timeline.ingest.documents import read_documents

    text = "Xi and Putin met on Thursday.\u2028They spoke for two hours."
    path = tmp_path / "docs.jsonl"
    record = json.dumps({"id": "d1", "text": text, "dct": "2022-09-15"}, ensure_ascii=False)
    path.write_text(record + "\r\n", encoding="utf-8")
    [doc] = read_documents(path)
    assert (doc.doc_id, doc.text) == ("d1", text)
