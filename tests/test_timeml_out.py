"""``timeline tag --format timeml -o DIR``: each document as TimeML in HeidelTime's layout.

The documents are ``tests/data/timeml_out_docs.jsonl`` (markup characters, a carriage
return, characters XML forbids, German, no expression at all, ids that are paths or
differ only in case). What the tag command finds is written as TimeML; reading the files
back, with this tool's TimeML reader and with a reader built the way news-tls reads
HeidelTime's output, gives the same text, spans and values.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.errors import TimelineError
from timeline.evaluation.timeml import read_timeml
from timeline.ingest.documents import read_documents
from timeline.models import Timex
from timeline.pipeline import tag_documents, tag_each
from timeline.table.timexes import (
    TaggedDocument,
    timeml_document,
    timeml_file_names,
    write_timeml_folder,
)

DOCS = Path(__file__).parent / "data" / "timeml_out_docs.jsonl"
DOC_IDS = [json.loads(line)["id"] for line in DOCS.read_text(encoding="utf-8").splitlines()]
NAMES = dict(zip(DOC_IDS, timeml_file_names(DOC_IDS), strict=True))


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, dict[str, TaggedDocument]]:
    folder = tmp_path_factory.mktemp("timeml") / "out"
    count = tag_documents(DOCS, folder, fmt="timeml")
    tagged = {str(d.doc_id): d for d in tag_each(read_documents(DOCS))}
    assert count == sum(len(d.timexes) for d in tagged.values()) > 5
    return folder, tagged


def test_one_file_per_document_named_after_its_id(written) -> None:
    folder, _ = written
    assert sorted(p.name for p in folder.iterdir()) == sorted(NAMES.values())
    assert NAMES["plain"] == "plain.tml"
    assert NAMES["../../escape/../path"] == "escape_path.tml"
    assert (NAMES["Same"], NAMES["same"]) == ("Same.tml", "same-2.tml")


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_the_tools_own_reader_gives_back_text_spans_and_values(written, doc_id) -> None:
    folder, tagged = written
    doc = tagged[doc_id]
    gold = read_timeml(folder / NAMES[doc_id])
    assert gold.dct == doc.dct and gold.dct_tid == "t0"
    assert len(gold.text) == len(doc.text)
    assert gold.text == doc.text.replace("\x0b", " ").replace("\x01", " ")
    assert [(t.start, t.end, t.text, t.type, t.value, t.mod) for t in gold.timexes] == [
        (t.start, t.end, t.text, t.type, t.value, t.mod) for t in doc.timexes]


def _news_tls_tokens(raw: str) -> list[tuple[str, str | None]]:
    """Tokens and their TIMEX3 values, read as news-tls reads HeidelTime's output: the
    root's text, then each child's text (with its value) and tail."""
    root = ET.fromstring(raw)
    tokens: list[tuple[str, str | None]] = [(w, None) for w in (root.text or "").split()]
    for child in root:
        if child.text is None:
            continue
        tokens += [(w, child.attrib.get("value")) for w in child.text.split()]
        tokens += [(w, None) for w in (child.tail or "").split()]
    return tokens


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_a_heideltime_style_reader_sees_every_word_and_value(written, doc_id) -> None:
    folder, tagged = written
    doc = tagged[doc_id]
    raw = (folder / NAMES[doc_id]).read_text(encoding="utf-8")
    assert raw.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE TimeML')
    assert ET.fromstring(raw.encode("utf-8")).tag == "TimeML"
    tokens = _news_tls_tokens(raw)
    clean = doc.text.replace("\x0b", " ").replace("\x01", " ")
    assert "".join(w for w, _ in tokens) == "".join(clean.split())  # an element splits words
    assert [v for _, v in tokens if v] == [t.value for t in doc.timexes
                                           for _ in t.text.split()]


def test_markup_in_the_text_is_escaped_not_written() -> None:
    doc = TaggedDocument("x", 'A <b>"bold"</b> & \'quoted\' deal on Monday.', date(2022, 9, 16),
                         (Timex(36, 42, "Monday", "DATE", "2022-09-12"),))
    text = timeml_document(doc)
    assert "&lt;b&gt;" in text and "&amp;" in text and "<b>" not in text
    assert '<TIMEX3 tid="t1" type="DATE" value="2022-09-12">Monday</TIMEX3>' in text
    assert ('<TIMEX3 tid="t0" type="DATE" value="2022-09-16" temporalFunction="false" '
            'functionInDocument="CREATION_TIME"/></TimeML>') in text


def test_an_expression_that_overlaps_an_earlier_one_is_left_out() -> None:
    text = "from May 2010 to June"
    doc = TaggedDocument("x", text, date(2010, 7, 1), (
        Timex(5, 13, "May 2010", "DATE", "2010-05"), Timex(9, 13, "2010", "DATE", "2010"),
        Timex(17, 21, "June", "DATE", "2010-06", mod="END")))
    root = ET.fromstring(timeml_document(doc).encode())
    assert [(t.text, t.get("value")) for t in root] == [
        ("May 2010", "2010-05"), ("June", "2010-06"), (None, "2010-07-01")]


@pytest.mark.parametrize(("ids", "names"), [
    (["a", "A", "a"], ["a.tml", "A-2.tml", "a-3.tml"]),
    (["../x", "/etc/passwd", "..", ""], ["x.tml", "etc_passwd.tml", "document.tml",
                                         "document-2.tml"]),
    (["a b", "a_b", 7], ["a_b.tml", "a_b-2.tml", "7.tml"]),
    (["x" * 300], ["x" * 100 + ".tml"]),
])
def test_file_names_are_safe_and_distinct(ids, names) -> None:
    assert timeml_file_names(ids) == names


def test_nothing_is_written_when_one_file_cannot_be(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    (folder / "plain.tml").mkdir(parents=True)  # a folder where a file must go
    docs = [TaggedDocument("other", "Rain on Monday.", date(2022, 9, 16), ()),
            TaggedDocument("plain", "Sun on Tuesday.", date(2022, 9, 16), ())]
    with pytest.raises(TimelineError, match="plain.tml"):
        write_timeml_folder(docs, folder)
    assert sorted(p.name for p in folder.iterdir()) == ["plain.tml"]


def test_the_cli_writes_the_folder_and_refuses_standard_output(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "tml"
    done = runner.invoke(app, ["tag", str(DOCS), "--format", "timeml", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert (out / "plain.tml").is_file() and done.stderr.startswith("Wrote ")
    refused = runner.invoke(app, ["tag", str(DOCS), "--format", "timeml"])
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr.strip() == ("Error: --format timeml writes one file per "
                                      "document; give a folder with -o DIR")
