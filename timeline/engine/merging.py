"""A build's merge with bounded memory: mentions spilled in sorted runs, swept, and the
merged rows sorted on disk too.

While the batches come back, each article's events go to :class:`Mentions`: sorted
runs on disk (a document's repeated span dropped, as the merge does) and a tally of
the distinct actor names, which is all the corpus-wide canonical names need
(:func:`timeline.events.people.canonical_names`). :func:`merged_rows` then reads the
runs as one stream in the merge's order, gives every actor its canonical name, sweeps
it (:func:`timeline.events.merge.merged_rows`: only live clusters are held) and sorts
the rows by the table's order through runs again. The rows are those of
:func:`timeline.events.merge.merge_events` on the same events, with the same ids.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from timeline.engine.spill import Runs
from timeline.models import Event


@contextlib.contextmanager
def spill_folder(out_dir: Path) -> Iterator[Path]:
    """A folder for a build's runs inside ``out_dir`` (removed after; named as a
    staging folder, so a killed build's is cleaned by the next build); in the system's
    temporary folder while ``out_dir`` does not exist yet (it is made only by writing)."""
    from timeline.table.staging import staging_prefix

    where = out_dir if out_dir.is_dir() else None
    with tempfile.TemporaryDirectory(prefix=staging_prefix() + "runs-", dir=where) as name:
        yield Path(name)


class Mentions:
    """The unmerged events of a build, on disk in the merge's order, and their actor
    names."""

    def __init__(self, folder: Path, run_items: int | None = None) -> None:
        from timeline.events.merge import mention_key, sorted_mentions

        given = {"run_items": run_items} if run_items else {}
        self.runs = Runs(folder, "mentions", mention_key, prepare=sorted_mentions, **given)
        self.names: set[str] = set()
        self.folder = folder

    def add(self, events: Iterable[Event]) -> None:
        """One article's events (an article's events stay in one run)."""
        group = list(events)
        self.names.update(a for e in group for a in e.actors)
        self.runs.add(group)


def _canonical(e: Event, names: dict[str, str]) -> Event:
    if not any(a in names for a in e.actors):
        return e
    return replace(e, actors=tuple(dict.fromkeys(names.get(a, a) for a in e.actors)))


def _lang(e: Event) -> str:
    return e.lang or "en"


def merged_rows(mentions: Mentions) -> Iterator[Event]:
    """The merged rows of ``mentions`` in the table's order (see the module doc)."""
    from timeline.events.merge import merged_rows as sweep
    from timeline.events.merge import row_key
    from timeline.events.people import canonical_names

    names = canonical_names(mentions.names)
    stream = (_canonical(e, names) for e in mentions.runs.sorted())
    rows = Runs(mentions.folder, "rows", row_key, run_items=mentions.runs.run_items)
    for row in sweep(stream, _lang):
        rows.add((row,))
    return rows.sorted()
