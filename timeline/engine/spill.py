"""Items spilled to disk in sorted runs and read back as one sorted stream.

A big build never holds all its events: each batch's events go into a buffer that is
written, once it holds :data:`RUN_ITEMS` items, as one *run* (the items sorted by the
given key, pickled in chunks of :data:`CHUNK_ITEMS`) in a folder of the build's
output folder (named as a staging folder, so a killed build's runs are cleaned up by
the next build). :meth:`Runs.sorted` merges the runs with ``heapq.merge``, reading
each a chunk at a time: memory holds one chunk per run and the buffer, not the corpus.
"""

from __future__ import annotations

import heapq
import pickle
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

#: Items in one sorted run (a run is sorted in memory before it is written).
RUN_ITEMS = 20_000
#: Items in one pickled chunk of a run (what reading holds per run).
CHUNK_ITEMS = 500


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for at in range(0, len(items), CHUNK_ITEMS):
        yield items[at:at + CHUNK_ITEMS]


def _read(path: Path) -> Iterator[Any]:
    with path.open("rb") as source:
        while True:
            try:
                chunk = pickle.load(source)
            except EOFError:
                return
            yield from chunk


class Runs:
    """Sorted runs of items in ``folder`` (files ``<name>-<n>.pickle``)."""

    def __init__(self, folder: Path, name: str, key: Callable[[Any], Any],
                 run_items: int = RUN_ITEMS,
                 prepare: Callable[[list[Any]], list[Any]] | None = None) -> None:
        """``prepare`` turns a run's buffer into the run (sorted by ``key``); default:
        sorted by ``key``."""
        self.folder, self.name, self.key, self.run_items = folder, name, key, run_items
        self._prepare = prepare or (lambda items: sorted(items, key=key))
        self._buffer: list[Any] = []
        self._files: list[Path] = []
        self.count = 0

    def add(self, items: Iterable[Any]) -> None:
        """Add ``items`` (a group that stays in one run); a full buffer is written."""
        self._buffer.extend(items)
        if len(self._buffer) >= self.run_items:
            self.flush()

    def flush(self) -> None:
        if not self._buffer:
            return
        run = self._prepare(self._buffer)
        self._buffer = []
        path = self.folder / f"{self.name}-{len(self._files):05d}.pickle"
        with path.open("wb") as out:
            self._write(out, run)
        self._files.append(path)
        self.count += len(run)

    @staticmethod
    def _write(out: BinaryIO, run: list[Any]) -> None:
        for chunk in _chunks(run):
            pickle.dump(chunk, out, protocol=pickle.HIGHEST_PROTOCOL)

    def sorted(self) -> Iterator[Any]:
        """Every item added, in ``key`` order (ties: the earlier run first)."""
        self.flush()
        if len(self._files) == 1:
            return _read(self._files[0])
        return heapq.merge(*(_read(path) for path in self._files), key=self.key)
