"""The headline of a key date: its event label, led by the actor who acts in its sentence.

The actors of the chosen sentence's row that the sentence itself names (by any of their
words, function words of the language aside) are the candidates. Each mention is read as
the actor the collection names most often among those whose words include every word
the sentence matched ("Jackson" in a Michael Jackson story reads as "Michael Jackson", not
as the "Jesse Jackson" a merged row also lists). The lead is the candidate named first
before the event's trigger (the one who acts), else the one named first; ties go to the
actor the collection names more often. When the sentence names none of them (a merged
row lists the actors of every report), the row's actor the collection names most leads.
The headline is the label (the sentence's first 12 words when the label is shorter than
three words), led by ``Actor:`` when the label names no word of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.summary.story import EMPTY, WORD, Story, function_words
from timeline.table.schema import LIST_SEP

HEADLINE_WORDS = 12
MIN_LABEL_WORDS = 3


def _words(text: str, stop: frozenset[str]) -> list[str]:
    return [w for w in (x.lower() for x in WORD.findall(text)) if w not in stop]


def canonical(matched: Sequence[str], fallback: str, story: Story) -> str:
    """The collection's most named actor whose words include all of ``matched``."""
    pools = [story.actor_words.get(w, ()) for w in matched]
    if not pools or not all(pools):
        return fallback
    common = set(pools[0]).intersection(*pools[1:])
    if not common:
        return fallback
    return max(common, key=lambda a: (story.actors.get(a, 0), a == fallback, a))


def lead_actor(actors: str, sentence: str, trigger: str, story: Story, lang: str) -> str:
    """The actor who acts in ``sentence`` (see the module's doc), or ''."""
    stop = function_words(lang)
    toks = [w.lower() for w in WORD.findall(sentence)]
    first: dict[str, int] = {}
    for i, w in enumerate(toks):
        first.setdefault(w, i)
    trig = next((first[w] for w in _words(trigger, stop) if w in first), len(toks))
    best: tuple[tuple[int, int, int], str] | None = None
    for actor in (a for a in actors.split(LIST_SEP) if a):
        matched = [w for w in _words(actor, stop) if w in first]
        if not matched:
            continue
        pos = min(first[w] for w in matched)
        name = canonical(matched, actor, story)
        key = (0 if pos < trig else 1, pos, -story.actors.get(name, 0))
        if best is None or key < best[0]:
            best = (key, name)
    if best is not None:
        return best[1]
    listed = [a for a in actors.split(LIST_SEP) if a]
    return max(listed, key=lambda a: story.actors.get(a, 0), default="")


def headline(label: str, actors: str, sentence: str, trigger: str = "",
             story: Story | None = None, lang: str = "") -> str:
    """At most 12 words: the event label led by its actor, or the sentence's start."""
    words = label.split()
    if len(words) < MIN_LABEL_WORDS:
        words = sentence.split()
    lead = lead_actor(actors, sentence, trigger, story or EMPTY, lang)
    named = {w.lower() for w in WORD.findall(" ".join(words))}
    if lead and not named & {w.lower() for w in WORD.findall(lead)}:
        words = [f"{lead}:", *words]
    return " ".join(words[:HEADLINE_WORDS])
