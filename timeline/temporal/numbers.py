"""Numbers as the text writes them, and the TIMEX3 durations they count: 'twenty-four'
-> 24, 'nineteen ninety-six' -> 1996, (2.5, 'Y') -> P2Y6M."""

from __future__ import annotations

import re

from timeline.temporal.language import Language

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_YEARS_PER = {"DE": 10, "CE": 100, "ML": 1000}  # durations in decades are written in years
_UNIT_CODES = {"S": "S", "MIN": "M", "H": "H", "D": "D", "NIGHT": "D", "W": "W", "WE": "WE",
               "FN": "W", "M": "M", "Q": "Q", "Y": "Y", "DE": "DE", "CE": "CE", "ML": "ML",
               "SEASON": "M"}
TIME_UNITS = frozenset(("S", "MIN", "H"))


def number_value(lang: Language, text: str) -> float | None:
    """'two' -> 2, 'twenty-four' -> 24, '1.5' -> 1.5, 'several' -> None (vague)."""
    text = text.replace(",", "")
    if _DIGITS.fullmatch(text):
        return float(text)
    if (value := lang.word("numbers", text)) is not None:
        return float(value)
    parts = re.split(r"[\s-]+", text)
    multipliers = lang.lex["number_multipliers"]
    values = [multipliers.get(p) or lang.word("numbers", p) for p in parts]
    if len(parts) < 2 or not all(isinstance(v, int) for v in values):
        return None
    total = current = 0
    for part, value in zip(parts, values, strict=True):
        if part in multipliers:  # "two hundred" -> 200, "a thousand" -> 1000
            total, current = total + max(current, 1) * value, 0
        else:
            current += value  # "twenty-four" -> 24
    return float(total + current)


def _count(num: float | None) -> str:
    if num is None:
        return "X"
    return str(int(num)) if num == int(num) else str(num)


_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60),
            "MIN": ("S", 60)}


def _designated(parts: list[tuple[str, str]]) -> str:
    """[('5','H'), ('30','MIN')] -> PT5H30M: time units go after the T designator."""
    date_part = "".join(n + u for n, u in parts if u not in TIME_UNITS)
    time_part = "".join(n + _UNIT_CODES[u] for n, u in parts if u in TIME_UNITS)
    return "P" + date_part + ("T" + time_part if time_part else "")


def duration_value(unit: str, num: float | None) -> str:
    """P2D, PT2H, P6M, PXY (vague count), P1DE; fractions in the next unit down:
    '2 1/2 years' -> P2Y6M, 'half an hour' -> PT30M."""
    if unit == "FN":
        unit, num = "W", (num * 2 if num is not None else None)
    if unit == "WE":
        unit, num = "D", (num * 2 if num is not None else None)
    if unit in _YEARS_PER and num is not None:  # "two decades" -> P20Y (TimeBank)
        unit, num = "Y", num * _YEARS_PER[unit]
    code = _UNIT_CODES.get(unit, unit)
    if num is None or num == int(num) or unit not in _SMALLER:
        return _designated([(_count(num), unit if unit in TIME_UNITS else code)])
    whole, frac = int(num), num - int(num)
    smaller, factor = _SMALLER[unit]
    parts = [(str(whole), unit if unit in TIME_UNITS else code)] if whole else []
    parts.append((_count(round(frac * factor, 2)), smaller if smaller in TIME_UNITS
                  else _UNIT_CODES[smaller]))
    return _designated(parts)


def spoken_year(lang: Language, text: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001."""
    words = [w for w in re.split(r"[\s-]+", text) if w != lang.lex["spoken_and"]]
    millennium = lang.word("spoken_millennia", " ".join(words[:2]))
    if millennium is not None:
        rest = number_value(lang, " ".join(words[2:])) if words[2:] else 0
        return millennium + int(rest or 0)
    century = lang.lex["spoken_years"].get(words[0])
    if century is None:
        return None
    if words[1:] == [lang.lex["spoken_hundred"]]:
        return century
    rest = number_value(lang, " ".join(words[1:]))
    return century + int(rest) if rest is not None else None


def year_of(text: str, lang: Language | None = None) -> int | None:
    """'1996' -> 1996, "'96" and '96' -> None (no century), 'nineteen ninety-six' -> 1996."""
    if not text:
        return None
    digits = text.lstrip("'")
    if digits.isdigit():
        return int(digits) if len(digits) == 4 else None
    return spoken_year(lang, text) if lang else None
