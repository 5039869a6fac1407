"""The sentences and the headline of one key date.

A day's candidate sentences are the distinct sentences of the rows dated to it. Each is
scored by its cosine (words weighted by their IDF in the collection) to what the other
articles of that day say (the sum of their unit vectors: one vote per article, so one
page of fifty reader comments does not outvote four reports), the clearest statement
being the one closest to them, plus ``STORY_WEIGHT`` times its cosine to the story's
frequent content words (:mod:`timeline.summary.story`). A sentence outside 6-40 words
counts half; one that starts with a word pointing back to an earlier sentence (a
pronoun, 'this', 'also': ``dangling_starts`` in ``timeline/data/<lang>/summary.json``)
a third; the score is multiplied by (1 - b)², b the share of its words inside text the
collection repeats verbatim across many articles (boilerplate). The best ones are
taken, skipping near-repeats of one already chosen. The headline is made by
:mod:`timeline.summary.headline` from the row of the best-ranked sentence among the first
``HEADLINE_POOL`` whose label begins with one of its actors (who did it: "Putin and Xi met in
Beijing" rather than "Previous one in Beijing ended with joint statement"), else from the
best sentence's row.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import pandas as pd

from timeline.langdata import language_dir, load_json
from timeline.summary.headline import headline, led_by_actor
from timeline.summary.story import EMPTY, Story, boiler_share, tokens

SHORT, LONG = 6, 40
#: Two sentences this similar (cosine) say the same thing: the second is skipped.
REPEAT = 0.7
#: Weight of a sentence's closeness to the whole story against that to its day.
STORY_WEIGHT = 0.5
#: How many of a day's best-ranked sentences the headline's row is looked for in.
HEADLINE_POOL = 3
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


def _bag(toks: list[str], story: Story) -> dict[str, float]:
    """A sentence's words (its :func:`tokens`) weighted by their IDF in the collection."""
    bag: dict[str, float] = {}
    for word in toks:
        if word != "#":
            bag[word] = bag.get(word, 0.0) + story.idf(word)
    return bag


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    norm = math.sqrt(_dot(a, a) * _dot(b, b))
    return _dot(a, b) / norm if norm else 0.0


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[w] for w, v in a.items() if w in b)


def _unit(bag: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(_dot(bag, bag))
    return {w: v / norm for w, v in bag.items()} if norm else {}


def closeness(bags: Mapping[str, dict[str, float]], doc_of: Mapping[str, str]) -> dict[str, float]:
    """Each sentence's cosine to what the other articles of the day say: the sum of their
    articles' unit vectors (one vote per article, however many sentences it has); with
    one article only, to that article's own vector."""
    docs: dict[str, dict[str, float]] = {}
    for sentence, bag in bags.items():
        doc = docs.setdefault(doc_of[sentence], {})
        for word, weight in bag.items():
            doc[word] = doc.get(word, 0.0) + weight
    units = {d: _unit(bag) for d, bag in docs.items()}
    total: dict[str, float] = {}
    for unit in units.values():
        for word, weight in unit.items():
            total[word] = total.get(word, 0.0) + weight
    total_sq = _dot(total, total)
    out: dict[str, float] = {}
    for sentence, bag in bags.items():
        own = units[doc_of[sentence]] if len(units) > 1 else {}
        other_sq = total_sq - 2 * _dot(total, own) + _dot(own, own)
        norm = math.sqrt(_dot(bag, bag) * max(other_sq, 0.0))
        out[sentence] = (_dot(bag, total) - _dot(bag, own)) / norm if norm > 1e-12 else 0.0
    return out


def _score(sentence: str, toks: list[str], bag: dict[str, float], close: float, lang: str,
           story: Story) -> float:
    n_words = len(sentence.split())
    norm = math.sqrt(_dot(bag, bag))
    close += STORY_WEIGHT * _dot(bag, story.story) / norm if norm else 0.0  # story: unit
    score = close * (1.0 if SHORT <= n_words <= LONG else 0.5)
    first = _FIRST.match(sentence.lstrip("\"'“„‘«( "))
    if first and first.group().lower() in dangling_starts(lang):
        score /= 3
    return score * (1.0 - boiler_share(toks, story.boiler)) ** 2


def choose_sentences(rows: pd.DataFrame, k: int,
                     story: Story = EMPTY) -> tuple[list[str], int | None]:
    """The ``k`` best sentences of a day's rows and the row (label) behind the headline."""
    firsts: dict[str, int] = {}
    for pos, sentence in zip(rows.index, rows["sentence"], strict=True):
        text = " ".join(str(sentence).split())
        if text and text not in firsts:
            firsts[text] = pos
    toks = {s: tokens(s) for s in firsts}
    bags = {s: _bag(toks[s], story) for s in firsts}
    # rows without articles (a bare list of sentences): each is its own report
    docs = rows["doc_id"] if "doc_id" in rows else pd.Series(rows.index, index=rows.index)
    close = closeness(bags, {s: str(docs[pos]) for s, pos in firsts.items()})
    langs = dict(zip(rows.index, rows["lang"], strict=True))
    ranked = sorted(firsts, key=lambda s: (-_score(s, toks[s], bags[s], close[s],
                                                   str(langs[firsts[s]] or ""), story), s))
    chosen: list[str] = []
    for sentence in ranked:
        if len(chosen) >= k:
            break
        if all(_cosine(bags[sentence], bags[c]) < REPEAT for c in chosen):
            chosen.append(sentence)
    return chosen, _headline_row(rows, [firsts[s] for s in ranked[:HEADLINE_POOL]])


def _headline_row(rows: pd.DataFrame, ranked: list[int]) -> int | None:
    """The first of the ``ranked`` rows whose label begins with one of its actors, else
    the first."""
    if "actors" not in rows or "event" not in rows:
        return ranked[0] if ranked else None
    return next((pos for pos in ranked if led_by_actor(
        str(rows.at[pos, "event"]), str(rows.at[pos, "actors"] or ""),
        str(rows.at[pos, "lang"] or ""))), ranked[0] if ranked else None)


def statement(rows: pd.DataFrame, k: int, story: Story = EMPTY) -> Statement:
    """The sentences and headline of the day whose rows are ``rows``."""
    sentences, best = choose_sentences(rows, k, story)
    if best is None:
        return Statement((), "")
    row = rows.loc[best]
    return Statement(tuple(sentences), headline(
        str(row["event"]), str(row["actors"] or ""), " ".join(str(row["sentence"]).split()),
        str(row["trigger"] or ""), story, str(row["lang"] or "")))


def join_sentences(sentences: Sequence[str]) -> str:
    return " ".join(sentences)
