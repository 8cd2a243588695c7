"""``Corpus.compare_stories`` over several worker processes stores what one process stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

import parallax.stages.compare_jobs
from parallax.config import Settings
from parallax.corpus import Corpus

# The two seed articles (one story, two outlets) and the WARC pages, one of them syndicated
# under another outlet's address (a second story told by two outlets).
PARTS = ["seeds", "a-news.warc.gz", "b-more.warc.gz"]


def _compared(sample: Path, db: Path, workers: int) -> dict[str, list[tuple[Any, ...]]]:
    with Corpus(db, settings=Settings(db=str(db), analyze_workers=1)) as corpus:
        corpus.ingest([str(sample / part) for part in PARTS])
        corpus.analyze()
        corpus.group_stories()
        several = [story for story in corpus.stories.list() if len(story.outlets) > 1]
        assert len(several) == 2
        report = corpus.compare_stories(workers=workers)
        assert (report.compared, report.current) == (2, 0)
        again = corpus.compare_stories(workers=workers)
        assert (again.compared, again.current) == (0, 2)
    connection = sqlite3.connect(db)
    found = {
        "comparisons": "SELECT story_id, key, version, document FROM comparisons",
        "framing": "SELECT article_id, content_hash, version, findings FROM framing_findings",
        "vectors": "SELECT embedder, text_sha256, vector FROM sentence_vectors",
        "titles": "SELECT id, neutral_title FROM stories",
    }
    dump = {name: sorted(connection.execute(sql).fetchall()) for name, sql in found.items()}
    connection.close()
    return dump


def test_two_workers_store_the_comparisons_one_stores(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One story a batch, so that the two stories go to the pool as two batches.
    monkeypatch.setattr(parallax.stages.compare_jobs, "BATCH_ARTICLES", 1)
    one = _compared(sample, tmp_path / "one.db", workers=1)

    def here(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("with two workers this process must not compare")

    # The workers are spawned: they import the real function; only this process would fail.
    monkeypatch.setattr(parallax.stages.compare_jobs, "compare_batch", here)
    two = _compared(sample, tmp_path / "two.db", workers=2)
    assert len(one["comparisons"]) == 2 and one["framing"] and one["vectors"]
    assert all(title for _id, title in one["titles"])
    for table in one:
        assert two[table] == one[table], table
