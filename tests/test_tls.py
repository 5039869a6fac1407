"""Timeline summarization scores: reference timelines, Date-F1, concatenated and
alignment-based ROUGE (many-to-one), against values worked out by hand.

data/tls/system.csv against data/tls/reference.txt (l = 3 dates, 2010-04-20..05-02): the
system keeps 04-20 and 04-23 (06-01 lies outside the span). Tokens (rouge-score, stemmed):
system 'the rig explod the rig sink' (6), reference 'the rig explod the rig sink obama
visit' (8). Concatenated: R-1 hits 6 -> P 1, R 6/8; R-2 hits 5 of 5 and 7 bigrams.
Aligned (cost (1 - 1/(|d-d'|+1)) * (1 - unigram F)): 04-20 -> 04-20 (cost 0), 04-23 ->
04-22 (0.5 * 0 beats 0.75 * 1/3), weighted 1/2; recall side: 04-20 -> 04-20, 04-22 ->
04-23, 05-02 -> 04-23 (0.9 beats 0.923), no hits. R-1: P (3 + 1.5) / 6, R 4.5 / 8;
R-2: P (2 + 1) / 4, R 3 / 5.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.errors import TimelineError
from timeline.evaluation.tls import as_timeline, date_prf, read_timeline, restrict
from timeline.pipeline import evaluate_tls

DATA = Path(__file__).parent / "data" / "tls"
REFERENCE = DATA / "reference.txt"
SYSTEM = DATA / "system.csv"


def _expected() -> list[tuple[str, float, float, float]]:
    rows = [line.split("\t") for line in (DATA / "scores.tsv").read_text().splitlines()
            if line and not line.startswith("#")]
    return [(name, float(p), float(r), float(f)) for name, p, r, f in rows]


def test_reference_timeline_reads_dates_and_sentences_and_drops_a_block_without_a_date() -> None:
    ref = read_timeline(REFERENCE)
    assert ref.dates == (date(2010, 4, 20), date(2010, 4, 22), date(2010, 5, 2))
    assert ref.as_dict()[date(2010, 4, 22)] == ("The rig sinks .",)
    assert (ref.dropped, ref.mean_sentences(), ref.name) == (1, 1, "reference")


@pytest.mark.parametrize(("metric", "precision", "recall", "f"), _expected(),
                         ids=[row[0] for row in _expected()])
def test_scores_match_the_hand_computed_values(metric: str, precision: float, recall: float,
                                               f: float) -> None:
    (scores,) = evaluate_tls(SYSTEM, [REFERENCE])
    got = scores.metrics()[metric]
    assert (got.precision, got.recall, got.f) == pytest.approx((precision, recall, f),
                                                               abs=1e-6)
    assert (scores.n_reference, scores.n_system) == (3, 2)


def test_restrict_keeps_the_best_ranked_dates_inside_the_span() -> None:
    ref = as_timeline("r", {date(2010, 1, d): ["x"] for d in (1, 5, 9)})
    days = {date(2009, 12, 31): ["a"], date(2010, 1, 2): ["b"], date(2010, 1, 3): ["c"],
            date(2010, 1, 4): ["d"], date(2010, 1, 9): ["e"]}
    system = as_timeline("s", days, ranks=[1, 4, 2, 5, 3])
    kept = restrict(system, ref)
    assert kept.dates == (date(2010, 1, 2), date(2010, 1, 3), date(2010, 1, 9))
    assert kept.ranks == (4, 2, 3)


def test_date_f1_is_exact_days() -> None:
    prf = date_prf([date(2010, 1, 1), date(2010, 1, 2)], [date(2010, 1, 2), date(2010, 1, 3),
                                                         date(2010, 1, 4), date(2010, 1, 5)])
    assert (prf.precision, prf.recall, prf.f) == pytest.approx((0.5, 0.25, 1 / 3))


def test_eval_tls_prints_json_per_timeline_and_mean() -> None:
    result = CliRunner().invoke(app, ["eval-tls", str(SYSTEM), str(REFERENCE), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["timelines"][0]["date_f1"]["f"] == pytest.approx(0.4)
    assert data["mean"]["concat_rouge_1"]["f_mean"] == pytest.approx(0.8571429, abs=1e-6)


def test_eval_tls_table_names_the_timeline() -> None:
    result = CliRunner().invoke(app, ["eval-tls", str(SYSTEM), str(REFERENCE)])
    assert result.exit_code == 0, result.output
    line = next(s for s in result.stdout.splitlines() if s.startswith("reference"))
    assert line.split()[1:4] == ["3", "0.400", "0.857"]


@pytest.mark.parametrize(("text", "message"), [
    ("no dates here\n", "no dated entries"),
    ("", "no dated entries"),
])
def test_a_file_without_dated_blocks_is_a_one_line_error(tmp_path: Path, text: str,
                                                        message: str) -> None:
    path = tmp_path / "tl.txt"
    path.write_text(text)
    with pytest.raises(TimelineError, match=message) as info:
        read_timeline(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_eval_tls_on_a_bad_summary_exits_1_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "key.csv"
    bad.write_text(SYSTEM.read_text().replace("2010-04-23,2,", "2010-04-23,two,"))
    result = CliRunner().invoke(app, ["eval-tls", str(bad), str(REFERENCE)])
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: {bad}: row 3, column rank: 'two' is not a "
                                     "whole number; fix the cell or summarize again")
