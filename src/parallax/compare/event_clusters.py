"""Cluster a story's event mentions into events: documents into sub-topics, then mentions.

Two steps, both average link (:func:`parallax.compare.grouping.average_link`):

1. documents are grouped into sub-topics: a story often holds two similar events (two
   earthquakes, two arrests of one actor) told in different articles, and mentions in
   different sub-topics are never one event. Two documents are alike when they are alike to
   the same documents: the cosine of their rows of TF-IDF cosines to every document of the
   story, each column centred on its mean. Plain TF-IDF cosines of two articles about one event
   are low and spread (0.2-0.3 on ECB+, against 0.05-0.15 across sub-topics); their profiles
   agree far more (on the ECB+ train topics, same-sub-topic pairs at 0.97 precision and 0.83
   recall at threshold 0, against 0.83 and 0.78 for the best plain cosine threshold);
2. within each sub-topic, mentions are grouped by the event-pair model's probability, a pair
   absent from the scores counting 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from parallax.compare.grouping import average_link
from parallax.models.text import Vector, cosine

__all__ = ["cluster_mentions", "document_groups", "document_similarities"]

MIN_DOCUMENTS = 4  # fewer documents give no profile to compare: they stay one sub-topic


def document_similarities(vectors: Sequence[Vector]) -> dict[tuple[int, int], float]:
    """Return the profile similarity of every pair of documents ``(i, j)``, ``i < j`` (see the
    module doc), from their TF-IDF vectors; 1.0 for every pair under :data:`MIN_DOCUMENTS`."""
    n = len(vectors)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    if n < MIN_DOCUMENTS:
        return dict.fromkeys(pairs, 1.0)
    matrix = np.eye(n)
    for i, j in pairs:
        matrix[i, j] = matrix[j, i] = cosine(vectors[i], vectors[j])
    profiles = matrix - matrix.mean(axis=0, keepdims=True)
    profiles /= np.linalg.norm(profiles, axis=1, keepdims=True) + 1e-12
    found = profiles @ profiles.T
    return {(i, j): float(found[i, j]) for i, j in pairs}


def document_groups(
    similarities: Mapping[tuple[int, int], float], n: int, threshold: float
) -> list[int]:
    """Group ``n`` documents into sub-topics by average link at ``threshold`` (-1: one group)."""
    return average_link(n, similarities, threshold)


def cluster_mentions(
    n: int,
    probabilities: Mapping[tuple[int, int], float],
    groups: Sequence[int],
    threshold: float,
) -> list[int]:
    """Group ``n`` mentions into events; return each mention's event number.

    Args:
        n: The number of mentions.
        probabilities: The pair model's probability for mention pairs ``(i, j)``.
        groups: Each mention's document sub-topic; mentions of two sub-topics stay apart.
        threshold: The mean probability two clusters need to merge.
    """
    edges = {pair: p for pair, p in probabilities.items() if groups[pair[0]] == groups[pair[1]]}
    return average_link(n, edges, threshold)
