"""One reader per input format: text/Markdown, saved web pages, JSONL and CSV collections.

Each reader takes the file's path and its ``rel`` name (the path relative to the
argument it was found under, used for ``doc_id``) and returns :class:`Draft` items
whose publication date is still unresolved. A problem with the whole file raises
TimelineError (without the file name; the caller adds it); a problem with one row
of a collection becomes a :class:`RowProblem` so the caller can skip just that row.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timeline.errors import TimelineError
from timeline.ingest.language import DEFAULT_LANG, primary_language
from timeline.ingest.text import (
    EMPTY_TEXT,
    Draft,
    RowProblem,
    check_not_binary,
    decode_text,
    is_empty_text,
    read_bytes,
    repair_text,
    shorten,
    split_front_matter,
    title_from_text,
)
from timeline.ingest.webpage import DATE_SEARCH, PAGE_CHROME, page_date, paragraphs, text_dateline
from timeline.langdata import available_languages

Reader = Callable[[Path, str], list[Draft | RowProblem]]
COLLECTION_FIELDS = ("id", "title", "text", "published", "url", "source", "lang")
def read_plain(path: Path, rel: str) -> list[Draft | RowProblem]:
    """A .txt/.md article: optional front matter, then the body (the Article text)."""
    fields, body = split_front_matter(decode_text(read_bytes(path)))
    if not body:
        raise TimelineError("no article text after the front matter; add the text below '---'")
    published, source = fields.get("published") or None, "metadata"
    if published is None:
        lang = primary_language(fields.get("lang"))
        published, source = text_dateline(body.split("\n\n"), _languages(lang)), "dateline"
    return [
        Draft(
            doc_id=rel,
            text=body,
            title=shorten(fields["title"]) if fields.get("title") else title_from_text(body),
            published=published,
            source=fields.get("source", ""),
            url=fields.get("url", ""),
            lang=primary_language(fields.get("lang")),
            published_from=source if published else "",
        )
    ]


def read_html(path: Path, rel: str) -> list[Draft | RowProblem]:
    """A saved web page: main text and metadata via trafilatura, its date from its own
    date line, metadata or address (see :mod:`timeline.ingest.webpage`)."""
    data = read_bytes(path)
    check_not_binary(data)
    import trafilatura  # imported here: slow to import, only needed for web pages

    tree = trafilatura.load_html(data)
    if tree is None:
        raise TimelineError("not a readable HTML page; save the page again or use a .txt file")
    lang = primary_language(tree.get("lang"))
    found = page_date(trafilatura.load_html(data), _page_url(tree), _languages(lang))
    doc = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        prune_xpath=PAGE_CHROME,
        date_extraction_params=DATE_SEARCH,
    )
    if doc is None or isinstance(doc, dict):  # a dict only when asked for one
        blocks, title, site, url = [], "", "", ""
    else:
        blocks = paragraphs(doc.body) if doc.body is not None else (doc.text or "").split("\n")
        title, site, url = doc.title or "", doc.sitename or "", doc.url or ""
    text = repair_text("\n\n".join(block.strip() for block in blocks if block.strip()))
    if not text:
        raise TimelineError(
            "no article text found in this web page; save the article page itself "
            "or copy its text into a .txt file"
        )
    return [
        Draft(
            doc_id=rel,
            text=text,
            title=shorten(repair_text(title)) if title else title_from_text(text),
            published=found.value,
            source=site,
            url=url,
            lang=lang,
            published_from=found.source,
        )
    ]


def _page_url(tree: Any) -> str:
    """The page's own address: its canonical link, else its ``og:url``."""
    for path in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        found = tree.xpath(path)
        if found:
            return str(found[0])
    return ""


def _languages(lang: str) -> tuple[str, ...]:
    """The languages a page's date line is read in: its own, else every one with data."""
    return (lang,) if lang else tuple(available_languages()) or (DEFAULT_LANG,)


def jsonl_item(line: str, number: int, rel: str) -> Draft | RowProblem | None:
    """The article of line ``number`` of a JSON Lines file (None for a blank line)."""
    if not line.strip():
        return None
    where = f"line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return RowProblem(where, f"not valid JSON ({err.msg}); fix or remove that line")
    if not isinstance(record, dict):
        return RowProblem(where, "not a JSON object; write one {...} object per line")
    return _row_to_draft(record, rel, number, where)


def read_jsonl(path: Path, rel: str) -> list[Draft | RowProblem]:
    """One article per non-blank line of a JSON Lines file."""
    lines = decode_text(read_bytes(path)).split("\n")
    found = (jsonl_item(line, number, rel) for number, line in enumerate(lines, start=1))
    return [item for item in found if item is not None]


def read_csv(path: Path, rel: str) -> list[Draft | RowProblem]:
    """One article per row of a CSV file with a header row holding at least ``text``."""
    reader = csv.reader(io.StringIO(decode_text(read_bytes(path)), newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except (StopIteration, csv.Error) as err:
        raise TimelineError(f"cannot read the CSV header ({err}); check the first line") from None
    if "text" not in header:
        columns = ", ".join(name for name in header if name) or "none"
        raise TimelineError(
            f"no 'text' column (columns: {columns}); name the article-text column 'text'"
        )
    items: list[Draft | RowProblem] = []
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            items.append(RowProblem(f"row {number + 1}", f"bad CSV ({err}); fix the quoting"))
            break
        if not any(cell.strip() for cell in cells):
            continue
        number += 1
        where = f"row {number}"
        if any(cell.strip() for cell in cells[len(header) :]):
            items.append(
                RowProblem(where, "more cells than header columns; quote cells containing commas")
            )
            continue
        record = dict(zip(header, cells, strict=False))
        items.append(_row_to_draft(record, rel, number, where))
    return items


def _row_to_draft(record: dict[str, Any], rel: str, number: int, where: str) -> Draft | RowProblem:
    fields = {str(key).strip().lower(): value for key, value in record.items()}
    text = fields.get("text")
    if "text" in fields and is_empty_text(text):
        return RowProblem(where, EMPTY_TEXT, empty=True)
    if not isinstance(text, str):
        return RowProblem(where, "no article text; give every article a 'text' string")
    values = {name: _as_text(fields.get(name)) for name in COLLECTION_FIELDS if name != "text"}
    text = repair_text(text.replace("\r\n", "\n").replace("\r", "\n").strip())
    return Draft(
        doc_id=values["id"] or f"{rel}#{number}",
        text=text,
        title=shorten(repair_text(values["title"])) if values["title"] else title_from_text(text),
        published=values["published"] or None,
        source=values["source"],
        url=values["url"],
        lang=primary_language(values["lang"]),
        where=where,
        published_from="collection" if values["published"] else "",
    )


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool | dict | list):
        return json.dumps(value)
    return str(value).strip()


READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".md": read_plain,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
}
