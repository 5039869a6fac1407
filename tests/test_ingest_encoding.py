"""Reading article bytes: encodings beyond UTF-8 and Windows-1252 through a detector,
never a silently wrong reading, and mojibake repaired only where the text is mojibake."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from timeline.errors import TimelineError
from timeline.ingest.encoding import decode_text, repair_text
from timeline.ingest.loader import load_articles

DATA = Path(__file__).resolve().parent / "data" / "ingest"
POLISH = ("W poniedziałek prezydent spotkał się z premierem w Warszawie. "
          "Rozmowy trwały dwie godziny, poinformował rzecznik.")
CORRECT = [line for line in (DATA / "correct_texts.txt").read_text(encoding="utf-8").splitlines()
           if line and not line.startswith("#")]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("shift_jis.txt", "東京都は月曜日、新たに三百人の感染を確認したと発表した。"
                          "知事は記者会見で外出の自粛を求めた。"),
        ("koi8_r.txt", "В понедельник президент России встретился с премьер-министром в "
                       "Москве. Переговоры продлились два часа, сообщил пресс-секретарь."),
        ("utf16_bom.txt", "The talks ended on Monday in Geneva, officials said."),
        ("utf16le_no_bom.txt", "The talks ended on Monday in Geneva, officials said."),
        ("iso8859_2_declared.txt", POLISH),
    ],
)
def test_a_text_in_another_encoding_is_read_as_written(name: str, text: str) -> None:
    [article] = load_articles([DATA / name])
    assert (article.text, article.published) == (text, date(2021, 4, 5))


def test_a_web_page_in_iso_8859_2_is_read_by_its_declared_charset() -> None:
    [article] = load_articles([DATA / "iso8859_2.html"])
    assert article.text == "Rozmowy w Warszawie\n\n" + POLISH


def test_an_encoding_the_detector_cannot_tell_is_an_error_never_a_wrong_reading() -> None:
    path = DATA / "iso8859_2.txt"  # cp1250, ISO-8859-2 and ISO-8859-10 all read it
    with pytest.raises(TimelineError) as caught:
        load_articles([path])
    message = str(caught.value)
    assert message.startswith(f"{path}: not UTF-8 text (undecodable byte 0xb3 at offset 42), "
                              "and its code page cannot be told (")
    assert message.endswith("re-save the file as UTF-8 or name its encoding in front "
                            "matter ('encoding: iso-8859-2')")


@pytest.mark.parametrize(
    ("front", "fragment"),
    [
        ("encoding: klingon", "the front matter names an unknown encoding 'klingon'"),
        ("charset: ascii", "not ascii text (undecodable byte 0xb3 at offset"),
    ],
)
def test_a_wrong_declared_encoding_is_an_error(tmp_path: Path, front: str, fragment: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(f"---\n{front}\npublished: 2021-04-05\n---\n\n{POLISH}\n"
                     .encode("iso8859_2"))
    with pytest.raises(TimelineError, match=re.escape(f"{path}: {fragment}")):
        load_articles([path])


def test_a_file_that_is_no_text_stays_an_error_naming_it() -> None:
    path = DATA / "not_text.txt"
    with pytest.raises(TimelineError, match=rf"^{path}: not UTF-8 text \(undecodable byte 0x89 "
                                            r"at offset 0\); re-save the file as UTF-8$"):
        load_articles([path])


def test_mojibake_is_repaired() -> None:
    [article] = load_articles([DATA / "mojibake.txt"])
    assert article.text == ("The mayor’s office said the talks in München would resume on "
                            "Thursday – after the Gespräche ended on Monday.")


def test_mojibake_inside_a_collection_record_is_repaired(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    record = {"id": "a", "title": "GesprÃ¤che in MÃ¼nchen", "published": "2021-04-05",
              "text": "The GesprÃ¤che in MÃ¼nchen ended on Monday."}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")  # \u escapes in the file
    [article] = load_articles([path])
    assert (article.title, article.text) == ("Gespräche in München",
                                             "The Gespräche in München ended on Monday.")


@pytest.mark.parametrize("text", CORRECT)
def test_a_correct_text_is_never_changed(text: str) -> None:
    assert repair_text(text) == text
    assert decode_text(text.encode("utf-8")) == text
