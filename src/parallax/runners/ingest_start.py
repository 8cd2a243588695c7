"""When an ingest's worker pool starts, and its fork server started ahead of the pool.

This module imports only :mod:`parallax.runners.forkserver`, so a command can start the
server the moment it knows its inputs, before it imports the rest of the library: the server's
imports and warm-up (about a second) then run on another core while the command imports,
opens the store and reads ahead, instead of after (:func:`ahead`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from parallax.config import Settings
from parallax.runners import cpus, forkserver

#: Chunks of records the input must reach before a pool is started: a worker costs about a
#: second and a half of CPU to start (imports, trafilatura's and language detection's first
#: use), what one process spends on some fifty pages; below this the command's process
#: processes them itself.
POOL_AFTER = 8

#: Records sent to a worker at a time (``parallax.stages.ingest_ahead.CHUNK``).
CHUNK = 16

#: What the fork server imports before it forks a worker, when an ingest starts it: the
#: module of a worker's functions and the module whose import readies a process to ingest.
WORKER_MODULES = ("parallax.runners.ingest_pool", "parallax.runners.ingest_warm")


#: Input files that surely give a pool enough records (each file gives at least one).
POOL_SOURCES = POOL_AFTER * CHUNK


def pays(sources: int, *, workers: int) -> bool:
    """Whether ``sources`` input files surely give a pool of ``workers`` processes enough
    records (:data:`POOL_SOURCES`)."""
    return workers > 1 and sources >= POOL_SOURCES and forkserver.available()


@contextmanager
def ahead(sources: int, *, workers: int) -> Iterator[bool]:
    """Start the ingest's fork server now when ``sources`` input files pay for a pool
    (:func:`pays`), and keep it until the scope ends; yield whether it was started.

    The pool the ingest starts later finds it running and uses it. A server no pool used (every
    source was unchanged, the ledger skipped it) is ended without waiting for its warm-up.
    """
    if not pays(sources, workers=workers):
        yield False
        return
    with forkserver.ahead(WORKER_MODULES):
        yield True


def ingest_workers(settings: Settings, workers: int | None = None) -> int:
    """Return the processes an ingest parses in: ``workers``, else the ``ingest_workers``
    setting, where 0 is one per CPU."""
    size = workers if workers is not None else settings.ingest_workers
    return size or cpus.default_workers()
