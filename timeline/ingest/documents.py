"""The ``timeline tag`` input: JSONL documents, one ``{"id", "text", "dct", "lang"}`` a line.

``lang`` is optional: without it the document's language is detected, as an article's
is (see :mod:`timeline.ingest.language`; ``TagDocument.lang_from`` says where it came
from), and ``--lang`` overrides it. Errors name the file and the line.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from timeline.errors import TimelineError
from timeline.ingest.language import (
    LangChoice,
    choose_language,
    decide_all,
    option_language,
    primary_language,
)
from timeline.ingest.text import parse_iso_date, skipped_empty

_DOC_EXAMPLE = '{"id": "d1", "text": "...", "dct": "2022-09-15"}'


@dataclass(frozen=True, slots=True)
class TagDocument:
    """One line of the ``timeline tag`` input, with its language and where it came from."""

    doc_id: str | int
    text: str
    dct: date
    lang: str = "en"
    lang_from: str = ""


def _read_input(source: str | Path) -> tuple[str, str]:
    """(label, text) of a file, or of standard input for '-'."""
    if str(source) == "-":
        return "<stdin>", sys.stdin.read()
    path = Path(source)
    try:
        return str(path), path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TimelineError("no such file; give a JSONL file with one document a line",
                            str(path)) from None
    except IsADirectoryError:
        raise TimelineError("is a folder; give a JSONL file", str(path)) from None
    except UnicodeDecodeError:
        raise TimelineError("not UTF-8 text; save the JSONL file as UTF-8", str(path)) from None


def _parse_document(label: str, number: int, line: str, option: str) -> TagDocument | None:
    where = f"{label}: line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise TimelineError(f"line {number}: not valid JSON ({exc.msg}); "
                            f"write one object a line, e.g. {_DOC_EXAMPLE}", label) from None
    if not isinstance(record, dict):
        raise TimelineError(f"line {number}: not a JSON object; e.g. {_DOC_EXAMPLE}", label)
    if skipped_empty(record, label, f"line {number}"):
        return None
    doc_id, text, dct = record.get("id"), record.get("text"), record.get("dct")
    lang = record.get("lang", "")
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool):
        raise TimelineError(f"line {number}: needs an \"id\" (a string)", label)
    if not isinstance(text, str):
        raise TimelineError(f"line {number}: needs a \"text\" (a string)", label)
    if not isinstance(dct, str):
        raise TimelineError(f"line {number}: needs a \"dct\" date string YYYY-MM-DD", label)
    if not isinstance(lang, str) or (lang.strip() and not primary_language(lang)):
        raise TimelineError(f"line {number}: \"lang\" should be a language code such as "
                            "\"en\", or left out", label)
    choice = choose_language(option, primary_language(lang), text)
    return TagDocument(doc_id, text, parse_iso_date(dct, what=f"{where}: \"dct\""),
                       choice.lang, choice.source)


def read_documents(source: str | Path, lang: str | None = None) -> list[TagDocument]:
    """Parse ``timeline tag`` input (blank lines are ignored, a document with an empty
    text is skipped with a warning); errors name file and line.
    ``lang`` (``--lang``) overrides every document's language."""
    label, content = _read_input(source)
    option = option_language(lang)
    parsed = [_parse_document(label, number, line, option)
              for number, line in enumerate(content.split("\n"), start=1) if line.strip()]
    docs = [doc for doc in parsed if doc is not None]
    choices = decide_all([LangChoice(doc.lang, doc.lang_from) for doc in docs])
    return [replace(doc, lang=choice.lang, lang_from=choice.source)
            for doc, choice in zip(docs, choices, strict=True)]
