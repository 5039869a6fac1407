"""How strongly the collection points at each day: the signals and their weights.

Only rows dated to a day or finer are candidates (date precision: "April 20" names a
key date, "April" does not). For each candidate day d, from the event table alone:

- ``articles``: distinct articles that date an event to d (every article of a merged
  row's ``sources``), weight 1;
- ``retrospective``: each of those articles published after d adds ``log(1 + days from d
  to its publication)``, the days counted up to ``retrospective_days`` (30: a date
  recalled in passing months later is background, not a key event by itself): a day
  still referred to days or weeks later is a key event, one named only in its own day's
  reports is routine (Tran et al. 2015; news-tls's Datewise counts references from
  later articles), weight 1.5;
- ``reported_next_day``: of those, the ones published on d + 1 (the report the day
  after, as news-tls's Datewise counts it), weight 0.5;
- ``published_next_day``: articles of the whole collection published on d + 1 (news
  volume the day after), weight 1;
- ``centrality``: how close the sentences that date events to d are to the collection
  as a whole (TF-IDF cosine to its centroid, summed over the articles, relative to the
  median): what the outlets agree the story is about, weight 0.01 (it breaks the many
  ties of small counts);
- ``written`` (date precision): articles that write the day's number out ("April 20",
  "20 April 2010") rather than only name it relative to their own date ("Thursday",
  "yesterday"): a date spelled out is one the reporter pins down, often recalled, weight
  0.5;
- ``outlets``: distinct outlets (the ``source`` of each article's rows) reporting d,
  less one, weight 0 (measured: no gain over counting articles; the outlets of
  Timeline17 each report most key days anyway);
- ``agreement``: the most outlets that use one word of the event labels dated to d,
  less one (the outlets agreeing on what happened), weight 0 (measured: no gain);
- spread (in :mod:`timeline.summary.select`): a pick within a day or two of an earlier
  pick may lose ``spread * exp(-|days apart| / 1)`` of the top score per earlier pick;
  weight 0 by default (with the retrospective signal any spread cost Date-F1).

The weights were set on the Timeline17 development stories (benchmarks/bench_tls.py),
on a small grid (articles 0.5/1, retrospective 1/1.5, written 0/0.5/1, outlets 0/1,
agreement 0/1), the simplest of the best on both table sets: mean Date-F1 0.710 (rule
tables) and 0.704 (spaCy tables) against 0.696 and 0.690 before. Leave one story out
(weights chosen on three stories, scored on the fourth): 0.709 and 0.703.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pandas as pd

from timeline.table.schema import LIST_SEP
from timeline.timex3 import coarser_than, rank

_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True, slots=True)
class Weights:
    articles: float = 1.0
    retrospective: float = 1.5
    retrospective_days: int = 30
    reported_next_day: float = 0.5
    published_next_day: float = 1.0
    centrality: float = 0.01
    outlets: float = 0.0
    written: float = 0.5
    agreement: float = 0.0
    spread: float = 0.0
    spread_days: float = 1.0


WEIGHTS = Weights()
#: The weighted signals of a day (the fields of :class:`Weights` that weigh one).
SIGNALS = ("articles", "retrospective", "reported_next_day", "published_next_day",
           "centrality", "written", "outlets", "agreement")


@dataclass(frozen=True, slots=True)
class Day:
    """One candidate day: the rows behind it, the articles reporting it, its raw signals
    (name -> value, see the module's docstring) and its score."""

    day: date
    rows: tuple[int, ...]
    articles: tuple[str, ...]
    first_reported: date | None
    signals: dict[str, float]
    score: float = 0.0


def row_day(value: str, granularity: str) -> date | None:
    """The day a row is dated to, or None when its date is coarser than a day."""
    if rank(granularity) is None or coarser_than(granularity, "day"):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _split(cell: str) -> list[str]:
    return [part for part in cell.split(LIST_SEP) if part]


def _words(text: str) -> Counter[str]:
    return Counter(word.lower() for word in _WORD.findall(text))


def centrality(sentences: Iterable[str]) -> list[float]:
    """Each sentence's TF-IDF cosine to the centroid of all of them."""
    bags = [_words(s) for s in sentences]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = max(len(bags), 1)
    idf = {w: math.log(n / c) for w, c in df.items()}
    centroid = {w: c * idf[w] for w, c in df.items()}
    c_norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    out = []
    for bag in bags:
        vec = {w: c * idf[w] for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append(sum(v * centroid[w] for w, v in vec.items()) / (norm * c_norm))
    return out


def _published(frame: pd.DataFrame) -> dict[str, date]:
    """Article id -> its publication date (the articles that have rows of their own)."""
    out: dict[str, date] = {}
    for doc, pub in zip(frame["doc_id"], frame["published"], strict=True):
        if doc not in out and isinstance(pub, str) and pub:
            out[doc] = date.fromisoformat(pub)
    return out


@dataclass
class _Tally:
    rows: list[int]
    best: dict[str, float]  # article -> its most central sentence for the day
    written: set[str]  # articles that write the day's number out ("April 20")
    words: dict[str, set[str]]  # label word -> the outlets using it for the day


def _writes_day(text: str, day: date) -> bool:
    return re.search(rf"(?<!\d)0?{day.day}(?!\d)", text) is not None


def _tally(frame: pd.DataFrame, outlet: dict[str, str]) -> dict[date, _Tally]:
    """Day -> the rows dated to it and, per reporting article, its best centrality."""
    unique = list(dict.fromkeys(frame["sentence"]))
    score_of = dict(zip(unique, centrality(unique), strict=True))
    days: dict[date, _Tally] = defaultdict(lambda: _Tally([], {}, set(), defaultdict(set)))
    cols = zip(frame["timex_value"], frame["granularity"], frame["sources"], frame["doc_id"],
               frame["sentence"], frame["timex_text"], frame["event"], strict=True)
    for pos, (value, gran, sources, doc, sentence, text, label) in enumerate(cols):
        day = row_day(value, gran)
        if day is None:
            continue
        tally = days[day]
        tally.rows.append(pos)
        articles = _split(sources) or [doc]
        for article in articles:
            tally.best[article] = max(tally.best.get(article, 0.0), score_of[sentence])
        if _writes_day(text, day):
            tally.written.update(articles)
        for word in _words(label):
            tally.words[word].update(outlet.get(a, a) for a in articles)
    return days


def _hindsight(day: date, pubs: Iterable[date], cap: int) -> float:
    """The retrospective signal: log(1 + days later, at most ``cap``) over later reports."""
    return sum(math.log1p(min((pub - day).days, cap)) for pub in pubs if pub > day)


def _outlets(frame: pd.DataFrame) -> dict[str, str]:
    """Article id -> its outlet (the ``source`` of its own rows)."""
    return dict(zip(frame["doc_id"], frame["source"], strict=True))


def day_signals(frame: pd.DataFrame, cap: int = WEIGHTS.retrospective_days) -> list[Day]:
    """Every day some row is dated to, with its raw signals (unscored), in date order."""
    published = _published(frame)
    outlet = _outlets(frame)
    volume = Counter(published.values())
    tallies = _tally(frame, outlet)
    all_best = sorted(v for t in tallies.values() for v in t.best.values())
    median = all_best[len(all_best) // 2] if all_best and all_best[len(all_best) // 2] else 1.0
    out = []
    for day in sorted(tallies):
        tally = tallies[day]
        articles = sorted(tally.best)
        next_day = day + timedelta(days=1)
        pubs = [published[a] for a in articles if a in published]
        values = {"articles": float(len(articles)),
                  "retrospective": _hindsight(day, pubs, cap),
                  "reported_next_day": float(sum(p == next_day for p in pubs)),
                  "published_next_day": float(volume.get(next_day, 0)),
                  "centrality": sum(tally.best.values()) / median,
                  "outlets": float(len({outlet.get(a, a) for a in articles}) - 1),
                  "written": float(len(tally.written)),
                  "agreement": float(max(map(len, tally.words.values()), default=1) - 1)}
        out.append(Day(day, tuple(tally.rows), tuple(articles), min(pubs, default=None),
                       values))
    return out


def combine(days: Iterable[Day], weights: Weights = WEIGHTS) -> list[Day]:
    """``days`` scored with ``weights``: the weighted sum of their signals."""
    return [replace(d, score=sum(getattr(weights, name) * value
                                 for name, value in d.signals.items()))
            for d in days]


def score_days(frame: pd.DataFrame, weights: Weights = WEIGHTS) -> list[Day]:
    """Every day some row is dated to, with its salience score, in date order."""
    return combine(day_signals(frame, weights.retrospective_days), weights)
