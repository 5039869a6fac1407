"""The choices a user makes, defined once: the CLI, the pipeline and each stage check
against these tuples (the first entry of each is the default)."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.errors import TimelineError

#: How relative expressions are anchored: to the publication date (news) or to the last
#: date the text told (narrative: histories, biographies).
MODES: tuple[str, ...] = ("news", "narrative")
#: What finds triggers and actors: spaCy when installed (auto), spaCy only, or the rules.
NLP_CHOICES: tuple[str, ...] = ("auto", "spacy", "rules")
#: One lane of the timeline page per article, per source, or per actor.
LANES: tuple[str, ...] = ("article", "source", "actor")
#: Where the batches of a build run: this machine's processes, or a Dask cluster.
ENGINES: tuple[str, ...] = ("local", "dask")
#: Parquet output as one file, one file per year of the events (a folder), or (auto)
#: per year once the table has PARTITION_ROWS rows.
PARTITIONS: tuple[str, ...] = ("auto", "year", "none")
PARTITION_ROWS = 1_000_000


def check_choice(option: str, value: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else a one-line TimelineError."""
    if value not in choices:
        raise TimelineError(f"{option} {value!r} is not one of: {', '.join(choices)}")
    return value
