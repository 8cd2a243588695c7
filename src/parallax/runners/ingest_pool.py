"""``parallax ingest`` on every core: the records of the sources parsed and processed in a pool
of worker processes on this machine, as the local engine runs its stages.

Each worker holds the settings and the outlet registry (the pool's initializer) and runs
``stages.ingest.process_item`` on each record of a chunk: the same code one process runs.

The workers are forked from the fork server of :mod:`parallax.runners.forkserver`, which,
when the ingest starts it, imports the libraries once and readies them on a small page
(``parallax.runners.ingest_warm``) before it forks any worker: N workers start warm for the
price of one start, where each of N spawned workers paid its own imports and first page. The
server is stopped when its last user (this pool, or a command holding it) ends.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from parallax.config import Settings
from parallax.ingest.outlets import OutletRegistry
from parallax.runners import forkserver
from parallax.stages.ingest import Done, Pending, process_item

#: Chunks of records the input must reach before a pool is started: a worker costs about a
#: second and a half of CPU to start (imports, trafilatura's and language detection's first
#: use), what one process spends on some fifty pages; below this the command's process
#: processes them itself.
POOL_AFTER = 8

#: What the fork server imports before it forks a worker, when an ingest starts it: this
#: module (a worker's functions) and the module whose import readies a process to ingest.
WORKER_MODULES = ("parallax.runners.ingest_pool", "parallax.runners.ingest_warm")

# What a process of the pool processes records with, set by its initializer.
_settings: Settings | None = None
_outlets: OutletRegistry | None = None


def _start(settings: Settings, outlets: OutletRegistry) -> None:
    global _settings, _outlets
    forkserver.start_worker()
    _settings, _outlets = settings, outlets


def _process(records: list[Pending]) -> list[Done]:
    if _settings is None or _outlets is None:
        raise RuntimeError("the worker process was not initialised")
    return process_chunk(records, settings=_settings, outlets=_outlets)


def process_chunk(
    records: list[Pending], *, settings: Settings, outlets: OutletRegistry
) -> list[Done]:
    """Parse and process a chunk of records, one result per record, in order."""
    return [process_item(record, settings=settings, outlets=outlets) for record in records]


def ingest_local(
    chunks: Iterator[list[Pending]], *, settings: Settings, outlets: OutletRegistry, workers: int
) -> Iterator[list[Done]]:
    """Process ``chunks`` of records in a pool of ``workers`` processes; yield each chunk's
    results in the order the chunks came (a ``RecordMapper``).

    At most two chunks per worker are in flight, so memory stays flat however large a source
    is, and the next chunks are read while this process writes. Input of fewer than
    ``POOL_AFTER`` chunks is processed here: starting a pool would cost more than it saves.
    """
    ahead: list[list[Pending]] = []
    while len(ahead) < POOL_AFTER and (chunk := next(chunks, None)) is not None:
        ahead.append(chunk)
    if len(ahead) < POOL_AFTER:
        yield from (process_chunk(chunk, settings=settings, outlets=outlets) for chunk in ahead)
        return
    with forkserver.pool(WORKER_MODULES) as context:
        pool = ProcessPoolExecutor(
            max(1, workers), mp_context=context, initializer=_start, initargs=(settings, outlets)
        )
        waiting: deque[Future[list[Done]]] = deque(pool.submit(_process, c) for c in ahead)
        del ahead
        try:
            while waiting:
                while len(waiting) < 2 * workers and (chunk := next(chunks, None)) is not None:
                    waiting.append(pool.submit(_process, chunk))
                yield waiting.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
