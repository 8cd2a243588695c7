"""The local engine: a pool of worker processes on this machine (``concurrent.futures``).

Each process loads the spaCy pipeline once (the pool's initializer) and then takes sources
one at a time; results come back as each source finishes, in whatever order they finish.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from parallax.runners.types import Outcome, SourceTask, WorkerConfig
from parallax.runners.work import SourceWorker

# One worker per process, built by the pool's initializer: the pipeline is loaded once per
# process, not once per source. It lives only in the pool's child processes.
_worker: SourceWorker | None = None


def _start(config: WorkerConfig) -> None:
    global _worker
    _worker = SourceWorker(config)


def _run(task: SourceTask) -> Outcome:
    if _worker is None:
        raise RuntimeError("the worker process was not initialised")
    return _worker.run(task)


def default_workers() -> int:
    """Return the number of CPUs this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_local(
    tasks: Sequence[SourceTask], *, config: WorkerConfig, workers: int | None
) -> Iterator[Outcome]:
    """Process ``tasks`` in a pool of ``workers`` processes; yield each outcome as it is done.

    At most two sources per worker are queued at a time, so a huge plan costs no memory and
    an interrupted run has little in flight.
    """
    size = max(1, min(workers or default_workers(), len(tasks)))
    # spawn, not fork: a forked copy of a process holding threads (Rich, spaCy) can deadlock.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(size, mp_context=context, initializer=_start, initargs=(config,))
    pending: set[Future[Outcome]] = set()
    queue = iter(tasks)
    try:
        while True:
            while len(pending) < 2 * size and (task := next(queue, None)) is not None:
                pending.add(pool.submit(_run, task))
            if not pending:
                break
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
