"""`timeline eval-events`: an event table scored against a careful reader's dated events."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.evaluation.labels import (
    ReaderEvent,
    label_overlap,
    read_reader_events,
    score_labels,
)
from timeline.ingest.loader import load_articles
from timeline.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
READER = ROOT / "tests" / "data" / "reader_events" / "sample_articles.jsonl"
SAMPLES = ROOT / "sample_articles"


def _table(*rows: tuple[str, str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["doc_id", "timex_text", "sentence", "event",
                                       "timex_value"])


TABLE = _table(
    ("a", "on Friday", "Iran signed a memorandum on Friday.", "Iran signed memorandum",
     "2022-09-16"),
    ("a", "Friday", "The pressure on Putin grew on Friday.", "Pressure on Putin grew",
     "2022-09-16"),
    ("b", "February 4", "They last met on February 4.", "They met", "2022-02-04"))


def test_a_reader_event_is_found_by_its_expression_in_the_sentence_of_its_context() -> None:
    events = [ReaderEvent("a", "Friday", "Pressure on Putin grew", "pressure on Putin",
                          "2022-09-16"),
              ReaderEvent("a", "on Friday", "Iran signed a memorandum", "Iran signed",
                          "2022-09-17"),
              ReaderEvent("b", "Thursday", "They met", "", ""),
              ReaderEvent("c", "February 4", "They met", "", "")]
    scores = score_labels(events, TABLE)
    assert [m.row_label for m in scores.matches] == [
        "Pressure on Putin grew", "Iran signed memorandum", "", ""]
    assert scores.found == 0.5
    assert scores.value_right == 0.5  # the second has the reader's day wrong
    assert scores.matches[0].overlap == 1.0
    assert 0.0 < scores.matches[1].overlap < 1.0


def test_label_overlap_is_rouge_1_with_stemming() -> None:
    assert label_overlap("Xi arrived in Kazakhstan", "Xi arrives in Kazakhstan") == 1.0
    assert label_overlap("Xi arrived in Kazakhstan", "Summit") == 0.0


@pytest.mark.parametrize("line", ['{"doc_id": "a", "expression": "x"}', "[1, 2]", "{oops",
                                  '{"doc_id": "a", "expression": "", "label": "x"}'])
def test_a_malformed_reader_file_is_one_error_naming_the_line(tmp_path: Path,
                                                              line: str) -> None:
    path = tmp_path / "reader.jsonl"
    path.write_text('{"doc_id": "a", "expression": "x", "label": "y"}\n' + line + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["eval-events", str(path), str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {path}: line 2: not a reader's event; each line "
                                     "is a JSON object with the strings doc_id, expression, "
                                     "label")


def test_the_sample_reader_file_names_what_its_articles_say() -> None:
    texts = {a.doc_id: " ".join(a.text.split()) for a in load_articles([SAMPLES])}
    for event in read_reader_events(READER):
        assert event.doc_id in texts, event
        assert event.expression in texts[event.doc_id], event
        assert event.context.lower() in texts[event.doc_id].lower(), event


def test_the_samples_built_without_merging_are_scored_from_the_command_line(
        tmp_path: Path) -> None:
    build([SAMPLES], tmp_path, formats=("csv",), merge=False, nlp="rules")
    result = CliRunner().invoke(app, ["eval-events", str(READER),
                                      str(tmp_path / "events.csv"), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["events"] == len(read_reader_events(READER))
    assert scores["found"] >= 0.9 and scores["value_right"] >= 0.9  # development data
    assert 0.3 <= scores["label_overlap"] < 1.0
