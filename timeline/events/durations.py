"""When a DURATION measures an event, and how far it may stretch it.

A duration gives an event's length only when it measures that very event:

- it carries no mod and no gap word stands beside it ("in more than seven months", "a
  day after" are gaps, not lengths; ``duration_gap_words`` before it,
  ``duration_gap_after_words`` after it: "two days in Geneva" is a length);
- it modifies the event noun it dates ("the two-day summit", "the week-long congress"),
  or a length word of the language introduces or follows it ("talks lasted three days",
  "met for two days"; ``duration_measure_before`` / ``duration_measure_after``). A
  duration hanging on a verb in any other way measures something else: "sentenced four
  soldiers to 6,060 years of prison" is the length of the prison term, not of the
  sentencing;
- it is plausible for an event dated to a day: at most ``MAX_STRETCH_DAYS`` days.

A past event is never stretched past the publication date: when the dated row starts
before the article's day, the stretched end is cut there (what happens later is not
told yet).
"""

from __future__ import annotations

from datetime import date, timedelta

from timeline.events.bounded import DatedRows
from timeline.events.lexicon import Anchor, words
from timeline.models import Event, Timex
from timeline.timex3 import TimexValue

MAX_STRETCH_DAYS = 366  # a day-dated event lasting longer is no stretch of that day
SUBJECT_WORDS = 3
_EDGE = ",.;:()\"'\u2019\u201c\u201d"


def duration_days(value: str, start: date) -> int | None:
    """Days covered by a duration starting on ``start`` (None if not a whole number)."""
    parsed = TimexValue.parse(value)
    if parsed.amount is None or not parsed.amount.is_integer():
        return None
    if parsed.unit in ("TH", "TM"):
        return 1
    n, unit = int(parsed.amount), parsed.unit
    if n <= 0 or unit not in ("D", "W", "M", "Y"):
        return None
    if unit in "DW":
        return n * (7 if unit == "W" else 1)
    months = n * (12 if unit == "Y" else 1)
    y, mo = divmod(start.month - 1 + months, 12)
    try:
        return (date(start.year + y, mo + 1, start.day) - start).days
    except (ValueError, OverflowError):
        return None


def _beside(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """The word before and the word after ``start``-``end``, lower-cased, stripped."""
    before = text[max(0, start - 20):start].lower().split()[-1:]
    after = text[end:end + 20].lower().split()[:1]
    return [w.strip(_EDGE) for w in before], [w.strip(_EDGE) for w in after]


def measures_length(text: str, timex: Timex, anchor: Anchor, lang: str) -> bool:
    """Whether a duration gives the length of the event it is anchored to (module doc)."""
    if timex.mod or anchor.trigger_at < 0:
        return False
    w = words(lang)
    before, after = _beside(text, timex.start, timex.end)
    if any(word in w.duration_gaps for word in before) or any(
            word in w.duration_gaps_after for word in after):
        return False
    if anchor.noun and anchor.trigger_at >= timex.end:
        return True  # "the two-day summit": it modifies the noun it dates
    return any(word in w.duration_measure_before for word in before) or any(
        word in w.duration_measure_after for word in after)


def stretched_end(value: str, base: Event) -> date | None:
    """The last day of an event starting on ``base.start`` lasting ``value``, cut at the
    publication date when the event began before it; None when implausible."""
    if base.start is None:
        return None
    days = duration_days(value, base.start)
    if days is None or days > MAX_STRETCH_DAYS:
        return None
    end = base.start + timedelta(days=days - 1)
    if base.start < base.published < end:
        return base.published
    return end


def _about(text: str, row: tuple[Event, Anchor], anchor: Anchor) -> bool:
    """Whether a row is about a duration's trigger (names it, or is the same event)."""
    return anchor.trigger.lower() in row[0].event.lower().split() or same_event(
        text, row[1], anchor)


def dated_neighbour(text: str, dated: DatedRows, sentence: int, offset: int, anchor: Anchor
                    ) -> int | None:
    """The position of the nearest day-precise row in the same sentence, else in an
    adjacent sentence about the same thing."""
    own = dated.nearest(sentence, offset)
    if own is not None:
        return own
    rows = dated.rows
    near = [p for p in dated.adjacent(sentence, offset) if _about(text, rows[p], anchor)]
    if not near:
        return None
    return min(near, key=lambda p: (abs(rows[p][0].char_start - offset),
                                    rows[p][0].char_start))


def same_event(text: str, base_anchor: Anchor, anchor: Anchor) -> bool:
    """Whether a duration's trigger is the dated row's event: the same word, or the
    subject just before the row's verb ("The congress opened on Monday ... the week-long
    congress")."""
    if base_anchor.trigger_at == anchor.trigger_at:
        return True
    if base_anchor.noun or base_anchor.trigger_at < 0:
        return False
    before = text[max(0, base_anchor.trigger_at - 60):base_anchor.trigger_at]
    return anchor.trigger.lower() in before.lower().split()[-SUBJECT_WORDS:]
