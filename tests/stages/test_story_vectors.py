"""Story embeddings computed at analyze time: stored, read by grouping instead of running
MiniLM, and the stories are the ones grouping makes when it embeds the articles itself."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from parallax import embeddings
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.embeddings import OnnxMiniLM, shared_embedder


def _grouped(db: Path) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(db)
    rows = connection.execute(
        "SELECT story_id, article_id, explanation FROM story_articles ORDER BY article_id"
    ).fetchall()
    connection.close()
    return rows


def _analysed(seed_dir: Path, db: Path) -> int:
    with Corpus(db, settings=Settings(db=str(db), analyze_workers=1)) as corpus:
        corpus.ingest([str(seed_dir)])
        corpus.analyze()
        count = corpus.articles.count()
    connection = sqlite3.connect(db)
    stored = connection.execute("SELECT count(*) FROM article_embeddings").fetchone()[0]
    connection.close()
    assert stored == count == 2
    return count


def test_grouping_reads_the_vectors_analyze_stored(
    seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    itself = tmp_path / "itself.db"
    _analysed(seed_dir, itself)
    connection = sqlite3.connect(itself)
    with connection:
        connection.execute("DELETE FROM article_embeddings")
    connection.close()
    with Corpus(itself, settings=Settings(db=str(itself))) as corpus:
        corpus.group_stories()  # embeds both articles itself

    ahead = tmp_path / "ahead.db"
    _analysed(seed_dir, ahead)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("grouping must read the vectors analyze stored")

    monkeypatch.setattr(OnnxMiniLM, "embed", refuse)
    # Nor is MiniLM's ONNX session made (~0.2 CPU s): a fresh embedder makes it on a first run.
    monkeypatch.setattr(embeddings, "onnx_session", refuse)
    shared_embedder.cache_clear()
    with Corpus(ahead, settings=Settings(db=str(ahead))) as corpus:
        assert corpus.group_stories().assigned == 2
    assert _grouped(ahead) == _grouped(itself)
    assert len({row[0] for row in _grouped(ahead)}) == 1  # the seeds tell one story


def test_no_vectors_ahead_for_an_embedder_grouping_does_not_use(
    seed_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "tfidf.db"
    settings = Settings(db=str(db), analyze_workers=1, story_embedder="tfidf")
    with Corpus(db, settings=settings) as corpus:
        corpus.ingest([str(seed_dir)])
        corpus.analyze()
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT count(*) FROM article_embeddings").fetchone()[0] == 0
    connection.close()
