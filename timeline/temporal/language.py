"""Language data: word lists and core patterns per language, loaded and validated once.

A language is a folder ``timeline/data/<lang>/`` holding ``lexicon.json`` (words and what
they mean) and ``patterns.tsv`` (core regexes with ``%name%`` placeholders filled from the
lexicon). Adding a language means adding such a folder; the code is shared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from timeline.errors import TimelineError
from timeline.langdata import available_languages, data_file, language_dir, load_json, schema
from timeline.temporal import loadcache
from timeline.temporal.firstchars import ANY, Dispatch, dispatch_keys
from timeline.temporal.hooks import LanguageHooks, load_hooks
from timeline.temporal.patterns import FLAGS, PATTERN_TYPES, TEMPLATES, CorePattern, parse_patterns

__all__ = ["FLAGS", "NO_LETTER_AFTER", "NO_LETTER_BEFORE", "PATTERN_TYPES", "TEMPLATES",
           "CorePattern", "Language", "day_suffix", "load_language", "lower_keep",
           "trie_regex"]

_STARTERS_LINE = "#!starters:"
_FOLLOW_LINE = "#!follow:"
_STRONG_LINE = "#!strong:"
_GLUED_LINE = "#!glued:"  # words written onto a number: 'zwei|tägig'

_WORDS_KEPT = 50_000  # answers of Language.word remembered
_GROUP = re.compile(r"\(\?P<\w+>")  # a named group's opening
_STRONG_TABLES = ("months", "weekdays", "deictics", "vague", "set_words", "holidays",
                  "decade_words")
# "not right after a letter" / "not right before a letter", in any alphabet
NO_LETTER_BEFORE = r"(?<![A-Za-z])(?<![^\x00-\x7f\W\d_])"
NO_LETTER_AFTER = r"(?![A-Za-z])(?![^\x00-\x7f\W\d_])"
# Lexicon tables whose entries can begin a temporal expression (their first words gate matching).
_STARTER_TABLES = ("months", "weekdays", "numbers", "vague_numbers", "ordinals", "units",
                   "quarters", "relatives", "deictics", "vague", "set_words", "holidays",
                   "seasons", "parts_of_day")


def lower_keep(text: str) -> str:
    """Lower-case ``text`` in any alphabet so that offsets in the result equal offsets in
    ``text``: a character whose lower case has another length ('İ') stays as it is."""
    low = text.lower()
    if len(low) == len(text):  # no mapping lengthens one character into several
        return low
    return "".join(ch if len(lo := ch.lower()) != 1 else lo for ch in text)




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
    dispatch: Dispatch  # first char -> alternation of the patterns that can begin with it
    hooks: LanguageHooks  # what the data cannot say (see timeline.temporal.hooks)
    cased: re.Pattern[str] | None  # the lexicon's case_sensitive words, in the original text
    _words: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)  # word()

    def word(self, table: str, text: str) -> Any:
        """Look a matched word up in a lexicon table (space-insensitive; case-insensitive
        unless the table spells the word with capitals, as case-sensitive words are)."""
        try:
            return self._words[table, text]
        except KeyError:
            if len(self._words) > _WORDS_KEPT:  # text words are asked too: keep it bounded
                self._words.clear()
            found = self._words[table, text] = self._look_up(table, text)
            return found

    def _look_up(self, table: str, text: str) -> Any:
        key = " ".join(text.replace("’", "'").split()).rstrip(".")
        table_ = self.lex[table]
        if (found := table_.get(key)) is None and (found := table_.get(key + ".")) is None:
            low = key.lower()
            if low != key:
                found = table_.get(low, table_.get(low + "."))
        return found

    def lower(self, text: str) -> str:
        """The copy of ``text`` the patterns run on: lower-cased with offsets kept, except
        the lexicon's ``case_sensitive`` words where their capitals carry meaning (German
        'Morgen', the morning, against 'morgen', tomorrow)."""
        low = lower_keep(text)
        if self.cased is None:
            return low
        pieces, last = [], 0
        for m in self.cased.finditer(text):
            if self.hooks.case_matters(text, m.start()):
                pieces += [low[last : m.start()], m.group()]
                last = m.end()
        return "".join(pieces) + low[last:] if pieces else low


def _alternation(words: list[str], abbrev_dot: bool = False) -> str:
    """Longest first; ``abbrev_dot``: a short word may take a dot ('Feb.'), unless the
    table writes its abbreviations with their dots ('feb.'), as German does. An empty
    table (one a language leaves out) never matches."""
    if not words:
        return "(?!)"
    parts = []
    abbrev_dot = abbrev_dot and not any(w.endswith(".") for w in words)
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        esc = re.escape(word).replace(r"\ ", r"\s+").replace("'", "['’]")
        if abbrev_dot and len(word) <= 4:
            esc += r"\.?"
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"


def _number_alternation(lex: dict[str, Any]) -> str:
    tens = [w for w, v in lex["numbers"].items() if isinstance(v, int) and 20 <= v < 100]
    articles = lex.get("indefinite_articles", ())
    units = [w for w, v in lex["numbers"].items() if isinstance(v, int) and 1 <= v < 10
             and w not in articles]
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
                          and w.isalpha() and w not in lex.get("indefinite_articles", ())])
    head = _alternation(list(lex["spoken_years"]))
    hundred, conj = re.escape(lex["spoken_hundred"]), re.escape(lex["spoken_and"])
    tail = f"(?:{teens}|{tens}(?:[\\s-]+{units})?|{hundred})"
    millennia = _alternation(list(lex["spoken_millennia"]))
    return (f"(?:{head}[\\s-]+{tail}|{millennia}(?:\\s+{conj})?(?:[\\s-]+(?:{teens}|{units}))?)")


def day_suffix(lex: dict[str, Any]) -> str:
    """'(?:st|nd|rd|th)?': what may follow a day's digits ('24th'), from the lexicon."""
    suffixes = lex.get("ordinal_suffixes") or []
    return _alternation(list(suffixes)) + "?" if suffixes else ""


def _placeholders(lex: dict[str, Any]) -> dict[str, str]:
    return {
        "month": _alternation(list(lex["months"]), abbrev_dot=True),
        "weekday": _alternation(list(lex["weekdays"]), abbrev_dot=True),
        "daynum": r"(?:[12]\d|3[01]|0?[1-9])" + day_suffix(lex),
        "year": r"(?:(?:1[0-9]|20)\d{2}" + ("|" + _spoken_year(lex) if "spoken_years" in lex
                                             else "") + ")",
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
        "relative": _alternation(list(lex["relatives"])),
    }


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
    plurals = tuple(lex.get("plural_endings", ())) or ("\0",)
    words.update(k for k in lex["units"] if k.endswith(plurals)
                 or k in lex.get("irregular_plurals", ()))
    return words


def _gate(starters: list[str], strong: set[str], follow: list[str], glued: list[str],
          lex_after: list[str], lex_glued: list[str], suffixes: list[str]
          ) -> re.Pattern[str]:
    """Where a temporal expression may begin: the only positions the patterns are tried
    at. A strong word opens it alone; a weak starter ('the', 'last', 'two') only before a
    word that can follow it in a pattern (a starter or a declared ``#!after-the`` word) or
    a number, or right before a word written onto it (``#!glued``: 'zwei|tägig', and
    'Donnerstag|abend' after a strong word); a digit always does. ``lex_after``: what
    may follow a number after a space ('o'clock'); ``lex_glued``: at once ('10am');
    ``suffixes``: what a number may end in ('24th', '1990s')."""
    suffix = _alternation(suffixes) if suffixes else "(?!)"
    weak = trie_regex([w for w in starters if w not in strong])
    alone = trie_regex(sorted(strong & set(starters)))
    then = trie_regex(sorted(set(starters) | set(follow) | strong))
    gap = r"(?:[\s-]+|['’]s\s+)"
    end = NO_LETTER_AFTER
    after = "".join("|" + _alternation([w]) for w in lex_after)  # 'o'clock', 'in the'
    glued_after = "".join(_alternation([w]) + r"\b|" for w in lex_glued)  # '10am', '10 p.m'
    # a number opens it as a year-like or date-like token, or before a word that can
    # follow it ('three days', '10 a.m.', '4 in the morning'), not as '2,000 people'; a
    # day number with a dot ('7. Juli', '27./28.') opens it too where the dot is an
    # ordinal suffix (the gate is tried at every position: no alternative a language
    # cannot use)
    day_dot = r"|[0-9]{1,2}\.(?=[\s/–-])" if "." in suffixes else ""
    number = (rf"[0-9]{{4}}(?![0-9])|[0-9]{{8}}(?![0-9]){day_dot}"
              rf"|[0-9]++{suffix}?(?:[.,:/-]?[0-9]"
              rf"|[\s-]*(?:{glued_after}½)|{gap}(?:{then}{after}){end}"
              r"|\s+[0-9]+/[0-9])")
    onto = f"|{trie_regex(sorted(set(glued)))}" if glued else ""
    # not after a letter or digit of any alphabet; the ASCII test first, as most positions
    # (inside a word) fail it at once, before the slower Unicode class
    return re.compile(f"(?<![A-Za-z0-9])(?<![^\\x00-\\x7f\\W_])"
                      f"(?=(?:{alone})(?:{end}{onto})|(?:{weak})(?:{gap}"
                      f"(?:{then}){end}|[\\s-]*[0-9'’]{onto})|{number}|['’][0-9]0s)")


def _relation_regexes(lex: dict[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'since February', 'until the end of', 'after the war in 2003'; 'to'/'and'/'-'."""
    words = _alternation(list(lex["relation_words"]))
    skip = _alternation(lex["relation_skip_words"])
    far = _alternation(lex["far_relation_words"])
    the = re.escape(lex["definite_article"])
    preps = _alternation(lex["far_relation_prepositions"])
    before = re.compile(f"{NO_LETTER_BEFORE}(?P<word>{words})[\\s,]*(?:{skip}[\\s-]+)?$"
                        f"|{NO_LETTER_BEFORE}(?P<far>{far})\\s+{the}\\s+[^\\W\\d_]+\\s+"
                        f"{preps}\\s+$")
    join = re.compile(f"^\\s*(?:{_alternation(lex['range_joiners'])})\\s*$")
    return before, join


def _dispatch(patterns: list[CorePattern], starts: list[list[str]]) -> Dispatch:
    """For each first character, one alternation (in file order) of the patterns whose
    match can begin with it; branch i is group p<i>, the patterns' own groups are not
    captured there (a failing branch then costs half as much: the recognizer matches the
    winning pattern again for its groups). Key ``ANY`` holds the patterns that may begin
    with any character, for characters not listed. Compiled when first needed. ``starts``:
    the dispatch keys of each pattern."""
    bodies = []
    for i, (pat, keys) in enumerate(zip(patterns, starts, strict=True)):
        bodies.append((set(keys), f"(?P<p{i}>{_GROUP.sub('(?:', pat.source)})"))
    keys = sorted(set().union(*(k for k, _ in bodies)) | {ANY})
    out = {key: "|".join(b for k, b in bodies if key in k or ANY in k) for key in keys}
    return Dispatch({key: body for key, body in out.items() if body})


def _validate_lexicon(lex: dict[str, Any], path: str) -> None:
    required = [k for k, t in schema()["lexicon.json"].items() if not t.endswith("?")]
    for key in required:
        if not lex[key]:
            raise TimelineError(f"lexicon entry '{key}' is empty", path)
    bad = [w for w, v in lex["months"].items() if not 1 <= v <= 12]
    bad += [w for w, v in lex["weekdays"].items() if not 1 <= v <= 7]
    if bad:
        raise TimelineError(f"out-of-range month/weekday numbers for {bad}", path)


def _prefix_regexes(lex: dict[str, Any]) -> tuple[re.Pattern[str], ...]:
    """'early', 'the end of', 'mid-' / 'about', 'more than' / 'compared with' before one."""
    part = _alternation([w.rstrip("-") for w in lex["parts"]])
    joiners = lex.get("part_joiners") or []
    joiner = f"(?:\\s+{_alternation(list(joiners))})?" if joiners else ""
    approx = _alternation(list(lex["approx"]))
    comparison = _alternation(lex["comparison_words"])
    return (re.compile(f"{NO_LETTER_BEFORE}(?P<part>{part}){joiner}[\\s-]*$"),
            re.compile(f"{NO_LETTER_BEFORE}(?P<approx>{approx})\\s+$"),
            re.compile(f"{NO_LETTER_BEFORE}{comparison}\\s+(?:[^.;]*[$%\\d][^.;]*\\s)?$"))


def _cased(lex: dict[str, Any]) -> re.Pattern[str] | None:
    words = lex.get("case_sensitive") or []
    if not words:
        return None
    return re.compile(f"{NO_LETTER_BEFORE}(?:{_alternation(list(words))}){NO_LETTER_AFTER}")


def _known_starts(stored: dict[str, object] | None) -> list[list[str]] | None:
    """The stored dispatch keys of each pattern, if well formed."""
    starts = (stored or {}).get("starts")
    if isinstance(starts, list) and all(isinstance(k, list) and all(
            isinstance(c, str) for c in k) for k in starts):
        return starts
    return None


@cache
def load_language(code: str = "en") -> Language:
    """Load, validate and compile a language's data (cached: done once per process)."""
    folder = language_dir(code)  # the package's data or a TIMELINE_DATA folder
    if folder is None or not all((folder / n).is_file() for n in ("lexicon.json", "patterns.tsv")):
        known = available_languages("patterns.tsv")
        raise TimelineError(f"no temporal-expression data for language '{code}' (available: "
                            f"{', '.join(known)}); set the article's lang or leave it out")
    lex_file = f"{code}/lexicon.json"
    raw = load_json(code, "lexicon.json")  # validated against schema.json
    _validate_lexicon(raw, lex_file)
    # word lists are looked up, never indexed: sets make membership tests constant-time
    lex: dict[str, Any] = {k: frozenset(v) if isinstance(v, list) else v
                           for k, v in raw.items()}
    pat_file = data_file(code, "patterns.tsv")
    text = pat_file.read_text(encoding="utf-8")
    name = loadcache.digest(code, [data_file(code, "lexicon.json"), pat_file])
    starts = _known_starts(loadcache.read(name))
    # checked once per content: a file that passed before is not compiled again here
    patterns = parse_patterns(text, _placeholders(lex), f"{code}/patterns.tsv",
                              check=starts is None)
    if starts is None or len(starts) != len(patterns):
        starts = [sorted(dispatch_keys(p.source)) for p in patterns]
        loadcache.write(name, {"starts": starts})
    declared = _declared(text, _STARTERS_LINE)
    follow = _declared(text, _FOLLOW_LINE) + [
        word for table in _STARTER_TABLES for key in lex[table] for word in key.split()[1:2]]
    strong = _strong(lex, _declared(text, _STRONG_LINE))
    starters = _starters(lex, declared) + sorted(strong)
    part, approx, comparison = _prefix_regexes(lex)
    gate = _gate(starters, strong, follow, _declared(text, _GLUED_LINE),
                 sorted(lex.get("after_number", ())), sorted(lex.get("glued_after_number", ())),
                 [*lex.get("ordinal_suffixes", ()), *lex.get("plural_endings", ())])
    return Language(code, lex, tuple(patterns), gate, part, approx,
                    *_relation_regexes(lex), comparison, _dispatch(patterns, starts),
                    load_hooks(lex.get("hooks", ""), lex_file), _cased(lex))
