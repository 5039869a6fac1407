"""The event stage's fast paths give what the plain code gives.

Each fast path of the event stage replaces a slower but obvious computation; these
properties say that, for any input, both give the same answer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events.actors import _WORD_BEFORE_RE, _title_before, _word_before, gazetteer

_CHARS = st.sampled_from(list("ab Z_'\u2019 ,.-\u00e91\n\t"))
_TEXT = st.lists(_CHARS, max_size=45).map("".join)


@settings(max_examples=400, derandomize=True, database=None)
@given(_TEXT, st.integers(min_value=0, max_value=45))
def test_word_before_is_the_regex_search(text: str, start: int) -> None:
    start = min(start, len(text))
    m = _WORD_BEFORE_RE.search(text, max(0, start - 30), start)
    assert _word_before(text, start) == ((m["word"], m.start()) if m else None)


_PIECES = st.sampled_from(["president", "minister", "gen", "x", "'", " ", "  ", ",", "\u2019",
                           "President'", "\n", "\u00e9"])


@settings(max_examples=400, derandomize=True, database=None)
@given(st.lists(_PIECES, max_size=8), st.sampled_from(["", " ", "  ", "\t"]))
def test_title_before_is_the_regex_search(pieces: list[str], gap: str) -> None:
    gaz = gazetteer("en")
    text = "".join(pieces) + gap + "Putin"
    start = len(text) - len("Putin")
    m = _WORD_BEFORE_RE.search(text, max(0, start - 30), start)
    expected = bool(m and m["word"].lower() in gaz.titles
                    and text[m.end("word"):start].strip() == "")
    assert _title_before(text, start, gaz) == expected


@settings(max_examples=400, derandomize=True, database=None)
@given(_TEXT, st.integers(min_value=0, max_value=45), st.integers(min_value=0, max_value=45))
def test_sentence_word_before_is_the_regex_search(text: str, lo: int, end: int) -> None:
    from timeline.sentences import _WORD_BEFORE_RE as SENTENCE_WORD_RE
    from timeline.sentences import _word_before as sentence_word_before

    end = min(end, len(text))
    lo = min(lo, end)
    m = SENTENCE_WORD_RE.search(text, lo, end)
    assert sentence_word_before(text, lo, end) == (m["word"] if m else "")
