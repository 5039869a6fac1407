"""Writing files: atomic, deterministic, and one-line errors for unusable folders."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from timeline.errors import TimelineError
from timeline.models import Timex
from timeline.table import export
from timeline.table.export import (
    atomic_write_bytes,
    atomic_write_text,
    check_out_dir,
    write_csv,
    write_json,
    write_staged,
)
from timeline.table.schema import COLUMN_NAMES, events_to_frame, read_table
from timeline.table.timexes import TAG_FIELDS, format_tag_records, timex_record


def _frame(make_event):
    return events_to_frame([
        make_event(),
        make_event(event_id="ev-2", doc_id="doc-b", timex_text="since February",
                   timex_value="2022-02", relation="since", start=date(2022, 2, 1),
                   end=date(2022, 9, 15), granularity="month", actors=(),
                   sentence="Beijing has kept quiet since February – «über» ☃.",
                   sources=("doc-a", "doc-b"), n_sources=2, confidence=0.625),
    ])


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- atomic writes ------------------------------------------------------------------


def test_atomic_write_text_writes_utf8_without_newline_translation(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write_text(target, "a\nb\r\nč\n")
    assert target.read_bytes() == "a\nb\r\nč\n".encode()
    assert _leftovers(tmp_path) == ["out.txt"]


def test_atomic_write_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old contents that are longer")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert _leftovers(tmp_path) == ["out.bin"]


def test_new_file_gets_ordinary_permissions_not_the_tempfile_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "page.html", "<p>x</p>")
    finally:
        os.umask(old)
    assert (tmp_path / "page.html").stat().st_mode & 0o777 == 0o644


def test_failure_mid_write_leaves_no_target_and_no_temp_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "fsync", disk_full)
    with pytest.raises(TimelineError) as info:
        atomic_write_bytes(tmp_path / "events.csv", b"event_id\n1\n")
    assert str(info.value) == (f"{tmp_path / 'events.csv'}: could not write the file "
                               "(No space left on device); choose another with -o")
    assert _leftovers(tmp_path) == []


def test_failure_mid_write_keeps_the_previous_file_intact(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "events.csv"
    target.write_bytes(b"previous\n")

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(export.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"new\n")
    assert target.read_bytes() == b"previous\n"
    assert _leftovers(tmp_path) == ["events.csv"]


def test_missing_folder_is_a_one_line_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(TimelineError) as info:
        atomic_write_text(tmp_path / "nope" / "events.csv", "x")
    assert str(info.value) == (f"{tmp_path / 'nope'}/: folder does not exist; "
                               "create it or choose another with -o")
    assert not (tmp_path / "nope").exists()


def test_folder_that_is_a_file_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("I am a file")
    with pytest.raises(TimelineError) as info:
        atomic_write_text(blocker / "events.csv", "x")
    assert str(info.value) == f"{blocker}/: not a folder; choose another with -o"
    assert blocker.read_text() == "I am a file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_is_a_one_line_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(TimelineError) as info:
            atomic_write_text(locked / "events.csv", "x")
    finally:
        locked.chmod(0o700)
    assert str(info.value) == f"{locked}/: folder is not writable; choose another with -o"
    assert _leftovers(locked) == []


# --- CSV ----------------------------------------------------------------------------


def test_csv_has_the_schema_columns_in_order_and_unix_line_ends(tmp_path, make_event) -> None:
    write_csv(_frame(make_event), tmp_path / "events.csv")
    data = (tmp_path / "events.csv").read_bytes()
    assert b"\r" not in data
    lines = data.decode("utf-8").split("\n")
    assert lines[0] == ",".join(COLUMN_NAMES)
    assert len(lines) == 4 and lines[3] == ""  # header, two rows, final newline


def test_csv_rows_are_sorted_by_start_and_keep_values(tmp_path, make_event) -> None:
    write_csv(_frame(make_event), tmp_path / "events.csv")
    text = (tmp_path / "events.csv").read_text(encoding="utf-8")
    first, second = text.splitlines()[1:]
    assert first.startswith("ev-2,doc-b,")
    assert ",since,2022-02-01,2022-09-15,month," in first
    assert "«über» ☃" in first
    assert ",doc-a; doc-b,2,en,,\n" in text.splitlines(keepends=True)[1]
    assert second == (
        "ev-1,doc-a,Leaders meet,2022-09-15,Example Wire,https://news.example.com/a,0,"
        "Xi and Putin met on Thursday in Samarkand.,Xi and Putin meet in Samarkand,met,"
        "Xi Jinping; Vladimir Putin,Samarkand,Thursday,DATE,2022-09-15,,on,2022-09-15,"
        "2022-09-15,day,24,32,0.9,rules,doc-a,1,en,,")


def test_csv_is_byte_identical_for_the_same_input(tmp_path, make_event) -> None:
    write_csv(_frame(make_event), tmp_path / "one.csv")
    write_csv(_frame(make_event), tmp_path / "two.csv")
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()


def test_csv_column_order_follows_the_schema_not_the_frame(tmp_path, make_event) -> None:
    frame = _frame(make_event)
    shuffled = frame[list(reversed(frame.columns))]
    write_csv(frame, tmp_path / "a.csv")
    write_csv(shuffled, tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


# --- JSON ---------------------------------------------------------------------------


def test_json_records_have_lists_dates_numbers_and_nulls(tmp_path, make_event) -> None:
    frame = events_to_frame([make_event(end=None, relation="since", places=())])
    write_json(frame, tmp_path / "events.json")
    [record] = json.loads((tmp_path / "events.json").read_text(encoding="utf-8"))
    assert list(record) == list(COLUMN_NAMES)
    assert record["actors"] == ["Xi Jinping", "Vladimir Putin"]
    assert record["places"] == []
    assert record["start"] == "2022-09-15" and record["end"] is None
    assert record["published"] == "2022-09-15"
    assert record["char_start"] == 24 and record["n_sources"] == 1
    assert record["confidence"] == 0.9


def test_json_keeps_unicode_and_is_indented_and_deterministic(tmp_path, make_event) -> None:
    write_json(_frame(make_event), tmp_path / "a.json")
    write_json(_frame(make_event), tmp_path / "b.json")
    text = (tmp_path / "a.json").read_text(encoding="utf-8")
    assert "«über» ☃" in text and "\\u" not in text
    assert text.startswith('[\n  {\n    "event_id": "ev-2",')
    assert text.endswith("]\n")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_json_of_an_empty_table_is_an_empty_array(tmp_path) -> None:
    write_json(events_to_frame([]), tmp_path / "events.json")
    assert (tmp_path / "events.json").read_text(encoding="utf-8") == "[]\n"


# --- staged writing: all files of a build or none --------------------------------------


def test_output_folder_under_a_file_fails_before_any_work(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(TimelineError) as info:
        check_out_dir(blocker / "out")
    assert str(info.value) == (f"{blocker / 'out'}/: cannot create the output folder "
                               f"({blocker} is a file); choose another with -o")


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


# --- the event table's language columns ---------------------------------------------------


def test_the_table_carries_each_events_language_and_where_it_came_from(make_event) -> None:
    frame = events_to_frame([make_event(lang="de", lang_from="detected"),
                             make_event(event_id="ev-2", lang="en", lang_from="option")])
    assert list(COLUMN_NAMES[-3:-1]) == ["lang", "lang_from"]
    assert sorted(zip(frame["lang"], frame["lang_from"], strict=True)) == [
        ("de", "detected"), ("en", "option")]


def test_a_table_written_before_the_language_columns_still_reads(tmp_path, make_event) -> None:
    old = tmp_path / "old.csv"
    events_to_frame([make_event()]).drop(columns=["lang", "lang_from"]).to_csv(old, index=False)
    frame = read_table(old)
    assert list(frame.columns) == list(COLUMN_NAMES)
    assert (frame.loc[0, "lang"], frame.loc[0, "lang_from"], frame.loc[0, "start"]) == (
        "", "", "2022-09-15")


# --- timeline tag output: one temporal expression a record ---------------------------------

THURSDAY = Timex(22, 30, "Thursday", "DATE", "2022-09-15", "", date(2022, 9, 15),
                 date(2022, 9, 15))
RECORD = {"doc": "d1", "start": 22, "end": 30, "text": "Thursday", "type": "DATE",
          "value": "2022-09-15", "mod": "", "earliest": "2022-09-15", "latest": "2022-09-15",
          "lang": "en", "lang_from": "detected"}


def test_a_record_holds_the_measuring_fields_and_the_language() -> None:
    record = timex_record("d1", THURSDAY, "en", "detected")
    assert record == RECORD and tuple(record) == TAG_FIELDS


def test_jsonl_output_is_one_compact_object_a_line() -> None:
    text = format_tag_records([RECORD, RECORD | {"doc": "d2"}], "jsonl")
    lines = text.splitlines()
    assert len(lines) == 2 and text.endswith("\n")
    assert json.loads(lines[1]) == RECORD | {"doc": "d2"}


def test_table_output_is_aligned_with_a_header() -> None:
    records = [RECORD | {"lang_from": "metadata"},
               {"doc": "long-doc", "start": 4, "end": 9, "text": "two\nyears", "type": "DURATION",
                "value": "P2Y", "mod": "", "earliest": None, "latest": None, "lang": "en",
                "lang_from": "default"}]
    assert format_tag_records(records, "table").splitlines() == [
        "doc       start  end  text       type      value       mod  earliest    latest      "
        "lang  lang_from",
        "d1        22     30   Thursday   DATE      2022-09-15       2022-09-15  2022-09-15  "
        "en    metadata",
        "long-doc  4      9    two years  DURATION  P2Y                                      "
        "en    default",
    ]


def test_unknown_tag_output_format_is_an_error() -> None:
    with pytest.raises(TimelineError, match="--format 'xml' is not one of: jsonl, table"):
        format_tag_records([RECORD], "xml")
