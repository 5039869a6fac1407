"""Pass 1a: find temporal expressions in text (spans + the words that matched).

The core patterns (``data/<lang>/patterns.tsv``) run as one gated regex over the
ASCII-lower-cased text. Each match is then validated against the original casing and its
context (``may`` the verb, ``March`` the walk, ``2,000 people``), and extended to the left
with part-of-period and approximation words (``early``, ``the end of``, ``around``).
What comes out is a :class:`Mention`: a span and its matched groups, not yet a value.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from timeline.temporal.context import in_context
from timeline.temporal.language import Language, load_language
from timeline.temporal.mention import Mention, next_word, word_before
from timeline.temporal.names import joined_to_name
from timeline.temporal.ranges import share_year, split_ranges

__all__ = ["Mention", "find_mentions"]

_WORD_BEFORE = re.compile(r"(?P<word>(?:[^\W\d_]|['’])+)[\s,]*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"'”’)]*)\s*$")
_BARE_WEEKDAY_GROUPS = frozenset(("weekday", "rel", "thispast", "every"))  # 'last Sun'
_NOT_A_PLAIN_DAY = ("rel", "container", "mnum", "pod", "hour")  # groups a plain day lacks
_NEXT_CAPITAL = re.compile(r" (?P<word>[^\W\d_][^\W\d_]+)")


def _is_capitalised(orig: str, word_start: int) -> bool:
    return orig[word_start : word_start + 1].isupper()


def _month_ok(lang: Language, orig: str, low: str, m: Mention) -> bool:
    """A bare month name needs a capital letter; 'May'/'March' alone need context too."""
    word = m.group("month").rstrip(".")
    pos = low.find(word, m.start, m.end)
    if pos < 0 or not _is_capitalised(orig, pos):
        return False
    if not (m.template == "date" and m.only("month")):
        return True  # not a bare month
    if word in lang.lex["ambiguous_abbreviations"] or word in lang.lex.get(
            "ambiguous_months", ()):
        if _abbreviated_month(lang, word) and (_name_follows(lang, orig, m.end)
                                               or joined_to_name(lang, orig, m.start)):
            return False  # "Jan Kavan", "Dec Smith", "Colette and Jan": a first name
        return (word_before(orig, m.start) in lang.lex["month_context_before"]
                or low[max(0, m.start - 4) : m.start] == "mid-")
    return True


def _abbreviated_month(lang: Language, word: str) -> bool:
    """'jan', 'dec', 'sept' (but not 'may', which is the month's whole name)."""
    months, number = lang.lex["months"], lang.word("months", word)
    return any(len(k.rstrip(".")) > len(word) and v == number for k, v in months.items())


def _name_follows(lang: Language, orig: str, end: int) -> bool:
    """A capitalised word right after ('Sunday Times', 'Winter Olympics'), other than a
    part of the day ('Sunday Morning')."""
    if not lang.hooks.capital_means_name:
        return False  # every noun is capitalised ('im Sommer Truppen'): no sign of a name
    m = _NEXT_CAPITAL.match(orig, end)
    return (m is not None and m["word"][0].isupper() and m["word"][1:].islower()
            and lang.word("parts_of_day", m["word"]) is None)


def _weekday_ok(lang: Language, orig: str, low: str, m: Mention) -> bool:
    word = m.group("weekday").rstrip(".")
    pos = low.find(word, m.start, m.end)
    if pos < 0 or not (_is_capitalised(orig, pos)
                       or "uncased" in m.flags):
        return False  # 'sun', 'sat'; German 'montags' (on Mondays) is written small
    bare = {key for key, _ in m.groups} <= _BARE_WEEKDAY_GROUPS
    if bare and word in lang.lex["ambiguous_abbreviations"]:
        return False
    # 'the Sunday Times', 'The Monday Club': a name, not a day
    name_follows = _name_follows(lang, orig, m.end)
    return not (m.template == "date" and m.only("weekday") and name_follows
                and word_before(orig, m.start) == lang.lex["definite_article"])


def _year_ok(lang: Language, orig: str, m: Mention) -> bool:
    """A bare 4-digit number is a year unless it counts something ('2021 people') or is
    preceded by a quantity word ('nearly 1999', '$1999')."""
    if orig[max(0, m.start - 1) : m.start] in "$£€#":
        return m.start == 0
    if next_word(orig, m.end) in lang.lex["year_blockers_after"]:
        return False
    if _counts_a_noun(lang, orig, m):
        return False
    if not m.group("year")[:1].isdigit():  # a spoken year: "nineteen ninety-six"
        return lang.word("units", next_word(orig, m.end)) is None  # not "two thousand years"
    return word_before(orig, m.start) not in lang.lex["year_blockers_before"]


def _counts_a_noun(lang: Language, orig: str, m: Mention) -> bool:
    """'1500 Panzern', '1370 Landungsboote': where every noun is capitalised, a number
    right before one counts it, unless a word before makes it a year ('im Jahr 1917')."""
    if lang.hooks.capital_means_name or "year_context_before" not in lang.lex:
        return False
    after = orig[m.end : m.end + 2]
    if after[:1] != " " or not after[1:].isupper() or not lang.hooks.case_matters(
            orig, m.end + 1):
        return False
    return word_before(orig, m.start) not in lang.lex["year_context_before"]


def _duration_ok(lang: Language, orig: str, m: Mention) -> bool:
    unit, num = m.group("unit"), m.group("num")
    if any(orig[m.end - len(w) : m.end].lower() == w or next_word(orig, m.end) == w
           for w in lang.lex.get("age_words", ())):
        return False  # ages: "a 44-year-old protester"
    if (lang.word("units", unit) == "S" and unit in lang.lex.get("ordinal_units", ())
            and num in lang.lex.get("ordinal_unit_numbers", ("",)) and not m.group("rel")):
        return False  # "a second", "one second": the ordinal, not the unit
    if num.isdigit() and int(num) >= 1000 and not unit.endswith("s"):
        return False  # "the 1988 second quarter"
    if m.template == "vague_duration":
        return word_before(orig, m.start) in lang.lex["plural_unit_context_before"]
    if lang.word("units", unit) == "Q" and next_word(orig, m.end) in lang.lex.get(
            "fraction_after", ()) and (lang.word("numbers", num) == 1
                                      or "-" in orig[m.start : m.end]):
        return False  # "three-quarters of its food", "a quarter of the market": fractions
    return not (lang.word("units", unit) == "SEASON" and not num[:1].isdigit())


def _valid(lang: Language, orig: str, low: str, m: Mention) -> bool:
    if m.group("month") and not _month_ok(lang, orig, low, m):
        return False
    if m.group("weekday") and not _weekday_ok(lang, orig, low, m):
        return False
    if "year_number" in m.flags:
        return _year_ok(lang, orig, m)
    if m.group("season") and _name_follows(lang, orig, m.end):
        return False  # "the Winter Olympics", "the Spring Festival": a name
    if "season_context" in m.flags:
        return word_before(orig, m.start) in lang.lex["season_context_before"]
    if "era_capitals" in m.flags:  # "241 BC", "AD 79": the era is written in capitals
        return any(c.isupper() for c in orig[m.start : m.end] if c.isalpha())
    if "ordinal_context" in m.flags and not m.group("day")[:1].isdigit():
        return word_before(orig, m.start) in lang.lex.get("ordinal_day_context_before", ())
    if m.group("setword") in lang.lex["set_adjectives"]:
        return not next_word(orig, m.end).isalpha()  # "quarterly results" dates nothing
    if m.template == "definite_unit" and m.group("period"):
        return m.group("rel") in lang.lex.get("latest_words", ())
    if "title_prone" in m.flags and _title(lang, orig, m):
        return False  # ABC's "This Week", the film "High Noon"
    if m.type == "DURATION":
        return _duration_ok(lang, orig, m)
    if "pod_context" in m.flags:  # "in the morning", "on the night of", not "the morning papers"
        before = word_before(orig, m.start)
        return before in lang.lex["part_of_day_context_before"] and (
            before not in lang.lex.get("day_prepositions", ())
            or next_word(orig, m.end) in lang.lex.get("pod_of_words", ()))
    if "after_part" in m.flags:  # "by mid-afternoon", "early evening"
        return bool(lang.part_prefix.search(orig[max(0, m.start - 28) : m.start].lower()))
    return True


def _title(lang: Language, orig: str, m: Mention) -> bool:
    """Capitalised words right after a quotation mark (ABC's "This Week", CBS's "60
    Minutes") or after a capitalised word inside the sentence ("High Noon", CBS This
    Morning, NBC's Today; where a capital marks a name): a programme or film title."""
    tokens = orig[m.start : m.end].split()
    words = [w for w in tokens if not w.isdigit()]
    if not words or not all(w[:1].isupper() for w in words):
        return False
    if len(tokens) > 1 and (orig[max(0, m.start - 1) : m.start] in ('"', "“", "'", "‘")
                            or not lang.hooks.capital_means_name):
        return orig[max(0, m.start - 1) : m.start] in ('"', "“", "'", "‘")
    # a capitalised word before it, inside the sentence: CBS "This Morning", NBC's "Today"
    before = _WORD_BEFORE.search(orig, max(0, m.start - 20), m.start)
    return before is not None and before["word"][:1].isupper() and not _SENTENCE_START.search(
        orig, max(0, before.start() - 6), before.start())


def _extend_left(lang: Language, low: str, m: Mention) -> Mention:
    """Attach 'early', 'the end of', 'mid-' (DATE/TIME) or 'about', 'more than' before it."""
    window = low[max(0, m.start - 28) : m.start]
    if m.type in ("DATE", "TIME") and (p := lang.part_prefix.search(window)):
        start = m.start - (len(window) - p.start())
        return replace(m, start=start, part=p["part"], core_start=m.start)
    a = lang.approx_prefix.search(window)
    if not a or low.startswith("the ", m.start) or low.startswith("'s", m.end):
        return m  # "over the weekend", "get around Wednesday's ruling": about the noun
    if m.type != "DURATION" and not (m.template == "offset" and m.group("num")) and (
            lang.word("approx", a["approx"]) != "APPROX"):
        return m  # "over Thanksgiving weekend", "under Monday's deal": prepositions
    # 'more than three hours' keeps its modifier (TimeML); 'around 2015' does not
    start = m.start - (len(window) - a.start()) if m.type == "DURATION" else m.start
    return replace(m, start=start, approx=a["approx"], core_start=m.start)


def _offset_before_noun(lang: Language, low: str, m: Mention) -> Mention:
    """'two days before the election' is a duration ('two days') plus a signal, not a
    date counted from the publication date; 'two days before.' is that date."""
    if (lang.word("offset_directions", m.group("dir")) is None or m.group("dir") not in
            lang.lex["far_relation_words"] or next_word(low, m.end) in lang.lex["clause_words"]):
        return m
    if not next_word(low, m.end).isalpha():
        return m
    end = m.start + low[m.start : m.end].rfind(m.group("dir"))
    while low[end - 1].isspace():
        end -= 1
    if m.group("anaph"):
        return m
    groups = tuple((k, v) for k, v in m.groups if k != "dir")
    return Mention(m.start, end, "DURATION", m.pattern, groups, template="duration")


@cache
def _amount_before(lang: Language) -> re.Pattern[str]:
    """An amount in the clause before an expression: '$500 million', '700 seats', 'four'."""
    words = [w for w, v in lang.lex["numbers"].items() if isinstance(v, int) and v >= 2]
    words += [*lang.lex["number_multipliers"], *lang.lex["amount_words"]]
    alternation = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?:\d|[$£€%]|\b(?:{alternation})\b)[^,.;:()]*$")


def _rate(lang: Language, low: str, m: Mention) -> Mention:
    """'$500 million a year', 'four flights a week', '$35 a night': a rate, which TimeML
    calls a SET (each year), not a duration the event lasts."""
    articles = lang.lex.get("indefinite_articles", ())
    if m.template != "duration" or m.group("num") not in articles or m.group("rel"):
        return m
    if not _amount_before(lang).search(low, max(0, m.start - 40), m.start):
        return m
    return replace(m, type="SET", groups=(("num", m.group("num")), ("unit", m.group("unit"))),
                   template="set", flags=frozenset())


@cache
def _gaps(lang: Language) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What may stand between a clock time and its day (', on'), between a part of the
    day and its day ('hours of'), and an article before an adjective ('a day-long')."""
    def alt(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(lang.lex.get(key, ()), key=len,
                                                         reverse=True)) or "(?!)"
    day = alt("clock_day_prepositions")
    return (re.compile(rf"^(?:,?\s+(?:(?:{day})\s+)?|\s*,\s*)$"),
            re.compile(rf"^(?:\s+(?:{alt('pod_hours_words')}))?\s+(?:{alt('pod_of_words')})\s+$"),
            re.compile(rf"(?:{alt('indefinite_articles')})\s+"))


def _adjectival(lang: Language, low: str, m: Mention) -> Mention:
    """'a day-long meeting': the expression is 'day-long', the article belongs to the noun."""
    suffixes = tuple(lang.lex.get("adjective_suffixes", ()))
    if m.type != "DURATION" or not suffixes or not low.endswith(suffixes, m.start, m.end):
        return m
    article = _gaps(lang)[2].match(low[m.start : m.end])
    if not article:
        return m
    return replace(m, start=m.start + article.end())


def _merge_clock_date(lang: Language, out: list[Mention], low: str, m: Mention) -> bool:
    """'10 p.m. Wednesday', '5 p.m. EST, Nov. 9', 'the early morning hours of November 1',
    'mid-afternoon yesterday': one TIME expression."""
    if not out or not (_plain_day(m) or m.template == "deictic"):
        return False
    prev, gap = out[-1], low[out[-1].end : m.start]
    pod = _pod_alone(prev)
    clock = prev.template == "clock" and not prev.group("pod")
    if not (pod or (clock and m.template != "deictic")):
        return False
    clock_gap, pod_gap, _ = _gaps(lang)
    if not (clock_gap.match(gap) or (pod and pod_gap.match(gap))):
        return False
    out[-1] = replace(m, start=prev.start, type="TIME", groups=m.groups + prev.groups,
                      part=prev.part or m.part,
                      core_start=prev.core_start if prev.core_start >= 0 else prev.start)
    return True


def _plain_day(m: Mention) -> bool:
    """A day named by its weekday or its month and day ('Wednesday', 'Nov. 9'), not counted
    from another ('last Friday') nor a week, a time or a numeric date."""
    return m.template == "date" and not any(m.group(g) for g in _NOT_A_PLAIN_DAY) and bool(
        m.group("weekday") or (m.group("day") and m.group("month")))


def _pod_alone(m: Mention) -> bool:
    """A part of the day with no day of its own ('the early morning hours', 'evening')."""
    return m.template == "date" and bool(m.group("pod")) and not (
        m.group("weekday") or m.group("rel"))


def _raw_matches(language: Language, low: str) -> list[Mention]:
    """Leftmost, non-overlapping pattern matches, trying at each gated position only the
    patterns that can begin with its first character. The dispatch alternation says which
    pattern matches first; that pattern, matched alone at the same place, gives the same
    span and its groups."""
    patterns = language.patterns
    regex_for = language.dispatch.regex_for
    out: list[Mention] = []
    end = 0
    for gate in language.gate.finditer(low):
        pos = gate.start()
        if pos < end or (regex := regex_for(low[pos])) is None:
            continue
        if (first := regex.match(low, pos)) is None:
            continue
        pattern = patterns[int(first.lastgroup[1:])]  # type: ignore[index]
        match = pattern.regex.match(low, pos)
        assert match is not None  # the same pattern at the same place
        groups = tuple((n, v) for n, v in match.groupdict().items() if v is not None)
        end = match.end()
        out.append(Mention(pos, end, pattern.type, pattern.name, groups,
                           template=pattern.template, flags=pattern.flags))
    return out


@cache
def _names(lang: Language) -> re.Pattern[str] | None:
    """Names that contain a temporal word ('Welt am Sonntag', a newspaper)."""
    names = sorted(lang.lex.get("not_temporal_names", ()), key=len, reverse=True)
    if not names:
        return None
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(rf"\b(?:{body})\b")


def _outside_names(lang: Language, low: str, mentions: list[Mention]) -> list[Mention]:
    names = _names(lang)
    spans = [(n.start(), n.end()) for n in names.finditer(low)] if names else []
    if not spans:
        return mentions
    return [m for m in mentions if not any(a < m.end and m.start < b for a, b in spans)]


def find_mentions(text: str, lang: str | Language = "en", low: str | None = None
                  ) -> list[Mention]:
    """All temporal expressions in ``text``, left to right, not overlapping (``low``: the
    text's :meth:`Language.lower` copy, if the caller has it already)."""
    language = lang if isinstance(lang, Language) else load_language(lang)
    low = language.lower(text) if low is None else low
    out: list[Mention] = []
    for mention in _outside_names(language, low, _raw_matches(language, low)):
        if not _valid(language, text, low, mention):
            continue
        if (read := in_context(language, text, low, mention)) is None:
            continue  # a bare number that is no year ('1430 GMT')
        mention = read
        mention = _rate(language, low, _adjectival(language, low, mention))
        mention = _extend_left(language, low, _offset_before_noun(language, low, mention))
        if (not out or mention.start >= out[-1].end) and not _merge_clock_date(language, out, low,
                                                                         mention):
            share_year(language, out, low, mention)
            out.extend(m for m in split_ranges(language, text, low, mention)
                       if not out or m.start >= out[-1].end)
    return out
