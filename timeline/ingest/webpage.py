"""A saved web page's article: its paragraphs and its publication date, with where it came from.

Paragraphs come from trafilatura's XML tree of the main text, not from its plain text:
trafilatura ends a line at every ``<br>`` and at some inline markup, and a sentence
splitter takes a line end inside a paragraph for a sentence break ("tested positive for
/ Covid-19 / died on Monday" became three sentences). Each block (paragraph, heading,
list item, table cell, quotation) is one paragraph with its lines joined; paragraphs are
separated by blank lines.

The publication date is the first of, strongest first (``Article.published_from``):

1. ``dateline``: the article's own date line, a short line at the head of the article
   part of the page (its ``<article>``, else its ``<main>``, else the page without
   navigation, headers, footers and asides; before the first paragraph of running text)
   that is a complete date, alone or after a label of up to three words ("Written:
   2023-11-07", "Published 7 November 2023 | 3 min read"), or a ``<time datetime>``
   there; what the reader sees beats a template's metadata field;
2. ``metadata``: the page head's markup and JSON-LD (``article:published_time``...),
   original date before last-modified;
3. ``url``: a date in the page's own address (canonical link, ``og:url``);
4. ``text``: a date htmldate finds elsewhere in the article part (date classes, an
   image of the article). Dates in other parts of the page (a sidebar's thumbnails and
   teasers) are never taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from typing import Any

from lxml import html as lxml_html  # type: ignore[import-untyped]

from timeline.errors import TimelineError
from timeline.ingest.text import parse_published

#: Site navigation, headers, footers and sidebars outside the article.
PAGE_CHROME = (
    "//nav|//header[not(ancestor::article)]|//footer[not(ancestor::article)]"
    "|//aside[not(ancestor::article)]"
)
#: htmldate's options: markup, metadata and URL only (its extensive search guesses from
#: free text: "the next summit in 2023" came out as published 2023-01-01), original date.
DATE_SEARCH: dict[str, Any] = {"original_date": True, "extensive_search": False}
#: trafilatura's inline elements (their text belongs to the enclosing block).
INLINE_TAGS = frozenset({"hi", "ref", "del", "lb", "span", "abbr", "graphic"})
#: A date line is at most this long; longer text is a paragraph that mentions a date.
MAX_DATELINE_CHARS = 120
_SEGMENT_SEP = re.compile(r"\s*[|\u00b7\u2022\u25cf\n]\s*")
#: A paragraph of this many words is running text: the article's head ends there.
MIN_RUNNING_WORDS = 12
#: At most this many words of a label before the date ("First published on: ...").
MAX_LABEL_WORDS = 3
_LABEL_WORD = re.compile(r"^[^\W\d_][\w.'-]*:?\s+")
_COLON_LABEL = re.compile(r"^[^\W\d_][\w.'-]*(?: [^\W\d_][\w.'-]*){0,2}:\s*")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


@dataclass(frozen=True, slots=True)
class PageDate:
    """A page's publication date as written (None: none found) and where it came from."""

    value: str | None
    source: str = ""


def paragraphs(body: Any) -> list[str]:
    """The blocks of trafilatura's XML ``body``, each with its lines joined."""
    found: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        if text:
            found.append(text)
        buffer.clear()

    def walk(element: Any) -> None:
        inline = element.tag in INLINE_TAGS
        if not inline:
            flush()
        buffer.append(" " if element.tag == "lb" else "")
        buffer.append(element.text or "")
        for child in element:
            walk(child)
            buffer.append(child.tail or "")
        if not inline:
            flush()

    walk(body)
    return found


def article_part(tree: Any) -> Any:
    """The part of the page that is the article: ``<article>``, ``<main>`` or the page
    without its chrome (a copy; ``tree`` is left as it is)."""
    for path in ("//article", "//main"):
        for element in tree.xpath(path):
            if " ".join(element.text_content().split()):
                return element
    page = deepcopy(tree)
    for element in page.xpath(PAGE_CHROME):
        element.drop_tree()
    return page


def page_date(tree: Any, url: str, languages: Sequence[str]) -> PageDate:
    """The publication date of the page ``tree`` (see the module docstring)."""
    from htmldate import find_date

    part = article_part(tree)
    found = dateline(part, languages)
    if found:
        return PageDate(found, "dateline")
    head = tree.find("head")
    meta = _blank()
    if head is not None:
        meta.replace(meta.find("head"), deepcopy(head))
    for script in tree.xpath("//script[@type='application/ld+json']"):
        meta.find("body").append(deepcopy(script))
    for source, document, address in (("metadata", meta, ""), ("url", _blank(), url),
                                      ("text", _isolated(part), "")):
        value = find_date(document, url=address, **DATE_SEARCH)
        if value:
            return PageDate(value, source)
    return PageDate(None)


def dateline(part: Any, languages: Sequence[str]) -> str | None:
    """The first date line of the article part's head (before its first paragraph of
    running text), as an ISO date, or None."""
    for element in part.iter():
        if not isinstance(element.tag, str):
            continue
        stamp = element.get("datetime") if element.tag == "time" else None
        if stamp and (day := _as_date(stamp, languages)) is not None:
            return day.isoformat()
        text = " ".join(element.text_content().split())
        if element.tag == "p" and text.count(" ") + 1 >= MIN_RUNNING_WORDS:
            return None  # the running text begins: a date in it dates something else
        if len(text) > MAX_DATELINE_CHARS:
            continue
        for day in filter(None, (_as_date(segment, languages) for segment in _segments(text))):
            return day.isoformat()
    return None


def text_dateline(paragraphs_: Sequence[str], languages: Sequence[str],
                  head: int = 5) -> str | None:
    """The date line among the first ``head`` paragraphs of a plain-text article: a line
    that is a complete date, alone or after a label and a colon ("Written: 2023-11-07";
    a plain text has no markup to tell its head from a sentence that names a date)."""
    for paragraph in paragraphs_[:head]:
        for line in paragraph.split("\n"):
            line = " ".join(line.split())
            if len(line) > MAX_DATELINE_CHARS:
                continue
            for segment in _SEGMENT_SEP.split(line):
                segment = _COLON_LABEL.sub("", segment, count=1)
                if (day := _as_date(segment, languages)) is not None:
                    return day.isoformat()
    return None


def _segments(text: str) -> Iterator[str]:
    """The parts of a short line between separators that hold a year, each as it is and
    then without one, two or three leading words (a label: "Written:", "Published on")."""
    for segment in _SEGMENT_SEP.split(text):
        if not _YEAR.search(segment):
            continue
        yield segment
        for _ in range(MAX_LABEL_WORDS):
            label = _LABEL_WORD.match(segment)
            if label is None:
                break
            segment = segment[label.end():]
            yield segment


def _as_date(text: str, languages: Sequence[str]) -> date | None:
    if not _YEAR.search(text) or text.isdigit():
        return None
    try:
        return parse_published(text, languages)
    except TimelineError:
        return None


def _blank() -> Any:
    return lxml_html.fromstring("<html><head></head><body></body></html>")


def _isolated(part: Any) -> Any:
    """A page holding only ``part`` (htmldate reads a whole document)."""
    page = _blank()
    page.find("body").append(deepcopy(part))
    return page
