"""Short bodies for training the stance model: the sentence closest to the claim, with its
neighbours, as a body of its own.

The product asks the stance model about a claim against another outlet's sentence with the
sentence before and after it (:func:`parallax.compare.story.claim_context`), while every FNC-1
body is a whole article: the trees never see a body of one to three sentences, and on one they
fall back on the majority related class (discuss) whatever the evidence says. Each training pair
whose body is longer than a window therefore also gives a short pair: the same claim against
the window around the body sentence closest to it in meaning (MiniLM cosine), with the pair's
label. For an agreeing or refuting body that sentence is where it agrees or refutes; for a
discussing one, where it reports the claim. Unrelated pairs give windows too (a seeded share of
them), so that a short body can still be unrelated.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from parallax.models.stance_evidence import Embed
from parallax.models.text import sentence_spans

__all__ = ["SHORT_WINDOW", "short_pairs"]

SHORT_WINDOW = 1
"""Sentences kept either side of the closest one (the product's claim context keeps one)."""


def short_pairs(
    pairs: Sequence[tuple[str, str]],
    related: Sequence[bool],
    embed: Embed,
    *,
    unrelated_share: float,
    seed: int,
) -> list[tuple[int, str]]:
    """Return ``(index, short body)`` for the pairs that give a short pair.

    Args:
        pairs: ``(claim, body)`` training pairs.
        related: whether each pair's label is a related one (agree, disagree, discuss).
        embed: the sentence embedder (L2-normalised rows).
        unrelated_share: the share of unrelated pairs that give one (seeded draw).
        seed: the draw's seed.
    """
    rng = np.random.default_rng(seed)
    draws = rng.random(len(pairs))
    chosen = [
        i
        for i, (_, body) in enumerate(pairs)
        if (related[i] or draws[i] < unrelated_share)
        and len(sentence_spans(body)) > 2 * SHORT_WINDOW + 1
    ]
    claims = sorted({pairs[i][0] for i in chosen})
    bodies = sorted({pairs[i][1] for i in chosen})
    spans = {body: sentence_spans(body) for body in bodies}
    texts = list(dict.fromkeys([*claims, *(body[a:b] for body in bodies for a, b in spans[body])]))
    matrix = embed(texts)
    row = {text: k for k, text in enumerate(texts)}
    found: list[tuple[int, str]] = []
    for i in chosen:
        claim, body = pairs[i]
        cut = spans[body]
        block = matrix[[row[body[a:b]] for a, b in cut]]
        best = int(np.argmax(block @ matrix[row[claim]]))
        first = max(0, best - SHORT_WINDOW)
        last = min(len(cut) - 1, best + SHORT_WINDOW)
        found.append((i, body[cut[first][0] : cut[last][1]]))
    return found
