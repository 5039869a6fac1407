"""The language detector's model is unpacked once and then mapped from the cache folder.

A stored copy must answer exactly as the shipped model does (same language, same
confidence); a damaged copy, a cache that is off, or a folder that cannot be written
only means the model is unpacked again, never an error or another answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_ingest import ENGLISH, FRENCH, GERMAN

from timeline.ingest import detect
from timeline.temporal import loadcache

TEXTS = (ENGLISH, GERMAN, FRENCH, "Der Bericht nennt 2000 syrische Pfund als Preis.",
         "2022-09-15 10:30 +++ 17/42/2022 ---- 1234567890")


@pytest.fixture(scope="module")
def shipped() -> Any:
    """The identifier unpacked from py3langid's own compressed file."""
    return detect._unpacked_identifier()


@pytest.fixture
def fresh_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A cache folder of its own, and no identifier loaded yet (as in a new process)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(loadcache.ENV_VAR, str(folder))
    detect._identifier.cache_clear()
    yield folder
    detect._identifier.cache_clear()


def mapped(identifier: Any) -> bool:
    """Whether ``identifier`` reads its tables from a stored copy."""
    return isinstance(identifier.tk_nextmove, memoryview)


def test_the_stored_model_answers_exactly_as_the_shipped_one(fresh_process: Path,
                                                              shipped: Any) -> None:
    first = detect._identifier()  # unpacks and stores
    assert not mapped(first)
    detect._identifier.cache_clear()
    second = detect._identifier()  # maps the stored copy
    assert mapped(second)
    for text in TEXTS:
        assert second.classify(text) == shipped.classify(text) == first.classify(text)
    assert [detect.detect_language(text).lang for text in TEXTS[:3]] == ["en", "de", "fr"]


def test_a_damaged_copy_is_unpacked_afresh(fresh_process: Path, shipped: Any) -> None:
    detect._identifier()
    [stored] = fresh_process.glob("langid-*")
    table = stored / "tk_nextmove.bin"
    table.write_bytes(table.read_bytes()[:1000])
    detect._identifier.cache_clear()
    identifier = detect._identifier()
    assert not mapped(identifier)
    assert identifier.classify(GERMAN) == shipped.classify(GERMAN)


def test_no_copy_is_kept_when_the_cache_is_off(fresh_process: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(loadcache.ENV_VAR, loadcache.OFF)
    assert detect.detect_language(ENGLISH).lang == "en"
    assert not fresh_process.exists()


def test_an_unwritable_cache_folder_is_no_error(fresh_process: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(loadcache.ENV_VAR, str(blocker / "cache"))
    assert detect.detect_language(GERMAN).lang == "de"
    assert not mapped(detect._identifier())
