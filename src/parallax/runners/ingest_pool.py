"""``parallax ingest`` on every core: the records of the sources parsed and processed in a pool
of worker processes on this machine, as the local engine runs its stages.

Each worker holds the settings and the outlet registry (the pool's initializer) and runs
``stages.ingest.process_item`` on each record of a chunk: the same code one process runs.

The workers are forked from a *forkserver*, a fresh process (not a copy of this one, whose
threads could deadlock a fork) that imports the libraries once and readies them on a small
page (``parallax.runners.ingest_warm``) before it forks any worker: N workers start warm for
the price of one start, where each of N spawned workers paid its own imports and first page.
The forkserver is stopped when the pool is, so no process outlives an ingest holding the
libraries, and its CPU time (the workers' included) is counted to this process's children.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import sys
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from types import ModuleType

from parallax.config import Settings
from parallax.ingest.outlets import OutletRegistry
from parallax.runners.parent import exit_with_parent
from parallax.stages.ingest import Done, Pending, process_item

#: Chunks of records the input must reach before a pool is started: a worker costs about a
#: second and a half of CPU to start (imports, trafilatura's and language detection's first
#: use), what one process spends on some fifty pages; below this the command's process
#: processes them itself.
POOL_AFTER = 8

#: What the forkserver imports before it forks a worker: this module (a worker's functions)
#: and the module whose import readies a process to ingest.
WORKER_MODULES = ("parallax.runners.ingest_pool", "parallax.runners.ingest_warm")

# The pools of this process using the forkserver now (threads of a server may ingest at once):
# the last one to finish stops it.
_users = 0
_users_lock = threading.Lock()

# What a process of the pool processes records with, set by its initializer.
_settings: Settings | None = None
_outlets: OutletRegistry | None = None


def _start(settings: Settings, outlets: OutletRegistry) -> None:
    global _settings, _outlets
    threading.Thread(target=exit_with_parent, name="parent-watch", daemon=True).start()
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
    context = _forkserver()
    pool = ProcessPoolExecutor(
        max(1, workers), mp_context=context, initializer=_start, initargs=(settings, outlets)
    )
    waiting: deque[Future[list[Done]]] = deque(pool.submit(_process, chunk) for chunk in ahead)
    del ahead
    try:
        while waiting:
            while len(waiting) < 2 * workers and (chunk := next(chunks, None)) is not None:
                waiting.append(pool.submit(_process, chunk))
            yield waiting.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _release_forkserver()


def _forkserver() -> multiprocessing.context.BaseContext:
    """Return the forkserver context, its server started and importing what a worker needs
    (``spawn`` where there is no forkserver: Windows).

    Each worker runs this process's main module again (multiprocessing prepares every child
    so), so the modules the main module imported are imported in the forkserver too: in the
    workers that costs nothing then.
    """
    global _users
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    with _users_lock:
        if not _users:
            context.set_forkserver_preload([*main_imports(), *WORKER_MODULES])
        multiprocessing.forkserver.ensure_running()
        _users += 1
    return context


def _release_forkserver() -> None:
    """Stop the forkserver when no other pool of this process uses it."""
    global _users
    with _users_lock:
        if not _users:  # the pool was spawned: no forkserver was started for it
            return
        _users -= 1
        if not _users:
            _stop_forkserver()


def _stop_forkserver() -> None:
    """Stop the forkserver and wait for it (multiprocessing keeps it until this process ends:
    the libraries it holds, and the CPU time of the workers it forked, uncounted)."""
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    if callable(stop):
        stop()


def main_imports() -> list[str]:
    """Return the modules this process's main module took its names from: what a child
    process imports again when multiprocessing runs the main module in it."""
    main = sys.modules.get("__main__")
    names: set[str] = set()
    for value in vars(main).values() if main is not None else ():
        module = isinstance(value, ModuleType)
        home = value.__name__ if module else getattr(value, "__module__", None)
        if isinstance(home, str) and home not in {"__main__", "__mp_main__", "builtins"}:
            names.add(home)
    return sorted(names)
