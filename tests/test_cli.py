"""The ``timeline`` command line, driven through typer's CliRunner."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from browser_util import require_chromium
from typer.testing import CliRunner, Result

from timeline import __version__, pipeline
from timeline.cli import app
from timeline.langdata import available_languages
from timeline.table.schema import COLUMN_NAMES

MEETING = ("Chinese President Xi Jinping and Russian President Vladimir Putin met on Thursday "
           "in Samarkand, Uzbekistan.")
SUMMIT = "Leaders of the Shanghai Cooperation Organization will meet on September 23 in Tashkent."


def run(runner: CliRunner, *args: object, input: str | None = None) -> Result:
    return runner.invoke(app, [str(a) for a in args], input=input)


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def assert_one_line_error(result: Result, *names: str) -> str:
    """Exit 1, nothing on stdout, exactly one 'Error: ...' line naming each of ``names``."""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in result.stderr
    for name in names:
        assert name in lines[0]
    return lines[0]


@pytest.fixture
def articles(write_article) -> Path:
    """Two dated articles in tmp_path/articles."""
    write_article("a-meeting.md", MEETING, title="Xi and Putin meet", published="2022-09-16",
                  source="Example Wire")
    folder = write_article("b-summit.txt", SUMMIT, title="SCO summit next week",
                           published="2022-09-16").parent
    return folder


# --- help and version ----------------------------------------------------------------


def test_top_level_help_lists_the_commands(runner: CliRunner) -> None:
    result = run(runner, "--help")
    assert result.exit_code == 0
    for command in ("build", "tag", "render", "eval", "--version"):
        assert command in result.stdout


@pytest.mark.parametrize(("command", "options"), [
    ("build", ["--out", "--pub-date", "--format", "--title", "--lanes", "--no-merge",
               "--keep-going", "--quiet", "--mode", "--nlp", "--link-plotlyjs", "--lang",
               "timelinejs"]),
    ("tag", ["--out", "--format", "--mode", "--lang", "jsonl", "table", "dct"]),
    ("render", ["--out", "--title", "--lanes", "--link-plotlyjs"]),
    ("eval", ["--errors", "--json", "--mode", "--lang", "GOLD_DIR"]),
    ("eval-events", ["--json", "READER_JSONL", "EVENTS_CSV", "--no-merge"]),
])
def test_each_command_help_explains_its_options(runner: CliRunner, command: str,
                                                options: list[str]) -> None:
    result = run(runner, command, "--help")
    assert result.exit_code == 0
    for option in options:
        assert option in result.stdout, option


def test_version(runner: CliRunner) -> None:
    result = run(runner, "--version")
    assert (result.exit_code, result.stdout) == (0, f"timeline {__version__}\n")


def test_python_dash_m_timeline_runs_the_same_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "timeline", "--version"], capture_output=True,
                          text=True, check=False, cwd=Path(__file__).parent.parent)
    assert (done.returncode, done.stdout) == (0, f"timeline {__version__}\n")


# --- build ---------------------------------------------------------------------------


def test_build_writes_the_table_and_the_page_with_concrete_rows(
        runner: CliRunner, articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(runner, "build", articles, "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["events.csv", "summary.csv",
                                                    "summary.json", "timeline.html"]
    table = read_csv(out / "events.csv")
    assert list(table.columns) == list(COLUMN_NAMES)
    meeting = table[table["timex_text"] == "Thursday"].iloc[0]
    assert (meeting["start"], meeting["end"]) == ("2022-09-15", "2022-09-15")
    assert meeting["published"] == "2022-09-16"
    assert meeting["doc_title"] == "Xi and Putin meet"
    assert meeting["source"] == "Example Wire"
    summit = table[table["timex_text"].str.contains("September 23")].iloc[0]
    assert (summit["start"], summit["end"]) == ("2022-09-23", "2022-09-23")
    assert list(table["start"]) == sorted(table["start"])
    summary = (f"Built 2 articles -> {len(table)} events -> {out}/events.csv, "
               f"{out}/timeline.html, {out}/summary.csv, {out}/summary.json")
    assert result.stdout.splitlines()[-1] == summary


def test_build_one_file_with_pub_date_from_the_command_line(runner, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(MEETING + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(runner, "build", article, "--pub-date", "2022-09-16", "-o", out, "--quiet")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    row = read_csv(out / "events.csv").set_index("timex_text").loc["Thursday"]
    assert (row["start"], row["published"]) == ("2022-09-15", "2022-09-16")


def test_pub_date_overrides_the_articles_own_date(runner, articles: Path, tmp_path) -> None:
    out = tmp_path / "out"
    result = run(runner, "build", articles / "a-meeting.md", "--pub-date", "2022-09-23",
                 "-o", out, "-q")
    assert result.exit_code == 0, result.output
    row = read_csv(out / "events.csv").set_index("timex_text").loc["Thursday"]
    assert (row["start"], row["published"]) == ("2022-09-22", "2022-09-23")


def test_format_json_writes_records_with_the_schema_columns(runner, articles, tmp_path) -> None:
    out = tmp_path / "out"
    result = run(runner, "build", articles, "-o", out, "--format", "json,csv", "-q")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["events.csv", "events.json"]
    records = json.loads((out / "events.json").read_text(encoding="utf-8"))
    assert all(list(r) == list(COLUMN_NAMES) for r in records)
    meeting = next(r for r in records if r["timex_text"] == "Thursday")
    assert meeting["start"] == "2022-09-15" and isinstance(meeting["actors"], list)
    assert len(records) == len(read_csv(out / "events.csv"))


def test_format_timelinejs_writes_its_json(runner, articles, tmp_path) -> None:
    out = tmp_path / "out"
    result = run(runner, "build", articles, "-o", out, "--format", "timelinejs", "-q")
    assert result.exit_code == 0, result.output
    data = json.loads((out / "timelinejs.json").read_text(encoding="utf-8"))
    starts = {(e["start_date"]["year"], e["start_date"]["month"], e["start_date"]["day"])
              for e in data["events"]}
    assert {(2022, 9, 15), (2022, 9, 23)} <= starts
    ids = [e["unique_id"] for e in data["events"]]
    assert len(ids) == len(set(ids))
    assert data["title"]["text"]["headline"] == "News timeline"


def test_link_plotlyjs_links_the_library_instead_of_inlining_it(runner, articles,
                                                               tmp_path) -> None:
    inlined, linked = tmp_path / "inlined", tmp_path / "linked"
    assert run(runner, "build", articles, "-o", inlined, "-f", "html", "-q").exit_code == 0
    assert run(runner, "build", articles, "-o", linked, "-f", "html", "-q",
               "--link-plotlyjs").exit_code == 0
    small = (linked / "timeline.html").read_text(encoding="utf-8")
    big = (inlined / "timeline.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="https://cdn\.plot\.ly/plotly-[\d.]+(\.min)?\.js"', small)
    assert not re.search(r'<script src="https://cdn\.plot\.ly/', big)
    assert len(small) < 200_000 < 1_000_000 < len(big)


def test_lanes_and_title_reach_the_page(runner, articles, tmp_path) -> None:
    pages = {}
    for lanes in ("article", "actor"):
        out = tmp_path / lanes
        result = run(runner, "build", articles, "-o", out, "-f", "html", "--lanes", lanes,
                     "--title", "Samarkand week", "-q")
        assert result.exit_code == 0, result.output
        pages[lanes] = (out / "timeline.html").read_text(encoding="utf-8")
    assert "<title>Samarkand week</title>" in pages["actor"]
    assert '"Vladimir Putin","Xi Jinping"' in pages["actor"]  # the actor lanes
    assert '"Vladimir Putin","Xi Jinping"' not in pages["article"]


@pytest.mark.browser
def test_format_svg_draws_the_chart_with_chromium(runner, articles, tmp_path) -> None:
    require_chromium()  # skips with the install hint outside CI, fails under CI
    out = tmp_path / "out"
    result = run(runner, "build", articles, "-o", out, "-f", "svg", "-q")
    assert result.exit_code == 0, result.output
    svg = (out / "timeline.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and "</svg>" in svg[-200:]
    assert sorted(p.name for p in out.iterdir()) == ["timeline.svg"]


def test_two_builds_give_byte_identical_csv(runner, articles, tmp_path) -> None:
    for name in ("one", "two"):
        assert run(runner, "build", articles, "-o", tmp_path / name, "-q").exit_code == 0
    first = (tmp_path / "one" / "events.csv").read_bytes()
    assert first == (tmp_path / "two" / "events.csv").read_bytes()
    assert first.count(b"\n") >= 3


def test_no_merge_keeps_every_mention(runner, write_article, tmp_path) -> None:
    for name in ("one.md", "two.md"):
        write_article(name, MEETING, title=name, published="2022-09-16")
    merged, kept = tmp_path / "merged", tmp_path / "kept"
    assert run(runner, "build", tmp_path / "articles", "-o", merged, "-q").exit_code == 0
    assert run(runner, "build", tmp_path / "articles", "-o", kept, "--no-merge",
               "-q").exit_code == 0
    thursday = [read_csv(folder / "events.csv").query("start == '2022-09-15'")
                for folder in (merged, kept)]
    assert len(thursday[1]) == 2
    assert len(thursday[0]) == 1 and thursday[0].iloc[0]["n_sources"] == "2"


# --- bad input: one line, exit 1, no output -------------------------------------------


def _bad_file(tmp_path: Path, kind: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "bad.txt"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    elif kind == "undecodable":
        path.write_bytes(("Été à Genève: élève, évêque, château, crème brûlée, "
                          "déjà-vu, façade, naïveté, Ōsaka. " * 3).encode("latin-1",
                                                                         "replace"))
    elif kind == "undated":
        path.write_text("---\ntitle: No date\n---\n\n" + MEETING + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("kind", "reason"), [
    ("missing", "no such file"),
    ("empty", "empty file"),
    ("binary", "binary file"),
    ("undecodable", "not UTF-8 text"),
    ("undated", "no publication date"),
])
def test_bad_article_is_one_line_error_and_writes_nothing(runner, tmp_path: Path, kind: str,
                                                          reason: str) -> None:
    path = _bad_file(tmp_path, kind) if kind != "missing" else tmp_path / "nope.txt"
    out = tmp_path / "out"
    line = assert_one_line_error(run(runner, "build", path, "-o", out), str(path))
    assert reason in line
    assert not out.exists()


def test_undated_article_error_names_both_fixes(runner, tmp_path: Path) -> None:
    path = _bad_file(tmp_path, "undated")
    line = assert_one_line_error(run(runner, "build", path, "-o", tmp_path / "out"))
    assert "published: YYYY-MM-DD" in line and "--pub-date" in line


def test_one_bad_file_among_good_ones_stops_the_build(runner, articles, tmp_path) -> None:
    (articles / "c-empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert_one_line_error(run(runner, "build", articles, "-o", out), "c-empty.txt")
    assert not out.exists()


def test_bad_input_leaves_an_earlier_build_untouched(runner, articles, tmp_path) -> None:
    out = tmp_path / "out"
    assert run(runner, "build", articles, "-o", out, "-q").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (articles / "c-empty.txt").write_bytes(b"")
    assert run(runner, "build", articles, "-o", out).exit_code == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_keep_going_skips_the_bad_file_and_still_builds(runner, articles, tmp_path) -> None:
    (articles / "c-empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = run(runner, "build", articles, "-o", out, "--keep-going")
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.stderr.splitlines() if not line.startswith("Note: ")]
    assert warning.startswith(f"Skipped {articles / 'c-empty.txt'}: empty file")
    table = read_csv(out / "events.csv")
    assert "2022-09-15" in set(table["start"])
    assert result.stdout.splitlines()[-1].startswith(
        f"Built 2 articles -> {len(table)} events (1 skipped) -> ")


def test_keep_going_with_nothing_readable_is_an_error(runner, tmp_path) -> None:
    path = _bad_file(tmp_path, "empty")
    out = tmp_path / "out"
    result = run(runner, "build", path.parent, "-o", out, "--keep-going")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: {path.parent}: no articles to build a timeline from; fix the skipped files")
    assert not out.exists()


def test_output_folder_that_cannot_be_created(runner, articles, tmp_path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    line = assert_one_line_error(run(runner, "build", articles, "-o", blocker / "out"),
                                 str(blocker / "out"))
    assert line.endswith("choose another with -o")
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize(("args", "message"), [
    (["--pub-date", "15/09/2022"], "Error: --pub-date '15/09/2022' is not a date; write it "
     "as YYYY-MM-DD, e.g. 2022-09-15"),
    (["--format", "csv,pdf"], "Error: unknown output format pdf; choose from: csv, json, "
     "parquet, html, timelinejs, png, svg, summary (comma-separated)"),
    (["--lanes", "topic"], "Error: --lanes 'topic' is not one of: article, source, actor"),
])
def test_bad_option_values_are_one_line_errors(runner, articles, tmp_path, args, message) -> None:
    out = tmp_path / "out"
    line = assert_one_line_error(run(runner, "build", articles, "-o", out, *args))
    assert line == message
    assert not out.exists()


def test_ctrl_c_exits_130_quietly(runner, articles, tmp_path, monkeypatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "build", interrupted)
    result = run(runner, "build", articles, "-o", tmp_path / "out", "-q")
    assert result.exit_code == 130
    assert "Traceback" not in result.output and "Aborted" not in result.output


# --- tag -------------------------------------------------------------------------------

DOCS = [{"id": "d1", "text": MEETING, "dct": "2022-09-16"},
        {"id": "d2", "text": "Nothing dated in here.", "dct": "2022-09-16"},
        {"id": "d3", "text": SUMMIT, "dct": "2022-09-16", "lang": "en"}]


def _docs_file(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    return path


def test_tag_jsonl_round_trip(runner, tmp_path: Path) -> None:
    out = tmp_path / "timexes.jsonl"
    result = run(runner, "tag", _docs_file(tmp_path), "-o", out)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert result.stderr == f"Wrote {len(records)} temporal expressions -> {out}\n"
    texts = {d["id"]: d["text"] for d in DOCS}
    for record in records:
        assert list(record) == ["doc", "start", "end", "text", "type", "value", "mod",
                                "earliest", "latest", "lang", "lang_from"]
        assert texts[record["doc"]][record["start"]:record["end"]] == record["text"]
    by_text = {(r["doc"], r["text"]): r for r in records}
    assert by_text["d1", "Thursday"]["value"] == "2022-09-15"
    assert by_text["d1", "Thursday"]["earliest"] == "2022-09-15"
    assert by_text["d3", "September 23"]["value"] == "2022-09-23"
    assert {r["doc"] for r in records} == {"d1", "d3"}


def test_tag_reads_stdin_and_writes_stdout(runner, tmp_path: Path) -> None:
    result = run(runner, "tag", "-", input=json.dumps(DOCS[0]) + "\n")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["text"], r["value"]) for r in records] == [("Thursday", "2022-09-15")]


def test_tag_table_format_for_people(runner, tmp_path: Path) -> None:
    result = run(runner, "tag", _docs_file(tmp_path), "--format", "table")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["doc", "start", "end", "text", "type", "value", "mod",
                                "earliest", "latest", "lang", "lang_from"]
    assert any(line.split()[:1] == ["d1"] and "Thursday" in line and "2022-09-15" in line
               for line in lines[1:])


def test_tag_bad_json_line_is_one_line_error(runner, tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(DOCS[0]) + "\n{not json\n", encoding="utf-8")
    out = tmp_path / "timexes.jsonl"
    line = assert_one_line_error(run(runner, "tag", path, "-o", out), str(path), "line 2")
    assert "not valid JSON" in line
    assert not out.exists()


# --- render ------------------------------------------------------------------------------


def test_render_rerenders_a_hand_edited_csv(runner, articles, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(runner, "build", articles, "-o", out, "-q").exit_code == 0
    table = read_csv(out / "events.csv")
    row = table.index[table["timex_text"] == "Thursday"][0]
    table.loc[row, "event"] = "Corrected by hand: the Samarkand talks"
    table.to_csv(out / "events.csv", index=False)
    edited = tmp_path / "edited.html"
    result = run(runner, "render", out / "events.csv", "-o", edited, "--title", "Edited view")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Rendered {out / 'events.csv'} -> {edited}\n"
    page = edited.read_text(encoding="utf-8")
    assert "Corrected by hand: the Samarkand talks" in page
    assert "Edited view" in page
    assert "Corrected by hand" not in (out / "timeline.html").read_text(encoding="utf-8")


def test_render_rejects_a_csv_without_the_schema(runner, tmp_path: Path) -> None:
    bad = tmp_path / "notes.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    out = tmp_path / "edited.html"
    line = assert_one_line_error(run(runner, "render", bad, "-o", out), str(bad))
    assert "missing columns event_id" in line
    assert not out.exists()


# --- eval ----------------------------------------------------------------------------------

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>sample1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2022-09-16" temporalFunction="false"
 functionInDocument="CREATION_TIME">2022-09-16</TIMEX3></DCT>
<TEXT>The two leaders met on <TIMEX3 tid="t1" type="DATE" value="2022-09-15">September 15,
2022</TIMEX3> in Samarkand.</TEXT>
</TimeML>
"""


def test_eval_json_scores_a_gold_folder(runner, tmp_path: Path) -> None:
    gold = tmp_path / "gold" / "mini"
    gold.mkdir(parents=True)
    (gold / "sample1.tml").write_text(TML, encoding="utf-8")
    result = run(runner, "eval", tmp_path / "gold", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["overall"]["n_gold"] == 1
    assert report["overall"]["relaxed"]["f1"] == 1.0
    assert report["overall"]["value_f1"] == 1.0
    assert "errors" not in report


def test_eval_report_for_people_and_its_errors(runner, tmp_path: Path) -> None:
    (tmp_path / "sample1.tml").write_text(TML.replace('value="2022-09-15"', 'value="1999"'),
                                          encoding="utf-8")
    result = run(runner, "eval", tmp_path, "--errors")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Temporal tagging scores (mode=news")
    assert re.search(r"wrong-value\s+sample1.*gold=1999 ours=2022-09-15", result.stdout)


def test_eval_of_a_folder_without_timeml_is_an_error(runner, tmp_path: Path) -> None:
    assert_one_line_error(run(runner, "eval", tmp_path), str(tmp_path), ".tml")


ANCHORING_TML = (Path(__file__).parent / "data" / "anchoring_sample.tml").read_text(
    encoding="utf-8")


def test_eval_anchoring_scores_triggers_against_gold_links(tmp_path: Path) -> None:
    (tmp_path / "a1.tml").write_text(ANCHORING_TML, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(tmp_path), "--anchoring", "--nlp", "rules"])
    assert result.exit_code == 0, result.output
    assert "anchoring [rules]: 1 of 1 gold event-time links in one sentence have our " \
           "trigger (100.0%)" in result.output
    as_json = CliRunner().invoke(app, ["eval", str(tmp_path), "--json", "--anchoring",
                                       "--nlp", "rules"])
    data = json.loads(as_json.output)
    assert (data["anchoring"]["n_links"], data["anchoring"]["n_correct"]) == (1, 1)


def test_a_build_never_reads_its_own_output_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("---\npublished: 2022-09-16\n---\n"
                                    "Xi and Putin met on Thursday in Samarkand.\n",
                                    encoding="utf-8")
    out = tmp_path / "output"
    for _ in range(2):  # the second build finds output/events.csv inside its input folder
        result = CliRunner().invoke(app, ["build", str(tmp_path), "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Built 1 article -> 1 event")
    table = pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)
    assert list(table["start"]) == ["2022-09-15"]


@pytest.mark.parametrize(("column", "value", "message"), [
    ("start", "2022-13-45", "row 2, column start: '2022-13-45' is not a date YYYY-MM-DD"),
    ("confidence", "high", "row 2, column confidence: 'high' is not a number"),
    ("char_start", "12.5", "row 2, column char_start: '12.5' is not a whole number"),
])
def test_render_names_the_bad_cell_of_a_hand_edited_table(
        tmp_path: Path, column: str, value: str, message: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("---\npublished: 2022-09-16\n---\nXi and Putin met on Thursday.\n",
                               encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["build", str(src), "-o", str(out)]).exit_code == 0
    table = pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)
    table.loc[0, column] = value
    edited = tmp_path / "edited.csv"
    table.to_csv(edited, index=False)
    result = CliRunner().invoke(app, ["render", str(edited), "-o", str(tmp_path / "e.html")])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {edited}: {message}; fix the cell or rebuild"
    assert not (tmp_path / "e.html").exists()


# --- languages ---------------------------------------------------------------------------

KNOWN = ", ".join(available_languages())
FRENCH = ("Les dirigeants des deux pays se sont rencontrés jeudi dans la vieille ville et ont "
          "convenu de poursuivre les discussions avant la fin de l'année.")
ENGLISH = ("The leaders of the two countries met on Thursday in the old city and agreed to "
           "hold further talks before the end of the year.")


@pytest.fixture
def mixed(write_article) -> Path:
    """A folder with an English and a French article (no lang given: both detected)."""
    write_article("en.md", ENGLISH, published="2022-09-16")
    return write_article("fr.md", FRENCH, published="2022-09-16").parent


def test_an_article_in_a_language_without_data_is_refused(runner, mixed, tmp_path) -> None:
    out = tmp_path / "out"
    line = assert_one_line_error(run(runner, "build", mixed, "-o", out), str(mixed / "fr.md"))
    assert line == (f"Error: {mixed / 'fr.md'}: no language data for 'fr' (available: {KNOWN}); "
                    "detected from its text; pass --lang to override, or add a 'fr' data "
                    "folder through TIMELINE_DATA")
    assert not out.exists()


def test_keep_going_skips_the_article_and_reports_it(runner, mixed, tmp_path) -> None:
    out = tmp_path / "out"
    result = run(runner, "build", mixed, "-o", out, "--keep-going")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"Skipped {mixed / 'fr.md'}: no language data for 'fr' (available: {KNOWN}); detected "
        "from its text; pass --lang to override, or add a 'fr' data folder through "
        "TIMELINE_DATA"]
    assert "(1 skipped)" in result.stdout
    table = read_csv(out / "events.csv")
    assert set(zip(table["doc_id"], table["lang"], table["lang_from"], strict=True)) == {
        ("en.md", "en", "detected")}


def test_lang_option_refuses_a_language_without_data_for_every_article(runner, mixed,
                                                                       tmp_path) -> None:
    out = tmp_path / "out"
    line = assert_one_line_error(run(runner, "build", mixed / "en.md", "-o", out, "--lang", "fr"),
                                 str(mixed / "en.md"))
    assert f"no language data for 'fr' (available: {KNOWN}); --lang asks for it" in line
    assert not out.exists()


def test_lang_option_overrides_the_articles_metadata(runner, tmp_path) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"---\nlang: fr\npublished: 2022-09-16\n---\n{ENGLISH}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run(runner, "build", path, "-o", out).exit_code == 1  # its metadata says French
    result = run(runner, "build", path, "-o", out, "--lang", "en", "-f", "csv")
    assert result.exit_code == 0, result.output
    table = read_csv(out / "events.csv")
    assert set(zip(table["lang"], table["lang_from"], strict=True)) == {("en", "option")}


def test_a_collection_record_is_refused_by_its_id(runner, tmp_path) -> None:
    src = tmp_path / "mixed.jsonl"
    src.write_text(json.dumps({"id": "f1", "text": "Le sommet a eu lieu jeudi.",
                               "published": "2022-09-15", "lang": "fr"}) + "\n"
                   + json.dumps({"id": "e1", "text": ENGLISH, "published": "2022-09-16"}) + "\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    line = assert_one_line_error(run(runner, "build", src, "-o", out), str(src), "'f1'")
    assert f"document 'f1': no language data for 'fr' (available: {KNOWN}); the " in line
    result = run(runner, "build", src, "-o", out, "--keep-going", "-q")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Skipped {src}: document 'f1': no language data for 'fr'")
    assert set(read_csv(out / "events.csv")["doc_id"]) == {"e1"}


def test_an_assumed_language_is_noted_unless_quiet(runner, write_article, tmp_path) -> None:
    path = write_article("a.md", "Xi met Putin on Thursday.", published="2022-09-16")
    result = run(runner, "build", path, "-o", tmp_path / "out", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"Note: {path}: language not detectable (text too short or "
                             "unclear); assumed 'en'; set its lang or pass --lang\n")
    quiet = run(runner, "build", path, "-o", tmp_path / "out", "-f", "csv", "-q")
    assert (quiet.exit_code, quiet.stderr) == (0, "")


def test_tag_lang_option_and_refusal(runner, tmp_path: Path) -> None:
    path = _docs_file(tmp_path)
    result = run(runner, "tag", path, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["lang_from"] for line in result.stdout.splitlines()} == {"option"}
    out = tmp_path / "timexes.jsonl"
    line = assert_one_line_error(run(runner, "tag", path, "-o", out, "--lang", "fr"), str(path))
    assert f"document 'd1': no language data for 'fr' (available: {KNOWN})" in line
    assert not out.exists()


def test_eval_lang_option(runner, tmp_path: Path) -> None:
    (tmp_path / "a1.tml").write_text(ANCHORING_TML, encoding="utf-8")
    english = run(runner, "eval", tmp_path, "--json", "--lang", "en")
    assert english.exit_code == 0, english.output
    overall = json.loads(english.stdout)["overall"]
    assert (overall["n_gold"], overall["n_value_ok"]) == (2, 2)
    line = assert_one_line_error(run(runner, "eval", tmp_path, "--lang", "fr"), "--lang 'fr'")
    assert f"no language data for 'fr' (available: {KNOWN})" in line
