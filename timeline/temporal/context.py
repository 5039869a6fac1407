"""What the words around a recognised mention say about it, read once at recognition:
whether a bare number is a year (:mod:`timeline.temporal.years`) and in which country a
holiday is kept (:mod:`timeline.temporal.holidays`)."""

from __future__ import annotations

from timeline.temporal.holidays import with_country
from timeline.temporal.language import Language
from timeline.temporal.mention import Mention
from timeline.temporal.years import clock_hours_reading, year_reading


def in_context(lang: Language, orig: str, low: str, m: Mention) -> Mention | None:
    """``m`` with what its context says (None: it is no temporal expression)."""
    if "year_number" in m.flags:
        return year_reading(lang, orig, low, m)
    if m.template == "holiday":
        return with_country(lang, low, m)
    if m.template == "duration":
        return clock_hours_reading(lang, orig, m)
    return m
