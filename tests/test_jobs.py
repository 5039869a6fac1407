"""--jobs: articles spread over processes give the outputs of one job, byte for byte
(ids, row order, merged rows), and a failing article is reported as with one job."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline import pipeline
from timeline.cli import app
from timeline.errors import TimelineError

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_articles"
FORMATS = "csv,json,parquet"
OUTPUTS = ("events.csv", "events.json", "events.parquet")


def _corpus(folder: Path, copies: int = 3) -> Path:
    """The sample collection repeated under new ids, plus the sample folder's files."""
    folder.mkdir()
    lines = (SAMPLES / "sco-coverage.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    with (folder / "copies.jsonl").open("w", encoding="utf-8") as out:
        for n in range(copies):
            for record in records:
                out.write(json.dumps(record | {"id": f"{record['id']}-{n}"}) + "\n")
    for name in ("xi-meets-putin.md", "sco-summit-preview.txt", "sco-gipfel-de.md"):
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    return folder


def _build(inputs: Path, out: Path, jobs: int, **options: object) -> pipeline.BuildResult:
    return pipeline.build([inputs], out_dir=out, formats=FORMATS, nlp="rules", jobs=jobs,
                          batch_articles=1, **options)  # type: ignore[arg-type]


def _bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("jobs") / "articles")


@pytest.mark.parametrize("merge", [True, False], ids=["merged", "no-merge"])
def test_two_jobs_write_the_bytes_one_job_writes(corpus: Path, tmp_path: Path,
                                                 merge: bool) -> None:
    one = _build(corpus, tmp_path / "one", jobs=1, merge=merge)
    two = _build(corpus, tmp_path / "two", jobs=2, merge=merge)
    assert _bytes(tmp_path / "one") == _bytes(tmp_path / "two")
    assert [e.event_id for e in one.events] == [e.event_id for e in two.events]
    assert [a.doc_id for a in one.articles] == [a.doc_id for a in two.articles]
    assert len(one.articles) == 9 and len(one.frame) > 9
    if merge:
        assert one.frame["n_sources"].max() >= 3  # the copies' mentions merged


def test_the_default_is_the_machine_s_cores_and_zero_jobs_is_refused(corpus: Path,
                                                                    tmp_path: Path) -> None:
    from timeline.engine.local import default_jobs

    assert default_jobs() >= 1
    with pytest.raises(TimelineError, match=r"^--jobs 0 is not a number of processes; give 1"):
        _build(corpus, tmp_path / "out", jobs=0)
    assert not (tmp_path / "out").exists()


def _choke_on(monkeypatch: pytest.MonkeyPatch, marker: str) -> None:
    """The tagger raises on any text holding ``marker`` (forked workers inherit it)."""
    import timeline.temporal.tagger as tagger

    real = tagger.tag

    def tag(text: str, *args: object, **kwargs: object) -> object:
        if marker in text:
            raise RuntimeError("tagger bug")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(tagger, "tag", tag)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_article_stops_the_build_with_the_same_line(corpus: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              jobs: int) -> None:
    _choke_on(monkeypatch, "Samarkand")
    with pytest.raises(TimelineError) as info:
        _build(corpus, tmp_path / "out", jobs=jobs)
    assert str(info.value) == (
        f"{corpus / 'copies.jsonl'}: document 'cawire-2022-09-14-xi-kazakhstan-0': could not "
        "build this article (RuntimeError: tagger bug)")
    assert not (tmp_path / "out").exists()


def test_keep_going_skips_the_same_articles_with_any_jobs(corpus: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    _choke_on(monkeypatch, "Samarkand")
    one = _build(corpus, tmp_path / "one", jobs=1, keep_going=True)
    two = _build(corpus, tmp_path / "two", jobs=2, keep_going=True)
    assert one.skipped == two.skipped and len(one.skipped) >= 3
    assert one.skipped[0] == (str(corpus / "copies.jsonl"),
                              "document 'cawire-2022-09-14-xi-kazakhstan-0': could not build "
                              "this article (RuntimeError: tagger bug)")
    assert _bytes(tmp_path / "one") == _bytes(tmp_path / "two")


def test_the_cli_takes_jobs(corpus: Path, tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out"), "--nlp",
                                 "rules", "-f", "csv", "--jobs", "2", "-q"])
    assert result.exit_code == 0, result.output
    single = _build(corpus, tmp_path / "one", jobs=1)
    assert (tmp_path / "out" / "events.csv").read_bytes() == \
        (tmp_path / "one" / "events.csv").read_bytes()
    assert len(single.frame) > 9


#: Runs the CLI; the first worker process to tag sends the signal (argv[1]) to the main
#: process, after writing its own pid into argv[2]. argv[3:]: the build's arguments.
DRIVER = """
import os, signal, sys
from timeline import cli
import timeline.temporal.tagger as tagger
sig, flag, main = getattr(signal, sys.argv[1]), sys.argv[2], os.getpid()
real_tag = tagger.tag
def tag(*args, **kwargs):
    if os.getpid() != main:
        try:
            fd = os.open(flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            pass
        else:
            os.write(fd, str(os.getpid()).encode())
            os.close(fd)
            os.kill(main, sig)
    return real_tag(*args, **kwargs)
tagger.tag = tag
sys.argv = ["timeline", *sys.argv[3:]]
cli.app()
"""


@pytest.mark.parametrize(("sig", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_signal_during_a_build_over_processes_keeps_the_earlier_outputs(
        tmp_path: Path, sig: str, code: int) -> None:
    import subprocess
    import sys

    articles = tmp_path / "many.jsonl"
    lines = [json.dumps({"id": f"d{n}", "text": f"Talks began on Thursday, day {n}.",
                         "published": "2022-09-16"}) for n in range(150)]  # several batches
    articles.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.csv").write_text("earlier\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", DRIVER, sig, str(tmp_path / "worker.pid"),
                           "build", str(articles), "-o", str(out), "--nlp", "rules", "-q",
                           "-f", "csv", "--jobs", "2"], cwd=REPO, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == code, done.stderr
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert [p.name for p in out.iterdir()] == ["events.csv"]  # no staging folder left
    assert (out / "events.csv").read_text(encoding="utf-8") == "earlier\n"
    worker = int((tmp_path / "worker.pid").read_text())
    with pytest.raises(ProcessLookupError):  # the pool went with the build
        os.kill(worker, 0)
