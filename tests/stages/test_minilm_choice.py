"""A corpus keeps the MiniLM it was built with; a new one with the MiniLM chosen for it."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from parallax.config import Settings, load_settings
from parallax.corpus import Corpus
from parallax.embeddings import minilm_name, shared_embedder
from parallax.errors import ConfigError
from parallax.minilm_int8 import INT8_SWITCH
from parallax.models.vectors import cached_embedder
from parallax.store.corpus_settings import corpus_setting
from parallax.store.sqlite import SQLiteStore

FP32 = "parallax.embedders.minilm.v1"
INT8 = "parallax.embedders.minilm-int8.v2"


def _settings(db: Path) -> Settings:
    return Settings(db=str(db), analyze_workers=1, sentence_vectors=True)


def _embedders(db: Path) -> dict[str, set[str]]:
    """The embedders' names the store's vectors and grouper state were stored under."""
    connection = sqlite3.connect(db)
    found = {
        "sentence_vectors": {
            r[0] for r in connection.execute("SELECT embedder FROM sentence_vectors")
        },
        "article_embeddings": {
            r[0] for r in connection.execute("SELECT embedder FROM article_embeddings")
        },
        "snapshot": {
            r[0]
            for r in connection.execute(
                "SELECT json_extract(snapshot, '$.embedder') FROM story_index"
            )
        },
        "comparisons": {r[0] for r in connection.execute("SELECT version FROM comparisons")},
    }
    connection.close()
    return found


def test_a_new_corpus_records_the_int8_minilm_and_keeps_it_whatever_the_switch_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(INT8_SWITCH, "1")
    db = tmp_path / "new.db"
    with Corpus(db, settings=_settings(db)) as corpus:
        assert corpus.minilm == INT8 == corpus_setting(corpus.store, "minilm") == minilm_name()
    monkeypatch.setenv(INT8_SWITCH, "0")
    with caplog.at_level(logging.WARNING), Corpus(db, settings=_settings(db)) as corpus:
        assert corpus.minilm == INT8 == minilm_name()
        assert shared_embedder("minilm").name == cached_embedder().name == INT8
    assert "minilm_int8=false (PARALLAX_MINILM_INT8) is not followed" in caplog.text
    other = tmp_path / "other.db"  # the switch still chooses for a new corpus
    with Corpus(other, settings=_settings(other)) as corpus:
        assert corpus.minilm == FP32 == minilm_name()
    monkeypatch.delenv(INT8_SWITCH)  # and so does the setting (--set minilm_int8=true)
    third = tmp_path / "third.db"
    with Corpus(third, settings=replace(_settings(third), minilm_int8="true")) as corpus:
        assert corpus.minilm == INT8 == minilm_name()
    assert load_settings(environ={INT8_SWITCH: "0"}).minilm_int8 == "0"
    with pytest.raises(ConfigError, match="minilm_int8 is 'auto', 'true' or 'false'"):
        Corpus(tmp_path / "bad.db", settings=replace(_settings(third), minilm_int8="maybe"))


def test_a_corpus_grouped_with_fp32_minilm_goes_on_with_it_where_int8_is_the_default(
    seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "fp32.db"
    first, *rest = sorted(seed_dir.glob("*.txt"))
    monkeypatch.setenv(INT8_SWITCH, "0")  # as every corpus made before int8 was the default
    with Corpus(db, settings=_settings(db)) as corpus:
        corpus.ingest([str(first)])
        corpus.analyze()
        corpus.group_stories()
    before = _embedders(db)
    assert before["snapshot"] == before["sentence_vectors"] == {FP32}
    monkeypatch.setenv(INT8_SWITCH, "1")
    with Corpus(db, settings=_settings(db)) as corpus:
        assert corpus.minilm == FP32 == minilm_name()
        corpus.ingest([str(path) for path in rest])
        corpus.analyze()
        corpus.group_stories()  # main: ValueError, the snapshot's fp32 against int8
        assert corpus.compare_stories().compared
        stories = corpus.stories.list()
        assert any(len(story.outlets) > 1 for story in stories)
    after = _embedders(db)
    assert after["snapshot"] == after["sentence_vectors"] == {FP32}
    assert after["comparisons"] and all(
        INT8 not in v and "+minilm+" in v for v in after["comparisons"]
    )


def test_a_store_made_before_the_record_is_recorded_with_the_minilm_it_holds(
    seed_dir: Path, tmp_path: Path
) -> None:
    def made_before(db: Path, vector_of: str | None) -> None:
        """A store as a version before migration 17 left it, with one article."""
        store = SQLiteStore(db)
        store.close()
        connection = sqlite3.connect(db)
        connection.executescript("DROP TABLE corpus_settings; PRAGMA user_version = 16;")
        if vector_of is not None:
            connection.execute(
                "INSERT INTO articles (id, source, format, published_source, text, raw_text, "
                "segments, removals, content_hash, flags, ingested_at) "
                "VALUES ('a', 's', 'text', 'none', 'text', 'text', '[]', '[]', 'h', '[]', 'now')"
            )
            connection.execute(
                "INSERT INTO sentence_vectors VALUES (?, 'digest', x'00')", (vector_of,)
            )
            connection.commit()
        connection.close()

    for name, vector_of, recorded in [
        ("fp32.db", FP32, FP32),
        ("int8.db", INT8, INT8),  # made under PARALLAX_MINILM_INT8=1
        ("empty.db", None, None),  # nothing in it: the first Corpus records its own
    ]:
        made_before(tmp_path / name, vector_of)
        store = SQLiteStore(tmp_path / name)
        assert corpus_setting(store, "minilm") == recorded, name
        store.close()
