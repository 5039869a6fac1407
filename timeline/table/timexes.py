"""The ``timeline tag`` output: one temporal expression a record, as JSONL or a text table,
or each document as a TimeML file.

A record carries what measuring needs (offsets, text, TIMEX3 type/value/mod, the
interval) and the language whose rules found it, with where that language came from.

TimeML (``--format timeml -o DIR``) follows HeidelTime's output layout, so tools written
for HeidelTime (news-tls, tilse) read it unchanged: ``<?xml?>``, the doctype, then
``<TimeML>`` holding the document text with inline ``<TIMEX3 tid type value [mod]>``
elements as direct children. The document creation time is an empty TIMEX3 with
``functionInDocument="CREATION_TIME"`` at the end, where it adds no text and no token.
Offsets survive an XML parser: markup characters are escaped, a carriage return is
written as ``&#13;``, and characters XML 1.0 forbids become a space (one for one).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from timeline.errors import TimelineError
from timeline.models import Timex
from timeline.table.export import atomic_write_text, ensure_folder, write_staged

TAG_FIELDS: tuple[str, ...] = ("doc", "start", "end", "text", "type", "value", "mod",
                               "earliest", "latest", "lang", "lang_from")
TAG_FORMATS: tuple[str, ...] = ("jsonl", "table", "timeml")
#: Formats written as one file per document into a folder rather than one stream.
FOLDER_FORMATS: tuple[str, ...] = ("timeml",)
TIMEML_SUFFIX = ".tml"
TIMEML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n'
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")
_MAX_NAME = 100
Record = dict[str, object]


def timex_record(doc_id: str | int, timex: Timex, lang: str, lang_from: str) -> Record:
    """One output record (keys: :data:`TAG_FIELDS`, in that order)."""
    return {
        "doc": doc_id, "start": timex.start, "end": timex.end, "text": timex.text,
        "type": timex.type, "value": timex.value, "mod": timex.mod,
        "earliest": timex.earliest.isoformat() if timex.earliest else None,
        "latest": timex.latest.isoformat() if timex.latest else None,
        "lang": lang, "lang_from": lang_from,
    }


def format_tag_records(records: Sequence[Record], fmt: str = "jsonl") -> str:
    """JSONL (one compact object a line) or an aligned text table for people."""
    if fmt not in TAG_FORMATS:
        raise TimelineError(f"--format {fmt!r} is not one of: {', '.join(TAG_FORMATS)}")
    if fmt in FOLDER_FORMATS:
        raise TimelineError(f"--format {fmt} writes one file per document; "
                            "give a folder with -o DIR")
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    rows = [list(TAG_FIELDS)] + [
        ["" if r[f] is None else str(r[f]).replace("\n", " ") for f in TAG_FIELDS]
        for r in records]
    widths = [max(len(row[i]) for row in rows) for i in range(len(TAG_FIELDS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    return "\n".join(lines) + "\n"


def write_text_output(text: str, target: str | Path) -> None:
    """``text`` to standard output ('-') or atomically to a file (folder created)."""
    if str(target) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    out = Path(target)
    ensure_folder(out.parent)
    atomic_write_text(out, text)


@dataclass(frozen=True, slots=True)
class TaggedDocument:
    """One document with the temporal expressions found in it."""

    doc_id: str | int
    text: str
    dct: date
    timexes: tuple[Timex, ...]


def _xml_text(text: str) -> str:
    """Character data whose parsed text has the same length and offsets as ``text``."""
    return escape(_NOT_XML.sub(" ", text)).replace("\r", "&#13;")


def _timex_element(timex: Timex, tid: str) -> str:
    attrs = f"tid={quoteattr(tid)} type={quoteattr(timex.type)} value={quoteattr(timex.value)}"
    if timex.mod:
        attrs += f" mod={quoteattr(timex.mod)}"
    return f"<TIMEX3 {attrs}>{_xml_text(timex.text)}</TIMEX3>"


def timeml_document(doc: TaggedDocument) -> str:
    """The document as TimeML in HeidelTime's layout (see the module docstring). An
    expression that overlaps one before it is left out: TimeML elements cannot cross."""
    parts, at = [TIMEML_HEAD, "<TimeML>"], 0
    for n, timex in enumerate(sorted(doc.timexes, key=lambda t: (t.start, -t.end)), 1):
        if timex.start < at or timex.end <= timex.start or timex.end > len(doc.text):
            continue
        parts += [_xml_text(doc.text[at:timex.start]), _timex_element(timex, f"t{n}")]
        at = timex.end
    parts.append(_xml_text(doc.text[at:]))
    dct = doc.dct.isoformat()
    parts.append(f'<TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
                 'functionInDocument="CREATION_TIME"/></TimeML>\n')
    return "".join(parts)


def timeml_file_names(doc_ids: Sequence[str | int]) -> list[str]:
    """A safe file name per document id, in order: letters, digits, '-' and '_' only
    (so never a path outside the folder), at most 100 characters, distinct even on a
    file system that ignores case ('a', 'A' -> 'a.tml', 'A-2.tml')."""
    taken: set[str] = set()
    names = []
    for doc_id in doc_ids:
        base = _UNSAFE_NAME.sub("_", str(doc_id)).strip("_")[:_MAX_NAME] or "document"
        name, n = base, 2
        while name.casefold() in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name.casefold())
        names.append(name + TIMEML_SUFFIX)
    return names


def write_timeml_folder(docs: Sequence[TaggedDocument], folder: str | Path) -> tuple[Path, ...]:
    """Each document as ``folder/<safe id>.tml``, all or nothing."""
    if str(folder) == "-":
        raise TimelineError("--format timeml writes one file per document; "
                            "give a folder with -o DIR")
    out = Path(folder)
    if not docs:
        ensure_folder(out)
        return ()
    jobs = [(out / name, _writer(timeml_document(doc)))
            for name, doc in zip(timeml_file_names([d.doc_id for d in docs]), docs, strict=True)]
    return write_staged(jobs)


def _writer(text: str) -> Callable[[Path], None]:
    return lambda path: atomic_write_text(path, text)
