"""Who an article names: its people by full and short name and where each was named
(:class:`NameBook`), the one or two people a pronoun or role noun stands for (only when
that is unambiguous), and one canonical name per person across rows."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from timeline.models import Event

PRONOUN_REACH = 300  # characters before a pronoun its one antecedent may stand
PAIR_REACH = 1500  # and its two ("the two heads of state")


class NameBook:
    """An article's people: full names, short names, and who was named where."""

    def __init__(self) -> None:
        self._full: dict[str, str] = {}  # any name token or full name -> full name
        self._short: dict[str, str] = {}  # full name -> shortest mention
        self._starts: list[int] = []
        self._names: list[str] = []

    def add_person(self, name: str, start: int) -> str:
        """Record a person mention; returns the full name it refers to."""
        full = self.full(name)
        if full == name and " " in name:
            for token in name.split():
                self._full.setdefault(token, name)
        self._full.setdefault(name, full)
        short = self._short.get(full, full)
        self._short[full] = name if len(name) < len(short) else short
        pos = bisect.bisect(self._starts, start)
        self._starts.insert(pos, start)
        self._names.insert(pos, full)
        return full

    def knows(self, name: str) -> bool:
        return name in self._full

    def full(self, name: str) -> str:
        return self._full.get(name, name)

    def short(self, full: str) -> str:
        return self._short.get(full, full)

    def recent(self, offset: int, reach: int = PRONOUN_REACH) -> list[str]:
        """The different people named in the ``reach`` characters before ``offset``
        (most recent last)."""
        lo = bisect.bisect_left(self._starts, offset - reach)
        hi = bisect.bisect_left(self._starts, offset)
        return list(reversed(dict.fromkeys(reversed(self._names[lo:hi]))))

    def before(self, offset: int, limit: int = 2) -> tuple[str, ...]:
        """The last ``limit`` different people named before ``offset`` (most recent last)."""
        out: list[str] = []
        for name in reversed(self._names[: bisect.bisect_left(self._starts, offset)]):
            if name not in out:
                out.append(name)
            if len(out) == limit:
                break
        return tuple(reversed(out))


def antecedents(book: NameBook, here: list[str], offset: int, count: int) -> tuple[str, ...]:
    """The people a pronoun or role noun at ``offset`` stands for: one (``count`` 1: "he")
    or two ("they", "the two leaders"); ``here``: the people named before it in its
    sentence. Only an unambiguous antecedent is taken: one person named before it in its
    sentence, else (none there) the only person named within ``PRONOUN_REACH``
    characters; two: the last two named in its sentence, else within ``PAIR_REACH``. Anything
    else gives () -- the pronoun is left out, never replaced by a wrong name."""
    here = list(dict.fromkeys(here))
    near = book.recent(offset)
    if count == 1:
        if here:
            return (here[0],) if len(here) == 1 else ()
        return (near[0],) if len(near) == 1 else ()
    if len(here) >= 2:
        return tuple(here[-2:])
    pair = book.recent(offset, PAIR_REACH)
    return tuple(pair[-2:]) if len(pair) >= 2 else ()


def role_antecedent(book: NameBook, here: list[str], offset: int) -> tuple[str, ...]:
    """The one person a singular role noun ("the president") stands for: the only person
    named within the reach before its sentence; one named in its own sentence is someone
    else ("Obama met the Chinese leader")."""
    near = [p for p in book.recent(offset) if p not in here]
    return (near[0],) if len(near) == 1 and not here else ()


def canonical_names(names: Iterable[str]) -> dict[str, str]:
    """Each one-word name that is a word of exactly one longer name (the longest of those
    holding it) -> that name: 'Trump' -> 'Donald Trump', 'Xi' -> 'Xi Jinping'; a name two
    longer ones could stand for ('Johnson': 'Boris Johnson', 'Samuel Johnson') and a
    name of several words are kept."""
    known = set(names)
    holders: dict[str, set[str]] = defaultdict(set)
    for name in known:
        for word in name.split():
            holders[word].add(name)
    out: dict[str, str] = {}
    for name in known:
        if " " in name or not name:
            continue  # "Michael Jackson" is no short form of "Michael Jackson II"
        found = holders[name] - {name}
        tops = {c for c in found if not any(set(c.split()) < set(d.split()) for d in found)}
        if len(tops) == 1:
            out[name] = tops.pop()
    return out


def with_canonical_actors(events: list[Event]) -> list[Event]:
    """``events`` with every actor by its canonical name (:func:`canonical_names` over
    all their actors): one name for one person across the rows."""
    names = canonical_names(a for e in events for a in e.actors)
    if not names:
        return events
    return [replace(e, actors=tuple(dict.fromkeys(names.get(a, a) for a in e.actors)))
            if any(a in names for a in e.actors) else e for e in events]
