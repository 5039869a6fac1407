"""What the collection as a whole says, for choosing a key date's sentences and headline.

Computed once per event table from its distinct sentences per article:

- ``df``: in how many articles each word (lower case) occurs, for IDF weights;
- ``story``: the story's frequent content words (words of at least three letters, no
  function word of the language, in at least ``STORY_MIN_SHARE`` of the articles), each
  weighted by its IDF (as a unit vector), so a sentence's closeness to the story as a
  whole can be measured;
- ``boiler``: word 5-grams (a token with a digit reads as ``#``, so time stamps match)
  that at least ``BOILER_MIN_ARTICLES`` articles and ``BOILER_SHARE`` of the collection
  repeat verbatim: site furniture ("page last updated at # # gmt"), comment headers,
  captions, letters-page addresses. It is recognised from the repetition, not from a
  word list of one site;
- ``actors``: how many rows name each actor, so a headline prefers the actors the
  collection names often.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pandas as pd

from timeline.langdata import language_dir, load_json
from timeline.table.schema import LIST_SEP

WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
GRAM = 5
BOILER_MIN_ARTICLES = 5
BOILER_SHARE = 0.02
STORY_MIN_SHARE = 0.02
MIN_CONTENT_LETTERS = 3


@dataclass(frozen=True, slots=True)
class Story:
    """Word, n-gram and actor statistics of one collection (see the module's doc)."""

    n_docs: int
    df: dict[str, int]
    story: dict[str, float]
    boiler: frozenset[tuple[str, ...]]
    actors: dict[str, int]
    #: Each word (lower case, no function word) of an actor's name: the actors it is in.
    actor_words: dict[str, tuple[str, ...]]

    def idf(self, word: str) -> float:
        return _idf(self.n_docs, self.df.get(word, 0))


def _idf(n_docs: int, df: int) -> float:
    """Smoothed IDF of a word found in ``df`` of ``n_docs`` articles."""
    return math.log((1 + n_docs) / (1 + df)) + 1.0


EMPTY = Story(0, {}, {}, frozenset(), {}, {})


@cache
def function_words(lang: str) -> frozenset[str]:
    """The language's function words and sentence-initial pointers ('' or unknown: none)."""
    folder = language_dir(lang) if lang else None
    if folder is None:
        return frozenset()
    out: set[str] = set()
    if (folder / "events_words.json").is_file():
        out.update(load_json(lang, "events_words.json").get("function_words", ()))
    if (folder / "summary.json").is_file():
        out.update(load_json(lang, "summary.json").get("dangling_starts", ()))
    return frozenset(w.lower() for w in out)


def tokens(text: str) -> list[str]:
    """Lower-case words; a word with a digit reads as ``#``."""
    return ["#" if _DIGIT.search(w) else w for w in WORD.findall(text.lower())]


def grams(toks: list[str]) -> Iterable[tuple[str, ...]]:
    return zip(*(toks[i:] for i in range(GRAM)), strict=False)


def boiler_share(toks: list[str], boiler: frozenset[tuple[str, ...]]) -> float:
    """The share of a sentence's tokens inside a 5-gram the collection repeats verbatim."""
    if not boiler or len(toks) < GRAM:
        return 0.0
    covered = [False] * len(toks)
    for i, gram in enumerate(grams(toks)):
        if gram in boiler:
            covered[i:i + GRAM] = [True] * GRAM
    return sum(covered) / len(toks)


def _per_doc(frame: pd.DataFrame) -> dict[str, set[str]]:
    docs: dict[str, set[str]] = {}
    for doc, sentence in zip(frame["doc_id"], frame["sentence"], strict=True):
        docs.setdefault(str(doc), set()).add(" ".join(str(sentence).split()))
    return docs


def _lang(frame: pd.DataFrame) -> str:
    langs = Counter(str(x) for x in frame["lang"] if x)
    return langs.most_common(1)[0][0] if langs else ""


def story_of(frame: pd.DataFrame) -> Story:
    """The statistics of an event table (columns of :mod:`timeline.table.schema`)."""
    if frame.empty:
        return EMPTY
    docs = _per_doc(frame)
    df: Counter[str] = Counter()
    gram_df: Counter[tuple[str, ...]] = Counter()
    for sentences in docs.values():
        words: set[str] = set()
        seen: set[tuple[str, ...]] = set()
        for sentence in sentences:
            toks = tokens(sentence)
            words.update(toks)
            seen.update(grams(toks))
        df.update(words)
        gram_df.update(seen)
    n = len(docs)
    floor = max(BOILER_MIN_ARTICLES, BOILER_SHARE * n)
    stop = function_words(_lang(frame))
    story = {w: _idf(n, c) for w, c in df.items()
             if c >= STORY_MIN_SHARE * n and len(w) >= MIN_CONTENT_LETTERS
             and w.isalpha() and w not in stop}
    norm = math.sqrt(sum(v * v for v in story.values())) or 1.0
    story = {w: v / norm for w, v in story.items()}
    actors: Counter[str] = Counter()
    for cell in frame["actors"]:
        actors.update(a for a in str(cell or "").split(LIST_SEP) if a)
    return Story(n, dict(df), story,
                 frozenset(g for g, c in gram_df.items() if c >= floor), dict(actors),
                 _actor_words(actors, stop))


def _actor_words(actors: Counter[str], stop: frozenset[str]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for actor in actors:
        for word in dict.fromkeys(w.lower() for w in WORD.findall(actor)):
            if word not in stop:
                index.setdefault(word, []).append(actor)
    return {w: tuple(names) for w, names in index.items()}
