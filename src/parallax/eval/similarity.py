"""Correlate our article-pair similarity with SemEval-2022 Task 8's human Overall ratings.

The file holds pairs of news articles (``text1``, ``text2``, about 1,000 characters each, the
headline run into the body) rated 1 (very similar) to 4 (very dissimilar) on ``Overall``.

Our similarity uses the embedder the product groups stories with (``story_embedder``'s default,
``auto``: MiniLM): the cosine of the two documents' vectors (:func:`document_vectors`: the lead,
leaning on the headline) blended with their TF-IDF cosine as the story grouper weighs terms.
With ``tfidf`` (no embedder) it is the TF-IDF cosine alone. The IDF is learned from the
selected pairs' own texts, without their ratings.

Because the scale runs the other way, ``pearson`` is the correlation with ``5 - Overall`` (higher
is better, the official metric's sign); ``pearson_overall`` is the raw, negative correlation.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from parallax.datasets.semeval_similarity import read_pairs
from parallax.document_vectors import document_vectors
from parallax.embeddings import AUTO, resolve_embedder, shared_embedder, story_embed_text
from parallax.stories.features import TermStats, article_terms
from parallax.stories.score import score_pair
from parallax.stories.settings import StorySettings

logger = logging.getLogger(__name__)

TRAINING_FILE = "training_set.csv"
"""The pairs read when ``--data`` names the subset's folder (as the accuracy gate does)."""
TEXT_BLEND = 0.25
"""Weight of the TF-IDF cosine against 1 for the embedding cosine (chosen with the head mix)."""


def pearson(x: list[float], y: list[float]) -> float:
    """Return Pearson's r of two equally long series (0.0 when either is constant)."""
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(a) < 2 or a.std() == 0.0 or b.std() == 0.0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def _cosines(vectors: np.ndarray) -> list[float]:
    """Return the cosine of rows 0 and 1, 2 and 3, … (the rows are unit vectors)."""
    return [float(v) for v in np.einsum("ij,ij->i", vectors[0::2], vectors[1::2])]


def evaluate_similarity(
    pairs_csv: Path,
    *,
    embedder: str | None = AUTO,
    languages: tuple[str, str] = ("en", "en"),
) -> dict[str, float]:
    """Score our pair similarity against the Overall ratings of a SemEval-2022 Task 8 file.

    Args:
        pairs_csv: The task's CSV, or a folder holding ``training_set.csv`` (the subset; never
            the test file when tuning).
        embedder: A ``story_embedder`` value: ``auto`` (the product's default; also None),
            ``minilm``, ``minilm-torch`` or ``tfidf`` (no embedder: TF-IDF alone).
        languages: The language pair kept.

    Returns:
        ``pearson`` (against ``5 - Overall``), ``pearson_overall``, ``pearson_text`` (TF-IDF
        cosine alone) and the number of ``pairs``; with an embedder also ``pearson_embedding``
        (the document-vector cosine alone) and ``pearson_grouping`` (the story grouper's
        combined score of the pair, with its own embedding of the headline and first
        ``embed_chars``: tuned to decide whether two articles tell one story, not how alike
        they are).

    Raises:
        ConfigError: an unknown embedder, or ``minilm`` without its packages (P601).
        InputError: the pairs file is missing (P114).
    """
    name = resolve_embedder(AUTO if embedder is None else embedder)
    logger.info("scoring pair similarity with embedder %s", name or "none (tfidf)")
    if pairs_csv.is_dir():
        pairs_csv = pairs_csv / TRAINING_FILE
    pairs = read_pairs(pairs_csv, languages=languages)
    grouping = StorySettings.tuned_for(name)
    terms = TermStats()
    for item in {item.text: item for _, a, b, _ in pairs for item in (a, b)}.values():
        terms.observe(article_terms(item, title_weight=grouping.title_weight))
    text_only = StorySettings(embedding_weight=0.0, entity_weight=0.0)
    text = [score_pair(a, b, terms=terms, settings=text_only) for _, a, b, _ in pairs]
    similar = [5.0 - overall for *_, overall in pairs]
    result = {"pearson": pearson(text, similar), "pearson_text": pearson(text, similar)}
    if name is not None:
        model = shared_embedder(name)
        items = [item for _, a, b, _ in pairs for item in (a, b)]
        embedded = _cosines(
            document_vectors(model, [story_embed_text(i.title, i.text, 10**9) for i in items])
        )
        blended = [
            (e + TEXT_BLEND * t) / (1 + TEXT_BLEND) for e, t in zip(embedded, text, strict=True)
        ]
        story = model.embed(
            [story_embed_text(i.title, i.text, grouping.embed_chars) for i in items]
        )
        grouped = [
            score_pair(
                a, b, terms=terms, settings=grouping, embeddings=(story[2 * n], story[2 * n + 1])
            )
            for n, (_, a, b, _) in enumerate(pairs)
        ]
        result["pearson"] = pearson(blended, similar)
        result["pearson_embedding"] = pearson(embedded, similar)
        result["pearson_grouping"] = pearson(grouped, similar)
    result["pearson_overall"] = -result["pearson"]
    result["pairs"] = float(len(pairs))
    return result
