"""Which characters can a regex's match begin with? Used to try, at each position, only
the patterns that can start there (a dispatch table keyed by the first character).

The answer is always a superset: anything not understood counts as "any character"
(``None``), which only costs speed, never a match. Any alphabet works: the keys are the
characters themselves ('ä', 'Ü', '1'), and a pattern that may begin anywhere is tried at
every character, listed or not (:data:`ANY`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:  # the typed (deprecated) public names of the regex parser
    import sre_constants as c
    import sre_parse
else:  # the same modules, imported without the deprecation warning
    from re import _constants as c
    from re import _parser as sre_parse

ANY: Final = ""  # the dispatch key of the patterns that may begin with any character
_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT))
_CATEGORIES = {
    c.CATEGORY_DIGIT: set(string.digits),
}  # \w is any letter of any alphabet: unknown (None)


def _in_set(items: list[tuple[Any, Any]]) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op == c.LITERAL:
            chars.add(chr(arg))
        elif op == c.RANGE:
            chars.update(chr(x) for x in range(arg[0], arg[1] + 1) if x < 0x3000)
        elif op == c.CATEGORY and arg in _CATEGORIES:
            chars.update(_CATEGORIES[arg])
        else:  # NEGATE, other categories: give up
            return None
    return chars


def _item(op: Any, arg: Any) -> tuple[set[str] | None, bool]:
    """(first characters, can match empty) of one parsed item."""
    if op == c.LITERAL:
        return {chr(arg)}, False
    if op == c.IN:
        return _in_set(arg), False
    if op in _ZERO_WIDTH:
        return set(), True
    if op == c.SUBPATTERN:
        return _sequence(arg[-1])
    if op == c.BRANCH:
        chars: set[str] | None = set()
        nullable = False
        for alt in arg[1]:
            sub, empty = _sequence(alt)
            chars = None if chars is None or sub is None else chars | sub
            nullable = nullable or empty
        return chars, nullable
    if op in _REPEATS:
        sub, empty = _sequence(arg[2])
        return sub, empty or arg[0] == 0
    return None, False


def _sequence(items: Any) -> tuple[set[str] | None, bool]:
    chars: set[str] = set()
    for op, arg in items:
        sub, nullable = _item(op, arg)
        if sub is None:
            return None, False
        chars |= sub
        if not nullable:
            return chars, False
    return chars, True


def first_chars(pattern: str) -> set[str] | None:
    """The characters a match of ``pattern`` can start with; None if any (or unknown)."""
    try:
        chars, nullable = _sequence(sre_parse.parse(pattern).data)
    except Exception:  # noqa: BLE001 - an unparseable pattern just gets no dispatch
        return None
    return None if nullable else chars


def dispatch_keys(pattern: str) -> set[str]:
    """The first characters a pattern must be tried at; ``{ANY}`` if any character."""
    chars = first_chars(pattern)
    return {ANY} if chars is None else chars


class Dispatch(Mapping[str, "re.Pattern[str]"]):
    """First character -> the alternation of the patterns that can begin with it (key
    :data:`ANY`: those that may begin with any character), each compiled the first time a
    text needs it: one sentence needs two or three of them, a corpus all."""

    def __init__(self, sources: dict[str, str]) -> None:
        self._sources = sources
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._by_char: dict[str, re.Pattern[str] | None] = {}

    def __getitem__(self, key: str) -> re.Pattern[str]:
        if (regex := self._compiled.get(key)) is None:
            regex = self._compiled[key] = re.compile(self._sources[key])
        return regex

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)

    def regex_for(self, char: str) -> re.Pattern[str] | None:
        """The alternation to try at ``char``: its own, else the :data:`ANY` one (None if
        no pattern can begin there)."""
        try:
            return self._by_char[char]
        except KeyError:
            key = char if char in self._sources else ANY
            regex = self._by_char[char] = self[key] if key in self._sources else None
            return regex

    def compiled(self) -> frozenset[str]:
        """The keys compiled so far."""
        return frozenset(self._compiled)
