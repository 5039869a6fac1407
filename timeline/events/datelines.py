"""Datelines: "PARIS, April 8 - The championships will take place July 15-24".

A dateline opens a report with where (and often when) it was filed, then a dash. Its
date is the article's date, not the date of the sentence's event, and its place is where
the report comes from, not an actor: the event stage reads the sentence from after the
dash, so the dateline's expressions date nothing and its names are not looked at.

A sentence opens with a dateline when, before its first spaced dash (``-``, ``--``,
``\u2013``, ``\u2014``) within ``MAX_DATELINE`` characters, every word outside brackets and
temporal expressions is capitalised or a number, and it either opens with a word in
capitals ("PARIS", "WASHINGTON"), names a news agency in brackets ("Berlin (dpa) -"), or
holds a temporal expression ("Paris, April 8 -"). Nothing here is a word of a language.
"""

from __future__ import annotations

import bisect
import re

from timeline.models import Timex
from timeline.sentences import Sentence

MAX_DATELINE = 80
_DASH_RE = re.compile(r"[ \t\u00a0]+(?:--?|[\u2013\u2014])[ \t\u00a0]+")
_BRACKETS_RE = re.compile(r"\([^()]*\)")
_WORD_RE = re.compile(r"[^\W\d_][\w.'\u2019-]*")


def _cut(text: str, sent: Sentence, spans: list[tuple[int, int]]) -> int:
    """Where the sentence's text starts after its dateline (0: none)."""
    dash = _DASH_RE.search(sent.text, 0, MAX_DATELINE + 3)
    if dash is None or dash.start() == 0:
        return 0
    head = sent.text[:dash.start()]
    dated = [(a - sent.start, b - sent.start) for a, b in spans
             if a >= sent.start and b <= sent.start + dash.start()]
    bare = list(head)
    for a, b in dated:
        bare[a:b] = " " * (b - a)
    plain = "".join(bare)
    bracketed = _BRACKETS_RE.search(plain) is not None
    plain = _BRACKETS_RE.sub(" ", plain)
    names = _WORD_RE.findall(plain)
    if not names or any(not w[:1].isupper() for w in names):
        return 0
    if not (bracketed or dated or (len(names[0]) > 1 and names[0].isupper())):
        return 0
    return dash.end()


def strip_datelines(text: str, sentences: list[Sentence], timexes: list[Timex]
                    ) -> list[Sentence]:
    """``sentences`` with each opening dateline cut off (module doc)."""
    spans = sorted((t.start, t.end) for t in timexes)
    starts = [s for s, _ in spans]
    out = []
    for sent in sentences:
        lo = bisect.bisect_left(starts, sent.start)
        hi = bisect.bisect_left(starts, sent.start + MAX_DATELINE)
        cut = _cut(text, sent, spans[lo:hi]) if sent.kind != "boilerplate" else 0
        if cut and sent.start + cut < sent.end:
            out.append(Sentence(sent.index, sent.start + cut, sent.end, sent.text[cut:],
                                sent.kind))
        else:
            out.append(sent)
    return out
