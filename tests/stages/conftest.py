"""Fixtures shared by the stage tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from parallax.compare.framing import text_findings
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.models.vectors import cached_embedder


@pytest.fixture
def corpus(seed_dir: Path, tmp_path: Path) -> Iterator[Corpus]:
    """The seed story (two outlets) ingested, analysed (no framing findings stored by analyze)
    and grouped; nothing compared yet. The process's MiniLM and framing caches are cleared
    after, so that a later test counts its own model calls."""
    db = tmp_path / "s.db"
    settings = Settings(db=str(db), analyze_workers=1, analyze_framing=False)
    with Corpus(db, settings=settings) as corpus:
        corpus.ingest([str(seed_dir)])
        corpus.analyze()
        corpus.group_stories()
        yield corpus
    cached_embedder.cache_clear()
    text_findings.cache_clear()
