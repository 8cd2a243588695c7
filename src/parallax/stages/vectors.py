"""Sentence vectors for the comparison, each text embedded once and stored, read back by it.

A story's comparison runs MiniLM over every sentence of its articles (the bias model) and over
its claims (alignment): without stored vectors that was about 90 runs, 85% of the time of a
3-article story. The store keeps one vector per distinct text (``parallax.store.vectors``).
Before a story is compared, :func:`preload_vectors` puts the stored vectors of its texts into
the process's :class:`~parallax.models.vectors.CachedEmbedder`, so the comparison's models find
them there; when the comparison is stored, the texts without a vector are embedded in one call
and stored too, so no text is embedded twice. With the ``sentence_vectors`` setting ``analyze``
embeds every article's texts ahead, in the worker that analysed it (:func:`embed_articles`, every
core at work): a story's first comparison then embeds nothing, at the price of embedding the
articles no other outlet tells as well.

A stored vector is the one the embedder computes for that text at compare time, to the last bit
(``OnnxMiniLM`` runs a text with texts of its own length only, never padded): the comparison is
the same with or without them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from parallax.embeddings import (
    embeddings_available,
    minilm_name,
    text_sha256,
    vector_bytes,
    vector_from_bytes,
)
from parallax.model import Claim
from parallax.models.text import sentence_spans
from parallax.store.vectors import save_sentence_vectors, sentence_vectors

if TYPE_CHECKING:
    from parallax.compare.story import StoryArticle
    from parallax.store.sqlite import SQLiteStore

logger = logging.getLogger(__name__)

EMBEDDER = "minilm"
"""The embedder the comparison's models use (``parallax.models.vectors.cached_embedder``)."""


def embedder_name() -> str:
    """Return the versioned name the stored vectors are kept under."""
    return minilm_name()


def comparison_texts(text: str, claims: Iterable[Claim]) -> list[str]:
    """Return the texts of one article that a comparison embeds, each once.

    Its sentences as the bias model cuts them (``models.text.sentence_spans``; the importance
    model reads every claim against them), the span of each claim (alignment) and the reason
    a claim states, if any (the cause check).
    """
    from parallax.compare.conflicts import cause_clause

    found = [text[start:end] for start, end in sentence_spans(text)]
    for claim in claims:
        span = text[claim.start : claim.end]
        found.append(span)
        if cause := cause_clause(span):
            found.append(span[cause[1] : cause[2]])
    return list(dict.fromkeys(found))


#: One article's vectors: ``(text_sha256, little-endian float32 bytes)`` of each of its texts.
Vectors = tuple[tuple[str, bytes], ...]


def embed_articles(articles: Sequence[tuple[str, Iterable[Claim]] | None]) -> list[Vectors]:
    """Return the vectors of each article's comparison texts (:func:`comparison_texts`).

    ``articles`` are ``(cleaned text, claims)`` pairs, None for an article without analysis
    (no vectors). Each distinct text of the call is embedded once, in length buckets. Without
    the MiniLM packages, or if embedding fails, every article gets none: the comparison then
    embeds what it needs itself.
    """
    wanted = [comparison_texts(*article) if article else [] for article in articles]
    distinct = list(dict.fromkeys(text for found in wanted for text in found))
    if not distinct or not embeddings_available():
        return [() for _ in wanted]
    from parallax.models.vectors import cached_embedder

    try:  # through the process's cache: the texts the bias model embedded are not embedded again
        matrix = cached_embedder().embed(distinct)
    except Exception:  # vectors are a saving, never a reason to reject an article
        logger.exception("embedding a batch's sentences failed; the comparison will embed them")
        return [() for _ in wanted]
    rows = {
        text: (text_sha256(text), vector_bytes(vector))
        for text, vector in zip(distinct, matrix, strict=True)
    }
    return [tuple(rows[text] for text in found) for found in wanted]


def save_vectors(store: SQLiteStore, vectors: Iterable[Vectors]) -> None:
    """Store articles' vectors from :func:`embed_articles` (inside the caller's transaction)."""
    rows = [row for found in vectors for row in found]
    if rows:
        save_sentence_vectors(store, embedder_name(), rows)


def preload_vectors(store: SQLiteStore, items: Sequence[StoryArticle], *, save: bool) -> int:
    """Put the vectors of a story's comparison texts into the process's cached embedder (every
    article's sentences too: the importance model reads each claim against them by meaning,
    even when the article's framing findings are stored).

    The stored ones are read; with ``save`` the others are embedded now, in one call, and
    stored, so a later comparison (another process, the story grown by an article) reads them
    too. Without ``save`` (a web page, which never writes) the comparison embeds what is
    missing itself. Return how many vectors were read from the store.
    """
    found, rows = _load(store, items, embed=save)
    if rows:
        with store.transaction():
            save_sentence_vectors(store, embedder_name(), rows)
    return found


def embed_missing(
    store: SQLiteStore, items: Sequence[StoryArticle], *, threads: int = 1
) -> list[tuple[str, bytes]]:
    """Put the vectors of the comparison texts of ``items`` (the articles of one or more
    stories) into the process's cached embedder, as :func:`preload_vectors` does, embedding
    the texts the store has no vector for in one call (its runs shared over ``threads``
    threads: the same vectors); return their rows ``(text_sha256, vector bytes)`` for the
    caller to store (nothing is written here)."""
    return _load(store, items, embed=True, threads=threads)[1]


def _load(
    store: SQLiteStore, items: Sequence[StoryArticle], *, embed: bool, threads: int = 1
) -> tuple[int, list[tuple[str, bytes]]]:
    """Remember the stored vectors of the texts of ``items`` in the cached embedder and (with
    ``embed``) embed the others, on ``threads`` threads; return how many were stored and the
    rows of those embedded."""
    if not embeddings_available():
        return 0, []
    from parallax.models.vectors import cached_embedder

    # No argument: the callers (align, bias, conflicts) take the default, one cache entry.
    embedder = cached_embedder()
    texts = list(
        dict.fromkeys(
            text for item in items for text in comparison_texts(item.article.text, item.claims)
        )
    )
    digests = {text: text_sha256(text) for text in texts}
    stored = sentence_vectors(store, embedder_name(), digests.values())
    found = [text for text in texts if digests[text] in stored]
    if found:
        embedder.remember(found, np.vstack([vector_from_bytes(stored[digests[t]]) for t in found]))
    missing = [text for text in texts if digests[text] not in stored]
    if not (embed and missing):
        return len(found), []
    if threads > 1:
        embedder.prefetch(missing, threads=threads)  # kept: the call below only reads them
    fresh = embedder.embed(missing)  # kept by the cached embedder for the comparison too
    return len(found), [(digests[t], vector_bytes(v)) for t, v in zip(missing, fresh, strict=True)]


def embed_ahead(items: Sequence[StoryArticle], *, threads: int) -> int:
    """Embed now, on ``threads`` threads, the texts of a story's comparison that MiniLM will
    read and the process's cached embedder does not hold yet: each claim (alignment reads
    them all) and each sentence of the English articles without framing findings (the bias
    model reads them; so does the importance model, which embeds any other sentence it
    reads itself). One call whose runs share the CPUs (``CachedEmbedder.prefetch``): the
    same vectors as the models' own calls, so the same comparison, in less time where CPUs
    are idle. Return how many texts were embedded (none with ``threads`` < 2, or without
    the MiniLM packages).
    """
    if threads < 2 or not embeddings_available():
        return 0
    from parallax.compare.framing import ENGLISH
    from parallax.models.vectors import cached_embedder

    texts: list[str] = []
    for item in items:
        text = item.article.text
        if item.framing is None and item.article.language in ENGLISH:
            texts.extend(text[start:end] for start, end in sentence_spans(text))
        texts.extend(text[claim.start : claim.end] for claim in item.claims)
    try:
        return cached_embedder().prefetch(texts, threads=threads)
    except Exception:  # a saving only: the models embed what is missing themselves
        logger.exception("embedding a story's texts ahead failed")
        return 0
