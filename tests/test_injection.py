"""Untrusted article text in the outputs: spreadsheet formulas in events.csv are made
inert (and read back exactly), TimelineJS shows every text as text and runs none of
it, and 'timeline render' refuses out-of-domain cells by file, row and column.
The payloads are in tests/data/injection_cases.json."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.models import Event
from timeline.table.export import csv_text, write_csv
from timeline.table.formulas import neutralise_cell, restore_cell
from timeline.table.schema import TEXT_COLUMNS, events_to_frame, read_table

CASES = json.loads((Path(__file__).parent / "data" / "injection_cases.json")
                   .read_text(encoding="utf-8"))
CELLS = [pytest.param(c["text"], c["cell"], id=repr(c["text"])) for c in CASES["csv_cells"]]
BAD = [pytest.param(c["column"], c["value"], c["message"], id=f"{c['column']}={c['value']}")
       for c in CASES["bad_cells"]]
TEXTS = CASES["timelinejs_texts"]
MakeEvent = Callable[..., Event]


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# ------------------------------------------------------------ formula cells


@pytest.mark.parametrize(("text", "cell"), CELLS)
def test_a_text_cell_is_written_inert_and_reads_back_exactly(text: str, cell: str) -> None:
    assert neutralise_cell(text) == cell
    assert restore_cell(cell) == text


@pytest.mark.parametrize(("text", "cell"), CELLS)
def test_every_text_column_of_events_csv_is_neutralised(make_event: MakeEvent, text: str,
                                                       cell: str) -> None:
    event = make_event(doc_title=text, source=text, url=text, sentence=text, event=text,
                       trigger=text, actors=(text, "Xi Jinping"), places=(text,),
                       timex_text=text, timex_mod=text, sources=(text,))
    row = csv_rows(csv_text(events_to_frame([event])))[0]
    for name in ("doc_title", "source", "url", "sentence", "event", "trigger", "timex_text",
                 "timex_mod", "places", "sources"):
        assert row[name] == cell, name
    assert row["actors"] == neutralise_cell(f"{text}; Xi Jinping")


def test_dates_and_numbers_are_never_touched(make_event: MakeEvent) -> None:
    frame = events_to_frame([make_event(source="-12", doc_title="=1", confidence=0.25)])
    row = csv_rows(csv_text(frame))[0]
    assert (row["published"], row["start"], row["end"]) == ("2022-09-15",) * 3
    assert (row["confidence"], row["char_start"], row["char_end"], row["n_sources"],
            row["sentence_index"]) == ("0.25", "24", "32", "1", "0")
    assert (row["doc_title"], row["source"]) == ("'=1", "-12")


def test_raw_csv_writes_the_text_as_it_is(make_event: MakeEvent) -> None:
    frame = events_to_frame([make_event(doc_title="=HYPERLINK(\"http://x\",\"click\")",
                                        source="+1+1")])
    row = csv_rows(csv_text(frame, raw=True))[0]
    assert (row["doc_title"], row["source"]) == ("=HYPERLINK(\"http://x\",\"click\")", "+1+1")


def test_a_written_table_reads_back_with_every_text_exact(tmp_path: Path,
                                                          make_event: MakeEvent) -> None:
    texts = [c["text"] for c in CASES["csv_cells"] if c["text"].strip()]
    events = [make_event(event_id=f"e{n}", doc_title=text, source=text, sentence=text,
                         event=text, actors=(text,)) for n, text in enumerate(texts)]
    frame = events_to_frame(events)
    path = tmp_path / "events.csv"
    write_csv(frame, path)
    back = read_table(path)
    for name in TEXT_COLUMNS:
        assert list(back[name]) == list(frame[name]), name
    as_written = list(read_table(path, raw=True)["doc_title"])
    assert as_written == [neutralise_cell(text) for text in frame["doc_title"]]
    assert as_written != list(frame["doc_title"])


ARTICLE = """---
title: =HYPERLINK("http://x","click")
published: 2022-09-16
source: +1+1
url: -2+3
---

@SUM(1) Xi and Putin met on Thursday in Samarkand.
"""


@pytest.mark.parametrize("raw", [False, True])
def test_build_neutralises_unless_raw_csv_and_render_undoes_it(tmp_path: Path,
                                                              raw: bool) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(tmp_path / "in"), "-o", str(out), "-q"] + ["--raw-csv"] * raw
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    row = csv_rows((out / "events.csv").read_text(encoding="utf-8"))[0]
    mark = "" if raw else "'"
    assert row["doc_title"] == mark + '=HYPERLINK("http://x","click")'
    assert row["source"] == mark + "+1+1"
    assert row["url"] == mark + "-2+3"
    assert row["sentence"] == mark + "@SUM(1) Xi and Putin met on Thursday in Samarkand."
    assert row["start"] == "2022-09-15" and row["confidence"][0].isdigit()
    table = read_table(out / "events.csv")
    assert list(table["doc_title"]) == ['=HYPERLINK("http://x","click")']
    assert list(table["source"]) == ["+1+1"]
    page = tmp_path / "page.html"
    result = CliRunner().invoke(app, ["render", str(out / "events.csv"), "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert "'+1+1" not in page.read_text(encoding="utf-8")


# ------------------------------------------------------------ out-of-domain cells


@pytest.mark.parametrize(("column", "value", "message"), BAD)
def test_render_refuses_an_out_of_domain_cell_by_row_and_column(
        tmp_path: Path, make_event: MakeEvent, column: str, value: str, message: str) -> None:
    good = tmp_path / "good.csv"
    write_csv(events_to_frame([make_event()]), good)
    table = pd.read_csv(good, dtype=str, keep_default_na=False)
    table.loc[0, column] = value
    edited = tmp_path / "edited.csv"
    table.to_csv(edited, index=False)
    page = tmp_path / "page.html"
    result = CliRunner().invoke(app, ["render", str(edited), "-o", str(page)])
    assert result.exit_code == 1
    assert result.output == (f"Error: {edited}: row 2, column {column}: {message}; "
                             "fix the cell or rebuild\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edited.csv", "good.csv"]


def test_a_table_as_written_by_build_passes_every_check(tmp_path: Path,
                                                        make_event: MakeEvent) -> None:
    events = [make_event(), make_event(event_id="o", start=None, timex_mod="", relation="until",
                                       granularity="", confidence=0.0, n_sources=3)]
    path = tmp_path / "events.csv"
    write_csv(events_to_frame(events), path)
    assert len(read_table(path)) == 2


# ------------------------------------------------------------ TimelineJS


@pytest.fixture(scope="module")
def timelinejs_build(tmp_path_factory) -> Path:
    """The output folder of a build of articles titled with the payloads (one article
    each, so each title is a group), labelled and sourced with them too."""
    folder = tmp_path_factory.mktemp("tljs")
    articles = folder / "in"
    articles.mkdir()
    for n, text in enumerate(TEXTS):
        meta = {"title": text, "published": "2022-09-16", "source": text}
        header = "".join(f"{key}: {value}\n" for key, value in meta.items())
        body = f"The council met on September {n + 1} to vote. {text}"
        (articles / f"a{n}.md").write_text(f"---\n{header}---\n\n{body}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(articles), "-o", str(folder / "out"), "-q",
                                      "--format", "csv,timelinejs", "--title", TEXTS[0]])
    assert result.exit_code == 0, result.output
    return folder / "out"


@pytest.fixture(scope="module")
def timelinejs_file(timelinejs_build: Path) -> Path:
    """The TimelineJS export of every event of that build (no summary: one slide per
    event, grouped by article), where every payload reaches a field."""
    from timeline.render.timelinejs import timelinejs_json

    frame = read_table(timelinejs_build / "events.csv")
    path = timelinejs_build / "all-events-timelinejs.json"
    path.write_text(json.dumps(timelinejs_json(frame, title=TEXTS[0])), encoding="utf-8")
    return path


def test_timelinejs_json_groups_are_escaped_twice(timelinejs_file: Path) -> None:
    groups = {slide["group"] for slide in json.loads(timelinejs_file.read_text("utf-8"))
              ["events"]}
    assert "Ent &amp;amp;lt;img src=x onerror=alert(document.domain)&amp;amp;gt;" in groups
    assert not any("<" in group or "&lt;" in group for group in groups)


@pytest.mark.browser
def test_real_timelinejs_shows_every_text_as_text_and_runs_none(timelinejs_file: Path,
                                                                tmp_path: Path) -> None:
    from browser_util import open_timelinejs

    with open_timelinejs(timelinejs_file, tmp_path) as (page, log):
        groups = page.evaluate("() => [...document.querySelectorAll('.tl-timegroup-message')]"
                               ".map(e => e.textContent)")
        headlines = page.evaluate("() => [...document.querySelectorAll('.tl-headline')]"
                                  ".map(e => e.textContent)")
        slides = page.evaluate("() => [...document.querySelectorAll('.tl-slide-content')]"
                               ".map(e => e.textContent).join('\\n')")
        page.evaluate("() => window.__tl.goToNext()")
        page.wait_for_timeout(300)
        flag = page.evaluate("() => window.__xss")
        injected = page.evaluate("() => document.querySelectorAll('#timeline-embed img, "
                                 "#timeline-embed svg[onload], #timeline-embed script, "
                                 "#timeline-embed [onerror]').length")
    assert sorted(groups) == sorted(TEXTS)
    assert TEXTS[0] in headlines  # the title slide
    for text in TEXTS:
        assert text in slides
    assert flag is None and injected == 0
    assert log.page_errors == []
    assert all(url.startswith("https://fonts.") for url in log.requests)  # its CSS's fonts


@pytest.mark.browser
def test_real_timelinejs_shows_the_key_events_of_a_build_as_text(timelinejs_build: Path,
                                                                 tmp_path: Path) -> None:
    """The build's own timelinejs.json (the key events: headlines and summaries from the
    payload articles) runs no script in the real TimelineJS either."""
    from browser_util import open_timelinejs

    exported = json.loads((timelinejs_build / "timelinejs.json").read_text("utf-8"))
    assert exported["events"], "the key-event export has slides"
    with open_timelinejs(timelinejs_build / "timelinejs.json", tmp_path) as (page, log):
        for _ in exported["events"]:
            page.evaluate("() => window.__tl.goToNext()")
            page.wait_for_timeout(100)
        flag = page.evaluate("() => window.__xss")
        injected = page.evaluate("() => document.querySelectorAll('#timeline-embed img, "
                                 "#timeline-embed svg[onload], #timeline-embed script, "
                                 "#timeline-embed [onerror]').length")
    assert flag is None and injected == 0
    assert log.page_errors == []
