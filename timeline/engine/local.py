"""Batches run in this process (one job) or spread over worker processes (``--jobs``).

Results come back in the order the batches were read, whatever finishes first, so the
caller sees exactly what one job would have produced. At most ``2 * jobs`` batches are
in flight, so memory stays bounded by the batches, not the corpus. A pool is started
only once there is a second batch (a short build never pays for one). Workers ignore
SIGINT and die on SIGTERM: Ctrl-C or SIGTERM reach this process, which raises, and the
pool is terminated on the way out, so the staging of outputs is cleaned up as with one
job. The first batch runs in this process before the pool is forked, so the workers
inherit the compiled language data (and a loaded spaCy model) instead of each
building its own.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult, Pool

from timeline.engine.batches import Batch, BatchResult, Settings, run_batch

#: How long one wait for a worker's result lasts (seconds) before waiting again; waits
#: are short so a signal is handled at once.
_POLL = 0.2


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _quiet_worker() -> None:
    """A worker leaves Ctrl-C to the main process and dies on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _wait(pending: AsyncResult[BatchResult]) -> BatchResult:
    while True:
        try:
            return pending.get(timeout=_POLL)
        except multiprocessing.TimeoutError:
            continue


def run_batches(batches: Iterable[Batch], settings: Settings, jobs: int = 1
                ) -> Iterator[BatchResult]:
    """The result of each batch, in the batches' order."""
    stream = iter(batches)
    first = next(stream, None)
    if first is None:
        return
    second = next(stream, None)
    if jobs <= 1 or second is None:
        yield run_batch(first, settings)
        if second is not None:
            yield run_batch(second, settings)
        for batch in stream:
            yield run_batch(batch, settings)
        return
    done = run_batch(first, settings)  # warms the tagger (and spaCy) before the fork
    yield from _run_pool(done, [second], stream, settings, jobs)


def _run_pool(done: BatchResult, head: list[Batch], rest: Iterator[Batch],
              settings: Settings, jobs: int) -> Iterator[BatchResult]:
    """``done`` (the first batch, run here), then the others' results from the pool."""
    pool: Pool = _context().Pool(jobs, initializer=_quiet_worker)  # type: ignore[attr-defined]
    try:
        pending: deque[AsyncResult[BatchResult]] = deque(
            pool.apply_async(run_batch, (batch, settings)) for batch in head)
        yield done
        for batch in rest:
            while len(pending) >= 2 * jobs:
                yield _wait(pending.popleft())
            pending.append(pool.apply_async(run_batch, (batch, settings)))
        while pending:
            yield _wait(pending.popleft())
        pool.close()
    finally:
        pool.terminate()
        pool.join()
