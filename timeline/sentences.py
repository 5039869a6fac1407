"""Sentence segmentation that survives news text: the one splitter of the project.

``split_sentences(text, lang="en")`` returns :class:`Sentence` objects whose ``start``/``end`` are
offsets into ``text`` (``text[s.start:s.end] == s.text``; surrounding whitespace is not
part of any sentence). Every sentence has a ``kind``:

- ``"boilerplate"``: lines such as "Top jobs of the day", "(Photo: via REUTERS)",
  "Read here: ...", "More: ..." (patterns in ``data/<lang>/events_segmentation.json``).
  A line that *starts* with a boilerplate prefix is boilerplate to its end.
- ``"heading"``: a short line (<= 25 words) without final punctuation: titles,
  cross-heads, photo captions, and datelines ("SAMARKAND, Uzbekistan (AP) -",
  "Berlin, Beijing, Riga, Samarkand Only a few...") which are cut off the sentence
  they open.
- ``"body"``: everything else.

How text is cut:

1. Paragraphs are separated by blank lines. Inside a paragraph, physical lines are
   joined (hard-wrapped text) unless a line is short, has no final punctuation, does
   not end in a word such as "and"/"the"/"President", is not continued by a lower-case
   line, follows a finished line, and is not a wrapped line (one of >= 70% of the
   paragraph's longest line when that is >= 60 characters): such a line stands alone
   (a heading inside a paragraph).
2. A joined line is cut after ``.``, ``!``, ``?`` or ``...`` (plus closing quotes or
   brackets) followed by whitespace and an upper-case letter, digit or opening quote,
   except after titles ("Mr.", "Gen."; never a cut), a month abbreviation before a number
   ("Feb. 24"), and abbreviations, dotted acronyms and initials ("Inc.", "U.S.",
   "John F. Kennedy"), which end a sentence only before a common sentence starter
   ("... in the U.S. The talks ..."), and a number before a word of
   ``ordinal_before`` (a German ordinal date: "am 3. März").

Every word list (titles, months, abbreviations, sentence starters, line continuers,
boilerplate) is the language's ``events_segmentation.json``, read through
:func:`timeline.langdata.load_json`. The module imports nothing of the stages, so the
temporal stage, the event stage and the evaluation may all use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from timeline.langdata import load_json

KINDS = ("body", "heading", "boilerplate")
MAX_HEADING_WORDS = 25
MAX_INLINE_HEADING_WORDS = 15
INLINE_HEADING_RATIO = 0.7
WRAPPED_LINE_CHARS = 60

SEGMENTATION_FILE = "events_segmentation.json"
UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"  # ASCII and Latin-1 capitals
_BLOCK_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_TERMINAL_RE = re.compile(r"[.!?:;\u2026][\"'\u201d\u2019)\]]*\s*$")
_BOUNDARY_RE = re.compile(
    r"(?P<stop>\.{3}|[.!?]+|\u2026)(?P<close>[\"'\u201d\u2019)\]]*)\s+"
    rf"(?=(?P<next>[\"'\u201c\u2018(\[]?[{UPPER}0-9]))"
)
_WORD_BEFORE_RE = re.compile(r"(?P<word>[\w.'\-]+)$")
_WORD_CHARS = "_.'-"  # what [\w.'\-] holds beside letters and digits
_NEXT_WORD_RE = re.compile(r"[\"'\u201c\u2018(\[]?(?P<word>[\w'.]+)")
_ACRONYM_RE = re.compile(r"^(?:[a-z]\.)+[a-z]$|^[a-z]$")
_DATELINE_RE = re.compile(
    r"(?P<dateline>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*(?:, [A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*)*)?"
    r"(?: \([\w .&/]+\))?\s*(?:[-\u2013\u2014_]{1,2}|:))\s+(?=\S)"
)
_PLACE_LIST_RE = re.compile(
    r"(?P<dateline>(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?, )+[A-Z][a-z]+) (?=[A-Z][a-z]* [a-z])"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or heading, or boilerplate line) of an article."""

    index: int
    start: int
    end: int
    text: str
    kind: str = "body"


@dataclass(frozen=True, slots=True)
class _Lexicon:
    titles: frozenset[str]
    months: frozenset[str]
    abbreviations: frozenset[str]
    starters: frozenset[str]
    continuers: frozenset[str]
    ordinal_before: frozenset[str]
    boilerplate_line: re.Pattern[str]
    boilerplate_prefix: re.Pattern[str]


@cache
def _lexicon(lang: str) -> _Lexicon:
    data = load_json(lang, SEGMENTATION_FILE)
    lines = "|".join(f"(?:{p})" for p in data["boilerplate_lines"])
    prefixes = "|".join(f"(?:{p})" for p in data["boilerplate_prefixes"])
    return _Lexicon(
        titles=frozenset(data["titles"]),
        months=frozenset(data["months"]),
        abbreviations=frozenset(data["abbreviations"]),
        starters=frozenset(data["sentence_starters"]),
        continuers=frozenset(data["line_continuers"]),
        ordinal_before=frozenset(data.get("ordinal_before", ())),
        boilerplate_line=re.compile(rf"(?:{lines})", re.IGNORECASE),
        boilerplate_prefix=re.compile(rf"\W*(?:{prefixes})", re.IGNORECASE),
    )


def is_boilerplate(text: str, lang: str = "en") -> bool:
    """Whether a line or sentence is publishing boilerplate rather than news."""
    return _boilerplate(text, _lexicon(lang))


def _boilerplate(text: str, lex: _Lexicon) -> bool:
    flat = " ".join(text.split())
    return bool(lex.boilerplate_line.fullmatch(flat) or lex.boilerplate_prefix.match(flat))


def _blocks(text: str) -> list[tuple[int, int]]:
    """[start, end) of the blank-line separated paragraphs (trimmed)."""
    spans, pos = [], 0
    for m in [*_BLOCK_RE.finditer(text), None]:
        cut = m.start() if m else len(text)
        chunk = text[pos:cut]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + len(chunk.rstrip())))
        pos = m.end() if m else len(text)
    return spans


def _physical_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


def _stands_alone(text: str, lines: list[tuple[int, int]], i: int, alone: list[bool],
                  lex: _Lexicon) -> bool:
    s, e = lines[i]
    line = text[s:e]
    if _TERMINAL_RE.search(line) or len(line.split()) > MAX_INLINE_HEADING_WORDS:
        return False
    longest = max(b - a for a, b in lines)
    wrapped = longest >= WRAPPED_LINE_CHARS and (e - s) >= INLINE_HEADING_RATIO * longest
    if len(lines) > 1 and (wrapped or line.split()[-1].lower() in lex.continuers):
        return False
    prev_done = i == 0 or alone[i - 1] or bool(_TERMINAL_RE.search(text[slice(*lines[i - 1])]))
    nxt_lower = i + 1 < len(lines) and text[lines[i + 1][0]].islower()
    return prev_done and not nxt_lower


def _logical_lines(text: str, start: int, end: int, lex: _Lexicon) -> list[tuple[int, int]]:
    """A paragraph's lines after joining hard-wrapped ones (each [start, end))."""
    lines = _physical_lines(text, start, end)
    alone: list[bool] = []
    for i in range(len(lines)):
        alone.append(_stands_alone(text, lines, i, alone, lex))
    out: list[tuple[int, int]] = []
    joining = False
    for (s, e), solo in zip(lines, alone, strict=True):
        if solo or not joining:
            out.append((s, e))
        else:
            out[-1] = (out[-1][0], e)
        joining = not solo
    return out


def _word_before(text: str, lo: int, end: int) -> str:
    """The run of word characters, dots, apostrophes and hyphens that ends at ``end``
    (or just before a newline there; not before ``lo``), '' if none: what
    ``_WORD_BEFORE_RE`` matches, found by one scan back instead of a search from every
    position."""
    stop = end - 1 if end > lo and text[end - 1] == "\n" else end
    i = stop
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in _WORD_CHARS):
        i -= 1
    return text[i:stop]


def _is_cut(text: str, m: re.Match[str], line_start: int, lex: _Lexicon) -> bool:
    """Whether a candidate boundary really ends a sentence (abbreviation checks)."""
    if m["stop"] != ".":
        return True
    before = _word_before(text, max(line_start, m.start() - 40), m.start())
    if not before:
        return True
    word = before.lower().rstrip(".")
    nxt = _NEXT_WORD_RE.match(text, m.end())
    next_word = nxt["word"].lower().rstrip(".") if nxt else ""
    if word in lex.titles:
        return False
    if word in lex.months and next_word[:1].isdigit():
        return False
    if word.isdigit() and next_word in lex.ordinal_before:
        return False
    if word in lex.abbreviations or word in lex.months or _ACRONYM_RE.match(word):
        return next_word in lex.starters
    return True


def _split_line(text: str, start: int, end: int, lex: _Lexicon) -> list[tuple[int, int]]:
    spans, pos = [], start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        if _is_cut(text, m, start, lex):
            cut = m.end("close")
            spans.append((pos, cut))
            pos = m.end()
    spans.append((pos, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _dateline(text: str, start: int, end: int) -> int:
    """Length of a dateline opening the paragraph at ``start`` (0 if none)."""
    for pattern in (_DATELINE_RE, _PLACE_LIST_RE):
        m = pattern.match(text, start, end)
        if m and m.end() < end:
            return m.end() - start
    return 0


def _kind(text: str, whole_line: bool, line_is_boilerplate: bool, lex: _Lexicon) -> str:
    if line_is_boilerplate or _boilerplate(text, lex):
        return "boilerplate"
    if whole_line and not _TERMINAL_RE.search(text) and len(text.split()) <= MAX_HEADING_WORDS:
        return "heading"
    return "body"


def _line_sentences(text: str, start: int, end: int, first_in_block: bool, lex: _Lexicon
                    ) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    line_bp = bool(lex.boilerplate_prefix.match(text, start, end))
    if first_in_block and not line_bp and (cut := _dateline(text, start, end)):
        head = text[start:start + cut].rstrip(" -\u2013\u2014_:")
        out.append((start, start + len(head), "heading"))
        start += cut
    pieces = _split_line(text, start, end, lex)
    for s, e in pieces:
        out.append((s, e, _kind(text[s:e], len(pieces) == 1, line_bp, lex)))
    return out


def split_sentences(text: str, lang: str = "en") -> list[Sentence]:
    """Cut an article into sentences, headings and boilerplate lines (see module doc),
    with the word lists of language ``lang``."""
    lex = _lexicon(lang)
    raw: list[tuple[int, int, str]] = []
    for b_start, b_end in _blocks(text):
        for n, (s, e) in enumerate(_logical_lines(text, b_start, b_end, lex)):
            raw.extend(_line_sentences(text, s, e, n == 0, lex))
    return [Sentence(i, s, e, text[s:e], kind) for i, (s, e, kind) in enumerate(raw)]
