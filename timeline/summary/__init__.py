"""Key-event summarization: from an event table, the dates that tell the story.

:func:`summarize` scores every day the table dates events to
(:mod:`timeline.summary.salience`), picks the best spread over the story
(:mod:`timeline.summary.select`) and gives each a headline and summary sentences
(:mod:`timeline.summary.sentences`). It reads the event table alone, so the summary of
a build and that of its ``events.csv`` are the same.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from timeline.summary.salience import WEIGHTS, Day, Weights, score_days
from timeline.summary.select import choose, default_dates, within
from timeline.summary.sentences import join_sentences, statement
from timeline.summary.story import EMPTY, Story, story_of
from timeline.table.schema import LIST_SEP
from timeline.table.summary_schema import SUMMARY_COLUMN_NAMES, coerce_summary

__all__ = ["WEIGHTS", "Weights", "summarize"]


def _n_articles(frame: pd.DataFrame) -> int:
    docs = set(frame["doc_id"])
    for cell in frame["sources"]:
        docs.update(part for part in cell.split(LIST_SEP) if part)
    docs.discard("")
    return len(docs)


def _row(day: Day, rank: int, top: float, frame: pd.DataFrame, k: int,
         story: Story) -> dict[str, object]:
    rows = frame.iloc[list(day.rows)]
    said = statement(rows, k, story)
    first = day.first_reported or min(date.fromisoformat(p) for p in rows["published"])
    return {"date": day.day.isoformat(), "rank": rank,
            "salience": round(min(1.0, day.score / top), 4) if top else 0.0,
            "headline": said.headline, "summary": join_sentences(said.sentences),
            "n_sources": len(day.articles), "sources": LIST_SEP.join(day.articles),
            "event_ids": LIST_SEP.join(dict.fromkeys(rows["event_id"])),
            "first_reported": first.isoformat()}


def summarize(frame: pd.DataFrame, dates: int | None = None, sentences: int = 1,
              start: date | None = None, end: date | None = None,
              weights: Weights = WEIGHTS) -> pd.DataFrame:
    """The key dates of an event table (columns of :mod:`timeline.table.schema`), one
    row each in date order, with the columns of :mod:`timeline.table.summary_schema`.

    ``dates``: how many (default: about one per 15 articles, at least 5, at most 60);
    ``sentences``: summary sentences per date; ``start``/``end``: only days inside.
    """
    frame = frame.reset_index(drop=True)
    days = within(score_days(frame, weights), start, end)
    n = dates if dates is not None else default_dates(_n_articles(frame))
    chosen = choose(days, n, weights)
    top = max((d.score for d in days), default=0.0)
    story = story_of(frame) if chosen else EMPTY
    records = [_row(day, rank, top, frame, sentences, story)
               for rank, day in enumerate(chosen, start=1)]
    out = pd.DataFrame(records, columns=list(SUMMARY_COLUMN_NAMES))
    out = out.sort_values("date", kind="mergesort").reset_index(drop=True)
    return coerce_summary(out)
