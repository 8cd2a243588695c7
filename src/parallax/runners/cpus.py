"""How many CPUs this process may use: the default number of workers of every local pool.

A module of its own, so that ``Corpus.ingest`` reads it without importing the analyze and
shard workers' modules (:mod:`parallax.runners.local`: the stages, pyarrow).
"""

from __future__ import annotations

import os


def default_workers() -> int:
    """Return the number of CPUs this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
