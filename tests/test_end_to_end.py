"""End to end: the sample articles in, the event table and the timeline page out."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.pipeline import build

SAMPLES = Path(__file__).resolve().parent.parent / "sample_articles"
SEED = "xi-meets-putin.md"
GERMAN = "sco-gipfel-de.md"  # a German report of the same summit, without a lang field


@pytest.fixture(scope="module")
def mentions(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The sample articles built with --no-merge: every mention, as the library returns it."""
    out = tmp_path_factory.mktemp("mentions")
    result = build([SAMPLES], out_dir=out, formats=("csv",), merge=False)
    assert result.written == (out / "events.csv",)
    return pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def seed(mentions: pd.DataFrame) -> pd.DataFrame:
    rows = mentions[mentions["doc_id"] == SEED]
    assert set(rows["published"]) == {"2022-09-15"}
    return rows


def test_seed_thursday_meeting_is_on_2022_09_15(seed: pd.DataFrame) -> None:
    rows = seed[seed["sentence"].str.contains("Thursday’s meeting in Samarkand")
                & seed["timex_text"].str.startswith("Thursday")]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["timex_value"], row["start"], row["end"]) == ("2022-09-15", "2022-09-15",
                                                              "2022-09-15")
    assert row["granularity"] == "day"


def test_seed_early_february_starts_on_2022_02_01(seed: pd.DataFrame) -> None:
    rows = seed[seed["timex_text"].str.contains("early February")]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["timex_value"], row["timex_mod"]) == ("2022-02", "START")
    assert (row["start"], row["end"]) == ("2022-02-01", "2022-02-09")
    assert "Winter Olympics" in row["sentence"]


def test_seed_since_february_runs_to_the_publication_date(seed: pd.DataFrame) -> None:
    rows = seed[(seed["relation"] == "since") & (seed["timex_value"] == "2022-02")]
    assert len(rows) == 2  # "first meeting since February", "Since February, observers ..."
    assert set(zip(rows["start"], rows["end"], strict=True)) == {("2022-02-01", "2022-09-15")}
    assert all("february" in text.lower() for text in rows["timex_text"])


def test_every_sample_article_gives_rows(mentions: pd.DataFrame) -> None:
    docs = set(mentions["doc_id"])
    assert {SEED, "sco-summit-preview.txt", "sco-summit-closes.html"} <= docs
    assert any(doc.startswith("cawire-") for doc in docs)  # a record of the .jsonl collection
    # sorted by start date; an open start sorts by its end, an undated row last
    keys = [start or end or "9999" for start, end in zip(mentions["start"], mentions["end"],
                                                        strict=True)]
    assert keys == sorted(keys)


def test_every_sample_row_says_its_language_and_where_that_came_from(
        mentions: pd.DataFrame) -> None:
    langs = dict(zip(mentions["doc_id"], zip(mentions["lang"], mentions["lang_from"],
                                             strict=True), strict=True))
    assert langs["sco-summit-closes.html"] == ("en", "metadata")  # <html lang="en">
    assert langs[SEED] == ("en", "detected")  # front matter without lang
    assert langs[GERMAN] == ("de", "detected")
    assert set(langs.values()) <= {("en", "metadata"), ("en", "detected"), ("de", "detected")}


@pytest.fixture(scope="module")
def german(mentions: pd.DataFrame) -> pd.DataFrame:
    rows = mentions[mentions["doc_id"] == GERMAN]
    assert set(rows["published"]) == {"2022-09-16"} and set(rows["extractor"]) == {"rules"}
    return rows.set_index("timex_text")


def test_german_thursday_meeting_is_dated_with_its_actors_and_place(
        german: pd.DataFrame) -> None:
    row = german.loc["Donnerstag"]
    assert (row["timex_value"], row["start"], row["end"]) == ("2022-09-15",) * 3
    assert (row["trigger"], row["places"]) == ("getroffen", "Samarkand")
    assert set(row["actors"].split("; ")) == {"Xi Jinping", "Wladimir Putin"}


def test_german_relative_dates_resolve_against_the_publication_date(
        german: pd.DataFrame) -> None:
    assert german.loc["Mittwoch", "start"] == "2022-09-14"  # Xi arrived in Kazakhstan
    assert german.loc["Mittwoch", "places"] == "Kasachstan"
    assert german.loc["Freitagmorgen", "timex_value"] == "2022-09-16TMO"
    assert (german.loc["Februar", "relation"], german.loc["Februar", "start"],
            german.loc["Februar", "end"]) == ("since", "2022-02-01", "2022-09-16")
    assert german.loc["den vergangenen Monaten", "timex_value"] == "PAST_REF"
    assert (german.loc["kommenden Jahr", "timex_value"],
            german.loc["kommenden Jahr", "start"]) == ("2023", "2023-01-01")


def test_cli_build_of_the_samples_merges_and_writes_both_outputs(tmp_path: Path) -> None:
    out = tmp_path / "output"
    result = CliRunner().invoke(app, ["build", str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["events.csv", "summary.csv",
                                                    "summary.json", "timeline.html"]
    table = pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)
    summary = re.fullmatch(r"Built (\d+) articles -> (\d+) events -> (.+)",
                           result.stdout.splitlines()[-1])
    assert summary is not None
    assert int(summary[2]) == len(table)
    assert summary[3] == (f"{out}/events.csv, {out}/timeline.html, {out}/summary.csv, "
                          f"{out}/summary.json")
    meeting = table[(table["start"] == "2022-09-15")
                    & table["sources"].str.split("; ").map(lambda s: SEED in s)]
    assert len(meeting) >= 1
    page = (out / "timeline.html").read_text(encoding="utf-8")
    assert "<script" in page and "Samarkand" in page


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The sample articles built with merging (the default)."""
    out = tmp_path_factory.mktemp("merged")
    build([SAMPLES], out_dir=out, formats=("csv",))
    return pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)


def test_merged_since_rows_end_on_their_own_publication_dates(merged: pd.DataFrame) -> None:
    since = merged[(merged["relation"] == "since") & (merged["timex_value"] == "2022-02")]
    seed = since[since["sources"].str.split("; ").map(lambda s: SEED in s)]
    assert len(seed) >= 1
    assert set(seed["end"]) == {"2022-09-15"}  # the seed's "first meeting since February"
    for _, row in since.iterrows():  # every merged row ends on its members' day
        assert row["end"] == row["published"], (row["event"], row["sources"])
