"""The README states facts the code must keep true."""

from __future__ import annotations

from pathlib import Path

from timeline.table.schema import schema_markdown
from timeline.table.summary_schema import summary_markdown

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
def test_readme_schema_table_is_the_schema() -> None:
    assert schema_markdown() in README


def test_readme_commands_are_the_ci_command_and_the_build() -> None:
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[test,nlp,dask]" && python -m pytest -q' in README
    assert 'pip install -e ".[test,nlp,dask]"' in ci and "python -m pytest -q" in ci
    assert "pip install -e . && timeline build sample_articles/ -o output/" in README


def test_readme_summary_table_is_the_summary_schema() -> None:
    assert summary_markdown() in README
