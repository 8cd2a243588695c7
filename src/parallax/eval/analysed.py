"""A throwaway corpus for an evaluation: records written as JSON Lines, ingested and analysed.

The end-to-end evaluations (events, comparison, timelines) put a data set's documents through
the product's own ingest and NLP stages before they compare or date them; this is that step,
written once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from parallax.config import load_settings
from parallax.corpus import Corpus


@contextmanager
def analysed_corpus(
    records: Iterable[Mapping[str, object]], folder: Path, *, name: str = "corpus"
) -> Iterator[Corpus]:
    """Write ``records`` (JSON Lines fields: id, text, title, outlet, url, published …) to
    ``folder/name.jsonl``, ingest and analyse them into ``folder/name.db``, and yield the open
    corpus."""
    source, db = folder / f"{name}.jsonl", folder / f"{name}.db"
    with source.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    with Corpus(db, settings=load_settings(db=str(db))) as corpus:
        corpus.ingest([str(source)], fmt="jsonl")
        corpus.analyze()
        yield corpus
