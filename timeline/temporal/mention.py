"""A recognised temporal expression before interpretation, and the words around it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WORD_BEFORE = re.compile(r"(?P<word>(?:[^\W\d_]|['’])+)[\s,]*$")
_NEXT_WORD = re.compile(r"[\s,]*(?P<word>(?:[^\W\d_]|[$£€#])+\.?)")


@dataclass(frozen=True, slots=True)
class Mention:
    """A recognised span: which core pattern matched (its name, for people; its template
    and flags, for the code), with which groups (lower-cased)."""

    start: int
    end: int
    type: str
    pattern: str
    groups: tuple[tuple[str, str], ...]
    part: str = ""      # part-of-period words before it ("early", "the end of")
    approx: str = ""    # approximation words before it ("about", "more than")
    core_start: int = -1  # where the pattern's own match begins (after the prefix words)
    template: str = ""  # what the match produces: the CorePattern's template
    flags: frozenset[str] = frozenset()  # the CorePattern's flags (context checks)
    _by_name: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # groups by name, the first of a name winning (as a scan of ``groups`` finds it)
        object.__setattr__(self, "_by_name", dict(reversed(self.groups)))

    def group(self, name: str) -> str:
        return self._by_name.get(name, "")

    def only(self, *names: str) -> bool:
        """Did exactly the groups ``names`` match (``only("month")``: a bare month)?"""
        return {key for key, _ in self.groups} == set(names)


def word_before(text: str, pos: int) -> str:
    """The word (any alphabet) right before ``pos``, lower-cased; '' if none."""
    m = _WORD_BEFORE.search(text, max(0, pos - 30), pos)
    return m["word"].lower() if m else ""


def next_word(text: str, pos: int) -> str:
    """The word (or currency sign) right after ``pos``, lower-cased; '' if none."""
    m = _NEXT_WORD.match(text, pos, pos + 30)
    return m["word"].lower() if m else ""
