"""Map the same pipeline over a corpus too big for one process, locally or on a Ray cluster.

A source file is the unit of work. Each worker runs the stages ``Corpus.ingest`` and
``Corpus.analyze`` run (``parallax.stages``) and writes Parquet shards per table through a
``ShardSink``; ``Corpus.load_shards`` then puts them into a store. See docs/scale.md.

``ENGINES`` and ``write_shards`` live in :mod:`parallax.runners.engines`, imported when first
read from here: the package itself imports nothing, so ``parallax ingest``'s worker pool
(:mod:`parallax.runners.ingest_pool`) and the fork server it starts import only their own
modules, not the shards' libraries (pyarrow) that ``write_shards`` needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parallax.runners.engines import ENGINES, write_shards
    from parallax.runners.types import LoadReport, Outcome, RunReport

__all__ = ["ENGINES", "LoadReport", "Outcome", "RunReport", "write_shards"]

_HOMES = {
    "ENGINES": "parallax.runners.engines",
    "write_shards": "parallax.runners.engines",
    "LoadReport": "parallax.runners.types",
    "Outcome": "parallax.runners.types",
    "RunReport": "parallax.runners.types",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first read."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(home), name)
