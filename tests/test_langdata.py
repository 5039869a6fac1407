"""The language-data loader: every file is checked against timeline/data/schema.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline import langdata
from timeline.errors import TimelineError


@pytest.fixture()
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(langdata.ENV_VAR, str(tmp_path))
    langdata.load_json.cache_clear()
    yield tmp_path
    langdata.load_json.cache_clear()


def _write(root: Path, lang: str, name: str, data: object) -> None:
    (root / lang).mkdir(exist_ok=True)
    (root / lang / name).write_text(json.dumps(data), encoding="utf-8")


def _english(name: str) -> dict:
    return json.loads((Path(langdata.__file__).parent / "data" / "en" / name).read_text())


@pytest.mark.parametrize("name", sorted(langdata.schema()))
def test_every_declared_file_of_english_validates(name: str) -> None:
    assert langdata.load_json("en", name)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.pop("months"), "missing key 'months'"),
    (lambda d: d.update(monthz={}), "unknown key 'monthz'"),
    (lambda d: d.update(months=["jan"]), "key 'months' should be map<int>"),
    (lambda d: d.update(definite_article=["the"]), "key 'definite_article' should be text"),
])
def test_a_bad_key_is_an_error_naming_the_file_and_the_key(root: Path, change, message) -> None:
    data = _english("lexicon.json")
    change(data)
    _write(root, "xx", "lexicon.json", data)
    with pytest.raises(TimelineError, match=message) as err:
        langdata.load_json("xx", "lexicon.json")
    assert str(root / "xx" / "lexicon.json") in str(err.value)


def test_a_folder_under_the_environment_root_is_a_language(root: Path) -> None:
    _write(root, "xx", "lexicon.json", _english("lexicon.json"))
    assert "xx" in langdata.available_languages()
    assert langdata.load_json("xx", "lexicon.json")["months"]["january"] == 1


def test_an_unknown_language_names_the_ones_there_are(root: Path) -> None:
    with pytest.raises(TimelineError, match=r"no language data for 'zz' \(available: .*en"):
        langdata.load_json("zz", "lexicon.json")


def test_invalid_json_is_an_error_naming_the_file(root: Path) -> None:
    (root / "xx").mkdir()
    (root / "xx" / "lexicon.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(TimelineError, match="not valid JSON"):
        langdata.load_json("xx", "lexicon.json")
