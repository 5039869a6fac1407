"""The sentences and the headline of one key date.

A day's candidate sentences are the distinct sentences of the rows dated to it. Each is
scored by its cosine (words weighted by their IDF in the collection) to the centroid of
all of them, the clearest statement being the one closest to what the other reports of
that day say, plus ``STORY_WEIGHT`` times its cosine to the story's frequent content
words (:mod:`timeline.summary.story`); a sentence outside 6-40 words counts half, one that
starts with a word pointing back to an earlier sentence (a pronoun, 'this', 'also':
``dangling_starts`` in ``timeline/data/<lang>/summary.json``) a third, and the score is
multiplied by (1 - b)², b the share of its words inside text the collection repeats
verbatim across many articles (boilerplate). The best ones are taken, skipping
near-repeats of one already chosen.
The headline is made from the best sentence's row by :mod:`timeline.summary.headline`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import pandas as pd

from timeline.langdata import language_dir, load_json
from timeline.summary.headline import headline
from timeline.summary.story import EMPTY, Story, boiler_share, tokens

SHORT, LONG = 6, 40
#: Two sentences this similar (cosine) say the same thing: the second is skipped.
REPEAT = 0.7
#: Weight of a sentence's closeness to the whole story against that to its day.
STORY_WEIGHT = 0.5
_FIRST = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Statement:
    """The chosen sentences of a day and its headline."""

    sentences: tuple[str, ...]
    headline: str


@cache
def dangling_starts(lang: str) -> frozenset[str]:
    """The language's sentence-initial words that point back ('' or unknown: none)."""
    folder = language_dir(lang) if lang else None
    if folder is None or not (folder / "summary.json").is_file():
        return frozenset()
    return frozenset(load_json(lang, "summary.json")["dangling_starts"])


def _bag(text: str, story: Story) -> dict[str, float]:
    """A sentence's words weighted by their IDF in the collection."""
    bag: dict[str, float] = {}
    for word in tokens(text):
        if word != "#":
            bag[word] = bag.get(word, 0.0) + story.idf(word)
    return bag


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b[w] for w, v in a.items() if w in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _score(sentence: str, bag: dict[str, float], centroid: dict[str, float], lang: str,
           story: Story) -> float:
    n_words = len(sentence.split())
    close = _cosine(bag, centroid) + STORY_WEIGHT * _cosine(bag, story.story)
    score = close * (1.0 if SHORT <= n_words <= LONG else 0.5)
    first = _FIRST.match(sentence.lstrip("\"'“„‘«( "))
    if first and first.group().lower() in dangling_starts(lang):
        score /= 3
    return score * (1.0 - boiler_share(tokens(sentence), story.boiler)) ** 2


def choose_sentences(rows: pd.DataFrame, k: int,
                     story: Story = EMPTY) -> tuple[list[str], int | None]:
    """The ``k`` best sentences of a day's rows and the row (label) behind the best."""
    firsts: dict[str, int] = {}
    for pos, sentence in zip(rows.index, rows["sentence"], strict=True):
        text = " ".join(str(sentence).split())
        if text and text not in firsts:
            firsts[text] = pos
    bags = {s: _bag(s, story) for s in firsts}
    centroid: dict[str, float] = {}
    for bag in bags.values():
        for word, weight in bag.items():
            centroid[word] = centroid.get(word, 0.0) + weight
    langs = dict(zip(rows.index, rows["lang"], strict=True))
    ranked = sorted(firsts, key=lambda s: (-_score(s, bags[s], centroid,
                                                   str(langs[firsts[s]] or ""), story), s))
    chosen: list[str] = []
    for sentence in ranked:
        if len(chosen) >= k:
            break
        if all(_cosine(bags[sentence], bags[c]) < REPEAT for c in chosen):
            chosen.append(sentence)
    return chosen, (firsts[chosen[0]] if chosen else None)


def statement(rows: pd.DataFrame, k: int, story: Story = EMPTY) -> Statement:
    """The sentences and headline of the day whose rows are ``rows``."""
    sentences, best = choose_sentences(rows, k, story)
    if best is None:
        return Statement((), "")
    row = rows.loc[best]
    return Statement(tuple(sentences), headline(
        str(row["event"]), str(row["actors"] or ""), sentences[0], str(row["trigger"] or ""),
        story, str(row["lang"] or "")))


def join_sentences(sentences: Sequence[str]) -> str:
    return " ".join(sentences)
