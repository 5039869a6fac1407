"""The one adapter to dateparser: absolute calendar dates from free-form metadata strings.

dateparser carries date formats and month names for hundreds of locales, which is what
metadata needs ("15 septembre 2022", "Sept 15, 2022 10:00 AM EDT"), but it costs about a
millisecond a call: it is used off the hot path only (publication dates, once per
article), never by the tagger. Its types do not leave this module.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

_NUMERIC_ONLY = re.compile(r"^[\d\s./-]+$")
_SETTINGS = {
    "PARSERS": ["absolute-time"],  # no "yesterday", "in 2 days", timestamps
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
}


@cache
def _parser(languages: tuple[str, ...]) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(languages), settings=_SETTINGS)


def parse_absolute_date(text: str, languages: Sequence[str] = ("en",)) -> date | None:
    """The calendar day ``text`` names, or None when it names none, names it only relative
    to today, lacks the day, month or year, or is an ambiguous all-numeric form
    (09/10/2022)."""
    text = " ".join(text.split())
    if not text or len(text) > 80 or _NUMERIC_ONLY.match(text):
        return None
    try:
        data = _parser(tuple(languages)).get_date_data(text)
    except (ValueError, TypeError, OverflowError):
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date()
