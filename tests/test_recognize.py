"""Recognition internals that the corpus cases cannot show directly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline.errors import TimelineError
from timeline.temporal.language import load_language, trie_regex
from timeline.temporal.recognize import _raw_matches, find_mentions
from timeline.temporal.tagger import tag

CASES = Path(__file__).parent / "data" / "timex_cases.tsv"
SAMPLES = Path(__file__).parent.parent / "sample_articles"


def _texts() -> str:
    rows = [line.split("\t")[2] for line in CASES.read_text(encoding="utf-8").splitlines()[1:]
            if line.strip() and not line.startswith("#")]
    samples = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.iterdir())]
    return "\n".join([r.replace("[", "").replace("]", "") for r in rows] + samples)


def test_gate_loses_no_match() -> None:
    """Patterns are only tried where the gate lets them; trying them at every word start
    must find nothing the gated scan would miss."""
    lang = load_language("en")
    low = load_language("en").lower(_texts())
    found = [(m.start, m.end) for m in _raw_matches(lang, low)]
    lost = []
    for word in re.finditer(r"(?<![a-z0-9])[a-z0-9'’]", low):
        regex = lang.dispatch.get(low[word.start()])
        match = regex.match(low, word.start()) if regex else None
        if match and not any(a <= match.start() < b for a, b in found):
            lost.append(match.group())
    assert lost == []


def test_trie_regex_matches_exactly_its_words() -> None:
    regex = re.compile(f"(?:{trie_regex(['may', 'march', 'mar', 'monday', 'mon'])})$")
    assert [w for w in ["may", "march", "mar", "monday", "mon", "ma", "mond", "marc"]
            if regex.match(w)] == ["may", "march", "mar", "monday", "mon"]


def test_language_data_is_validated_once_and_cached() -> None:
    assert load_language("en") is load_language("en")
    assert all(p.regex.pattern and not p.regex.fullmatch("") for p in load_language().patterns)


def test_unknown_language_is_a_clear_error() -> None:
    known = r"no temporal-expression data for language 'xx' \(available: de, en\)"
    with pytest.raises(TimelineError, match=known):
        tag("On Monday.", __import__("datetime").date(2022, 9, 15), lang="xx")


@pytest.mark.parametrize("text", [
    "1 " * 5000, "March May June " * 2000, "a1-" * 10000, "\x00\ufeff\u2028" * 100,
    "’s '90s 1/2 ½ 12-13 -- 24:61 99:99 2022-13-45 31/31/2022 nineteen ninety-ninety",
])
def test_odd_text_never_crashes(text: str) -> None:
    from datetime import date

    for timex in tag(text, date(2022, 9, 15)):
        assert text[timex.start : timex.end] == timex.text


def test_tense_cues_found_lazily_equal_a_full_scan() -> None:
    """Cues scans each stretch once, on demand; any window must see what a scan of the
    whole text sees, whether windows move forward, overlap, jump ahead or step back."""
    from timeline.temporal.cues import Cues, _cue_kind, _cue_regex

    lang = load_language("en")
    low = load_language("en").lower(_texts())
    full = [(m.start(), _cue_kind(lang, low, m)) for m in _cue_regex(lang).finditer(low)]
    full = [(p, k) for p, k in full if k]
    cues = Cues(lang, low)
    windows = [(0, 50), (30, 400), (350, 360), (5000, 5300), (100, 200), (5200, 9000),
               (len(low) - 300, len(low))]
    for left, right in windows:
        assert cues.between(left, right, (0, 0)) == [c for c in full if left <= c[0] < right]


@pytest.mark.parametrize("code", ["en", "de"])
def test_tense_cue_regex_matches_what_the_flat_alternation_matches(code: str) -> None:
    """The cue phrases are grouped by first character and the look-behind tests ASCII
    first, for speed only: the matches are those of the plain alternation of the phrases,
    longest first, with the look-behind [\\w'’-], also beside letters beyond ASCII."""
    from timeline.temporal.cues import _cue_regex

    lang = load_language(code)
    lex = lang.lex
    phrases = sorted({*lex["future_cues"], *lex["past_cues"]}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in phrases)
    clitics = "|".join(re.escape(c) for c in lex.get("future_clitics", ()))
    clitic = rf"|[a-z]+(?:{clitics})\b" if clitics else ""
    flat = re.compile(rf"(?<![\w'’-])(?:(?:{body}|{lex['regular_past']})(?![^\W\d_]){clitic})")
    low = lang.lower(_texts() + " " + " ".join(f"{c}{w} {w}{c}" for w in phrases[:40]
                                                 for c in "é_1’-ß²"))
    assert [m.span() for m in _cue_regex(lang).finditer(low)] == [
        m.span() for m in flat.finditer(low)]


# Mentions the recognizer makes of a match (a range's ends, an offset before a noun read
# as a duration, a rate read as a set) carry the template they are interpreted by.
_MADE_MENTIONS = [
    ("en", "The war lasted from 1861-1863.", [("date", "1861"), ("date", "1863")]),
    ("en", "It met on April 24 and 25.", [("date", "april 24"), ("date", "25")]),
    ("en", "He left two days before the election.", [("duration", "two days")]),
    ("en", "It costs $500 million a year.", [("set", "a year")]),
    ("en", "At 10 p.m. Wednesday it ended.", [("date", "10 p.m. wednesday")]),
    ("de", "Im Mai/Juni 1940 kam es.", [("date", "mai"), ("date", "juni 1940")]),
]


@pytest.mark.parametrize(("code", "text", "expected"), _MADE_MENTIONS,
                         ids=[t for _, t, _ in _MADE_MENTIONS])
def test_made_mentions_carry_their_template(code: str, text: str,
                                            expected: list[tuple[str, str]]) -> None:
    found = find_mentions(text, code)
    assert [(m.template, text[m.start : m.end].lower()) for m in found] == expected
