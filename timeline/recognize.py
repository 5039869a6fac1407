"""Pass 1a: find temporal expressions in text (spans + the words that matched).

The core patterns (``data/<lang>/patterns.tsv``) run as one gated regex over the
ASCII-lower-cased text. Each match is then validated against the original casing and its
context (``may`` the verb, ``March`` the walk, ``2,000 people``), and extended to the left
with part-of-period and approximation words (``early``, ``the end of``, ``around``).
What comes out is a :class:`Mention`: a span and its matched groups, not yet a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.lang import Language, load_language, lower_ascii

_WORD_BEFORE = re.compile(r"(?P<word>[A-Za-z'’]+)[\s,]*$")
_YEAR_CONTEXT_BEFORE = frozenset(
    "in since until by from of to before after during early late mid fiscal year the and or "
    "between through around about circa spring summer autumn fall winter season end beginning "
    "start middle half quarter than throughout till til 's as s".split()
)
_MONTH_CONTEXT_BEFORE = frozenset(
    "in since until by from of to before after during early late mid last next this through "
    "till til and or between end beginning start middle throughout around about since".split()
)
_PLURAL_UNIT_BEFORE = frozenset(
    "for over in within after took spent lasted last lasting lasts than take takes taking "
    "recent past few coming".split()
)
_PART_PREFIX = re.compile(
    r"(?P<part>(?:the\s+)?(?:very\s+)?(?:early|mid|late|beginning\s+of|start\s+of|middle\s+of|end\s+of"
    r"|close\s+of|turn\s+of|dawn\s+of|midst\s+of)(?:\s+in)?)[\s-]*$"
)
_APPROX_PREFIX = re.compile(
    r"(?P<approx>about|around|approximately|roughly|circa|ca\.|some|nearly|almost|less\s+than"
    r"|under|more\s+than|over|at\s+least|at\s+most|no\s+more\s+than|up\s+to|just\s+over"
    r"|just\s+under|well\s+over)\s+$"
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A recognised span: which core pattern matched, with which groups (lower-cased)."""

    start: int
    end: int
    type: str
    pattern: str
    groups: tuple[tuple[str, str], ...]
    part: str = ""      # part-of-period words before it ("early", "the end of")
    approx: str = ""    # approximation words before it ("about", "more than")

    def group(self, name: str) -> str:
        for key, value in self.groups:
            if key == name:
                return value
        return ""


def _word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, pos - 30), pos)
    return m["word"].lower() if m else ""


def _is_capitalised(orig: str, word_start: int) -> bool:
    return orig[word_start : word_start + 1].isupper()


def _month_ok(lang: Language, orig: str, m: Mention) -> bool:
    """A bare month name needs a capital letter; 'May'/'March' alone need context too."""
    word = m.group("month").rstrip(".")
    pos = orig.lower().find(word, m.start, m.end)
    if pos < 0 or not _is_capitalised(orig, pos):
        return False
    if m.pattern != "month":
        return True
    if word in lang.lex["ambiguous_abbreviations"] or word == "march":
        return _word_before(orig, m.start) in _MONTH_CONTEXT_BEFORE
    return True


def _weekday_ok(lang: Language, orig: str, m: Mention) -> bool:
    word = m.group("weekday").rstrip(".")
    pos = orig.lower().find(word, m.start, m.end)
    if pos < 0 or not _is_capitalised(orig, pos):
        return False
    bare = m.pattern in ("weekday", "every_weekday", "rel_weekday")
    return not (bare and word in lang.lex["ambiguous_abbreviations"])


def _year_ok(orig: str, m: Mention) -> bool:
    after = orig[m.end : m.end + 2]
    if after[:1] in (",", ".", ";", ":", ")", "'", "’", "-") or after.startswith(" -"):
        return True
    return _word_before(orig, m.start) in _YEAR_CONTEXT_BEFORE or m.end == len(orig)


def _duration_ok(orig: str, m: Mention) -> bool:
    unit, num = m.group("unit"), m.group("num")
    if unit.startswith("second") and num in ("a", "an", "one", "") and not m.group("rel"):
        return False
    if m.pattern == "plural_unit":
        return _word_before(orig, m.start) in _PLURAL_UNIT_BEFORE
    if unit in ("season", "seasons") and not num[:1].isdigit():
        return False
    return True


def _valid(lang: Language, orig: str, m: Mention) -> bool:
    if m.group("month") and not _month_ok(lang, orig, m):
        return False
    if m.group("weekday") and not _weekday_ok(lang, orig, m):
        return False
    if m.pattern == "year":
        return _year_ok(orig, m)
    if m.type == "DURATION":
        return _duration_ok(orig, m)
    return True


def _extend_left(low: str, m: Mention) -> Mention:
    """Attach 'early', 'the end of', 'mid-' (DATE/TIME) or 'about', 'more than' before it."""
    window = low[max(0, m.start - 24) : m.start]
    if m.type in ("DATE", "TIME") and (p := _PART_PREFIX.search(window)):
        start = m.start - (len(window) - p.start())
        return Mention(start, m.end, m.type, m.pattern, m.groups, p["part"], m.approx)
    if a := _APPROX_PREFIX.search(window):
        start = m.start - (len(window) - a.start())
        return Mention(start, m.end, m.type, m.pattern, m.groups, m.part, a["approx"])
    return m


def find_mentions(text: str, lang: str | Language = "en") -> list[Mention]:
    """All temporal expressions in ``text``, left to right, not overlapping."""
    language = lang if isinstance(lang, Language) else load_language(lang)
    low = lower_ascii(text)
    names = [p.name for p in language.patterns]
    types = [p.type for p in language.patterns]
    out: list[Mention] = []
    for match in language.master.finditer(low):
        branch = int(match.lastgroup[1:])  # type: ignore[index]
        groups = tuple((g, match.group(i)) for g, i in language.branch_groups[branch]
                       if match.group(i) is not None)
        mention = Mention(match.start(), match.end(), types[branch], names[branch], groups)
        if _valid(language, text, mention):
            mention = _extend_left(low, mention)
            if not out or mention.start >= out[-1].end:
                out.append(mention)
    return out
