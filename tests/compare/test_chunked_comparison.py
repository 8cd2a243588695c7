"""A story's comparison holds a chunk of its candidate pairs at a time, never all of them, and
the chunk sizes never change what it finds (the seed story, compared for real)."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from parallax.codec.comparison import comparison_to_dict
from parallax.compare import align
from parallax.compare.align import claim_view, similarity
from parallax.compare.story import StoryArticle, compare_story
from parallax.corpus import Corpus
from parallax.embeddings import embeddings_available
from parallax.models import omission, stance, techniques
from parallax.models.omission import importance_rows
from parallax.models.text import sentence_spans
from parallax.stages.compare import story_articles
from tests.compare.story_fixtures import corpus

__all__ = ["corpus"]


@pytest.fixture(scope="module")
def items(corpus: Corpus) -> list[StoryArticle]:
    [story] = corpus.stories.list()
    return story_articles(corpus.store, story, corpus.outlets.get)


def _forget_texts() -> None:
    from parallax.compare.framing import text_findings
    from parallax.models.vectors import cached_embedder

    # The next comparison embeds (and tokenises) every text and reads its framing again.
    cached_embedder.cache_clear()
    text_findings.cache_clear()


def test_tiny_chunks_give_the_same_comparison_as_one_chunk(
    items: list[StoryArticle], monkeypatch: pytest.MonkeyPatch
) -> None:
    import parallax.embeddings as embeddings

    whole = comparison_to_dict(compare_story("s", items, ("Ukraine",)))
    monkeypatch.setattr(align, "PAIR_CHUNK", 3)
    monkeypatch.setattr(omission, "STATEMENT_BLOCK", 2)
    monkeypatch.setattr(embeddings, "TOKENIZE_PART", 3)
    monkeypatch.setattr(stance, "STANCE_PART", 3)
    monkeypatch.setattr(techniques, "SPAN_PART", 1)
    _forget_texts()
    chunked = comparison_to_dict(compare_story("s", items, ("Ukraine",)))
    assert chunked == whole
    assert len(whole["groups"]) > 10 and whole["pairs"]  # a real story, not an empty one


def test_importance_rows_are_the_same_in_blocks_of_one(
    items: list[StoryArticle], monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = [c.text for item in items for c in item.claims]
    pool = [item.article.text[s:e] for item in items for s, e in sentence_spans(item.article.text)]
    whole = importance_rows(claims, pool)
    monkeypatch.setattr(omission, "STATEMENT_BLOCK", 1)
    assert importance_rows(claims, pool) == whole
    assert len(whole) > omission.STATEMENT_BLOCK  # more than one block was read


@pytest.mark.skipif(not embeddings_available(), reason="needs the MiniLM packages")
def test_scoring_the_pairs_never_holds_a_vector_per_pair(
    items: list[StoryArticle], monkeypatch: pytest.MonkeyPatch
) -> None:
    views = [
        claim_view(item.article, claim, item.mentions, item.dates)
        for item in items
        for claim in sorted(item.claims, key=lambda c: c.start)
    ]
    texts = [item.article.text for item in items]
    found = similarity(views, texts)  # embeds the claims: the vectors are kept for the next
    pairs = found.combined.nnz // 2
    # Every pair's two MiniLM vectors gathered at once (float64): what scoring used to hold.
    per_pair = pairs * 384 * np.dtype(np.float64).itemsize
    monkeypatch.setattr(align, "PAIR_CHUNK", 16)
    tracemalloc.start()
    try:
        again = similarity(views, texts)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (again.combined != found.combined).nnz == 0
    assert pairs > 16 * 10
    assert peak < per_pair, (peak, per_pair)
