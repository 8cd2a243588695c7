"""How alike an article and a story (or two articles) are: the signals combined, and time."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from parallax.stories.features import StoryInput, TermStats, article_terms, dot
from parallax.stories.settings import StorySettings
from parallax.stories.state import gap_days


def combine(
    settings: StorySettings,
    text: float,
    entities: float | None,
    embedding: float | None,
    *,
    short: bool = False,
) -> float:
    """Return the weighted mean of the signals that are available (not None).

    ``short`` (a headline alone) weighs the embedding by ``short_embedding_weight``.
    """
    total, weights = settings.text_weight * text, settings.text_weight
    if entities is not None:
        total += settings.entity_weight * entities
        weights += settings.entity_weight
    if embedding is not None:
        weight = settings.short_embedding_weight if short else settings.embedding_weight
        total += weight * embedding
        weights += weight
    return total / weights if weights else 0.0


def time_factor(settings: StorySettings, gap: int | None) -> float:
    """Return 1 within the grace days (or undated), then an exponential decay per day."""
    if gap is None or gap <= settings.time_grace_days:
        return 1.0
    return math.exp(-(gap - settings.time_grace_days) / max(settings.time_scale_days, 1e-9))


def score_pair(
    a: StoryInput,
    b: StoryInput,
    *,
    terms: TermStats,
    settings: StorySettings | None = None,
    embeddings: tuple[NDArray[np.float32], NDArray[np.float32]] | None = None,
) -> float:
    """Score how much two articles read as one story, the way a one-article story is scored.

    ``terms`` gives the IDF (it is not updated); ``embeddings`` are the two unit embeddings.
    """
    settings = settings or StorySettings()
    first_counts = article_terms(a, title_weight=settings.title_weight)
    second_counts = article_terms(b, title_weight=settings.title_weight)
    short = min(len(first_counts), len(second_counts)) < settings.short_terms
    first, second = terms.weigh(first_counts), terms.weigh(second_counts)
    text = dot(first, second) if len(first) < len(second) else dot(second, first)
    entities = None
    if a.entities and b.entities:
        shared = len(a.entities & b.entities)
        entities = shared / math.sqrt(len(a.entities) * len(b.entities))
    embedded = None if embeddings is None else float(embeddings[0] @ embeddings[1])
    gap = gap_days(a.published, a.published, b.published)
    return combine(settings, text, entities, embedded, short=short) * time_factor(settings, gap)
