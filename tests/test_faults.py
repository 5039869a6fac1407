"""Faults a build survives: signals while it tags or writes, a full disk, a killed
earlier build, two builds into one folder, its own outputs among its inputs, symbolic
links that loop, and an article the tagger chokes on.

Signals are sent by the build process to itself at a chosen moment (a driver wraps the
tagger or the file writer), so no test depends on timing; one test signals a real
``python -m timeline build`` from outside and checks only what must hold whenever the
signal arrives."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline import pipeline
from timeline.errors import TimelineError
from timeline.table import export
from timeline.table.schema import events_to_frame
from timeline.table.staging import STAGING_PREFIX

REPO = Path(__file__).resolve().parent.parent
SUMMIT = "The two-day summit opened on Monday in Samarkand."
BODY = "Xi Jinping met Vladimir Putin on Thursday in Samarkand."

#: Runs the CLI with a signal sent to itself: argv = SIGNAL PHASE build-arguments...
#: PHASE 'tag': on the first tagger call; 'write': once the first output file is staged.
DRIVER = """
import os, signal, sys
from timeline import cli
from timeline.table import export
import timeline.temporal.tagger as tagger
sig, phase = getattr(signal, sys.argv[1]), sys.argv[2]
if phase == "tag":
    real_tag = tagger.tag
    def tag(*args, **kwargs):
        os.kill(os.getpid(), sig)
        return real_tag(*args, **kwargs)
    tagger.tag = tag
else:
    real_write = export.atomic_write_bytes
    def write(path, data):
        real_write(path, data)
        os.kill(os.getpid(), sig)
    export.atomic_write_bytes = write
sys.argv = ["timeline", *sys.argv[3:]]
cli.app()
"""


def _build_args(articles: Path, out: Path) -> list[str]:
    return ["build", str(articles), "-o", str(out), "--nlp", "rules", "-q", "-f", "csv,json"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120, check=False)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: b"<folder>" if p.is_dir() else p.read_bytes()
            for p in sorted(folder.iterdir())}


@pytest.fixture
def earlier(write_article: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    """(articles folder, output folder holding an earlier build)."""
    write_article("a.txt", BODY, published="2022-09-16", title="A")
    articles, out = tmp_path / "articles", tmp_path / "out"
    pipeline.build([articles], out, formats=("csv", "json"), nlp="rules")
    write_article("b.txt", SUMMIT, published="2022-09-12", title="B")  # the next build differs
    return articles, out


SIGNALS = [("SIGINT", "tag", 130), ("SIGINT", "write", 130), ("SIGTERM", "tag", 143),
           ("SIGTERM", "write", 143)]


@pytest.mark.parametrize(("sig", "phase", "code"), SIGNALS)
def test_a_signal_exits_with_one_line_and_keeps_the_earlier_build(
        earlier: tuple[Path, Path], sig: str, phase: str, code: int) -> None:
    articles, out = earlier
    before = _snapshot(out)
    done = _run("-c", DRIVER, sig, phase, *_build_args(articles, out))
    assert done.returncode == code
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert _snapshot(out) == before  # no staging folder either


@pytest.mark.parametrize("phase", ["tag", "write"])
def test_sigkill_leaves_the_earlier_build_and_the_next_build_cleans_up(
        earlier: tuple[Path, Path], phase: str) -> None:
    articles, out = earlier
    before = _snapshot(out)
    assert _run("-c", DRIVER, "SIGKILL", phase, *_build_args(articles, out)).returncode == -9
    assert {k: v for k, v in _snapshot(out).items() if not k.startswith(".")} == before
    assert _run("-m", "timeline", *_build_args(articles, out)).returncode == 0
    assert sorted(_snapshot(out)) == ["events.csv", "events.json"]


def test_sigterm_from_outside_at_any_moment_keeps_the_earlier_build(
        earlier: tuple[Path, Path], write_article: Callable[..., Path]) -> None:
    articles, out = earlier
    write_article("big.txt", "\n\n".join([SUMMIT] * 3000), published="2022-09-12")
    before = _snapshot(out)
    proc = subprocess.Popen([sys.executable, "-m", "timeline", *_build_args(articles, out)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _ in range(400):  # wait (at most ~20 s) until the build stages its files
        if proc.poll() is not None or any(p.name.startswith(STAGING_PREFIX)
                                          for p in out.iterdir()):
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err
    after = _snapshot(out)
    assert not any(name.startswith(".") for name in after)
    if proc.returncode != 0:  # stopped: the earlier build, whole
        assert proc.returncode in (143, -signal.SIGTERM)
        assert after == before


def test_a_full_disk_names_the_output_file_not_the_staging_folder(
        tmp_path: Path, make_event: Callable[..., object], monkeypatch: pytest.MonkeyPatch
        ) -> None:
    out = tmp_path / "output"
    out.mkdir()
    (out / "events.csv").write_text("earlier\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export.os, "fsync", full)
    with pytest.raises(TimelineError) as info:
        pipeline.write_outputs(events_to_frame([make_event()]), out, ("csv",))
    assert str(info.value).startswith(f"{out / 'events.csv'}: ")
    assert "no space left" in str(info.value).lower()
    assert STAGING_PREFIX not in str(info.value)
    assert _snapshot(out) == {"events.csv": b"earlier\n"}


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_staging_folders_are_removed_and_live_ones_kept(
        tmp_path: Path, make_event: Callable[..., object]) -> None:
    dead = tmp_path / f"{STAGING_PREFIX}{_dead_pid()}-abc"
    live = tmp_path / f"{STAGING_PREFIX}{os.getppid()}-def"
    for folder in (dead, live):
        folder.mkdir()
        (folder / "events.csv").write_text("half\n")
    pipeline.write_outputs(events_to_frame([make_event()]), tmp_path, ("csv",))
    assert not dead.exists() and live.exists()


def test_two_builds_into_one_folder_never_mix_files(
        tmp_path: Path, make_event: Callable[..., object], monkeypatch: pytest.MonkeyPatch
        ) -> None:
    first = events_to_frame([make_event(event_id="first")])
    second = events_to_frame([make_event(event_id="second")])
    real_replace = os.replace
    other: list[threading.Thread] = []

    def replace(src: str, dst: str) -> None:
        real_replace(src, dst)
        if not other and Path(dst).parent == tmp_path and threading.current_thread() \
                is threading.main_thread():
            thread = threading.Thread(target=pipeline.write_outputs,
                                      args=(second, tmp_path, ("csv", "json")))
            other.append(thread)
            thread.start()
            thread.join(timeout=1.0)  # it waits for the lock: the first build finishes first

    monkeypatch.setattr(export.os, "replace", replace)
    pipeline.write_outputs(first, tmp_path, ("csv", "json"))
    other[0].join()
    csv, json = (tmp_path / "events.csv").read_text(), (tmp_path / "events.json").read_text()
    assert ("first" in csv) == ("first" in json) and ("second" in csv) == ("second" in json)


def test_building_into_the_input_folder_twice_reads_only_the_articles(
        write_article: Callable[..., Path], tmp_path: Path) -> None:
    write_article("a.txt", BODY, published="2022-09-16")
    folder = tmp_path / "articles"
    for _ in range(2):
        result = pipeline.build([folder], folder, formats=("csv", "html"), nlp="rules")
        assert [a.doc_id for a in result.articles] == ["a.txt"] and not result.skipped


def test_own_outputs_are_known_by_content_not_by_name(
        write_article: Callable[..., Path], tmp_path: Path) -> None:
    write_article("a.txt", BODY, published="2022-09-16")
    folder = tmp_path / "articles"
    pipeline.build([folder], tmp_path / "out", formats=("csv", "html"), nlp="rules")
    (tmp_path / "out" / "events.csv").rename(folder / "table.csv")
    (tmp_path / "out" / "timeline.html").rename(folder / "page.html")
    (folder / "events.csv").write_text(  # a user's collection that happens to be so named
        "id,title,text,published\nb,B,The summit opened on Monday.,2022-09-12\n")
    result = pipeline.build([folder], tmp_path / "out", formats=("csv",), nlp="rules")
    assert sorted(a.doc_id for a in result.articles) == ["a.txt", "b"]


def test_an_output_given_by_name_is_refused(write_article: Callable[..., Path],
                                             tmp_path: Path) -> None:
    write_article("a.txt", BODY, published="2022-09-16")
    pipeline.build([tmp_path / "articles"], tmp_path / "out", formats=("csv",), nlp="rules")
    with pytest.raises(TimelineError, match="an output of timeline itself"):
        pipeline.build([tmp_path / "out" / "events.csv"], tmp_path / "o2", nlp="rules")


def test_a_symlink_loop_is_a_one_line_error_or_skipped(
        write_article: Callable[..., Path], tmp_path: Path) -> None:
    write_article("a.txt", BODY, published="2022-09-16")
    folder = tmp_path / "articles"
    (folder / "x.txt").symlink_to(folder / "y.txt")
    (folder / "y.txt").symlink_to(folder / "x.txt")
    with pytest.raises(TimelineError, match="symbolic link that loops"):
        pipeline.build([folder], tmp_path / "out", nlp="rules")
    result = pipeline.build([folder], tmp_path / "out", keep_going=True, nlp="rules")
    assert [a.doc_id for a in result.articles] == ["a.txt"]
    assert [label for label, _ in result.skipped] == [str(folder / "x.txt"),
                                                       str(folder / "y.txt")]


def test_keep_going_reports_any_failure_of_one_article_and_builds_the_rest(
        write_article: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
        ) -> None:
    import timeline.temporal.tagger as tagger

    write_article("a.txt", BODY, published="2022-09-16")
    bad = write_article("b.txt", "It was poison.", published="2022-09-16")
    real_tag = tagger.tag

    def tag(text: str, *args: object, **kwargs: object) -> list[object]:
        if "poison" in text:
            raise ValueError("year -26 is out of range")
        return real_tag(text, *args, **kwargs)

    monkeypatch.setattr(tagger, "tag", tag)
    folder = tmp_path / "articles"
    with pytest.raises(TimelineError) as info:
        pipeline.build([folder], tmp_path / "out", nlp="rules")
    assert str(info.value) == (f"{bad}: could not build this article "
                               "(ValueError: year -26 is out of range)")
    result = pipeline.build([folder], tmp_path / "out", keep_going=True, nlp="rules")
    assert [a.doc_id for a in result.articles] == ["a.txt", "b.txt"]
    assert result.skipped == ((str(bad), "could not build this article "
                               "(ValueError: year -26 is out of range)"),)
    assert {e.doc_id for e in result.events} == {"a.txt"}
