"""The batches on a Dask cluster (``--engine dask``): each batch of articles is one
task (tagging and events, :func:`timeline.engine.batches.run_batch`), its result comes
back in the order the batches were read, so the outputs are the local engine's.

Without ``--scheduler`` a ``LocalCluster`` of ``jobs`` single-threaded worker processes
is started for the build and closed after it; with ``--scheduler tcp://host:8786`` the
tasks go to that running ``distributed`` scheduler (its workers need this package
installed). At most two tasks per worker are in flight, so the client holds a bounded
number of texts. Dask is optional: it is imported here only, and a missing install is a
one-line error with the fix.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import Any

from timeline.engine.batches import Batch, BatchResult, Settings, run_batch
from timeline.errors import TimelineError

MISSING = "the dask engine needs Dask; pip install 'news-timeline[dask]'"
#: Seconds to wait for a scheduler given by --scheduler.
CONNECT_TIMEOUT = 10


def _client(stack: ExitStack, jobs: int, scheduler: str | None) -> Any:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise TimelineError(MISSING) from None
    if scheduler:
        try:
            return stack.enter_context(Client(scheduler, timeout=CONNECT_TIMEOUT))
        except (OSError, TimeoutError, ValueError) as exc:
            raise TimelineError(f"cannot reach the Dask scheduler ({type(exc).__name__}); "
                                "start it ('dask scheduler') or check --scheduler",
                                scheduler) from None
    cluster = stack.enter_context(LocalCluster(
        n_workers=max(1, jobs), threads_per_worker=1, processes=True,
        dashboard_address=None, silence_logs=logging.ERROR))
    return stack.enter_context(Client(cluster))


def _workers(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def run_batches(batches: Iterable[Batch], settings: Settings, jobs: int = 1,
                scheduler: str | None = None) -> Iterator[BatchResult]:
    """The result of each batch, in the batches' order, computed on the cluster."""
    with ExitStack() as stack:
        client = _client(stack, jobs, scheduler)
        in_flight = 2 * _workers(client)
        pending: deque[Any] = deque()
        for batch in batches:
            while len(pending) >= in_flight:
                yield pending.popleft().result()
            pending.append(client.submit(run_batch, batch, settings, pure=False))
        while pending:
            yield pending.popleft().result()
