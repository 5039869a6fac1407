"""The README states facts the code must keep true."""

from __future__ import annotations

from pathlib import Path

from timeline.table.schema import COLUMN_NAMES, schema_markdown

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
#: Columns whose README rows are still to be added (by whoever owns the README; then
#: this tuple is emptied). The rest of the table must match the schema exactly.
NOT_YET_IN_README: tuple[str, ...] = ("lang", "lang_from")


def _row_of(line: str, names: tuple[str, ...]) -> bool:
    return any(line.startswith(f"| `{name}` |") for name in names)


def test_readme_schema_table_is_the_schema() -> None:
    lines = schema_markdown().splitlines()
    assert "\n".join(ln for ln in lines if not _row_of(ln, NOT_YET_IN_README)) in README


def test_columns_not_yet_in_the_readme_are_columns_and_are_not_there() -> None:
    for name in NOT_YET_IN_README:
        assert name in COLUMN_NAMES
        assert f"| `{name}` |" not in README, f"README has {name}: drop it from the tuple"


def test_readme_commands_are_the_ci_command_and_the_build() -> None:
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[test,nlp]" && python -m pytest -q' in README
    assert 'pip install -e ".[test,nlp]"' in ci and "python -m pytest -q" in ci
    assert "pip install -e . && timeline build sample_articles/ -o output/" in README
