"""Read gold TimeML files: TIMEX3 ``.tml`` (TimeBank, AQUAINT) and inline TIMEX2 (WikiWars).

Every document is flattened into one plain string with all tags removed and entities
unescaped; ``GoldDoc.text`` is the part inside ``<TEXT>`` and every gold offset is a Python
``str`` offset into it (``doc.text[t.start:t.end] == t.text``).

Well-formed files are parsed with :mod:`xml.etree`; a file that is not well-formed XML is
read by a tolerant tag tokenizer instead, which yields the same text and offsets.

- DCT: the TIMEX3 with ``functionInDocument="CREATION_TIME"`` before ``<TEXT>``; else a
  TIMEX2 or ``DATE_TIME`` element before ``<TEXT>`` (WikiWars keeps it in ``<DATETIME>``);
  else a ``YYYYMMDD`` date inside ``<DOCID>``.
- Gold timexes are the TIMEX3/TIMEX2 inside ``<TEXT>``; nested TIMEX2: the outermost only.
  TIMEX2 ``val`` is the value; TIMEX2 has no type, so it is inferred from the value
  (``set="YES"`` -> SET, ``P..`` -> DURATION, a time of day -> TIME, else DATE).
- TLINKs between an event instance and a time are kept, mapped from ``eiid`` to ``eid``
  and written event-first (``timeID``-first links get the inverse relation).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.errors import TimelineError
from timeline.timex3 import TimexValue

TIMEX_TAGS = ("TIMEX3", "TIMEX2")
_INVERSE = {
    "BEFORE": "AFTER", "AFTER": "BEFORE", "IBEFORE": "IAFTER", "IAFTER": "IBEFORE",
    "INCLUDES": "IS_INCLUDED", "IS_INCLUDED": "INCLUDES", "BEGINS": "BEGUN_BY",
    "BEGUN_BY": "BEGINS", "ENDS": "ENDED_BY", "ENDED_BY": "ENDS", "DURING": "DURING_INV",
    "DURING_INV": "DURING",
}
_TAG_RE = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<!DOCTYPE[^>]*>"
    r"|<(?P<close>/)?(?P<tag>[A-Za-z_][\w.:-]*)(?P<attrs>(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?)"
    r"(?P<empty>/)?>",
    re.S,
)
_ATTR_RE = re.compile(r"(?P<key>[\w.:-]+)\s*=\s*(?P<quote>[\"'])(?P<val>.*?)(?P=quote)", re.S)
_YMD_RE = re.compile(r"(?P<year>\d{4})-?(?P<month>\d{2})-?(?P<day>\d{2})")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""
    tid: str = ""


@dataclass(frozen=True, slots=True)
class GoldEvent:
    start: int
    end: int
    text: str
    eid: str
    event_class: str = ""


@dataclass(frozen=True, slots=True)
class GoldTlink:
    """An event-time link, event first: ``eid`` <rel_type> ``tid``."""

    lid: str
    eid: str
    tid: str
    rel_type: str


@dataclass(frozen=True, slots=True)
class GoldDoc:
    doc_id: str
    text: str
    dct: date
    timexes: tuple[GoldTimex, ...]
    events: tuple[GoldEvent, ...] = ()
    tlinks: tuple[GoldTlink, ...] = ()
    path: str = ""
    dct_tid: str = ""


@dataclass(frozen=True, slots=True)
class _Span:
    """One element of the flattened document: [start, end) in the flat text."""

    tag: str
    attrs: dict[str, str]
    start: int
    end: int
    timex_depth: int  # number of enclosing TIMEX elements


class _Flattener:
    """Accumulates text chunks and element spans in document order."""

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.length = 0
        self.spans: list[_Span] = []

    def add_text(self, text: str | None) -> None:
        if text:
            self.chunks.append(text)
            self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.chunks)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _flatten_xml(root: ET.Element) -> tuple[str, list[_Span]]:
    flat = _Flattener()

    def visit(elem: ET.Element, depth: int) -> None:
        tag, start = _local(elem.tag), flat.length
        inner = depth + (tag in TIMEX_TAGS)
        flat.add_text(elem.text)
        for child in elem:
            visit(child, inner)
            flat.add_text(child.tail)
        attrs = {_local(k): v for k, v in elem.attrib.items()}
        flat.spans.append(_Span(tag, attrs, start, flat.length, depth))

    visit(root, 0)
    return flat.text, sorted(flat.spans, key=lambda s: (s.start, -s.end, s.timex_depth))


def _flatten_markup(raw: str) -> tuple[str, list[_Span]]:
    """Tolerant reader for files that are not well-formed XML."""
    flat = _Flattener()
    stack: list[tuple[str, dict[str, str], int, int]] = []
    depth, pos = 0, 0
    for m in _TAG_RE.finditer(raw):
        flat.add_text(html.unescape(raw[pos : m.start()]))
        pos = m.end()
        if not m["tag"]:
            continue  # comment, processing instruction, doctype
        tag = m["tag"]
        if m["close"]:
            names = [entry[0] for entry in stack]
            if tag not in names:
                continue  # stray closing tag
            while stack:
                name, attrs, start, span_depth = stack.pop()
                depth -= name in TIMEX_TAGS
                flat.spans.append(_Span(name, attrs, start, flat.length, span_depth))
                if name == tag:
                    break
            continue
        attrs = {a["key"]: html.unescape(a["val"]) for a in _ATTR_RE.finditer(m["attrs"] or "")}
        if m["empty"]:
            flat.spans.append(_Span(tag, attrs, flat.length, flat.length, depth))
        else:
            stack.append((tag, attrs, flat.length, depth))
            depth += tag in TIMEX_TAGS
    flat.add_text(html.unescape(raw[pos:]))
    while stack:  # unclosed elements end at the end of the file
        name, attrs, start, span_depth = stack.pop()
        flat.spans.append(_Span(name, attrs, start, flat.length, span_depth))
    return flat.text, sorted(flat.spans, key=lambda s: (s.start, -s.end, s.timex_depth))


def _flatten(path: Path) -> tuple[str, list[_Span]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TimelineError(f"cannot read TimeML file ({exc.strerror}); check the path",
                            str(path)) from exc
    try:
        return _flatten_xml(ET.fromstring(data))
    except ET.ParseError:
        raw = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
        return _flatten_markup(raw)


def _date_in(value: str) -> date | None:
    m = _YMD_RE.search(value or "")
    if not m:
        return None
    try:
        return date(int(m["year"]), int(m["month"]), int(m["day"]))
    except ValueError:
        return None


def _find_dct(flat: str, header: list[_Span]) -> tuple[date | None, str]:
    """(DCT, its tid) from the elements before <TEXT>."""
    for span in header:
        if span.tag == "TIMEX3" and span.attrs.get("functionInDocument") == "CREATION_TIME":
            found = _date_in(span.attrs.get("value", "")) or _date_in(flat[span.start : span.end])
            if found:
                return found, span.attrs.get("tid", "")
    for span in header:
        if span.tag in ("TIMEX2", "DATE_TIME", "DATETIME", "DCT"):
            found = _date_in(span.attrs.get("val", "")) or _date_in(flat[span.start : span.end])
            if found:
                return found, span.attrs.get("tid", "")
    for span in header:
        if span.tag == "DOCID" and (found := _date_in(flat[span.start : span.end])):
            return found, ""
    return None, ""


def timex2_type(value: str, is_set: bool = False) -> str:
    """TIMEX3 type for a TIMEX2 value, which carries none."""
    if is_set:
        return "SET"
    parsed = TimexValue.parse(value)
    if parsed.kind == "duration":
        return "DURATION"
    return "TIME" if parsed.has_time else "DATE"


def _gold_timex(span: _Span, text: str, offset: int) -> GoldTimex:
    start, end = span.start - offset, span.end - offset
    attrs = span.attrs
    if span.tag == "TIMEX2":
        value = attrs.get("val", "")
        kind = timex2_type(value, attrs.get("set", "").upper() == "YES")
    else:
        value, kind = attrs.get("value", ""), attrs.get("type", "")
    return GoldTimex(start, end, text[start:end], kind, value, attrs.get("mod", ""),
                     attrs.get("tid", ""))


def _gold_tlinks(spans: list[_Span]) -> tuple[GoldTlink, ...]:
    eid_of = {s.attrs["eiid"]: s.attrs["eventID"] for s in spans
              if s.tag == "MAKEINSTANCE" and "eiid" in s.attrs and "eventID" in s.attrs}
    links: list[GoldTlink] = []
    for span in spans:
        if span.tag != "TLINK":
            continue
        attrs, rel = span.attrs, span.attrs.get("relType", "")
        if "eventInstanceID" in attrs and "relatedToTime" in attrs:
            eiid, tid = attrs["eventInstanceID"], attrs["relatedToTime"]
        elif "timeID" in attrs and "relatedToEventInstance" in attrs:
            eiid, tid = attrs["relatedToEventInstance"], attrs["timeID"]
            rel = _INVERSE.get(rel, rel)
        else:
            continue
        if eiid in eid_of:
            links.append(GoldTlink(attrs.get("lid", ""), eid_of[eiid], tid, rel))
    return tuple(links)


def read_timeml(path: Path) -> GoldDoc:
    """Read one TimeML (TIMEX3) or inline-TIMEX2 file into a :class:`GoldDoc`."""
    path = Path(path)
    flat, spans = _flatten(path)
    body = next((s for s in spans if s.tag == "TEXT"), None)
    header = [s for s in spans if body and s.end <= body.start and s.tag != "TEXT"]
    if body is None:  # HeidelTime's layout: the text right inside <TimeML>, DCT anywhere
        body = next((s for s in spans if s.tag == "TimeML"), None)
        header = [s for s in spans if s.attrs.get("functionInDocument") == "CREATION_TIME"]
    if body is None:
        raise TimelineError("no <TEXT> element: not a TimeML file; pass .tml files or "
                            "folders of them", str(path))
    dct, dct_tid = _find_dct(flat, header)
    if dct is None:
        raise TimelineError("no document creation time (CREATION_TIME TIMEX3 or DATETIME "
                            "TIMEX2) before <TEXT>; add one", str(path))
    text = flat[body.start : body.end]
    inside = [s for s in spans if body.start <= s.start and s.end <= body.end and s is not body]
    timexes = tuple(_gold_timex(s, text, body.start) for s in inside
                    if s.tag in TIMEX_TAGS and s.timex_depth == 0 and s not in header)
    events = tuple(GoldEvent(s.start - body.start, s.end - body.start,
                             flat[s.start : s.end], s.attrs.get("eid", ""),
                             s.attrs.get("class", ""))
                   for s in inside if s.tag == "EVENT")
    docid = next((s for s in header if s.tag == "DOCID"), None)
    doc_id = flat[docid.start : docid.end].strip() if docid else ""
    return GoldDoc(doc_id or path.name.split(".")[0], text, dct, timexes, events,
                   _gold_tlinks(spans), str(path), dct_tid)


def find_timeml_files(path: Path) -> list[Path]:
    """``path`` itself if it is a file, else every ``.tml``/``.xml`` below it, sorted."""
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise TimelineError("no such file or folder; pass TimeML files or folders", str(path))
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".tml", ".xml"))
