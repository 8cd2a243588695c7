"""Sentence-level evidence for the stance model: the body sentences closest to the claim in
meaning (MiniLM), and what they say.

TF-IDF picks a body's sentences that share the claim's words; a body that refutes a claim often
restates it in other words ("the report is a hoax", "no such plan exists"), and the disagree
class is where word overlap fails most. Here the claim and every body sentence are embedded
(all-MiniLM-L6-v2, :mod:`parallax.models.vectors`, each distinct text once) and the best
sentences are read for refutation, negation and hedging, and for numbers that differ from the
claim's. Without the embeddings (an install that left them out) the sentences' TF-IDF cosines
stand in for the embedding cosines, so the features keep their meaning, less sharply.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from parallax.models.cues import HEDGE, REFUTE
from parallax.models.text import NEGATIONS, stem

__all__ = ["EVIDENCE_FEATURES", "Embed", "default_embed", "evidence_features"]

Embed = Callable[[Sequence[str]], NDArray[np.float32]]
"""Texts in, L2-normalised vectors out (one row per text)."""

TOP = 2
WINDOW = 6  # words either side of a claim word in which a cue counts as aimed at the claim

EVIDENCE_FEATURES: tuple[str, ...] = (
    "mini_claim_body",
    "mini_max",
    "mini_top_mean",
    "mini_gap",
    "mini_best_position",
    "mini_top_refute",
    "mini_top_negation",
    "mini_top_hedge",
    "mini_near_refute",
    "mini_near_negation",
    "mini_top_numbers_missing",
)


def default_embed() -> Embed | None:
    """The process's cached MiniLM embedder, or None when the embeddings are not installed."""
    from parallax.embeddings import embeddings_available

    if not embeddings_available():
        return None
    from parallax.models.vectors import cached_embedder

    return cached_embedder().embed


def _aimed(words: Sequence[str], claim_stems: frozenset[str]) -> tuple[int, int]:
    """Refutation and negation words within :data:`WINDOW` words of a claim word."""
    stems = [stem(word) for word in words]
    near: set[int] = set()
    for i, value in enumerate(stems):
        if value in claim_stems:
            near.update(range(max(0, i - WINDOW), min(len(words), i + WINDOW + 1)))
    picked = [words[i] for i in sorted(near)]
    return sum(w in REFUTE for w in picked), sum(w in NEGATIONS for w in picked)


def evidence_features(
    sims: Sequence[float],
    sentence_words: Sequence[Sequence[str]],
    sentence_numbers: Sequence[frozenset[str]],
    claim_stems: frozenset[str],
    claim_numbers: frozenset[str],
    whole: float,
) -> list[float]:
    """The row of :data:`EVIDENCE_FEATURES` for one pair.

    Args:
        sims: the claim's cosine with each body sentence (embedding, or TF-IDF without it).
        sentence_words: each body sentence's lower-cased words.
        sentence_numbers: the figures each body sentence states.
        claim_stems: the claim's content-word stems.
        claim_numbers: the figures the claim states.
        whole: the claim's cosine with the whole body.
    """
    if not sims:
        return [whole, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0]
    order = sorted(range(len(sims)), key=lambda i: (-sims[i], i))
    top = order[:TOP]
    top_words = [word for i in top for word in sentence_words[i]]
    aimed = [_aimed(sentence_words[i], claim_stems) for i in top]
    seen = frozenset().union(*(sentence_numbers[i] for i in top))
    missing = (
        sum(1 for n in claim_numbers if n not in seen) / len(claim_numbers)
        if claim_numbers
        else -1.0
    )
    second = sims[order[1]] if len(order) > 1 else 0.0
    return [
        whole,
        sims[order[0]],
        sum(sims[i] for i in top) / len(top),
        sims[order[0]] - second,
        order[0] / len(sims),
        float(sum(w in REFUTE for w in top_words)),
        float(sum(w in NEGATIONS for w in top_words)),
        float(sum(w in HEDGE for w in top_words)),
        float(sum(a for a, _ in aimed)),
        float(sum(n for _, n in aimed)),
        missing,
    ]
