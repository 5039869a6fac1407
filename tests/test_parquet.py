"""--format parquet: events.parquet with the schema's types, one file or a folder per
year, read back by render and read_events as the same table; all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from timeline import pipeline
from timeline.errors import TimelineError
from timeline.table.parquet import arrow_schema, read_events, read_parquet, write_parquet
from timeline.table.schema import COLUMNS, events_to_frame, read_table


@pytest.fixture
def frame(make_event):
    events = [
        make_event(event_id="e1", start=date(2010, 4, 20), end=date(2010, 4, 20)),
        make_event(event_id="e2", doc_id="doc-b", start=date(2009, 6, 25),
                   end=date(2009, 6, 25), actors=(), places=("Los Angeles",)),
        make_event(event_id="e3", start=None, end=None, granularity="day", timex_value="P2D",
                   timex_type="DURATION", url="", sources=("doc-a", "doc-b"), n_sources=2),
        make_event(event_id="e4", start=None, end=date(2010, 7, 15), relation="until"),
    ]
    return events_to_frame(events)


TYPES = {"string": pa.string(), "Int64": pa.int64(), "Float64": pa.float64(),
         "date": pa.date32(), "list": pa.list_(pa.string())}


def test_the_columns_have_the_schema_s_types(frame, tmp_path: Path) -> None:
    write_parquet(frame, tmp_path / "events.parquet")
    schema = pq.read_schema(tmp_path / "events.parquet")
    assert [(f.name, f.type) for f in schema] == [(c.name, TYPES[c.dtype]) for c in COLUMNS]
    assert schema == arrow_schema()
    table = pq.read_table(tmp_path / "events.parquet")
    assert table.column("event_id").to_pylist() == ["e2", "e1", "e4", "e3"]
    assert table.column("actors").to_pylist()[0] == []
    assert table.column("places").to_pylist()[0] == ["Los Angeles"]
    assert table.column("start").to_pylist()[:3] == [date(2009, 6, 25), date(2010, 4, 20), None]
    assert table.column("url").to_pylist()[3] is None


@pytest.mark.parametrize("partition", [False, True], ids=["file", "by-year"])
def test_reading_it_back_gives_the_same_table(frame, tmp_path: Path, partition: bool) -> None:
    write_parquet(frame, tmp_path / "events.parquet", partition=partition)
    back = read_parquet(tmp_path / "events.parquet")
    assert back.equals(frame)
    assert list(back.dtypes) == list(frame.dtypes)


def test_partitions_are_year_folders_that_pyarrow_reads_as_one_table(frame,
                                                                    tmp_path: Path) -> None:
    write_parquet(frame, tmp_path / "events.parquet", partition=True)
    folders = sorted(p.name for p in (tmp_path / "events.parquet").iterdir())
    assert folders == ["year=2009", "year=2010", "year=undated"]
    assert [p.name for p in (tmp_path / "events.parquet" / "year=2010").iterdir()] == \
        ["part-0.parquet"]
    table = ds.dataset(tmp_path / "events.parquet", partitioning="hive").to_table()
    assert sorted(table.column("event_id").to_pylist()) == ["e1", "e2", "e3", "e4"]


def test_a_build_writes_parquet_and_render_reads_it(write_article, tmp_path: Path) -> None:
    write_article("a.md", "Xi met Putin on Thursday.", published="2022-09-16")
    result = pipeline.build([tmp_path / "articles"], out_dir=tmp_path / "out",
                            formats="csv,parquet", nlp="rules")
    assert result.written == (tmp_path / "out" / "events.csv", tmp_path / "out" / "events.parquet")
    from_csv = read_table(tmp_path / "out" / "events.csv")
    assert read_events(tmp_path / "out" / "events.parquet").equals(from_csv)
    page = pipeline.render_table(tmp_path / "out" / "events.parquet", tmp_path / "page.html")
    assert "Putin" in page.read_text(encoding="utf-8")


def test_a_build_switches_between_a_file_and_a_folder(write_article, tmp_path: Path) -> None:
    write_article("a.md", "Xi met Putin on Thursday.", published="2022-09-16")
    target = tmp_path / "out" / "events.parquet"
    for partition, is_dir in (("none", False), ("year", True), ("year", True), ("none", False)):
        pipeline.build([tmp_path / "articles"], out_dir=tmp_path / "out", formats="parquet",
                       nlp="rules", partition=partition)
        assert target.is_dir() is is_dir
        assert list(read_parquet(target)["start"]) == ["2022-09-15"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["events.parquet"]


def test_a_failing_output_leaves_the_earlier_parquet(write_article, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    write_article("a.md", "Xi met Putin on Thursday.", published="2022-09-16")
    pipeline.build([tmp_path / "articles"], out_dir=tmp_path / "out", formats="parquet",
                   nlp="rules", partition="year")
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "out").rglob("*"))
    write_article("b.md", "They met again on Friday.", published="2022-09-20")

    def full_disk(frame, path, raw=False):
        raise TimelineError("could not write the file (No space left on device); choose "
                            "another with -o", str(path))

    monkeypatch.setattr(pipeline, "write_csv", full_disk)
    with pytest.raises(TimelineError, match="No space left"):
        pipeline.build([tmp_path / "articles"], out_dir=tmp_path / "out",
                       formats="parquet,csv", nlp="rules", partition="none")
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "out").rglob("*")) == before


def test_a_folder_that_is_no_table_is_in_the_way(write_article, tmp_path: Path) -> None:
    write_article("a.md", "Xi met Putin on Thursday.", published="2022-09-16")
    (tmp_path / "out" / "events.parquet" / "mine").mkdir(parents=True)
    with pytest.raises(TimelineError, match="a folder is in the way of this output file"):
        pipeline.build([tmp_path / "articles"], out_dir=tmp_path / "out", formats="parquet",
                       nlp="rules")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["events.parquet"]  # no staging
    assert [p.name for p in (tmp_path / "out" / "events.parquet").iterdir()] == ["mine"]


def test_reading_something_else_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "x.parquet").write_bytes(b"not parquet")
    with pytest.raises(TimelineError, match=r"x\.parquet: not a readable Parquet event table"):
        read_parquet(tmp_path / "x.parquet")
    pq.write_table(pa.table({"id": ["x"]}), tmp_path / "y.parquet")
    with pytest.raises(TimelineError, match=r"y\.parquet: missing columns event_id, doc_id"):
        read_parquet(tmp_path / "y.parquet")
