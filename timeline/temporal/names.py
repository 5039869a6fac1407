"""Is a temporal word part of a name? 'Colette and Jan find themselves' names a person,
not January: an abbreviated month with no day or year, joined by 'and' to a capitalised
word that is no month or weekday, is a first name."""

from __future__ import annotations

import re
from functools import cache

from timeline.temporal.language import NO_LETTER_BEFORE, Language


@cache
def _joined(lang: Language) -> re.Pattern[str]:
    joiners = "|".join(re.escape(w) for w in sorted(lang.lex.get("name_joiners", ()),
                                                    key=len, reverse=True)) or "(?!)"
    return re.compile(rf"{NO_LETTER_BEFORE}(?P<name>[^\W\d_a-zß][^\W\d_]+)\s+(?:{joiners})\s+$")


def joined_to_name(lang: Language, orig: str, start: int) -> bool:
    """Does a capitalised word that is no month or weekday stand right before ``start``,
    joined to it by 'and' or 'or' ('Colette and [Jan]')?"""
    m = _joined(lang).search(orig, max(0, start - 40), start)
    if m is None:
        return False
    name = m["name"]
    return lang.word("months", name) is None and lang.word("weekdays", name) is None
