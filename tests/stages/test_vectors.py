"""Sentence vectors embedded at analyze time: stored once, read by the comparison instead of
running MiniLM, and the comparison is the same with or without them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from parallax.codec.comparison import comparison_to_dict
from parallax.compare.framing import text_findings
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.embeddings import Embedder, text_sha256
from parallax.model import Story
from parallax.models.vectors import cached_embedder
from parallax.stages.compare import story_articles
from parallax.stages.vectors import comparison_texts, embedder_name
from parallax.store.vectors import count_sentence_vectors, sentence_vectors


class Counting:
    """Wrap an embedder and keep every text it is asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name, self.dimension = inner, inner.name, inner.dimension
        self.texts: list[str] = []
        self.calls = 0
        self.stored: set[str] = set()  # the story's texts that vectors are stored of

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.calls += 1
        self.texts.extend(texts)
        return self.inner.embed(texts)


def _fresh_counting() -> Counting:
    """Forget every vector and text finding (a fresh process, as far as the comparison knows)
    and count what the comparison embeds from now on."""
    cached_embedder.cache_clear()
    text_findings.cache_clear()
    counting = Counting(cached_embedder().embedder)
    cached_embedder().embedder = counting
    return counting


def _story_texts(corpus: Corpus, story: Story) -> set[str]:
    """The texts the story's comparison stores vectors of (the technique classifier's spans,
    which share the process's MiniLM cache, are not among them)."""
    items = story_articles(corpus.store, story, corpus.outlets.get)
    return {t for item in items for t in comparison_texts(item.article.text, item.claims)}


def _compared(seed_dir: Path, db: Path, *, vectors: bool) -> tuple[dict[str, object], Counting]:
    settings = Settings(db=str(db), sentence_vectors=vectors, analyze_workers=1)
    with Corpus(db, settings=settings) as corpus:
        corpus.ingest([str(seed_dir)])
        corpus.analyze()
        corpus.group_stories()
        (story,) = [story for story in corpus.stories.list() if len(story.outlets) > 1]
        stored = count_sentence_vectors(corpus.store)
        assert (stored > 0) == vectors
        counting = _fresh_counting()
        result = corpus.compare(story.id, cache=False)
        assert result is not None
        counting.stored = _story_texts(corpus, story)
    cached_embedder.cache_clear()
    return comparison_to_dict(result), counting


def test_the_comparison_reads_the_vectors_analyze_stored(seed_dir: Path, tmp_path: Path) -> None:
    plain, embedded_then = _compared(seed_dir, tmp_path / "plain.db", vectors=False)
    read, embedded_now = _compared(seed_dir, tmp_path / "read.db", vectors=True)
    assert read == plain
    # Without stored vectors the comparison runs MiniLM over every sentence, claim and stated
    # cause of the story (the two seeds give two reasons for the pause in arms deliveries);
    # with them, over none of them (only the technique spans the framing models mark, which
    # no vector is stored for: analyze_framing stores their findings instead).
    assert len(embedded_then.texts) > 50
    assert "a review of US supplies worldwide" in embedded_then.texts
    assert not set(embedded_now.texts) & embedded_now.stored
    assert len(embedded_now.texts) < 20


def test_a_stored_comparison_stores_the_vectors_it_embedded(seed_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Corpus(db, settings=Settings(db=str(db), analyze_workers=1)) as corpus:
        corpus.ingest([str(seed_dir)])
        corpus.analyze()
        corpus.group_stories()
        assert count_sentence_vectors(corpus.store) == 0  # not embedded ahead: the default
        (story,) = [story for story in corpus.stories.list() if len(story.outlets) > 1]
        first = _fresh_counting()
        stored = corpus.compare(story.id)  # computed and stored, with its vectors
        texts = _story_texts(corpus, story)
        assert texts <= set(first.texts)  # and the technique spans, not stored
        assert count_sentence_vectors(corpus.store) == len(texts) > 50
        again = _fresh_counting()
        recomputed = corpus.compare(story.id, cache=False)
    cached_embedder.cache_clear()
    assert again.texts == []
    assert stored is not None and recomputed is not None
    assert comparison_to_dict(recomputed) == comparison_to_dict(stored)


def test_a_stored_vector_is_the_vector_of_its_text(seed_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    settings = Settings(db=str(db), analyze_workers=1, sentence_vectors=True)
    with Corpus(db, settings=settings) as corpus:
        corpus.ingest([str(seed_dir)])
        corpus.analyze()
        (article, *_) = corpus.store.articles()
        analysis = corpus.store.analysis(article.id)
        texts = comparison_texts(article.text, analysis.claims)
        stored = sentence_vectors(corpus.store, embedder_name(), map(text_sha256, texts))
    assert len(stored) == len(texts)
    fresh = cached_embedder().embedder.embed(texts[:5])
    for text, vector in zip(texts, fresh, strict=False):
        assert stored[text_sha256(text)] == np.asarray(vector, dtype="<f4").tobytes()


def test_workers_store_the_vectors_one_process_stores(seed_dir: Path, tmp_path: Path) -> None:
    rows = []
    for size in (1, 2):  # one article a batch: two pieces, so two workers
        db = tmp_path / f"{size}.db"
        settings = Settings(db=str(db), commit_every=1, sentence_vectors=True)
        with Corpus(db, settings=settings) as corpus:
            corpus.ingest([str(seed_dir)])
            corpus.analyze(workers=size)
            rows.append(
                corpus.store.connection.execute(
                    "SELECT embedder, text_sha256, vector FROM sentence_vectors ORDER BY 2"
                ).fetchall()
            )
    assert rows[0] and rows[1] == rows[0]


def test_stories_compared_together_embed_their_texts_in_one_call(
    seed_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "s.db"
    with Corpus(db, settings=Settings(db=str(db), analyze_workers=1)) as corpus:
        corpus.ingest([str(seed_dir)])
        corpus.analyze()
        corpus.group_stories()
        (story,) = [story for story in corpus.stories.list() if len(story.outlets) > 1]
        items = story_articles(corpus.store, story, corpus.outlets.get)
        assert len(items) == 2
        texts = {t for item in items for t in comparison_texts(item.article.text, item.claims)}
        # The stage embeds a batch's texts ahead, in one call: the comparison embeds nothing
        # else, and the vectors are stored.
        ahead = _fresh_counting()
        assert corpus.compare_stories().compared == 1
        # The first call is those texts; the later ones only the technique spans.
        assert (
            set(ahead.texts[: len(texts)]) == texts and not set(ahead.texts[len(texts) :]) & texts
        )
        assert count_sentence_vectors(corpus.store) == len(texts)
        stored = corpus.compare(story.id, stored_only=True)
        _fresh_counting()
        recomputed = corpus.compare(story.id, cache=False)
    cached_embedder.cache_clear()
    assert stored is not None and recomputed is not None
    assert comparison_to_dict(recomputed) == comparison_to_dict(stored)
