"""Streaming inputs: .jsonl.gz, .csv.gz and .parquet collections and glob patterns give
the articles the plain collection gives; big collections are read record by record;
the build keeps no text once its batch is done."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from timeline import pipeline
from timeline.errors import TimelineError
from timeline.ingest import shards
from timeline.ingest.loader import load_articles

RECORDS = [
    {"id": "a1", "title": "Summit", "published": "2022-09-16", "source": "Wire",
     "text": "Xi Jinping met Vladimir Putin on Thursday in Samarkand."},
    {"id": "a2", "title": "Outlook", "published": "2022-09-16", "source": "Wire",
     "text": "The leaders will meet again on September 23 in Moscow."},
    {"id": "a3", "title": "Talks", "published": "2022-09-17", "source": "Post",
     "text": "Putin and Xi met on Thursday, officials said."},
]
FIELDS = ["id", "title", "published", "source", "text"]


def _jsonl(records: list[dict[str, str]]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")


def _csv(records: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode("utf-8")


def _write(folder: Path, name: str, records: list[dict[str, str]] = RECORDS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if name.endswith(".parquet"):
        pq.write_table(pa.Table.from_pylist(records), path)
        return path
    data = _jsonl(records) if ".jsonl" in name else _csv(records)
    path.write_bytes(gzip.compress(data, mtime=0) if name.endswith(".gz") else data)
    return path


def _fields(paths: list[Path]) -> list[tuple[str, str, str, str, str]]:
    return [(a.doc_id, a.title, a.text, a.published.isoformat(), a.source)
            for a in load_articles(paths)]


EXPECTED = [(r["id"], r["title"], r["text"], r["published"], r["source"]) for r in RECORDS]


@pytest.mark.parametrize("name", ["c.jsonl.gz", "c.csv.gz", "c.parquet", "c.csv", "c.jsonl"])
def test_each_collection_format_gives_the_same_articles(tmp_path: Path, name: str) -> None:
    assert _fields([_write(tmp_path, name)]) == EXPECTED


def test_a_parquet_date_column_is_a_publication_date(tmp_path: Path) -> None:
    from datetime import date

    table = pa.table({"id": ["d1"], "text": ["They met on Thursday."],
                      "published": pa.array([date(2022, 9, 16)], type=pa.date32())})
    pq.write_table(table, tmp_path / "d.parquet")
    [article] = load_articles([tmp_path / "d.parquet"])
    assert article.published == date(2022, 9, 16)


@pytest.mark.parametrize("name", ["big.jsonl", "big.csv"])
def test_a_big_collection_is_streamed_with_the_same_result(tmp_path: Path, name: str,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    path = _write(tmp_path, name)
    whole = _fields([path])
    monkeypatch.setattr(shards, "STREAM_BYTES", 1)
    assert shards.streams(path, shards.input_kind(path))
    assert _fields([path]) == whole == EXPECTED


def test_a_glob_pattern_reads_every_matching_shard_in_order(tmp_path: Path) -> None:
    _write(tmp_path / "shards" / "2022", "part-1.jsonl.gz", RECORDS[1:])
    _write(tmp_path / "shards" / "2021", "part-0.jsonl.gz", RECORDS[:1])
    (tmp_path / "shards" / "notes.docx").write_bytes(b"x")
    articles = load_articles([tmp_path / "shards" / "**" / "*.jsonl.gz"])
    assert [a.doc_id for a in articles] == ["a1", "a2", "a3"]
    assert [Path(a.path).name for a in articles] == ["part-0.jsonl.gz", *["part-1.jsonl.gz"] * 2]


def test_a_record_without_id_is_named_under_the_pattern_s_folder(tmp_path: Path) -> None:
    _write(tmp_path / "shards" / "2021", "p.jsonl.gz", [{"text": "Met on Thursday.",
                                                       "published": "2022-09-16"}])
    [article] = load_articles([tmp_path / "shards" / "*" / "p.jsonl.gz"])
    assert article.doc_id == "2021/p.jsonl.gz#1"


def test_a_pattern_matching_nothing_is_an_error_naming_it(tmp_path: Path) -> None:
    pattern = tmp_path / "none-*.jsonl"
    with pytest.raises(TimelineError) as info:
        load_articles([pattern])
    assert str(info.value) == (f"{pattern}: no supported file matches this pattern; check the "
                               "pattern (quoted, so the shell leaves it to timeline)")


def test_a_broken_compressed_shard_is_one_line_or_skipped(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.jsonl.gz")
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(gzip.compress(_jsonl(RECORDS), mtime=0)[:-12])  # cut short
    with pytest.raises(TimelineError) as info:
        load_articles([bad])
    assert str(info.value).startswith(f"{bad}: not a readable compressed file (")
    skipped: list[tuple[str, str]] = []
    kept = load_articles([bad, good], keep_going=True,
                         on_skip=lambda label, why: skipped.append((label, why)))
    assert [label for label, _ in skipped] == [str(bad)]
    # the records before the break were read (streamed), then the file is reported
    assert [a.doc_id for a in kept] == ["a1", "a2", "a1~2", "a2~2", "a3"]


def test_a_parquet_without_text_is_refused(tmp_path: Path) -> None:
    pq.write_table(pa.table({"id": ["x"], "body": ["..."]}), tmp_path / "x.parquet")
    with pytest.raises(TimelineError, match=r"x\.parquet: no 'text' column \(columns: id, body"):
        load_articles([tmp_path / "x.parquet"])


def test_a_build_keeps_no_text_and_never_reads_its_own_parquet(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    _write(inputs, "c.jsonl.gz")
    first = pipeline.build([inputs], out_dir=inputs / "out", formats="csv,parquet",
                           nlp="rules")
    assert [a.doc_id for a in first.articles] == ["a1", "a2", "a3"]
    assert {a.text for a in first.articles} == {""}  # texts left with their batch
    again = pipeline.build([inputs / "c.jsonl.gz", inputs / "out" / "events.parquet"],
                           out_dir=tmp_path / "out2", formats="csv", nlp="rules",
                           keep_going=True)
    assert again.skipped[0][0] == str(inputs / "out" / "events.parquet")
    assert again.skipped[0][1].startswith("an output of timeline itself")
    assert (tmp_path / "out2" / "events.csv").read_bytes() == \
        (inputs / "out" / "events.csv").read_bytes()
