"""TIMEX3 value + mod -> the interval of days it denotes, and its granularity.

What a value denotes is defined once, in :mod:`timeline.timex3` (its module
doc lists the rules); this module adds the mods:

- mod START / MID / END -> first / middle / last third of the interval (in days);
  other mods leave the interval as it is.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from timeline.timex3 import REF_WINDOW_DAYS, TimexValue

__all__ = ["REF_WINDOW_DAYS", "apply_mod", "base_interval", "granularity_of", "interval_of"]


def base_interval(value: str, ref: date | None = None) -> tuple[date, date] | None:
    """The days a TIMEX3 value denotes, ignoring any mod; None if it denotes none."""
    return TimexValue.parse(value).interval(ref)


def apply_mod(interval: tuple[date, date], mod: str) -> tuple[date, date]:
    """Narrow an interval for START / MID / END (thirds of its length in days)."""
    first, last = interval
    span = (last - first).days + 1
    if mod not in ("START", "MID", "END") or span < 3:
        return interval
    third = span // 3
    if mod == "START":
        return first, first + timedelta(days=third - 1)
    if mod == "END":
        return last - timedelta(days=third - 1), last
    return first + timedelta(days=third), last - timedelta(days=third)


@lru_cache(maxsize=8192)
def interval_of(value: str, mod: str = "", ref: date | None = None) -> tuple[date, date] | None:
    """Earliest and latest day of ``value`` with ``mod`` applied."""
    base = base_interval(value, ref)
    return apply_mod(base, mod) if base else None


def granularity_of(value: str) -> str:
    """The value's rung on the granularity scale (century ... minute); '' for values
    with no calendar position (durations, refs, underspecified)."""
    return TimexValue.parse(value).granularity
