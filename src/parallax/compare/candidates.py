"""Candidate claim pairs: each claim's nearest neighbours, never an all-pairs matrix.

For each claim the :data:`NEIGHBOURS` most similar claims of other articles and the
:data:`OWN_NEIGHBOURS` most similar claims of any article are candidates, once by the MiniLM
embedding (when there is one) and once by the TF-IDF vectors. The similarities are computed a
block of :data:`BLOCK` claims at a time, so memory grows with the number of claims (a block
times the claims), and the candidate pairs are at most a fixed number per claim.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix

NEIGHBOURS = 8
OWN_NEIGHBOURS = 3
BLOCK = 256


def _best(scores: NDArray[np.float64], k: int) -> NDArray[np.int64]:
    """Return, per row, the columns of the ``k`` highest scores above 0 (unordered)."""
    k = min(k, scores.shape[1])
    if k <= 0:
        return np.zeros((scores.shape[0], 0), dtype=np.int64)
    top: NDArray[np.int64] = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    return top


def nearest_pairs(
    vectors: NDArray[np.float64] | csr_matrix,
    articles: Sequence[str],
    *,
    neighbours: int = NEIGHBOURS,
    own: int = OWN_NEIGHBOURS,
) -> set[tuple[int, int]]:
    """Return the candidate pairs ``(i, j)``, ``i < j``, of rows of ``vectors`` (L2-normalised;
    dense or sparse): each row's ``neighbours`` nearest rows of other articles and ``own``
    nearest rows of any article, among those with a positive similarity."""
    n = vectors.shape[0]
    article_ids = np.asarray(articles)
    found: set[tuple[int, int]] = set()
    for start in range(0, n, BLOCK):
        stop = min(n, start + BLOCK)
        block = vectors[start:stop] @ vectors.T
        scores = np.asarray(block.toarray() if hasattr(block, "toarray") else block, np.float64)
        rows = np.arange(stop - start)
        scores[rows, rows + start] = -np.inf
        other = np.where(article_ids[None, :] == article_ids[start:stop, None], -np.inf, scores)
        for matrix, k in ((other, neighbours), (scores, own)):
            top = _best(matrix, k)
            keep = np.take_along_axis(matrix, top, axis=1) > 0
            first = np.broadcast_to(rows[:, None] + start, top.shape)[keep]
            second = top[keep]
            low, high = np.minimum(first, second), np.maximum(first, second)
            found.update(zip(low.tolist(), high.tolist(), strict=True))
    return found
