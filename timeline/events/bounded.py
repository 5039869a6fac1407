"""Bounded reads that keep the event stage linear in the article.

- :class:`DatedRows`: the day-precise rows indexed by sentence, so a duration finds its
  start by bisection in its own sentence and among at most ``MAX_ADJACENT`` rows of each
  adjacent one;
- :func:`duration_days`: the days a duration covers from the day a row gives it;
- :func:`window` / :func:`chunks`: a sentence longer than ``LONG_SENTENCE`` characters is
  read in a window of ``WINDOW`` characters either side of each expression (for its
  anchor and the row's ``sentence``), and searched for names chunk by chunk;
- :class:`Item` / :func:`jobs`: an expression keeps its sentence (shared) and its
  window's bounds only, and the stretches to anchor are made one at a time, each with
  the spans and names in it: no structure holds a copy of a window per expression, so
  memory stays linear with a small constant on a huge sentence of dates.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, replace

from timeline.events.actors import Mention
from timeline.events.lexicon import Anchor
from timeline.models import Event, Timex
from timeline.sentences import Sentence

__all__ = ["DAY_GRAINS", "LONG_SENTENCE", "MAX_ADJACENT", "WINDOW", "DatedRows", "Item",
           "Job", "chunks", "jobs", "window"]

MAX_ADJACENT = 64  # rows of an adjacent sentence a duration may take its start from
LONG_SENTENCE, WINDOW = 2000, 200  # characters (see window)
DAY_GRAINS = ("day", "part-of-day", "hour", "minute")


class DatedRows:
    """The day-precise DATE/TIME rows of an article indexed by sentence (positions into
    the row list, ascending), so a duration looks at its own and adjacent sentences only:
    the nearest row of its sentence by bisection, at most ``MAX_ADJACENT`` rows (the
    nearest) of each adjacent sentence."""

    def __init__(self, rows: list[tuple[Event, Anchor]]) -> None:
        self.rows = rows
        self.at: dict[int, list[int]] = {}
        for pos, (ev, _) in enumerate(rows):
            if ev.start is not None and ev.granularity in DAY_GRAINS \
                    and ev.timex_type != "DURATION":
                self.at.setdefault(ev.sentence_index, []).append(pos)
        self.starts = {k: [rows[p][0].char_start for p in v] for k, v in self.at.items()}

    def nearest(self, idx: int, offset: int) -> int | None:
        """Position of the row of sentence ``idx`` nearest to ``offset`` (the earlier on
        a tie, the first of equal offsets)."""
        starts = self.starts.get(idx)
        if not starts:
            return None
        i = bisect.bisect_left(starts, offset)
        if i == len(starts) or (i > 0 and offset - starts[i - 1] <= starts[i] - offset):
            i = bisect.bisect_left(starts, starts[i - 1])
        return self.at[idx][i]

    def adjacent(self, idx: int, offset: int) -> list[int]:
        """Positions of the nearest rows of the sentences before and after ``idx``."""
        before = self.at.get(idx - 1, [])[-MAX_ADJACENT:]
        after = self.at.get(idx + 1, [])[:MAX_ADJACENT]
        return sorted(before + after)


def window(text: str, sent: Sentence, start: int, end: int) -> tuple[int, int]:
    """The bounds of ``sent``, or for a sentence longer than ``LONG_SENTENCE`` characters
    of the stretch of it ``WINDOW`` characters either side of ``start``-``end`` (cut at
    spaces): what the timex is anchored in and the row shows, so no step reads a whole
    huge sentence per timex."""
    if sent.end - sent.start <= LONG_SENTENCE:
        return sent.start, sent.end
    lo, hi = max(sent.start, start - WINDOW), min(sent.end, end + WINDOW)
    if lo > sent.start and (cut := text.find(" ", lo, start)) >= 0:
        lo = cut + 1
    if hi < sent.end and (cut := text.rfind(" ", end, hi)) >= 0:
        hi = cut
    return lo, hi


def chunks(text: str, sent: Sentence) -> list[tuple[int, int]]:
    """A sentence as consecutive stretches of at most about ``LONG_SENTENCE`` characters."""
    out, lo = [], sent.start
    while sent.end - lo > LONG_SENTENCE:
        cut = text.rfind(" ", lo + 1, lo + LONG_SENTENCE)
        hi = cut if cut > lo else lo + LONG_SENTENCE
        out.append((lo, hi))
        lo = hi
    return [*out, (lo, sent.end)]


@dataclass(frozen=True, slots=True)
class Item:
    """A timex (or a from-to pair) with its sentence and its window's bounds
    (``lo``-``hi``: the whole sentence unless it is long), ready to anchor."""

    timex: Timex
    sentence: Sentence
    lo: int
    hi: int
    start: int
    end: int
    text: str
    value: str


#: A stretch to anchor: the sentence or window (``index``: the job's number), its
#: items, the timex spans in it and its names.
Job = tuple[Sentence, list[Item], list[tuple[int, int]], list[Mention]]


def jobs(text: str, items: list[Item], mentions: dict[int, list[Mention]]) -> Iterator[Job]:
    """The stretches to anchor in text order, made one at a time (a window's text, spans
    and names live only while it is anchored)."""
    groups: dict[tuple[int, int, int], list[Item]] = {}
    for item in items:
        groups.setdefault((item.sentence.index, item.lo, item.hi), []).append(item)
    starts: dict[int, list[int]] = {}
    for n, ((k, lo, hi), group) in enumerate(sorted(groups.items())):
        whole = group[0].sentence
        if (lo, hi) == (whole.start, whole.end):
            yield (replace(whole, index=n), group, [(i.start, i.end) for i in group],
                   mentions.get(k, []))
            continue
        ms = mentions.get(k, [])
        at = starts.setdefault(k, [m.start for m in ms])
        yield (Sentence(n, lo, hi, text[lo:hi], whole.kind), group,
               [(i.start, i.end) for i in _near(items, lo, hi)],
               ms[bisect.bisect_left(at, lo):bisect.bisect_left(at, hi)])


def _near(items: list[Item], lo: int, hi: int) -> list[Item]:
    """The items (sorted by start) that overlap ``lo``-``hi``; none is longer than a
    window, so only those starting a window before ``lo`` are looked at."""
    first = bisect.bisect_left(items, lo - WINDOW, key=lambda i: i.start)
    last = bisect.bisect_left(items, hi, key=lambda i: i.start)
    return [i for i in items[first:last] if i.end > lo]
