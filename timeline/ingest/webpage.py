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
   there; what the reader sees beats a template's metadata field. A line whose label
   says the page was changed ("Updated: 8 November 2023", the language data's
   ``dateline_update_labels``) dates a change, not the publication: a later date line
   of the head without such a label ("Published: 7 November 2023") is taken instead;
   a page whose head has only a change's date line takes its metadata or address when
   that date is no later than the change, else the change's date line;
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
from functools import cache
from typing import Any

from lxml import html as lxml_html  # type: ignore[import-untyped]

from timeline.errors import TimelineError
from timeline.ingest.text import parse_published
from timeline.langdata import load_json

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
_LABEL_WORDS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class DateLine:
    """A date line of an article's head: its date and whether its label says the page
    was changed then ("Updated:"), not published."""

    day: date
    update: bool


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
    part = article_part(tree)
    lines = datelines(part, languages)
    published = publication_line(lines)
    if published is not None:
        return PageDate(published, "dateline")
    found = _page_metadata(tree, url, part, text=not lines)
    changed = lines[0].day.isoformat() if lines else None
    if changed is not None and (found.value is None or found.value >= changed):
        return PageDate(changed, "dateline")  # published no later than it was changed
    return found


def _page_metadata(tree: Any, url: str, part: Any, text: bool = True) -> PageDate:
    """The date htmldate finds in the page's head, its address or (``text``) its article
    part."""
    from htmldate import find_date

    head = tree.find("head")
    meta = _blank()
    if head is not None:
        meta.replace(meta.find("head"), deepcopy(head))
    for script in tree.xpath("//script[@type='application/ld+json']"):
        meta.find("body").append(deepcopy(script))
    sources = [("metadata", meta, ""), ("url", _blank(), url)]
    for source, document, address in sources + ([("text", _isolated(part), "")] if text else []):
        value = find_date(document, url=address, **DATE_SEARCH)
        if value:
            return PageDate(value, source)
    return PageDate(None)


def publication_line(lines: Sequence[DateLine]) -> str | None:
    """The first of ``lines`` that dates the publication, not a change, as an ISO date."""
    return next((line.day.isoformat() for line in lines if not line.update), None)


def datelines(part: Any, languages: Sequence[str]) -> list[DateLine]:
    """The date lines of the article part's head (before its first paragraph of running
    text): each element's first date, a ``<time datetime>`` or a short line's."""
    found: list[DateLine] = []
    for element in part.iter():
        if not isinstance(element.tag, str):
            continue
        stamp = element.get("datetime") if element.tag == "time" else None
        if stamp and (day := _as_date(stamp, languages)) is not None:
            found.append(DateLine(day, _is_update(_label_of_time(element), languages)))
            continue
        text = " ".join(element.text_content().split())
        if element.tag == "p" and text.count(" ") + 1 >= MIN_RUNNING_WORDS:
            break  # the running text begins: a date in it dates something else
        if len(text) > MAX_DATELINE_CHARS or element.xpath(".//time[@datetime]"):
            continue  # a long text, or one whose dates its <time> elements give
        found.extend(DateLine(day, _is_update(label, languages)) for label, day in (
            _first_date(segment, languages) for segment in _SEGMENT_SEP.split(text)) if day)
    return found


def _first_date(segment: str, languages: Sequence[str]) -> tuple[str, date | None]:
    """The date of a line's segment and the label before it ("Updated:"), if any."""
    for label, rest in _labelled(segment):
        if (day := _as_date(rest, languages)) is not None:
            return label, day
    return "", None


def _label_of_time(element: Any) -> str:
    """The words that label a ``<time>``: its own text and the text right before it."""
    before, parent = element.getprevious(), element.getparent()
    if before is not None:
        lead = f"{before.text_content()} {before.tail or ''}"
    else:
        lead = (parent.text if parent is not None else "") or ""
    return f"{lead} {element.text or ''}"


@cache
def _update_labels(languages: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word for lang in languages
                     for word in load_json(lang, "lexicon.json").get("dateline_update_labels", ()))


def _is_update(label: str, languages: Sequence[str]) -> bool:
    """Does a date line's label say the page was changed ("Updated", "Aktualisiert")?"""
    return not _update_labels(tuple(languages)).isdisjoint(_LABEL_WORDS.findall(label.lower()))


def text_dateline(paragraphs_: Sequence[str], languages: Sequence[str],
                  head: int = 5) -> str | None:
    """The date line among the first ``head`` paragraphs of a plain-text article: a line
    that is a complete date, alone or after a label and a colon ("Written: 2023-11-07";
    a plain text has no markup to tell its head from a sentence that names a date). A
    change's date line ("Updated: ...") yields to a publication's, as on a web page."""
    lines: list[DateLine] = []
    for paragraph in paragraphs_[:head]:
        for line in paragraph.split("\n"):
            line = " ".join(line.split())
            if len(line) > MAX_DATELINE_CHARS:
                continue
            for segment in _SEGMENT_SEP.split(line):
                label = _COLON_LABEL.match(segment)
                rest = segment[label.end():] if label else segment
                if (day := _as_date(rest, languages)) is not None:
                    lines.append(DateLine(day, _is_update(label[0] if label else "",
                                                          languages)))
    published = publication_line(lines)
    return published or (lines[0].day.isoformat() if lines else None)


def _labelled(segment: str) -> Iterator[tuple[str, str]]:
    """A short line's segment that holds a year, as it is and then without one, two or
    three leading words (a label: "Written:", "Published on"), each with its label."""
    if not _YEAR.search(segment):
        return
    rest = segment
    yield "", rest
    for _ in range(MAX_LABEL_WORDS):
        label = _LABEL_WORD.match(rest)
        if label is None:
            break
        rest = rest[label.end():]
        yield segment[:len(segment) - len(rest)], rest


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
