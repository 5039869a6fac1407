"""The integration layer's own rules: option checks, all-or-nothing output, the
``timeline tag`` JSONL interface. (Whole builds are tested in test_cli and
test_end_to_end.)"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from timeline import pipeline
from timeline.errors import TimelineError
from timeline.models import Timex
from timeline.pipeline import (
    BuildResult,
    TagDocument,
    check_out_dir,
    format_tag_records,
    parse_date,
    read_documents,
    resolve_formats,
    tag_records,
    write_outputs,
    write_staged,
)
from timeline.table.schema import COLUMN_NAMES, events_to_frame

# --- options ------------------------------------------------------------------------


def test_formats_are_parsed_from_a_comma_list_lowercased_and_deduplicated() -> None:
    assert resolve_formats("csv, JSON,csv,html") == ("csv", "json", "html")
    assert resolve_formats(("timelinejs", "png", "svg")) == ("timelinejs", "png", "svg")


def test_unknown_format_lists_the_valid_ones() -> None:
    with pytest.raises(TimelineError) as info:
        resolve_formats("csv,pdf")
    assert str(info.value) == ("unknown output format pdf; choose from: csv, json, html, "
                               "timelinejs, png, svg (comma-separated)")


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


def test_output_folder_under_a_file_fails_before_any_work(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(TimelineError) as info:
        check_out_dir(blocker / "out")
    assert str(info.value) == (f"{blocker / 'out'}/: cannot create the output folder "
                               f"({blocker} is a file); choose another with -o")


def test_summary_line_counts_articles_events_skips_and_files() -> None:
    result = BuildResult(articles=(object(),) * 4, events=(object(),) * 37,  # type: ignore[arg-type]
                         skipped=(("a.txt", "empty"), ("b.bin", "binary")),
                         written=(Path("output/events.csv"), Path("output/timeline.html")),
                         frame=events_to_frame([]))
    assert result.summary() == ("Built 4 articles -> 37 events (2 skipped) -> "
                                "output/events.csv, output/timeline.html")
    one = BuildResult((object(),), (object(),), (), (Path("o/events.csv"),),  # type: ignore[arg-type]
                      events_to_frame([]))
    assert one.summary() == "Built 1 article -> 1 event -> o/events.csv"


# --- all-or-nothing output -----------------------------------------------------------


def test_write_outputs_creates_the_folder_and_names_files_by_format(tmp_path, make_event) -> None:
    frame = events_to_frame([make_event()])
    out = tmp_path / "new" / "out"
    written = write_outputs(frame, out, ("json", "csv"))
    assert written == (out / "events.json", out / "events.csv")
    assert sorted(p.name for p in out.iterdir()) == ["events.csv", "events.json"]
    assert json.loads((out / "events.json").read_text())[0]["event_id"] == "ev-1"
    assert (out / "events.csv").read_text().splitlines()[0] == ",".join(COLUMN_NAMES)


def test_a_failing_writer_leaves_no_output_and_keeps_older_files(tmp_path: Path) -> None:
    (tmp_path / "events.csv").write_text("from the last build\n")

    def good(path: Path) -> None:
        path.write_text("new table\n")

    def broken(path: Path) -> None:
        path.write_text("half a page")
        raise TimelineError("renderer failed; try again")

    with pytest.raises(TimelineError, match="renderer failed"):
        write_staged([(tmp_path / "events.csv", good), (tmp_path / "timeline.html", broken)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]
    assert (tmp_path / "events.csv").read_text() == "from the last build\n"


def test_a_folder_in_the_way_of_an_output_is_reported(tmp_path: Path, make_event) -> None:
    (tmp_path / "events.csv").mkdir()
    with pytest.raises(TimelineError) as info:
        write_outputs(events_to_frame([make_event()]), tmp_path, ("json", "csv"))
    assert str(info.value) == (f"{tmp_path / 'events.csv'}: a folder is in the way of this "
                               "output file; remove it or choose another folder with -o")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]


# --- timeline tag: input ---------------------------------------------------------------


def _jsonl(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_documents_are_read_one_a_line_blank_lines_ignored(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, '{"id": "a", "text": "Met on Thursday.", "dct": "2022-09-15"}', "",
                  '{"id": 7, "text": "Ça.", "dct": "2021-01-02", "lang": "fr"}')
    assert read_documents(path) == [
        TagDocument("a", "Met on Thursday.", date(2022, 9, 15), "en"),
        TagDocument(7, "Ça.", date(2021, 1, 2), "fr"),
    ]


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


# --- timeline tag: output --------------------------------------------------------------


def _timexes(text: str, dct: date, mode: str = "news", lang: str = "en") -> list[Timex]:
    """A stand-in tagger: every 'Thursday' is the DCT, every 'years' a duration."""
    found = []
    for word, kind, value in (("Thursday", "DATE", dct.isoformat()), ("years", "DURATION", "PXY")):
        start = text.find(word)
        if start >= 0:
            day = dct if kind == "DATE" else None
            found.append(Timex(start, start + len(word), word, kind, value, "", day, day))
    return sorted(found, key=lambda t: t.start)


DOCS = [TagDocument("d1", "For years they met on Thursday.", date(2022, 9, 15)),
        TagDocument("d2", "Nothing here.", date(2022, 9, 16))]


def test_records_carry_exactly_the_measuring_fields() -> None:
    assert tag_records(DOCS, tagger=_timexes) == [
        {"doc": "d1", "start": 4, "end": 9, "text": "years", "type": "DURATION",
         "value": "PXY", "mod": "", "earliest": None, "latest": None},
        {"doc": "d1", "start": 22, "end": 30, "text": "Thursday", "type": "DATE",
         "value": "2022-09-15", "mod": "", "earliest": "2022-09-15", "latest": "2022-09-15"},
    ]
    assert DOCS[0].text[22:30] == "Thursday"


def test_jsonl_output_is_one_compact_object_a_line() -> None:
    text = format_tag_records(tag_records(DOCS, tagger=_timexes), "jsonl")
    lines = text.splitlines()
    assert len(lines) == 2 and text.endswith("\n")
    assert json.loads(lines[1]) == {"doc": "d1", "start": 22, "end": 30, "text": "Thursday",
                                    "type": "DATE", "value": "2022-09-15", "mod": "",
                                    "earliest": "2022-09-15", "latest": "2022-09-15"}


def test_table_output_is_aligned_with_a_header() -> None:
    records = [{"doc": "d1", "start": 22, "end": 30, "text": "Thursday", "type": "DATE",
                "value": "2022-09-15", "mod": "", "earliest": "2022-09-15",
                "latest": "2022-09-15"},
               {"doc": "long-doc", "start": 4, "end": 9, "text": "two\nyears", "type": "DURATION",
                "value": "P2Y", "mod": "", "earliest": None, "latest": None}]
    assert format_tag_records(records, "table").splitlines() == [
        "doc       start  end  text       type      value       mod  earliest    latest",
        "d1        22     30   Thursday   DATE      2022-09-15       2022-09-15  2022-09-15",
        "long-doc  4      9    two years  DURATION  P2Y",
    ]


def test_tag_documents_writes_the_file_and_counts(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, '{"id": "x", "text": "On Thursday.", "dct": "2022-09-15"}')
    out = tmp_path / "out" / "timexes.jsonl"
    assert pipeline.tag_documents(path, out, tagger=_timexes) == 1
    assert json.loads(out.read_text()) == {
        "doc": "x", "start": 3, "end": 11, "text": "Thursday", "type": "DATE",
        "value": "2022-09-15", "mod": "", "earliest": "2022-09-15", "latest": "2022-09-15"}


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
    calls: list[tuple[int, int, str]] = []
    result = pipeline.build([tmp_path / "articles"], out_dir=tmp_path / "out", formats="csv",
                            keep_going=True, progress=lambda *a: calls.append(a))
    assert calls == [(0, 2, "Meeting"), (1, 2, "Outlook"), (2, 2, "")]
    assert [a.title for a in result.articles] == ["Meeting", "Outlook"]
    assert result.skipped == ((str(tmp_path / "articles" / "3.md"),
                               "empty file; add the article text or remove the file"),)
    assert result.written == (tmp_path / "out" / "events.csv",)
    assert list(result.frame["start"]) == ["2022-09-15", "2022-09-23"]
    assert len(result.events) == 2
