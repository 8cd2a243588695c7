"""A pool worker's watch on the process that started it (light: the ingest workers import it)."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os


def exit_with_parent() -> None:
    """Exit when the process that started this one is gone (killed with SIGKILL, say).

    A pool's worker holds both ends of its task queue, so it never sees the parent go: it
    would wait for work forever, holding the parent's stdout open and the pipeline in memory.
    """
    parent = multiprocessing.parent_process()
    if parent is not None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)
