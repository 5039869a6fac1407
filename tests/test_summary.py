"""The key-event summarizer on a small event table (data/tls/events.tsv).

Scores by hand (weights of timeline.summary.salience; centrality adds at most ~0.1; each
row's date is written out, its timex_text being its value, so ``written`` counts every
article): 2010-04-20: 3 articles + 1.5 * retrospective (ln(1 + 1) (a2, a day later) +
ln(1 + 5) (a3, five days later) = ln 12) + 0.5 * 1 reported the day after (a2) + 1 * 2
published the day after (a2, a4) + 0.5 * 3 written = 7 + 1.5 ln 12; 2010-05-10: 2 + 1.5 *
(ln 2 + ln 3) (a5, a6) + 0.5 * 1 (a5) + 1 * 1 (a5) + 0.5 * 2 = 4.5 + 1.5 ln 6; 2010-04-21:
1 + 0 (a4 is of the same day) + 0 + 0 + 0.5 = 1.5 (and it lies next to 04-20). Month rows
('2010-05') are no candidates. signals.tsv holds pairs of days that differ in one signal.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.errors import TimelineError
from timeline.pipeline import summarize_table
from timeline.summary import Weights, summarize
from timeline.summary.salience import SIGNALS, score_days
from timeline.summary.select import default_dates
from timeline.summary.sentences import headline
from timeline.table.export import write_csv
from timeline.table.schema import COLUMN_NAMES, coerce
from timeline.table.summary_schema import SUMMARY_COLUMN_NAMES, read_summary

DATA = Path(__file__).parent / "data" / "tls"
FIELDS = ("doc_id", "published", "source", "sentence", "event", "actors", "timex_value",
          "granularity")


def _frame(name: str = "events.tsv") -> pd.DataFrame:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        n = len(rows)
        parts = line.split("\t")
        cells = dict(zip(FIELDS, parts[:len(FIELDS)], strict=True))
        value = cells["timex_value"]
        first = value if len(value) == 10 else value + "-01"
        last = value if len(value) == 10 else value + "-31"
        text = parts[len(FIELDS)] if len(parts) > len(FIELDS) else value
        rows.append({name: None for name in COLUMN_NAMES} | cells | {
            "event_id": f"e{n}", "doc_title": "", "url": "", "sentence_index": 0,
            "trigger": "", "places": "", "timex_text": text, "timex_type": "DATE",
            "timex_mod": "", "relation": "on", "start": first, "end": last,
            "char_start": 0, "char_end": 1, "confidence": 0.9, "extractor": "rules",
            "sources": cells["doc_id"], "n_sources": 1, "lang": "en", "lang_from": "option"})
    return coerce(pd.DataFrame(rows, columns=list(COLUMN_NAMES)))


def test_the_best_dates_in_date_order_with_their_rank_sources_and_first_report() -> None:
    out = summarize(_frame(), dates=2)
    assert list(out.columns) == list(SUMMARY_COLUMN_NAMES)
    assert list(out["date"]) == ["2010-04-20", "2010-05-10"]
    assert list(out["rank"]) == [1, 2]
    assert list(out["n_sources"]) == [3, 2]
    assert list(out["sources"]) == ["a1; a2; a3", "a5; a6"]
    assert list(out["first_reported"]) == ["2010-04-20", "2010-05-11"]
    assert out["salience"][0] == 1.0
    assert out["salience"][1] == pytest.approx((4.5 + 1.5 * math.log(6))
                                               / (7 + 1.5 * math.log(12)), abs=0.01)


def _only(signal: str) -> Weights:
    """Weights that count one signal alone."""
    return Weights(**{name: 0.0 for name in SIGNALS} | {signal: 1.0})


def test_later_reports_weigh_by_the_log_of_their_distance_and_same_day_ones_nothing() -> None:
    only = _only("retrospective")
    scores = {d.day.isoformat(): d.score for d in score_days(_frame(), only)}
    assert scores == pytest.approx({"2010-04-20": math.log(12), "2010-04-21": 0.0,
                                    "2010-05-10": math.log(6)})
    # counted up to two days, a3's five days count as two: ln(1 + 1) + ln(1 + 2)
    capped = Weights(**{**{f: getattr(only, f) for f in only.__slots__},
                        "retrospective_days": 2})
    assert score_days(_frame(), capped)[0].score == pytest.approx(math.log(6))


@pytest.mark.parametrize(("signal", "first", "second"), [
    ("written", "2010-06-01", "2010-06-02"),  # "June 1" beats "Wednesday"
    ("outlets", "2010-06-11", "2010-06-10"),  # two outlets beat two articles of one
    ("agreement", "2010-06-20", "2010-06-21"),  # two outlets saying "well" beat two apart
])
def test_each_signal_ranks_the_day_it_describes_first(signal: str, first: str,
                                                      second: str) -> None:
    scores = {d.day.isoformat(): d.score for d in score_days(_frame("signals.tsv"),
                                                              _only(signal))}
    assert (scores[first], scores[second]) == (1.0, 0.0)


def test_the_clearest_sentence_and_a_headline_with_its_actor() -> None:
    first = summarize(_frame(), dates=1).iloc[0]
    # a1 is the closest to the other reports; a2 is as close but starts with 'It'
    assert first["summary"] == ("The rig exploded in the Gulf of Mexico on April 20, "
                                "killing eleven workers.")
    assert first["headline"] == "Transocean: Rig exploded in Gulf"
    assert first["event_ids"] == "e0; e1; e2"


def test_second_sentences_come_next_in_closeness_and_the_dangling_one_last() -> None:
    first = summarize(_frame(), dates=1, sentences=2).iloc[0]
    assert first["summary"] == ("The rig exploded in the Gulf of Mexico on April 20, "
                                "killing eleven workers. The rig exploded in the Gulf on "
                                "Tuesday and burned for days.")
    may = summarize(_frame(), start=date(2010, 5, 1), sentences=2).iloc[0]
    assert may["summary"] == ("BP tried to cap the well on May 10 with a containment dome. "
                              "The containment dome that BP lowered on May 10 failed.")


def test_start_and_end_restrict_the_days_considered() -> None:
    out = summarize(_frame(), start=date(2010, 4, 21), end=date(2010, 4, 30))
    assert list(out["date"]) == ["2010-04-21"]


def test_the_default_number_of_dates_follows_the_collection() -> None:
    assert [default_dates(n) for n in (0, 30, 150, 600, 5000)] == [5, 5, 10, 40, 60]
    assert len(summarize(_frame())) == 3  # every candidate day of a small collection


def test_headline_is_at_most_twelve_words_and_falls_back_to_the_sentence() -> None:
    sentence = " ".join(f"w{i}" for i in range(20))
    assert headline("Died", "", sentence) == " ".join(f"w{i}" for i in range(12))
    assert headline("Tony Hayward resigned as chief", "Tony Hayward; BP", "") == \
        "Tony Hayward resigned as chief"
    assert headline("Resigned as chief", "BP", "").startswith("BP: ")


def test_summarize_of_the_csv_is_the_summary_of_the_frame(tmp_path: Path) -> None:
    frame = _frame()
    write_csv(frame, tmp_path / "events.csv")
    written = summarize_table(tmp_path / "events.csv", tmp_path / "key.csv", dates=2)
    pd.testing.assert_frame_equal(written, summarize(frame, dates=2))
    pd.testing.assert_frame_equal(read_summary(tmp_path / "key.csv"), written)
    summarize_table(tmp_path / "events.csv", tmp_path / "key.json", dates=2)
    pd.testing.assert_frame_equal(read_summary(tmp_path / "key.json"), written)


def test_cli_summarize_writes_the_rows(tmp_path: Path) -> None:
    write_csv(_frame(), tmp_path / "events.csv")
    result = CliRunner().invoke(app, ["summarize", str(tmp_path / "events.csv"), "-o",
                                      str(tmp_path / "key.csv"), "--dates", "2"])
    assert result.exit_code == 0, result.output
    assert read_summary(tmp_path / "key.csv")["date"].tolist() == ["2010-04-20", "2010-05-10"]


@pytest.mark.parametrize(("args", "message"), [
    (["--dates", "0"], "Error: --dates 0: give at least 1 (or leave it out)"),
    (["--sentences", "0"], "Error: --sentences 0: give at least 1"),
    (["--start", "2010-05-01", "--end", "2010-04-01"],
     "Error: --end 2010-04-01 is before --start 2010-05-01; swap them"),
])
def test_bad_options_are_one_line_errors_and_write_nothing(tmp_path: Path, args: list[str],
                                                           message: str) -> None:
    write_csv(_frame(), tmp_path / "events.csv")
    result = CliRunner().invoke(app, ["summarize", str(tmp_path / "events.csv"), "-o",
                                      str(tmp_path / "key.csv"), *args])
    assert (result.exit_code, result.output.strip()) == (1, message)
    assert not (tmp_path / "key.csv").exists()


def test_read_summary_names_the_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "key.csv"
    path.write_text("date,rank\n2010-01-01,1\n")
    with pytest.raises(TimelineError, match="missing columns salience, headline"):
        read_summary(path)


def test_a_sentence_that_repeats_a_chosen_one_is_skipped() -> None:
    from timeline.summary.sentences import choose_sentences

    rows = pd.DataFrame({"sentence": ["BP capped the well on Thursday.",
                                      "BP capped the well on Thursday, officials said.",
                                      "Crews cleaned the beaches."],
                         "lang": ["en"] * 3})
    chosen, _ = choose_sentences(rows, 2)
    assert len(chosen) == 2 and chosen[1] == "Crews cleaned the beaches."


SAMPLES = Path(__file__).resolve().parent.parent / "sample_articles"


def test_build_writes_the_summary_of_its_own_event_table(tmp_path: Path) -> None:
    from timeline.pipeline import build
    from timeline.table.schema import read_table

    result = build([SAMPLES], out_dir=tmp_path, formats=("csv", "summary"), nlp="rules")
    assert [p.name for p in result.written] == ["events.csv", "summary.csv", "summary.json"]
    summary = read_summary(tmp_path / "summary.csv")
    top = summary[summary["rank"] == 1].iloc[0]
    assert (top["date"], top["n_sources"]) == ("2022-09-15", 6)
    assert "xi-meets-putin.md" in top["sources"].split("; ")
    again = summarize(read_table(tmp_path / "events.csv"))
    pd.testing.assert_frame_equal(summary, again)
    pd.testing.assert_frame_equal(read_summary(tmp_path / "summary.json"), summary)
