"""Shared fixtures: hand-built events, article files on disk, a CLI runner; and, when
the ``CI`` environment variable is set to anything non-empty, no quiet skips: a skipped
test fails unless its reason is one of ``CI_ALLOWED_SKIPS`` (things CI cannot change,
such as running as root), so a missing browser, spaCy model or Playwright shows."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.models import Event

_BASE_EVENT = Event(
    event_id="ev-1", doc_id="doc-a", doc_title="Leaders meet", published=date(2022, 9, 15),
    source="Example Wire", url="https://news.example.com/a", sentence_index=0,
    sentence="Xi and Putin met on Thursday in Samarkand.", event="Xi and Putin meet in Samarkand",
    trigger="met", actors=("Xi Jinping", "Vladimir Putin"), places=("Samarkand",),
    timex_text="Thursday", timex_type="DATE", timex_value="2022-09-15", timex_mod="",
    relation="on", start=date(2022, 9, 15), end=date(2022, 9, 15), granularity="day",
    char_start=24, char_end=32, confidence=0.9, extractor="rules", sources=("doc-a",),
    n_sources=1,
)


@pytest.fixture
def make_event() -> Callable[..., Event]:
    """``make_event(**changes)``: a complete, valid Event with some fields changed."""

    def make(**changes: object) -> Event:
        return replace(_BASE_EVENT, **changes)

    return make


def article_text(body: str, *, title: str = "", published: str = "", source: str = "",
                 url: str = "") -> str:
    """An article file's text: a front-matter block with the given fields, then the body."""
    fields = {"title": title, "published": published, "source": source, "url": url}
    lines = [f"{key}: {value}" for key, value in fields.items() if value]
    header = "---\n" + "".join(line + "\n" for line in lines) + "---\n\n" if lines else ""
    return header + body + "\n"


@pytest.fixture
def write_article(tmp_path: Path) -> Callable[..., Path]:
    """``write_article(name, body, published=..., title=..., folder=...)`` -> the file's path
    (a .txt/.md file with front matter, under ``tmp_path / "articles"`` by default)."""

    def write(name: str, body: str, *, folder: Path | None = None, **meta: str) -> Path:
        target = (folder or tmp_path / "articles") / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(article_text(body, **meta), encoding="utf-8")
        return target

    return write


@pytest.fixture
def runner() -> CliRunner:
    """A typer CliRunner (stdout and stderr kept apart: result.stdout / result.stderr)."""
    return CliRunner()


CI_ALLOWED_SKIPS = (
    "root writes into read-only folders",  # CI runs as root: the check cannot be made
)


def in_ci() -> bool:
    """Is ``CI`` set to anything non-empty (CI=1, CI=true, ...)?"""
    return os.environ.get("CI", "") != ""


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]
                              ) -> Iterator[None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    if not (in_ci() and report.skipped) or hasattr(report, "wasxfail"):
        return
    reason = _skip_reason(report)
    if reason not in CI_ALLOWED_SKIPS:
        report.outcome = "failed"
        report.longrepr = f"CI is set, so this test must not skip; it skipped: {reason}"
