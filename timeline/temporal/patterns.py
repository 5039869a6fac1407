"""A language's core patterns file (``data/<lang>/patterns.tsv``): its lines parsed,
checked and compiled into :class:`CorePattern` s.

A line is ``TYPE<tab>name<tab>template<tab>regex``: the TIMEX3 type, a name for people
(the code never tests it), the template that says what the match produces (a key of
:data:`TEMPLATES`) and the regex, whose ``%name%`` placeholders are filled from the
lexicon. ``#!example:`` lines above a pattern are text it matches (tested); ``#!flags:``
lines above it name the context checks its matches need (keys of :data:`FLAGS`).
Errors name the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from timeline.errors import TimelineError

PATTERN_TYPES = ("DATE", "TIME", "DURATION", "SET")
_PLACEHOLDER = re.compile(r"%(?P<name>[a-z_]+)%")

_SAMPLE = (
    "On Thursday, 15 September 2022 at 10 a.m. the two leaders met, two days after the "
    "summit of early February; every year since the 1990s, in recent months, 14:30 GMT."
)


# What a pattern's match produces (the third column of patterns.tsv); the interpreter
# dispatches on these, so a language names its patterns as it likes.
TEMPLATES: dict[str, str] = {
    "date": "calendar fields: year, month (name or number), day, weekday, relative year, "
            "part of the day, clock time",
    "clock": "a clock time: hour, minute, am/pm, noon words, a part of the day for am/pm",
    "decade": "a decade: 199(0s), a two-digit one ('90s) or a decade word",
    "century": "a century: an ordinal (the 19th century) or hundreds (the 1800s)",
    "year_part": "a part of a year: quarter, half, season, fiscal year, with its year",
    "offset": "a count of units from the reference, with a direction (two days later); "
              "no count: a vague past or future (years ago)",
    "earlier_period": "the same period one unit back, by default a year (a year earlier, "
                      "the year-ago quarter, last year's quarter)",
    "told_day": "the day the text is telling (earlier in the day)",
    "year_period": "a named year's period under discussion (the 1988 quarter)",
    "definite_unit": "the unit in question (the quarter, the year)",
    "relative_unit": "last/this/next unit or part of the day (next week, the following day)",
    "duration": "a counted duration (three hours, day-long)",
    "vague_duration": "a duration of unknown count (years)",
    "set": "a recurrence (every Thursday, twice a year, annually)",
    "deictic": "a lexicon deictic word (today, tonight)",
    "holiday": "a lexicon holiday (Christmas), with its year or week",
    "era": "a year with an era (241 BC, AD 79)",
    "year_end": "the end of the current year",
    "vague": "a lexicon vague reference (recently, now)",
}
_EXAMPLE_LINE = "#!example:"
_FLAGS_LINE = "#!flags:"

# What a "#!flags:" line above a pattern may say: which context checks its matches need
# (the recognizer tests these flags, never a pattern's name).
FLAGS: dict[str, str] = {
    "title_prone": "capitalised, it may be a programme or film title ('This Week')",
    "year_number": "a bare number read as a year unless it counts something ('2021 people')",
    "season_context": "a bare season needs a word of season_context_before",
    "era_capitals": "the era is written in capitals ('241 BC')",
    "ordinal_context": "a spelt-out ordinal day needs a word of ordinal_day_context_before",
    "pod_context": "a part of the day needs a word of part_of_day_context_before",
    "after_part": "a part of the day needs a part-of-period word before it ('mid-afternoon')",
    "uncased": "its weekday may be written small (German 'montags', on Mondays)",
}


@dataclass(frozen=True)
class CorePattern:
    type: str
    name: str
    source: str  # the regex, placeholders filled
    template: str  # a key of TEMPLATES: what the match produces
    examples: tuple[str, ...] = ()  # '#!example:' lines: text the pattern matches
    flags: frozenset[str] = frozenset()  # '#!flags:' lines: keys of FLAGS

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled regex (compiled when first used, once per process)."""
        return compiled(self.source)


@cache
def compiled(source: str) -> re.Pattern[str]:
    """``re.compile`` without the bound of ``re``'s own cache, which a language's patterns
    and dispatch alternations could fill."""
    return re.compile(source)



def _expand(template: str, fills: dict[str, str], where: str) -> str:
    def fill(m: re.Match[str]) -> str:
        if m["name"] not in fills:
            raise TimelineError(f"unknown placeholder %{m['name']}%", where)
        return fills[m["name"]]

    return _PLACEHOLDER.sub(fill, template)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        regex = compiled(pattern)
    except re.error as exc:
        raise TimelineError(f"pattern does not compile: {exc}", where) from None
    sample = _SAMPLE.lower()
    if regex.fullmatch("") or any(m.start() == m.end() for m in regex.finditer(sample)):
        raise TimelineError("pattern can match the empty string", where)
    return regex


def _flags(line: str, where: str) -> set[str]:
    flags = set(line[len(_FLAGS_LINE):].split())
    if unknown := sorted(flags - FLAGS.keys()):
        raise TimelineError(f"unknown flag '{unknown[0]}' (known: {', '.join(FLAGS)})", where)
    return flags


def _pattern_line(line: str, fills: dict[str, str], where: str, check: bool
                  ) -> tuple[str, str, str, str]:
    """(type, name, template, regex) of one ``TYPE<tab>name<tab>template<tab>regex`` line;
    ``check``: the regex must compile and never match the empty string."""
    fields = line.split("\t")
    if len(fields) != 4 or fields[0] not in PATTERN_TYPES:
        raise TimelineError("expected TYPE<tab>name<tab>template<tab>regex with a TIMEX3 "
                            "type", where)
    typ, name, template, body = fields
    if template not in TEMPLATES:
        raise TimelineError(f"unknown template '{template}' for pattern '{name}' "
                            f"(known: {', '.join(TEMPLATES)})", where)
    regex = _expand(body, fills, where)
    if check:
        _compile(regex, where)
    return typ, name, template, regex


def parse_patterns(text: str, fills: dict[str, str], path: str, check: bool = True
                   ) -> list[CorePattern]:
    """``TYPE<tab>name<tab>template<tab>regex`` lines, each after its ``#!example:`` lines
    and any ``#!flags:`` lines (keys of FLAGS). ``check=False`` skips compiling the
    regexes, for a file whose very content passed the check before (see
    :mod:`timeline.temporal.loadcache`)."""
    out: list[CorePattern] = []
    examples: list[str] = []
    flags: set[str] = set()
    for lineno, line in enumerate(text.splitlines(), 1):
        where = f"{path}:{lineno}"
        if line.startswith(_EXAMPLE_LINE):
            examples.append(line[len(_EXAMPLE_LINE):].strip())
        elif line.startswith(_FLAGS_LINE):
            flags |= _flags(line, where)
        if not line.strip() or line.startswith("#"):
            continue
        typ, name, template, regex = _pattern_line(line, fills, where, check)
        out.append(CorePattern(typ, name, regex, template, tuple(examples), frozenset(flags)))
        examples, flags = [], set()
    if examples or flags:
        raise TimelineError(f"{'example' if examples else 'flags'} lines after the last pattern",
                            path)
    return out
