"""What a command starts before it opens its corpus: an ingest's worker processes.

``parallax ingest`` of enough files parses them in a pool whose fork server takes about a
second of one core to import the libraries and warm them up. Started by ``Corpus.ingest``, that
second would follow the command's own start (its imports, the store opened); started here, as
soon as the command knows its inputs, the two run side by side on two cores. This module is
part of the front door and imports only the settings, the finding of inputs and the fork
server's runner, so that the command can call it before it imports the rest of the library.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import islice

from parallax.config import Settings
from parallax.ingest.sources import expand_sources
from parallax.model import Rejection
from parallax.runners.ingest_start import POOL_SOURCES, ahead, ingest_workers


@contextmanager
def ingest_workers_ahead(
    paths: Sequence[str], *, settings: Settings, workers: int | None = None
) -> Iterator[bool]:
    """Start the worker server of ``Corpus.ingest(paths, workers=workers)`` now, when its
    inputs pay for a pool, and keep it for the ingest run in this scope; yield whether it was
    started. The ingest is the same with or without it (only sooner)."""
    files = (item for item in expand_sources(paths) if not isinstance(item, Rejection))
    counted = sum(1 for _ in islice(files, POOL_SOURCES))  # enough: no need to find them all
    with ahead(counted, workers=ingest_workers(settings, workers)) as started:
        yield started
