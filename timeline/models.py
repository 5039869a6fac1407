"""The frozen data that flows through the pipeline: Article -> Timex -> Event."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from timeline.timex3 import TimexValue

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
RELATIONS = ("on", "since", "until", "before", "after", "from-to")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, ready to be tagged.

    ``published`` is the reference date (TimeML DCT) every relative expression is
    resolved against. ``path`` is where it was read from (for error messages and
    provenance); ``doc_id`` is stable across runs (derived from path + row, or the
    collection's own ``id``). ``lang`` is the language whose rules tag it and
    ``lang_from`` where that came from (see :mod:`timeline.ingest.language`; '' when the
    caller set it). ``published_from`` is where ``published`` came from (option,
    metadata, dateline, url, text, collection: see
    :data:`timeline.ingest.text.DATE_SOURCES`; '' when the caller set it).
    """

    doc_id: str
    title: str
    text: str
    published: date
    source: str = ""
    url: str = ""
    path: str = ""
    lang: str = "en"
    lang_from: str = ""
    published_from: str = ""


@dataclass(frozen=True, slots=True)
class Timex:
    """A resolved temporal expression (TIMEX3) in a text.

    ``start``/``end`` are Python string offsets into the text (end exclusive).
    ``value``/``mod`` follow TIMEX3 (e.g. ``2022-02`` + ``START``; ``P2D``;
    ``XXXX-WXX-4``; ``PAST_REF``). ``earliest``/``latest`` are the first and last
    day the expression can denote (None for DURATION/SET and unresolvable values).
    ``relation`` is how the expression dates its event (``since February`` ->
    ``since``); ``range_start``/``range_end`` is the interval that relation implies
    (``since February`` published 2022-09-15 -> 2022-02-01..2022-09-15; the two
    ends of ``from August 30 to September 5`` both carry 08-30..09-05 and
    ``relation == "from-to"``). ``None`` on a side means open on that side.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""
    earliest: date | None = None
    latest: date | None = None
    relation: str = "on"
    range_start: date | None = None
    range_end: date | None = None
    tid: str = field(default="", compare=False)

    @property
    def granularity(self) -> str:
        """Coarsest unit the value pins down: century/decade/year/quarter/.../minute."""
        return TimexValue.parse(self.value).granularity


@dataclass(frozen=True, slots=True)
class Event:
    """One dated event mention (or, after merging, one real-world event).

    Fields mirror the event-table columns defined in :mod:`timeline.table.schema`.
    Lists are tuples so the dataclass stays hashable.
    """

    event_id: str
    doc_id: str
    doc_title: str
    published: date
    source: str
    url: str
    sentence_index: int
    sentence: str
    event: str
    trigger: str
    actors: tuple[str, ...]
    places: tuple[str, ...]
    timex_text: str
    timex_type: str
    timex_value: str
    timex_mod: str
    relation: str
    start: date | None
    end: date | None
    granularity: str
    char_start: int
    char_end: int
    confidence: float
    extractor: str
    sources: tuple[str, ...] = ()
    n_sources: int = 1
    lang: str = "en"
    lang_from: str = ""
    published_from: str = ""
