"""Low-level ingest helpers: reading bytes, decoding text, front matter, dates, titles.

Every problem is raised as :class:`~timeline.errors.TimelineError` with a one-line
message that says how to fix it; the caller adds the file name (``path=``).

Decoding bytes into text (and repairing mojibake) is :mod:`timeline.ingest.encoding`;
its functions are importable from here too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from timeline.errors import TimelineError
from timeline.ingest.dateparse import parse_absolute_date
from timeline.ingest.encoding import check_not_binary, decode_text, repair_text
from timeline.langdata import load_json

__all__ = ["DATE_SOURCES", "EMPTY_TEXT", "Draft", "RowProblem", "check_not_binary",
           "decode_text", "failure", "is_empty_text", "parse_iso_date", "parse_published",
           "read_bytes", "repair_text", "shorten", "skipped_empty", "split_front_matter",
           "title_from_text"]

MAX_TITLE_CHARS = 120
_log = logging.getLogger(__name__)
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*)$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$")
_SEPT = re.compile(r"\bSept\b\.?", re.IGNORECASE)
_ABBREV_DOT = re.compile(r"\b(?P<abbr>[A-Za-z]{3})\.")
_ORDINAL = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)

# Written date forms accepted in metadata, tried in order with datetime.strptime
# (C locale, so English month and weekday names). Numeric day/month orders other
# than ISO are ambiguous (09/10/2022) and deliberately not accepted.
_WRITTEN_FORMATS = (
    "%B %d, %Y",
    "%B %d %Y",
    "%d %B %Y",
    "%d %B, %Y",
    "%b %d, %Y",
    "%b %d %Y",
    "%d %b %Y",
    "%d %b, %Y",
    "%A, %B %d, %Y",
    "%A, %d %B %Y",
    "%a, %b %d, %Y",
    "%a, %d %b %Y",
    "%Y/%m/%d",
)

FRONT_MATTER_KEYS = {
    "title": "title",
    "published": "published",
    "date": "published",
    "source": "source",
    "url": "url",
    "lang": "lang",
    "language": "lang",
}


#: Where an article's publication date came from (``Article.published_from``):
#: ``option`` (--pub-date), ``metadata`` (front matter, a web page's head), ``dateline``
#: (the article's own date line: "Written: 2023-11-07"), ``url`` (the page's address),
#: ``text`` (a date elsewhere in the article part of a page), ``collection`` (a
#: collection record's ``published`` field).
DATE_SOURCES: tuple[str, ...] = ("option", "metadata", "dateline", "url", "text", "collection")


@dataclass(slots=True)
class Draft:
    """An article's raw fields before its publication date is resolved."""

    doc_id: str
    text: str
    title: str = ""
    published: str | date | None = None
    source: str = ""
    url: str = ""
    lang: str = ""  # from the article's metadata; "" when it says nothing
    where: str = ""  # "line 3" / "row 2" inside a collection; "" for a whole file
    published_from: str = ""  # where ``published`` came from: one of DATE_SOURCES


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row of a collection that gives no article: where it is and a one-line reason
    with the fix. ``empty`` marks a row whose text is empty: not corrupt input, so it
    is skipped with a warning even without ``--keep-going`` (see :func:`is_empty_text`)."""

    where: str
    reason: str
    empty: bool = False


#: The reason given for a record whose text is empty (skipped, never an error).
EMPTY_TEXT = "empty article text; fill in its 'text' or remove the record"


def is_empty_text(value: object) -> bool:
    """Whether a record's text field holds no text at all: null, '' or only whitespace.
    Such a record is skipped with a warning by every reader of records (``timeline
    build``'s collections and ``timeline tag``'s documents alike)."""
    return value is None or (isinstance(value, str) and not value.strip())


def skipped_empty(record: dict[str, object], label: str, where: str) -> bool:
    """Whether ``record`` holds a ``text`` field with no text; if so, a warning
    ('skipped <label> <where>: empty article text, ...') is logged."""
    if "text" not in record or not is_empty_text(record["text"]):
        return False
    _log.warning("skipped %s %s: %s", label, where, EMPTY_TEXT)
    return True


def failure(err: BaseException) -> str:
    """An unexpected exception as a short reason: ``'ValueError: year -26 is out of range'``."""
    text = " ".join(str(err).split())[:200]
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a TimelineError naming what went wrong."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise TimelineError("no such file or folder; check the path", str(path)) from None
    except PermissionError:
        raise TimelineError(
            "cannot read this file (permission denied); check its permissions", str(path)
        ) from None
    except IsADirectoryError:
        raise TimelineError("is a folder, not a file; check the path", str(path)) from None
    except OSError as err:
        reason = err.strerror or type(err).__name__
        message = f"cannot read this file ({reason}); check the path"
        raise TimelineError(message, str(path)) from None


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split ``---`` front matter from the body: (recognised fields, body).

    The block must start on the first line and end with a ``---`` (or ``...``) line.
    Lines are ``key: value``; values may be quoted. Indented lines, list items and
    ``#`` comments are ignored (they belong to keys this tool does not use), as are
    unknown keys. The body is returned with surrounding blank lines removed.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text.strip()
    for end in range(1, len(lines)):
        if _FENCE.match(lines[end]):
            break
    else:
        raise TimelineError(
            "front matter opened with '---' on line 1 is never closed; add a closing '---' line"
        )
    fields: dict[str, str] = {}
    for number in range(1, end):
        line = lines[number]
        if not line.strip() or line[0] in " \t-#":
            continue
        match = _KEY_VALUE.match(line)
        if match is None:
            raise TimelineError(
                f"front matter line {number + 1} is not 'key: value'; fix or remove that line"
            )
        key = FRONT_MATTER_KEYS.get(match["key"].lower())
        if key is not None:
            fields[key] = _unquote(match["value"].strip())
    body = "\n".join(lines[end + 1 :]).strip()
    return fields, body


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def title_from_text(text: str) -> str:
    """The first non-empty line, without Markdown heading marks, shortened if long."""
    for line in text.split("\n"):
        cleaned = _HEADING.sub("", line).strip()
        if cleaned:
            return shorten(cleaned)
    return ""


def shorten(title: str, limit: int = MAX_TITLE_CHARS) -> str:
    """Cut a title at a word boundary so it is at most ``limit`` characters."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–")
    return cut + "…"


def parse_iso_date(text: str, what: str = "--pub-date") -> date:
    """'2022-09-15' -> date; anything else -> one-line TimelineError naming ``what``."""
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise TimelineError(f"{what} {text!r} is not a date; write it as YYYY-MM-DD, "
                            "e.g. 2022-09-15") from None


def parse_published(value: str | date, languages: Sequence[str] = ("en",)) -> date:
    """A publication date from metadata, parsed strictly.

    Accepts ``YYYY-MM-DD``, ISO 8601 datetimes (the date as written, not converted to
    UTC: a story stamped 23:30-04:00 was published that local day), RFC 2822 dates
    (``Thu, 15 Sep 2022 10:00:00 +0000``) and written English forms such as
    ``September 15, 2022`` or ``15 Sept. 2022``; then, through dateparser, any complete
    absolute date written in the article's language (``15 septembre 2022`` in French).
    An all-numeric date is read only in the order its language's ``numeric_date_order``
    gives with that separator (German ``12.03.2011``, at most a clock time after it:
    ``12.03.2011, 14:35``); relative words and ambiguous all-numeric forms (09/10/2022 on
    an English page) are errors.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = " ".join(str(value).split())
    parsed = (_parse_iso(raw) or _parse_rfc2822(raw) or _parse_written(raw)
              or _parse_numeric(raw, languages) or parse_absolute_date(raw, languages))
    if parsed is None:
        raise TimelineError(
            f"published value {raw!r} is not a date; write it as YYYY-MM-DD (e.g. 2022-09-15) "
            "or pass --pub-date YYYY-MM-DD"
        )
    return parsed


def _parse_iso(raw: str) -> date | None:
    for parser in (date.fromisoformat, datetime.fromisoformat):
        try:
            result = parser(raw)
        except ValueError:
            continue
        return result.date() if isinstance(result, datetime) else result
    return None


def _parse_rfc2822(raw: str) -> date | None:
    if not re.search(r"\d{1,2}:\d{2}", raw):
        return None
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        return None


def _parse_written(raw: str) -> date | None:
    cleaned = _SEPT.sub("Sep", raw)
    cleaned = _ABBREV_DOT.sub(lambda m: m["abbr"], cleaned)
    cleaned = _ORDINAL.sub(lambda m: m["day"], cleaned)
    for fmt in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None



# day, month and year in digits, then at most a clock time and one word after it
_NUMERIC = re.compile(r"(?P<a>\d{1,4})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})"
                      r"(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*[^\W\d_]+\.?)?)?")


def _parse_numeric(raw: str, languages: Sequence[str]) -> date | None:
    """An all-numeric date in the order (``DMY``, ``MDY``, ``YMD``) and separator a
    language declares in ``numeric_date_order`` (e.g. ``DMY.``); None for any other."""
    m = _NUMERIC.fullmatch(raw)
    if m is None:
        return None
    for lang in languages:
        order = str(load_json(lang, "lexicon.json").get("numeric_date_order", ""))
        if len(order) != 4 or order[3] != m["sep"]:
            continue
        parts = dict(zip(order[:3], (m["a"], m["b"], m["c"]), strict=True))
        if len(parts["Y"]) != 4:
            continue
        try:
            return date(int(parts["Y"]), int(parts["M"]), int(parts["D"]))
        except ValueError:
            continue
    return None
