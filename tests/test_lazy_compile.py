"""Compiled when first needed, checked once per content.

A language's dispatch alternations are compiled the first time a text needs one, and
what loading works out about its patterns (that they compile and never match the empty
string, which characters each can begin with) is kept between processes under a digest
of the data files (timeline.temporal.loadcache). Neither may change a match: on every
case of the specification corpora, the lazy scan finds what trying every pattern up
front, in file order, finds; and a changed data folder is checked afresh, never served
what was stored for other content.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_timex_corpus import CASES_FILE, CORPORA, GOLD_CASES_FILE, Case, _load

from timeline import langdata
from timeline.errors import TimelineError
from timeline.temporal import loadcache
from timeline.temporal.firstchars import ANY, dispatch_keys
from timeline.temporal.language import Language, load_language
from timeline.temporal.recognize import _raw_matches, find_mentions

FIXTURE = Path(__file__).parent / "data" / "languages" / "id"
CODE = "zz"  # the fixture language copied under a code of its own, so no cache holds it
_CASES = [*(c for lang, (path, _, _) in CORPORA.items() for c in _load(path, lang)),
          *_load(GOLD_CASES_FILE, "en")]


def _eager(lang: Language, low: str) -> list[tuple[int, int, str, tuple[tuple[str, str], ...]]]:
    """The reference scan: at each gated position every pattern, compiled up front, tried
    in file order where its first characters allow; the first that matches wins."""
    regexes = [(p, p.regex, dispatch_keys(p.source)) for p in lang.patterns]
    out, end = [], 0
    for gate in lang.gate.finditer(low):
        pos = gate.start()
        if pos < end:
            continue
        first = low[pos]
        for pat, regex, keys in regexes:
            if (first in keys or ANY in keys) and (m := regex.match(low, pos)):
                groups = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
                out.append((pos, m.end(), pat.name, groups))
                end = m.end()
                break
    return out


@pytest.fixture(scope="module")
def eager_languages() -> dict[str, Language]:
    """Freshly loaded languages with every dispatch alternation compiled before any text."""
    out = {}
    for code in CORPORA:
        lang = load_language.__wrapped__(code)  # type: ignore[attr-defined]
        for key in lang.dispatch:
            lang.dispatch[key]
        assert lang.dispatch.compiled() == frozenset(lang.dispatch)
        out[code] = lang
    return out


@pytest.mark.parametrize("case", _CASES, ids=lambda c: f"{c.file}:{c.line}")
def test_lazy_scan_matches_the_eager_one(case: Case, eager_languages: dict[str, Language]
                                         ) -> None:
    lang = load_language(case.lang)
    low = lang.lower(case.text)
    lazy = [(m.start, m.end, m.pattern, m.groups) for m in _raw_matches(lang, low)]
    assert lazy == _eager(lang, low)
    assert find_mentions(case.text, lang) == find_mentions(case.text, eager_languages[case.lang])


def test_the_corpora_are_read() -> None:
    assert {c.file for c in _CASES} == {CASES_FILE.stem, GOLD_CASES_FILE.stem,
                                       CORPORA["de"][0].stem}


@pytest.fixture()
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the fixture language as language CODE, with a cache folder of its own."""
    shutil.copytree(FIXTURE, tmp_path / "data" / CODE)
    monkeypatch.setenv(langdata.ENV_VAR, str(tmp_path / "data"))
    monkeypatch.setenv(loadcache.ENV_VAR, str(tmp_path / "cache"))
    langdata.load_json.cache_clear()
    yield tmp_path / "data" / CODE
    langdata.load_json.cache_clear()


def _load_fresh(code: str = CODE) -> Language:
    langdata.load_json.cache_clear()
    return load_language.__wrapped__(code)  # type: ignore[attr-defined, no-any-return]


def _stored(tmp: Path) -> list[Path]:
    return sorted((tmp / "cache").glob("*.json"))


def _summary(lang: Language) -> tuple[object, ...]:
    return (lang.patterns, dict(lang.dispatch._sources), lang.gate.pattern)


def test_a_stored_answer_loads_the_same_language(data_folder: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    first = _load_fresh()
    assert len(_stored(data_folder.parent.parent)) == 1
    again = _load_fresh()  # served from the stored file
    monkeypatch.setenv(loadcache.ENV_VAR, loadcache.OFF)
    unstored = _load_fresh()
    assert _summary(first) == _summary(again) == _summary(unstored)
    assert len(_stored(data_folder.parent.parent)) == 1


def test_a_changed_pattern_file_is_checked_afresh(data_folder: Path) -> None:
    _load_fresh()
    patterns = data_folder / "patterns.tsv"
    good = patterns.read_text(encoding="utf-8")
    patterns.write_text("#!example: 1998 zuzu\nDATE\tzuzu\tdate\t"
                        "\\b(?P<year>%year%)\\s+zuzu\\b\n" + good, encoding="utf-8")
    changed = _load_fresh()
    assert changed.patterns[0].name == "zuzu" and "1" in changed.dispatch
    assert [(m.pattern, m.end) for m in find_mentions("1998 zuzu", changed)] == [("zuzu", 9)]
    assert len(_stored(data_folder.parent.parent)) == 2
    # a pattern changed to match the empty string (as many patterns as before) is refused,
    # though answers for the file's earlier contents are stored
    assert "DATE\tyear\tdate\t" in good
    patterns.write_text(good.replace("DATE\tyear\tdate\t", "DATE\tyear\tdate\tx?|"),
                        encoding="utf-8")
    with pytest.raises(TimelineError, match="empty string"):
        _load_fresh()
    assert len(_stored(data_folder.parent.parent)) == 2


def test_a_changed_lexicon_is_another_answer(data_folder: Path) -> None:
    files = [data_folder / "lexicon.json", data_folder / "patterns.tsv"]
    before = loadcache.digest(CODE, files)  # type: ignore[arg-type]
    lexicon = files[0].read_text(encoding="utf-8")
    files[0].write_text(lexicon.replace("{", "{ ", 1), encoding="utf-8")
    assert loadcache.digest(CODE, files) != before  # type: ignore[arg-type]


def test_an_unwritable_cache_folder_is_no_error(data_folder: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = data_folder.parent.parent / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(loadcache.ENV_VAR, str(blocker / "cache"))
    assert _summary(_load_fresh()) == _summary(_load_fresh())
    assert blocker.read_text(encoding="utf-8") == ""


def test_the_cache_is_never_in_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(loadcache.ENV_VAR, raising=False)
    folder = loadcache.cache_dir()
    package = Path(langdata.__file__).resolve().parent
    assert folder is not None and not folder.resolve().is_relative_to(package)
    monkeypatch.setenv(loadcache.ENV_VAR, "off")
    assert loadcache.cache_dir() is None
