"""Language data: word lists and core patterns per language, loaded and validated once.

A language is a folder ``timeline/data/<lang>/`` holding ``lexicon.json`` (words and what
they mean) and ``patterns.tsv`` (core regexes with ``%name%`` placeholders filled from the
lexicon). Adding a language means adding such a folder; the code is shared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from timeline.errors import TimelineError
from timeline.langdata import available_languages, data_file, language_dir, load_json, schema
from timeline.temporal.firstchars import dispatch_keys

PATTERN_TYPES = ("DATE", "TIME", "DURATION", "SET")
_PLACEHOLDER = re.compile(r"%(?P<name>[a-z_]+)%")
_STARTERS_LINE = "#!starters:"
_FOLLOW_LINE = "#!follow:"
_STRONG_LINE = "#!strong:"
_STRONG_TABLES = ("months", "weekdays", "deictics", "vague", "set_words", "holidays",
                  "decade_words")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Lexicon tables whose entries can begin a temporal expression (their first words gate matching).
_STARTER_TABLES = ("months", "weekdays", "numbers", "vague_numbers", "ordinals", "units",
                   "quarters", "relatives", "deictics", "vague", "set_words", "holidays",
                   "seasons", "parts_of_day")


def lower_ascii(text: str) -> str:
    """Lower-case A-Z only, so offsets in the result equal offsets in ``text``."""
    return text.translate(_ASCII_LOWER)
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
REFERENCE_LANGUAGE = "en"  # a pattern line without a template takes the template of this
#                            language's pattern of the same name
_EXAMPLE_LINE = "#!example:"


@dataclass(frozen=True)
class CorePattern:
    type: str
    name: str
    regex: re.Pattern[str]
    template: str  # a key of TEMPLATES: what the match produces
    examples: tuple[str, ...] = ()  # '#!example:' lines: text the pattern matches


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: loaded once per code
class Language:
    code: str
    lex: dict[str, Any]
    patterns: tuple[CorePattern, ...]
    gate: re.Pattern[str]  # zero-width: where a temporal expression may begin
    part_prefix: re.Pattern[str]  # "early", "the end of", "mid-" right before an expression
    approx_prefix: re.Pattern[str]  # "about", "more than" right before an expression
    relation_before: re.Pattern[str]  # "since", "until", "after the war in" before one
    range_join: re.Pattern[str]  # what may stand between the two ends of a range
    comparison_before: re.Pattern[str]  # "compared with $3 million" before an expression
    dispatch: dict[str, re.Pattern[str]]  # first char -> alternation of the patterns that
    #                                        can begin with it; groups renamed p<i>__<group>

    def word(self, table: str, text: str) -> Any:
        """Look a matched word up in a lexicon table (case- and space-insensitive)."""
        key = " ".join(text.lower().replace("’", "'").split()).rstrip(".")
        table_ = self.lex[table]
        return table_.get(key, table_.get(key + "."))


def _alternation(words: list[str], abbrev_dot: bool = False) -> str:
    if not words:  # a table a language leaves out: never matches
        return "(?!)"
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        esc = re.escape(word).replace(r"\ ", r"\s+").replace("'", "['’]")
        if abbrev_dot and len(word) <= 4:
            esc += r"\.?"
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"


def _number_alternation(lex: dict[str, Any]) -> str:
    tens = [w for w, v in lex["numbers"].items() if isinstance(v, int) and 20 <= v < 100]
    units = [w for w, v in lex["numbers"].items() if isinstance(v, int) and 1 <= v < 10
             and w not in ("a", "an")]
    compound = f"{_alternation(tens)}(?:[\\s-]+{_alternation(units)})?"
    times = _alternation(list(lex["number_multipliers"]))
    return f"(?:(?:{compound}|{_alternation(list(lex['numbers']))})(?:[\\s-]+{times})?)"


def _spoken_year(lex: dict[str, Any]) -> str:
    """'nineteen ninety-six', 'two thousand and one' (transcripts spell years out)."""
    nums = lex["numbers"]
    teens = _alternation([w for w, v in nums.items() if isinstance(v, int) and 10 <= v < 20
                          and " " not in w])
    tens = _alternation([w for w, v in nums.items() if isinstance(v, int) and 20 <= v < 100
                         and " " not in w])
    units = _alternation([w for w, v in nums.items() if isinstance(v, int) and 1 <= v < 10
                          and w.isalpha() and w not in ("a", "an")])
    head = _alternation(list(lex["spoken_years"]))
    hundred, conj = re.escape(lex["spoken_hundred"]), re.escape(lex["spoken_and"])
    tail = f"(?:{teens}|{tens}(?:[\\s-]+{units})?|{hundred})"
    millennia = _alternation(list(lex["spoken_millennia"]))
    return (f"(?:{head}[\\s-]+{tail}|{millennia}(?:\\s+{conj})?(?:[\\s-]+(?:{teens}|{units}))?)")


def _placeholders(lex: dict[str, Any]) -> dict[str, str]:
    return {
        "month": _alternation(list(lex["months"]), abbrev_dot=True),
        "weekday": _alternation(list(lex["weekdays"]), abbrev_dot=True),
        "daynum": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
        "year": r"(?:(?:1[0-9]|20)\d{2}|" + _spoken_year(lex) + ")",
        "ordinal": _alternation(list(lex["ordinals"])),
        "decadeword": _alternation(list(lex["decade_words"])),
        "number": _number_alternation(lex),
        "vaguenum": _alternation(lex["vague_numbers"]),
        "unit": _alternation(list(lex["units"])),
        "quarter_ord": _alternation(list(lex["quarters"])),
        "half": _alternation(list(lex["halves"])),
        "season": _alternation(list(lex["seasons"])),
        "deictic": _alternation(list(lex["deictics"])),
        "vague": _alternation(list(lex["vague"])),
        "setword": _alternation(list(lex["set_words"])),
        "holiday": _alternation(list(lex["holidays"])),
    }


def _expand(template: str, fills: dict[str, str], where: str) -> str:
    def fill(m: re.Match[str]) -> str:
        if m["name"] not in fills:
            raise TimelineError(f"unknown placeholder %{m['name']}%", where)
        return fills[m["name"]]

    return _PLACEHOLDER.sub(fill, template)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        regex = re.compile(pattern)
    except re.error as exc:
        raise TimelineError(f"pattern does not compile: {exc}", where) from None
    sample = lower_ascii(_SAMPLE)
    if regex.fullmatch("") or any(m.start() == m.end() for m in regex.finditer(sample)):
        raise TimelineError("pattern can match the empty string", where)
    return regex


def _parse_patterns(text: str, fills: dict[str, str], path: str) -> list[CorePattern]:
    """``TYPE<tab>name<tab>template<tab>regex`` lines, each after its ``#!example:`` lines.
    The older ``TYPE<tab>name<tab>regex`` form takes the template of the reference
    language's pattern of the same name."""
    out: list[CorePattern] = []
    examples: list[str] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.startswith(_EXAMPLE_LINE):
            examples.append(line[len(_EXAMPLE_LINE):].strip())
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{path}:{lineno}"
        fields = line.split("\t")
        if len(fields) not in (3, 4) or fields[0] not in PATTERN_TYPES:
            raise TimelineError("expected TYPE<tab>name<tab>template<tab>regex with a TIMEX3 "
                                "type", where)
        template = fields[2] if len(fields) == 4 else reference_templates().get(fields[1], "")
        if template not in TEMPLATES:
            raise TimelineError(f"unknown template '{template}' for pattern '{fields[1]}' "
                                f"(known: {', '.join(TEMPLATES)})", where)
        regex = _compile(_expand(fields[-1], fills, where), where)
        out.append(CorePattern(fields[0], fields[1], regex, template, tuple(examples)))
        examples = []
    if examples:
        raise TimelineError("example lines after the last pattern", path)
    return out


@cache
def reference_templates() -> dict[str, str]:
    """Pattern name -> template in the reference language's patterns file (the fallback for
    a line without a template column, and for a match the recognizer renames)."""
    text = data_file(REFERENCE_LANGUAGE, "patterns.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]
    return {row[1]: row[2] for row in rows if len(row) == 4}


def trie_regex(words: list[str]) -> str:
    """An alternation of literal words factored by shared prefixes, so the regex engine
    tests a few characters per position instead of every word in turn."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


def _declared(text: str, prefix: str) -> list[str]:
    return [w for line in text.splitlines() if line.startswith(prefix)
            for w in line[len(prefix):].split()]


def _starters(lex: dict[str, Any], declared: list[str]) -> list[str]:
    words = set(declared)
    for table in _STARTER_TABLES:
        words.update(key.split()[0].rstrip(".").replace("'", "") for key in lex[table])
    return sorted(w for w in words if w.isalpha())


def _strong(lex: dict[str, Any], declared: list[str]) -> set[str]:
    """Words that are a temporal expression on their own ('Friday', 'today', 'years');
    every other starter ('the', 'two', 'last') needs a following word to be one."""
    words = set(declared)
    for table in _STRONG_TABLES:
        words.update(k.rstrip(".") for k in lex[table] if " " not in k and "-" not in k)
    words.update(k for k in lex["units"] if k.endswith("s") or k == "millennia")  # plurals
    return words


def _gate(starters: list[str], strong: set[str], follow: list[str]) -> re.Pattern[str]:
    """Where a temporal expression may begin: the only positions the patterns are tried
    at. A strong word opens it alone; a weak starter ('the', 'last', 'two') only before a
    word that can follow it in a pattern (a starter or a declared ``#!after-the`` word) or
    a number; a digit always does."""
    weak = trie_regex([w for w in starters if w not in strong])
    alone = trie_regex(sorted(strong & set(starters)))
    then = trie_regex(sorted(set(starters) | set(follow) | strong))
    gap = r"(?:[\s-]+|['’]s\s+)"
    # a number opens it as a year-like or date-like token, or before a word that can
    # follow it ('three days', '10 a.m.', '4 in the morning'), not as '2,000 people'
    number = (r"[0-9]{4}(?![0-9])|[0-9]{8}(?![0-9])|[0-9]++(?:st|nd|rd|th|s)?(?:[.,:/-]?[0-9]"
              rf"|[\s-]*(?:[ap]\.?m\b|½)|{gap}(?:{then}|o['’]clock|in\s+the)(?![a-z])"
              r"|\s+[0-9]+/[0-9])")
    return re.compile(f"(?<![a-z0-9])(?=(?:{alone})(?![a-z])|(?:{weak})(?:{gap}(?:{then})"
                      f"(?![a-z])|[\\s-]*[0-9'’])|{number}|['’][0-9]0s)")


def _relation_regexes(lex: dict[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'since February', 'until the end of', 'after the war in 2003'; 'to'/'and'/'-'."""
    words = _alternation(list(lex["relation_words"]))
    skip = _alternation(lex["relation_skip_words"])
    far = _alternation(lex["far_relation_words"])
    the = re.escape(lex["definite_article"])
    preps = _alternation(lex["far_relation_prepositions"])
    before = re.compile(f"(?<![a-z])(?P<word>{words})[\\s,]*(?:{skip}[\\s-]+)?$"
                        f"|(?<![a-z])(?P<far>{far})\\s+{the}\\s+[a-z]+\\s+{preps}\\s+$")
    join = re.compile(f"^\\s*(?:{_alternation(lex['range_joiners'])})\\s*$")
    return before, join


def _dispatch(patterns: list[CorePattern]) -> dict[str, re.Pattern[str]]:
    """For each first character, one alternation (in file order) of the patterns whose
    match can begin with it; branch i is group p<i>, its groups p<i>__<name>."""
    group = re.compile(r"\(\?P<(?P<g>\w+)>")
    bodies = []
    for i, pat in enumerate(patterns):
        body = group.sub(lambda m, i=i: f"(?P<p{i}__{m['g']}>", pat.regex.pattern)
        bodies.append((dispatch_keys(pat.regex.pattern), f"(?P<p{i}>{body})"))
    keys = sorted(set().union(*(k for k, _ in bodies)))
    return {key: re.compile("|".join(b for k, b in bodies if key in k)) for key in keys}


def _validate_lexicon(lex: dict[str, Any], path: str) -> None:
    required = [k for k, t in schema()["lexicon.json"].items() if not t.endswith("?")]
    for key in required:
        if not lex[key]:
            raise TimelineError(f"lexicon entry '{key}' is empty", path)
    bad = [w for w, v in lex["months"].items() if not 1 <= v <= 12]
    bad += [w for w, v in lex["weekdays"].items() if not 1 <= v <= 7]
    if bad:
        raise TimelineError(f"out-of-range month/weekday numbers for {bad}", path)


@cache
def load_language(code: str = "en") -> Language:
    """Load, validate and compile a language's data (cached: done once per process)."""
    folder = language_dir(code)  # the package's data or a TIMELINE_DATA folder
    if folder is None or not all((folder / n).is_file() for n in ("lexicon.json", "patterns.tsv")):
        known = available_languages("patterns.tsv")
        raise TimelineError(f"no temporal-expression data for language '{code}' (available: "
                            f"{', '.join(known)}); set the article's lang or leave it out")
    lex_path, pat_path = folder / "lexicon.json", folder / "patterns.tsv"
    lex = load_json(code, "lexicon.json")  # validated against schema.json
    _validate_lexicon(lex, str(lex_path))
    # word lists are looked up, never indexed: sets make membership tests constant-time
    lex = {k: frozenset(v) if isinstance(v, list) else v for k, v in lex.items()}
    text = pat_path.read_text(encoding="utf-8")
    patterns = _parse_patterns(text, _placeholders(lex), str(pat_path))
    declared = _declared(text, _STARTERS_LINE)
    part = _alternation([w.rstrip("-") for w in lex["parts"]])
    approx = _alternation(list(lex["approx"]))
    follow = _declared(text, _FOLLOW_LINE) + [
        word for table in _STARTER_TABLES for key in lex[table] for word in key.split()[1:2]]
    strong = _strong(lex, _declared(text, _STRONG_LINE))
    starters = _starters(lex, declared) + sorted(strong)
    return Language(code, lex, tuple(patterns), _gate(starters, strong, follow),
                    re.compile(f"(?<![a-z])(?P<part>{part})(?:\\s+in)?[\\s-]*$"),
                    re.compile(f"(?<![a-z])(?P<approx>{approx})\\s+$"), *_relation_regexes(lex),
                    re.compile(f"(?<![a-z]){_alternation(lex['comparison_words'])}"
                               f"\\s+(?:[^.;]*[$%\\d][^.;]*\\s)?$"), _dispatch(patterns))
