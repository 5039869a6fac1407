"""The headline of a key date: its event label, led by the actor who acts in its sentence.

The actors of the chosen sentence's row that the sentence itself names (by any of their
words, function words of the language aside) are the candidates. Each mention is read as
the actor the collection names most often among those whose words include every word
the sentence matched ("Jackson" in a Michael Jackson story reads as "Michael Jackson", not
as the "Jesse Jackson" a merged row also lists). The lead is the candidate named first
before the event's trigger (the one who acts), else the one named first; ties go to the
actor the collection names more often. A name right after a locative preposition ("in
neighbouring Uzbekistan": one of the language's ``locative_prepositions`` within the two
words before it) is where it happened, not who acted, and leads only when no other does.
When the sentence names none of them (a merged row lists the actors of every report),
the row's actor the collection names most leads.
The headline is the label (the sentence's first 12 words when the label is shorter than
three words), led by ``Actor:`` when the label names no word of it and does not already
begin with one of the row's actors.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from timeline.langdata import language_dir, load_json
from timeline.summary.story import EMPTY, WORD, Story, function_words
from timeline.table.schema import LIST_SEP

HEADLINE_WORDS = 12
MIN_LABEL_WORDS = 3
PLACE_WINDOW = 2  # words before a name searched for a locative preposition


@cache
def _locatives(lang: str) -> frozenset[str]:
    folder = language_dir(lang) if lang else None
    if folder is None or not (folder / "events_words.json").is_file():
        return frozenset()
    return frozenset(load_json(lang, "events_words.json").get("locative_prepositions", ()))


def led_by_actor(label: str, actors: str, lang: str = "") -> bool:
    """Does the label begin with (a word of) one of the row's actors: does it say who did
    it ("Putin and Xi met in Beijing", not "Previous one in Beijing ended ...")?"""
    said = _words(label, function_words(lang))[:1]
    return bool(said) and any(said[0] in _words(a, frozenset())
                              for a in actors.split(LIST_SEP) if a)


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
    places = _locatives(lang)
    best: tuple[tuple[int, int, int, int], str] | None = None
    for actor in (a for a in actors.split(LIST_SEP) if a):
        matched = [w for w in _words(actor, stop) if w in first]
        if not matched:
            continue
        pos = min(first[w] for w in matched)
        name = canonical(matched, actor, story)
        place = not places.isdisjoint(toks[max(0, pos - PLACE_WINDOW):pos])
        key = (int(place), 0 if pos < trig else 1, pos, -story.actors.get(name, 0))
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
    lead = "" if led_by_actor(" ".join(words), actors, lang) else lead_actor(
        actors, sentence, trigger, story or EMPTY, lang)
    named = {w.lower() for w in WORD.findall(" ".join(words))}
    if lead and not named & {w.lower() for w in WORD.findall(lead)}:
        words = [f"{lead}:", *words]
    return " ".join(words[:HEADLINE_WORDS])
