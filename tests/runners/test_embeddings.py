"""Story embeddings computed in the run workers, stored by load and used by story grouping."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.embeddings import (
    EMBEDDERS,
    ArticleEmbedding,
    OnnxMiniLM,
    shared_embedder,
    story_embed_text,
    text_sha256,
)
from parallax.ingest.outlets import load_outlets
from parallax.model import ArticleResult, RawArticle
from parallax.runners.layout import OutputDir
from parallax.runners.load import load_entries
from parallax.runners.shards import ShardWriter, read_articles, read_embeddings
from parallax.runners.types import Outcome, SourceTask, WorkerConfig
from parallax.runners.work import SourceWorker
from parallax.stages.ingest import process_article
from parallax.stages.sinks import StoreSink
from parallax.store.embeddings import article_embeddings
from parallax.stories.configure import story_settings
from tests.runners.conftest import SEEDS, store_dump

# A hang guard: the package fixtures run the engine first, minutes on a loaded machine.
pytestmark = pytest.mark.timeout(300)
EMBED_CHARS = story_settings(Settings(), "minilm").embed_chars


def test_the_shards_carry_one_embedding_per_article(local_run: Path) -> None:
    texts: list[str] = []
    vectors: list[NDArray[np.float32]] = []
    for entry in OutputDir(local_run).finished():
        articles = [item.result.article for item in read_articles(local_run, entry)]
        embedded = list(read_embeddings(local_run, entry))
        assert [article_id for article_id, _, _ in embedded] == [a.id for a in articles]
        assert entry.counts.get("embeddings", 0) == len(articles)
        for article, (_, identity, embedding) in zip(articles, embedded, strict=True):
            text = story_embed_text(article.title, article.text, EMBED_CHARS)
            assert identity["content_hash"] == article.content_hash
            assert embedding.embedder == EMBEDDERS.versioned_name("minilm")
            assert embedding.text_sha256 == text_sha256(text)
            assert (embedding.vector.dtype, embedding.vector.shape) == (np.float32, (384,))
            texts.append(text)
            vectors.append(embedding.vector)
    assert len(texts) == 12
    # Made in the worker processes, a source's articles in one batch: the same bytes as one
    # text at a time here, in this process.
    embedder = shared_embedder("minilm")
    for text, vector in zip(texts, vectors, strict=True):
        assert embedder.embed([text])[0].tobytes() == vector.tobytes()


def test_grouping_after_load_embeds_nothing_and_stores_the_same(
    local_run: Path, baseline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: OnnxMiniLM, texts: Sequence[str]) -> NDArray[np.float32]:
        raise AssertionError(f"group_stories embedded {len(texts)} texts")

    monkeypatch.setattr(OnnxMiniLM, "embed", refuse)
    db = tmp_path / "loaded.db"
    with Corpus(db, settings=Settings(db=str(db))) as corpus:
        report = corpus.load_shards(local_run)
        stored = corpus.store.connection.execute("SELECT COUNT(*) FROM article_embeddings")
        articles = corpus.store.count_articles()
        # One per article of the shards (a re-sighting replaces it, as its analysis), so one
        # per stored article.
        # Every article record in the shards carried its embedding (one also stored elsewhere
        # in the corpus counts as unchanged).
        written = sum(row.stored + row.revised + row.unchanged for row in report.files)
        assert report.embeddings == written
        assert stored.fetchone()[0] == articles
        assert report.stories.assigned == articles
    # The local path embedded every article while grouping; the stories are the same.
    assert store_dump(db) == store_dump(baseline)


def test_a_changed_text_or_another_embedder_is_embedded_again(
    local_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "loaded.db"
    with Corpus(db, settings=Settings(db=str(db))) as corpus:
        store = corpus.store
        sink = StoreSink(store, run_id=store.start_run("load"), duplicate_threshold=0.7)
        load_entries(store, local_run, version=corpus.analysis_version(), sink=sink)
        retitled, other = sorted(article_embeddings(store, [a.id for a in corpus.articles.list()]))[
            :2
        ]
        store.connection.execute("UPDATE articles SET title = 'A new headline' WHERE id = ?",
                                 (retitled,))  # fmt: skip
        store.connection.execute(
            "UPDATE article_embeddings SET embedder = 'test.other.v1' WHERE article_id = ?",
            (other,),
        )
        expected = []
        for article_id in (retitled, other):
            article = corpus.articles.get(article_id)
            assert article is not None
            expected.append(story_embed_text(article.title, article.text, EMBED_CHARS))
        calls: list[str] = []
        embed = OnnxMiniLM.embed

        def counting(self: OnnxMiniLM, texts: Sequence[str]) -> NDArray[np.float32]:
            calls.extend(texts)
            return embed(self, texts)

        monkeypatch.setattr(OnnxMiniLM, "embed", counting)
        corpus.analyze()
        report = corpus.group_stories()
        assert report.assigned == store.count_articles()
    assert sorted(calls) == sorted(expected)


def sighting(published: date) -> ArticleResult:
    raw = RawArticle(
        "feed.jsonl", "Drones and missiles were launched overnight, the minister said.",
        "jsonl", record=str(published.day), url="https://southfront.press/a", published=published,
    )  # fmt: skip
    found = process_article(raw, settings=Settings(), outlets=load_outlets())
    assert isinstance(found, ArticleResult)
    return found


def test_load_keeps_the_embedding_of_the_stored_article(tmp_path: Path) -> None:
    # The same article twice (same URL and text, another date): the store keeps the first
    # sighting, so only the first sighting's embedding is stored, as for analyses.
    out = tmp_path / "shards"
    first, again = sighting(date(2025, 7, 4)), sighting(date(2025, 7, 5))
    assert first.article.id == again.article.id
    writer = ShardWriter(out, "feed.jsonl", "ab" * 32)
    for seq, (found, digest) in enumerate(((first, "a" * 64), (again, "b" * 64))):
        vector = np.full(384, seq + 1, dtype=np.float32)
        embedding = ArticleEmbedding("test.embedder.v1", digest, vector)
        writer.add_article(seq, found, version=None, analysis=None, embedding=embedding)
    OutputDir(out).record(Outcome("feed.jsonl", "done", (1, 0), "ab" * 32, writer.commit()))
    db = tmp_path / "loaded.db"
    with Corpus(db, settings=Settings(db=str(db))) as corpus:
        store = corpus.store
        sink = StoreSink(store, run_id=store.start_run("load"), duplicate_threshold=0.7)
        loaded = load_entries(store, out, version=corpus.analysis_version(), sink=sink)
        stored = article_embeddings(store, [first.article.id])
    assert loaded.counts["embeddings"] == 1
    [(embedder, digest, vector)] = stored.values()
    assert (embedder, digest) == ("test.embedder.v1", "a" * 64)
    assert vector == np.full(384, 1, dtype="<f4").tobytes()


def test_without_an_embedder_a_worker_writes_no_embeddings(tmp_path: Path) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    worker = SourceWorker(WorkerConfig(Settings(story_embedder="tfidf"), str(tmp_path)))
    outcome = worker.run(SourceTask(seed.name, str(seed), (1, 0)))
    assert outcome.status == "done" and outcome.articles == 1
    assert "embeddings" not in outcome.counts
    assert worker.embedder is None
