"""The library's front door: option checks, all-or-nothing output, the language check,
``timeline tag`` end to end. (Whole builds are tested in test_cli and test_end_to_end;
the tag input and output formats in test_ingest and test_export.)"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from timeline import pipeline
from timeline.errors import TimelineError
from timeline.ingest.documents import TagDocument
from timeline.langdata import available_languages
from timeline.models import Timex
from timeline.pipeline import (
    BuildResult,
    check_language,
    parse_date,
    resolve_formats,
    tag_records,
    write_outputs,
)
from timeline.table.schema import COLUMN_NAMES, events_to_frame

#: The languages with temporal data, as refusals list them.
KNOWN = ", ".join(available_languages())

# --- options ------------------------------------------------------------------------


def test_formats_are_parsed_from_a_comma_list_lowercased_and_deduplicated() -> None:
    assert resolve_formats("csv, JSON,csv,html") == ("csv", "json", "html")
    assert resolve_formats(("timelinejs", "png", "svg")) == ("timelinejs", "png", "svg")


def test_unknown_format_lists_the_valid_ones() -> None:
    with pytest.raises(TimelineError) as info:
        resolve_formats("csv,pdf")
    assert str(info.value) == ("unknown output format pdf; choose from: csv, json, parquet, "
                               "html, timelinejs, png, svg, summary (comma-separated)")


def test_no_format_at_all_is_an_error() -> None:
    with pytest.raises(TimelineError, match=r"unknown output format \(none\)"):
        resolve_formats(" , ")


def test_pub_date_must_be_iso_year_month_day() -> None:
    assert parse_date("2022-09-15") == date(2022, 9, 15)
    for bad in ("15.09.2022", "2022-9-15", "2022-02-30", "20220915", "yesterday"):
        with pytest.raises(TimelineError) as info:
            parse_date(bad)
        assert str(info.value) == (f"--pub-date {bad!r} is not a date; write it as "
                                   "YYYY-MM-DD, e.g. 2022-09-15")


def test_bad_choice_names_the_option_and_the_choices(tmp_path: Path) -> None:
    with pytest.raises(TimelineError) as info:
        pipeline.build([tmp_path], out_dir=tmp_path / "out", lanes="topic")
    assert str(info.value) == "--lanes 'topic' is not one of: article, source, actor"
    with pytest.raises(TimelineError, match="--mode 'novel' is not one of: news, narrative"):
        pipeline.build([tmp_path], out_dir=tmp_path / "out", mode="novel")
    with pytest.raises(TimelineError, match="--nlp 'gpt' is not one of: auto, spacy, rules"):
        pipeline.build([tmp_path], out_dir=tmp_path / "out", nlp="gpt")
    assert not (tmp_path / "out").exists()


def test_summary_line_counts_articles_events_skips_and_files() -> None:
    result = BuildResult(articles=(object(),) * 4, events=(object(),) * 37,  # type: ignore[arg-type]
                         skipped=(("a.txt", "empty"), ("b.bin", "binary")),
                         written=(Path("output/events.csv"), Path("output/timeline.html")),
                         frame=events_to_frame([]))
    assert result.describe() == ("Built 4 articles -> 37 events (2 skipped) -> "
                                "output/events.csv, output/timeline.html")
    one = BuildResult((object(),), (object(),), (), (Path("o/events.csv"),),  # type: ignore[arg-type]
                      events_to_frame([]))
    assert one.describe() == "Built 1 article -> 1 event -> o/events.csv"


# --- all-or-nothing output -----------------------------------------------------------


def test_write_outputs_creates_the_folder_and_names_files_by_format(tmp_path, make_event) -> None:
    frame = events_to_frame([make_event()])
    out = tmp_path / "new" / "out"
    written = write_outputs(frame, out, ("json", "csv"))
    assert written == (out / "events.json", out / "events.csv")
    assert sorted(p.name for p in out.iterdir()) == ["events.csv", "events.json"]
    assert json.loads((out / "events.json").read_text())[0]["event_id"] == "ev-1"
    assert (out / "events.csv").read_text().splitlines()[0] == ",".join(COLUMN_NAMES)


def test_a_folder_in_the_way_of_an_output_is_reported(tmp_path: Path, make_event) -> None:
    (tmp_path / "events.csv").mkdir()
    with pytest.raises(TimelineError) as info:
        write_outputs(events_to_frame([make_event()]), tmp_path, ("json", "csv"))
    assert str(info.value) == (f"{tmp_path / 'events.csv'}: a folder is in the way of this "
                               "output file; remove it or choose another folder with -o")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]


# --- timeline tag ---------------------------------------------------------------------


def _jsonl(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path



def _timexes(text: str, dct: date, mode: str = "news", lang: str = "en") -> list[Timex]:
    """A stand-in tagger: every 'Thursday' is the DCT, every 'years' a duration."""
    found = []
    for word, kind, value in (("Thursday", "DATE", dct.isoformat()), ("years", "DURATION", "PXY")):
        start = text.find(word)
        if start >= 0:
            day = dct if kind == "DATE" else None
            found.append(Timex(start, start + len(word), word, kind, value, "", day, day))
    return sorted(found, key=lambda t: t.start)


DOCS = [TagDocument("d1", "For years they met on Thursday.", date(2022, 9, 15), "en",
                    "metadata"),
        TagDocument("d2", "Nothing here.", date(2022, 9, 16))]


def test_records_carry_the_measuring_fields_and_the_language() -> None:
    assert tag_records(DOCS, tagger=_timexes) == [
        {"doc": "d1", "start": 4, "end": 9, "text": "years", "type": "DURATION",
         "value": "PXY", "mod": "", "earliest": None, "latest": None, "lang": "en",
         "lang_from": "metadata"},
        {"doc": "d1", "start": 22, "end": 30, "text": "Thursday", "type": "DATE",
         "value": "2022-09-15", "mod": "", "earliest": "2022-09-15", "latest": "2022-09-15",
         "lang": "en", "lang_from": "metadata"},
    ]
    assert DOCS[0].text[22:30] == "Thursday"


def test_tag_documents_writes_the_file_and_counts(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, '{"id": "x", "text": "On Thursday.", "dct": "2022-09-15"}')
    out = tmp_path / "out" / "timexes.jsonl"
    assert pipeline.tag_documents(path, out, tagger=_timexes) == 1
    assert json.loads(out.read_text()) == {
        "doc": "x", "start": 3, "end": 11, "text": "Thursday", "type": "DATE",
        "value": "2022-09-15", "mod": "", "earliest": "2022-09-15", "latest": "2022-09-15",
        "lang": "en", "lang_from": "default"}


@pytest.mark.parametrize(("lines", "option", "message"), [
    (['{"id": "x", "text": "On Thursday.", "dct": "2022-09-15", "lang": "fr"}'], None,
     f"document 'x': no language data for 'fr' (available: {KNOWN}); the article's metadata says "
     "so; fix its lang or pass --lang, or add a 'fr' data folder through TIMELINE_DATA"),
    (['{"id": "x", "text": "On Thursday.", "dct": "2022-09-15"}'], "fr",
     f"document 'x': no language data for 'fr' (available: {KNOWN}); --lang asks for it, or add a "
     "'fr' data folder through TIMELINE_DATA"),
])
def test_tag_documents_refuses_a_language_without_data_and_writes_nothing(
        tmp_path: Path, lines: list[str], option: str | None, message: str) -> None:
    path, out = _jsonl(tmp_path, *lines), tmp_path / "timexes.jsonl"
    with pytest.raises(TimelineError) as info:
        pipeline.tag_documents(path, out, tagger=_timexes, lang=option)
    assert str(info.value) == f"{path}: {message}"
    assert not out.exists()


def test_tag_documents_writes_nothing_when_a_later_line_is_bad(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, '{"id": "x", "text": "On Thursday.", "dct": "2022-09-15"}', "{oops")
    out = tmp_path / "timexes.jsonl"
    with pytest.raises(TimelineError, match="line 2: not valid JSON"):
        pipeline.tag_documents(path, out, tagger=_timexes)
    assert not out.exists()


def test_unknown_tag_format_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TimelineError, match="--format 'xml' is not one of: jsonl, table"):
        pipeline.tag_documents(_jsonl(tmp_path, ""), "-", fmt="xml")


# --- a whole build through the library ---------------------------------------------------


def test_build_reports_progress_per_article_and_returns_what_it_did(write_article,
                                                                   tmp_path: Path) -> None:
    write_article("1.md", "Xi and Putin met on Thursday in Samarkand.", title="Meeting",
                  published="2022-09-16")
    write_article("2.md", "Leaders will meet on September 23.", title="Outlook",
                  published="2022-09-16")
    (tmp_path / "articles" / "3.md").write_bytes(b"")
    ticks: list[pipeline.Tick] = []
    result = pipeline.build([tmp_path / "articles"], out_dir=tmp_path / "out", formats="csv",
                            keep_going=True, progress=ticks.append, batch_articles=1)
    chars = [len("Xi and Putin met on Thursday in Samarkand."),
             len("Leaders will meet on September 23.")]
    # a tick per batch (of one article here); the first text is too short to tell its
    # language, so it waits for the majority of the others and comes last
    assert ticks == [pipeline.Tick(1, chars[1], chars[1], "Outlook"),
                     pipeline.Tick(2, sum(chars), sum(chars), "Meeting"),
                     pipeline.Tick(2, sum(chars), sum(chars), "")]
    assert [a.title for a in result.articles] == ["Meeting", "Outlook"]
    assert result.skipped == ((str(tmp_path / "articles" / "3.md"),
                               "empty file; add the article text or remove the file"),)
    assert result.written == (tmp_path / "out" / "events.csv",)
    assert list(result.frame["start"]) == ["2022-09-15", "2022-09-23"]
    assert len(result.events) == 2


# --- the language check --------------------------------------------------------------------

FRENCH = ("Les dirigeants des deux pays se sont rencontrés jeudi dans la vieille ville et ont "
          "convenu de poursuivre les discussions avant la fin de l'année.")
ENGLISH = ("The leaders of the two countries met on Thursday in the old city and agreed to "
           "hold further talks before the end of the year.")


def test_a_detected_french_article_is_refused_naming_the_file(write_article, tmp_path) -> None:
    path = write_article("fr.md", FRENCH, published="2022-09-16")
    with pytest.raises(TimelineError) as info:
        pipeline.build([path], out_dir=tmp_path / "out", formats="csv")
    assert str(info.value) == (
        f"{path}: no language data for 'fr' (available: {KNOWN}); detected from its text; pass "
        "--lang to override, or add a 'fr' data folder through TIMELINE_DATA")
    assert not (tmp_path / "out").exists()


def test_keep_going_skips_the_refused_article_and_builds_the_rest(write_article,
                                                                 tmp_path) -> None:
    write_article("en.md", ENGLISH, published="2022-09-16")
    french = write_article("fr.md", FRENCH, published="2022-09-16")
    result = pipeline.build([tmp_path / "articles"], out_dir=tmp_path / "out", formats="csv",
                            keep_going=True)
    assert [a.doc_id for a in result.articles] == ["en.md"]
    [(label, reason)] = result.skipped
    assert label == str(french) and reason.startswith("no language data for 'fr'")
    assert set(result.frame["lang"]) == {"en"}
    assert set(result.frame["lang_from"]) == {"detected"}


def test_the_lang_option_tags_every_article_with_that_language(write_article, tmp_path) -> None:
    write_article("en.md", "Xi met Putin on Thursday.", published="2022-09-16")
    result = pipeline.build([tmp_path / "articles"], out_dir=tmp_path / "out", formats="csv",
                            lang="en")
    assert (result.notes, list(result.frame["lang_from"])) == ((), ["option"])
    assert list(result.frame["start"]) == ["2022-09-15"]


def test_an_assumed_language_is_noted(write_article, tmp_path) -> None:
    path = write_article("en.md", "Xi met Putin on Thursday.", published="2022-09-16")
    result = pipeline.build([path], out_dir=tmp_path / "out", formats="csv")
    assert result.notes == ((str(path), "language not detectable (text too short or unclear); "
                             "assumed 'en'; set its lang or pass --lang"),)
    assert list(zip(result.frame["lang"], result.frame["lang_from"], strict=True)) == [
        ("en", "default")]


def test_check_language_accepts_codes_with_data_only() -> None:
    assert check_language("EN") == "en"
    with pytest.raises(TimelineError, match="^--lang 'fr': no language data for 'fr'"):
        check_language("fr")
