"""Bounded reads that keep the event stage linear in the article.

- :class:`DatedRows`: the day-precise rows indexed by sentence, so a duration finds its
  start by bisection in its own sentence and among at most ``MAX_ADJACENT`` rows of each
  adjacent one;
- :func:`duration_days`: the days a duration covers from the day a row gives it;
- :func:`window` / :func:`chunks`: a sentence longer than ``LONG_SENTENCE`` characters is
  read in a window of ``WINDOW`` characters either side of each expression (for its
  anchor and the row's ``sentence``), and searched for names chunk by chunk.
"""

from __future__ import annotations

import bisect

from timeline.events.lexicon import Anchor
from timeline.models import Event
from timeline.sentences import Sentence

__all__ = ["DAY_GRAINS", "LONG_SENTENCE", "MAX_ADJACENT", "WINDOW", "DatedRows", "chunks",
           "window"]

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


def window(text: str, sent: Sentence, start: int, end: int) -> Sentence:
    """``sent``, or for a sentence longer than ``LONG_SENTENCE`` characters the stretch of
    it ``WINDOW`` characters either side of ``start``-``end`` (cut at spaces): what the
    timex is anchored in and the row shows, so no step reads a whole huge sentence per
    timex."""
    if sent.end - sent.start <= LONG_SENTENCE:
        return sent
    lo, hi = max(sent.start, start - WINDOW), min(sent.end, end + WINDOW)
    if lo > sent.start and (cut := text.find(" ", lo, start)) >= 0:
        lo = cut + 1
    if hi < sent.end and (cut := text.rfind(" ", end, hi)) >= 0:
        hi = cut
    return Sentence(sent.index, lo, hi, text[lo:hi], sent.kind)


def chunks(text: str, sent: Sentence) -> list[tuple[int, int]]:
    """A sentence as consecutive stretches of at most about ``LONG_SENTENCE`` characters."""
    out, lo = [], sent.start
    while sent.end - lo > LONG_SENTENCE:
        cut = text.rfind(" ", lo + 1, lo + LONG_SENTENCE)
        hi = cut if cut > lo else lo + LONG_SENTENCE
        out.append((lo, hi))
        lo = hi
    return [*out, (lo, sent.end)]
