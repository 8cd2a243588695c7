"""The local engine: a pool of worker processes on this machine (``concurrent.futures``).

Each process loads the spaCy pipeline once (the pool's initializer) and then takes sources
one at a time; results come back as each source finishes, in whatever order they finish.
``analyze_local`` runs the NLP stage of ``parallax analyze`` in such a pool, batch by batch.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from parallax.runners.types import Outcome, SourceTask, WorkerConfig
from parallax.runners.work import SourceWorker
from parallax.stages.analyze import Analysed, Item, analyze_and_embed

#: Articles a worker analyses at a time: ``analyze_texts``'s ``nlp.pipe`` batch. A batch of
#: the store is cut at multiples of it, so spaCy sees exactly the batches one process would.
CHUNK = 32

# One worker per process, built by the pool's initializer: the pipeline is loaded once per
# process, not once per source. It lives only in the pool's child processes.
_worker: SourceWorker | None = None


def _start(config: WorkerConfig) -> None:
    global _worker
    _worker = SourceWorker(config)


# The spaCy pipeline of a process of ``analyze_local``'s pool, and whether it embeds sentences.
_nlp: Any = None
_vectors = False


def _exit_with_parent() -> None:
    """Exit when the process that started this one is gone (killed with SIGKILL, say).

    A pool's worker holds both ends of its task queue, so it never sees the parent go: it
    would wait for work forever, holding the parent's stdout open and the pipeline in memory.
    """
    parent = multiprocessing.parent_process()
    if parent is not None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)


def _start_nlp(model: str, vectors: bool = False) -> None:
    global _nlp, _vectors
    from parallax.nlp.pipeline import load_pipeline

    threading.Thread(target=_exit_with_parent, name="parent-watch", daemon=True).start()
    _nlp = load_pipeline(model)
    _vectors = vectors


def _analyze(items: list[Item]) -> list[Analysed]:
    return analyze_and_embed(items, nlp=_nlp, vectors=_vectors)


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


def analyze_local(
    batches: Iterator[list[Item]],
    *,
    model: str,
    workers: int,
    chunk: int = CHUNK,
    vectors: bool = False,
) -> Iterator[list[Analysed]]:
    """Analyse ``batches`` in a pool of ``workers`` processes that each load ``model`` once;
    yield each batch's results in the order the batches came (a ``BatchMapper``). With
    ``vectors`` the workers embed the sentences the comparison will read, too.

    Each batch is cut into pieces of ``chunk`` articles; at most two pieces per worker are in
    flight, and the next batch is taken as soon as there is room, so the workers do not wait
    while this process writes.
    """
    context = multiprocessing.get_context("spawn")  # see run_local
    pool = ProcessPoolExecutor(
        max(1, workers), mp_context=context, initializer=_start_nlp, initargs=(model, vectors)
    )
    waiting: deque[list[Future[list[Analysed]]]] = deque()  # each batch's pieces, in order
    in_flight = 0
    try:
        while True:
            while in_flight < 2 * workers and (batch := next(batches, None)) is not None:
                pieces = [batch[i : i + chunk] for i in range(0, len(batch), chunk)]
                waiting.append([pool.submit(_analyze, piece) for piece in pieces])
                in_flight += len(pieces)
            if not waiting:
                break
            futures = waiting.popleft()
            yield [result for future in futures for result in future.result()]
            in_flight -= len(futures)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
