"""``timeline tag``: JSONL documents in, their temporal expressions out (JSONL, an
aligned table, or one TimeML file per document)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from timeline.engine.run import language_problem
from timeline.errors import TimelineError
from timeline.ingest.documents import TagDocument, read_documents
from timeline.models import Timex
from timeline.options import MODES, check_choice
from timeline.table.timexes import (
    TAG_FORMATS,
    TaggedDocument,
    format_tag_records,
    timex_record,
    write_text_output,
    write_timeml_folder,
)

__all__ = ["TagFunction", "tag_documents", "tag_each", "tag_records"]

#: ``tag(text, dct, mode=..., lang=...) -> list[Timex]``, as :func:`timeline.temporal.tagger.tag`.
TagFunction = Callable[..., list[Timex]]


def tag_records(documents: Sequence[TagDocument], mode: str = "news",
                tagger: TagFunction | None = None) -> list[dict[str, object]]:
    """One output record per temporal expression, documents in input order.
    ``tagger`` defaults to :func:`timeline.temporal.tagger.tag`."""
    check_choice("--mode", mode, MODES)
    from timeline.temporal.tagger import tag

    run: TagFunction = tagger or tag
    return [timex_record(doc.doc_id, timex, doc.lang, doc.lang_from)
            for doc in documents
            for timex in run(doc.text, doc.dct, mode=mode, lang=doc.lang)]


def tag_documents(jsonl_in: str | Path, jsonl_out: str | Path = "-", fmt: str = "jsonl",
                  mode: str = "news", tagger: TagFunction | None = None,
                  lang: str | None = None) -> int:
    """``timeline tag``: tag every document of a JSONL file; returns the number of
    expressions written. '-' reads standard input / writes standard output. ``lang``
    (``--lang``) overrides the documents' languages. ``fmt="timeml"`` writes each
    document as TimeML into the folder ``jsonl_out``. The whole input is validated
    (a document in a language without data is an error) before anything is written."""
    check_choice("--format", fmt, TAG_FORMATS)
    documents = read_documents(jsonl_in, lang=lang)
    label = "<stdin>" if str(jsonl_in) == "-" else str(jsonl_in)
    for doc in documents:
        if problem := language_problem(doc.lang, doc.lang_from):
            raise TimelineError(f"document {doc.doc_id!r}: {problem}", label)
    if fmt == "timeml":  # one file per document into the folder jsonl_out
        tagged = tag_each(documents, mode=mode, tagger=tagger)
        write_timeml_folder(tagged, jsonl_out)
        return sum(len(doc.timexes) for doc in tagged)
    records = tag_records(documents, mode=mode, tagger=tagger)
    write_text_output(format_tag_records(records, fmt), jsonl_out)
    return len(records)


def tag_each(documents: Sequence[TagDocument], mode: str = "news",
             tagger: TagFunction | None = None) -> list[TaggedDocument]:
    """Each document with its temporal expressions, in input order."""
    check_choice("--mode", mode, MODES)
    from timeline.temporal.tagger import tag

    run: TagFunction = tagger or tag
    return [TaggedDocument(doc.doc_id, doc.text, doc.dct,
                           tuple(run(doc.text, doc.dct, mode=mode, lang=doc.lang)))
            for doc in documents]
