"""``parallax ingest`` on every core: the records of the sources parsed and processed in a pool
of worker processes on this machine, as the local engine runs its stages.

Each worker holds the settings and the outlet registry (the pool's initializer) and runs
``stages.ingest.process_item`` on each record of a chunk: the same code one process runs.

The workers are forked from the fork server of :mod:`parallax.runners.forkserver`, which,
when the ingest starts it, imports the libraries once and readies them on a small page
(``parallax.runners.ingest_warm``) before it forks any worker: N workers start warm for the
price of one start, where each of N spawned workers paid its own imports and first page. The
server is stopped when its last user (this pool, or a command holding it) ends.

That start takes a couple of CPU seconds, on one core. Meanwhile the command's process does
not wait: it processes the first chunks itself (:class:`PoolStart` forks the first worker in a
thread), and stops at the first record after the pool has started, once it has handed the
pool the next chunks. Its share is always the input's first chunks, so the chunks' results
still come in input order.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain

from parallax.config import Settings
from parallax.ingest.outlets import OutletRegistry
from parallax.runners import forkserver
from parallax.runners.ingest_start import POOL_AFTER, WORKER_MODULES
from parallax.stages.ingest import Done, Pending, process_item

logger = logging.getLogger(__name__)

__all__ = ["POOL_AFTER", "WORKER_MODULES", "PoolStart", "ingest_local", "process_chunk"]

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


def _started() -> None:
    """Nothing: the task whose answer says that a worker of the pool runs."""


def process_chunk(
    records: list[Pending], *, settings: Settings, outlets: OutletRegistry
) -> list[Done]:
    """Parse and process a chunk of records, one result per record, in order."""
    return [process_item(record, settings=settings, outlets=outlets) for record in records]


class PoolStart:
    """Start a pool's first worker in a thread, and tell when it runs.

    Forking a worker from a fork server that is still importing and warming up waits until
    it is done, and a pool forks its first worker when it is given its first task; so that
    wait is this thread's, not the command's.
    """

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self._pool = pool
        self._answered = threading.Event()
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="ingest-pool-start", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._pool.submit(_started).result()
        except Exception as error:  # raised in the command's thread, by ready()
            self._error = error
        self._answered.set()

    def ready(self) -> bool:
        """Whether a worker has answered; raise why the pool could not start, if it could not."""
        if not self._answered.is_set():
            return False
        if self._error is not None:
            raise self._error
        return True

    def join(self) -> None:
        """Wait for the thread (it ends when the pool has started, or failed to)."""
        self._thread.join()


def ingest_local(
    chunks: Iterator[list[Pending]], *, settings: Settings, outlets: OutletRegistry, workers: int
) -> Iterator[list[Done]]:
    """Process ``chunks`` of records in a pool of ``workers`` processes; yield each chunk's
    results in the order the chunks came (a ``RecordMapper``).

    At most two chunks per worker are in flight, so memory stays flat however large a source
    is, and the next chunks are read while this process writes. Input of fewer than
    ``POOL_AFTER`` chunks is processed here: starting a pool would cost more than it saves.
    While the pool starts, this process processes the first chunks itself.
    """
    ahead: list[list[Pending]] = []
    while len(ahead) < POOL_AFTER and (chunk := next(chunks, None)) is not None:
        ahead.append(chunk)
    if len(ahead) < POOL_AFTER:
        yield from (process_chunk(chunk, settings=settings, outlets=outlets) for chunk in ahead)
        return
    queued = chain(ahead, chunks)
    del ahead
    # A server started ahead (``parallax.runners.ingest_start.ahead``) is warm, or nearly: the
    # first chunks would cost this process its own imports and warm-up for a few pages.
    share_start = not forkserver.running()
    with forkserver.pool(WORKER_MODULES) as context:
        pool = ProcessPoolExecutor(
            max(1, workers), mp_context=context, initializer=_start, initargs=(settings, outlets)
        )
        start = PoolStart(pool)
        waiting: deque[Future[list[Done]]] = deque()

        def fill() -> None:
            while len(waiting) < 2 * workers and (chunk := next(queued, None)) is not None:
                waiting.append(pool.submit(_process, chunk))

        try:
            # This process's share: the chunks it begins before the pool has started. Each
            # is this process's to the end; the pool gets the next ones as soon as it runs.
            share = 0
            while share_start and not start.ready() and (chunk := next(queued, None)) is not None:
                done: list[Done] = []
                for record in chunk:
                    if not waiting and start.ready():
                        fill()
                    done.append(process_item(record, settings=settings, outlets=outlets))
                share += len(done)
                yield done
            logger.debug("processed %d records while the pool started", share)
            fill()
            while waiting:
                result = waiting.popleft().result()
                fill()
                yield result
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            start.join()
