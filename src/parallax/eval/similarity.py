"""Correlate our article-pair similarity with SemEval-2022 Task 8's human Overall ratings.

The file holds pairs of news articles (``text1``, ``text2``, about 1,000 characters each, the
headline run into the body) rated 1 (very similar) to 4 (very dissimilar) on ``Overall``. Our
similarity is the story grouper's combined score of one article against a one-article story
(TF-IDF cosine, plus the embedding cosine when an embedder is given; no dates in this file, so
no time factor). The IDF is learned from the selected pairs' own texts, without their ratings.

Because the scale runs the other way, ``pearson`` is the correlation with ``5 - Overall`` (higher
is better, the official metric's sign); ``pearson_overall`` is the raw, negative correlation.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from parallax.datasets.semeval_similarity import read_pairs
from parallax.embeddings import load_embedder
from parallax.stories.features import TermStats, article_terms
from parallax.stories.score import score_pair
from parallax.stories.settings import StorySettings

logger = logging.getLogger(__name__)


def pearson(x: list[float], y: list[float]) -> float:
    """Return Pearson's r of two equally long series (0.0 when either is constant)."""
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(a) < 2 or a.std() == 0.0 or b.std() == 0.0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def evaluate_similarity(
    pairs_csv: Path,
    *,
    embedder: str | None = None,
    settings: StorySettings | None = None,
    languages: tuple[str, str] = ("en", "en"),
) -> dict[str, float]:
    """Score our pair similarity against the Overall ratings of a SemEval-2022 Task 8 file.

    Args:
        pairs_csv: The task's CSV (``training_set.csv`` of the subset; never the test file when
            tuning).
        embedder: A registered embedder name (``minilm``) to add the embedding signal.
        settings: Grouping settings (weights); ``StorySettings.tuned_for(embedder)`` if not given.
        languages: The language pair kept.

    Returns:
        ``pearson`` (against ``5 - Overall``), ``pearson_overall``, ``pearson_text`` (TF-IDF
        cosine alone), ``pearson_embedding`` (embedding cosine alone, with an embedder) and the
        number of ``pairs``.
    """
    settings = settings or StorySettings.tuned_for(embedder)
    pairs = read_pairs(pairs_csv, languages=languages)
    terms = TermStats()
    texts = {item.text: item for _, a, b, _ in pairs for item in (a, b)}
    for item in texts.values():
        terms.observe(article_terms(item, title_weight=settings.title_weight))
    vectors = None
    if embedder:
        model = load_embedder(embedder)
        items = [item for _, a, b, _ in pairs for item in (a, b)]
        vectors = model.embed([item.text[: settings.embed_chars] for item in items])
    scores, text_scores, embedding_scores, ratings = [], [], [], []
    text_only = StorySettings(embedding_weight=0.0)
    for number, (_, a, b, overall) in enumerate(pairs):
        pair = None if vectors is None else (vectors[2 * number], vectors[2 * number + 1])
        scores.append(score_pair(a, b, terms=terms, settings=settings, embeddings=pair))
        text_scores.append(score_pair(a, b, terms=terms, settings=text_only))
        if pair is not None:
            embedding_scores.append(float(pair[0] @ pair[1]))
        ratings.append(overall)
    similar = [5.0 - rating for rating in ratings]
    result = {
        "pearson": pearson(scores, similar),
        "pearson_overall": pearson(scores, ratings),
        "pearson_text": pearson(text_scores, similar),
        "pairs": float(len(pairs)),
    }
    if embedding_scores:
        result["pearson_embedding"] = pearson(embedding_scores, similar)
    return result
