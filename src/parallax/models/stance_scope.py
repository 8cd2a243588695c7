"""Scope features for the stance model: what the sentences closest to the claim do to it.

The evidence features (:mod:`parallax.models.stance_evidence`) count cues in the two sentences
closest to the claim. These read the same MiniLM sentence cosines more finely, and stay
meaningful on a body of one or two sentences (how the product asks the model: a claim against
another outlet's sentence with its neighbours), where counts over a whole body say little:

* how much of the claim the best sentence restates (stems), and how many sentences there are;
* cues weighted by each sentence's closeness to the claim (a soft choice of evidence, not a
  hard top two);
* negation *scope*: a negation in the three words before a claim word of the best sentences,
  against whether the claim itself is negated (a polarity flip, not a negation anywhere);
* mismatches: the claim's names missing from the best sentences and names there that the claim
  lacks (another actor), and figures that differ (the claim's figure absent where others are
  stated).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from parallax.models.cues import AGREE, HEDGE, REFUTE
from parallax.models.text import NEGATIONS, stem

__all__ = ["SCOPE_FEATURES", "scope_features", "sentence_cues"]

TOP = 2
SCOPE = 3  # words before a claim word in which a negation negates it
SHARPNESS = 8.0  # softmax temperature over cosines: 0.1 closer weighs about 2.2 times more

SCOPE_FEATURES: tuple[str, ...] = (
    "scope_sentences_log",
    "scope_best_overlap",
    "scope_top_overlap",
    "scope_weighted_refute",
    "scope_weighted_negation",
    "scope_weighted_hedge",
    "scope_weighted_agree",
    "scope_negated",
    "scope_polarity_flip",
    "scope_names_missing",
    "scope_other_names",
    "scope_number_conflict",
    "scope_best_quoted",
    "scope_share_close",
)


def sentence_cues(words: Sequence[str]) -> tuple[int, int, int, int]:
    """A sentence's refutation, negation, hedging and agreement words (counts)."""
    return (
        sum(w in REFUTE for w in words),
        sum(w in NEGATIONS for w in words),
        sum(w in HEDGE for w in words),
        sum(w in AGREE for w in words),
    )


def _negated(
    words: Sequence[str], claim_stems: frozenset[str], stems: Sequence[str] | None = None
) -> bool:
    """Whether a negation stands in the :data:`SCOPE` words before a claim word."""
    stems = stems if stems is not None else [stem(word) for word in words]
    return any(
        value in claim_stems and any(w in NEGATIONS for w in words[max(0, i - SCOPE) : i])
        for i, value in enumerate(stems)
    )


def scope_features(
    sims: Sequence[float],
    sentence_words: Sequence[Sequence[str]],
    sentence_stems: Sequence[Sequence[str]],
    sentence_counts: Sequence[tuple[int, int, int, int]],
    sentence_numbers: Sequence[frozenset[str]],
    sentence_names: Sequence[frozenset[str]],
    sentence_texts_lower: Sequence[str],
    claim_stems: frozenset[str],
    claim_numbers: frozenset[str],
    claim_names: frozenset[str],
    claim_words: Sequence[str],
) -> list[float]:
    """The row of :data:`SCOPE_FEATURES` for one pair.

    Args:
        sims: the claim's cosine with each body sentence (embedding, or TF-IDF without it).
        sentence_words: each body sentence's lower-cased words.
        sentence_stems: their stems.
        sentence_counts: each body sentence's :func:`sentence_cues`.
        sentence_numbers: the figures each body sentence states.
        sentence_names: the lower-cased capitalised names of each body sentence.
        sentence_texts_lower: each body sentence, lower-cased.
        claim_stems: the claim's content-word stems.
        claim_numbers: the figures the claim states.
        claim_names: the claim's lower-cased capitalised names.
        claim_words: the claim's lower-cased words.
    """
    if not sims:
        return [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0, -1.0, 0.0, 0.0]
    order = sorted(range(len(sims)), key=lambda i: (-sims[i], i))
    top = order[:TOP]
    best = order[0]

    def overlap(rows: Sequence[int]) -> float:
        found = {value for i in rows for value in sentence_stems[i]}
        return len(claim_stems & found) / len(claim_stems) if claim_stems else 0.0

    peak = sims[best]
    weights = [math.exp(SHARPNESS * (s - peak)) for s in sims]
    total = math.fsum(weights)

    def weighted(cue: int) -> float:
        counts = [row[cue] for row in sentence_counts]
        return math.fsum(w * c for w, c in zip(weights, counts, strict=True)) / total

    claim_negated = _negated(claim_words, claim_stems) or any(w in NEGATIONS for w in claim_words)
    body_negated = any(_negated(sentence_words[i], claim_stems, sentence_stems[i]) for i in top)
    top_lower = " ".join(sentence_texts_lower[i] for i in top)
    top_names = frozenset().union(*(sentence_names[i] for i in top))
    claim_lower = " ".join(claim_words)
    top_numbers = frozenset().union(*(sentence_numbers[i] for i in top))
    if not claim_numbers or not top_numbers:
        conflict = -1.0
    else:
        conflict = float(not claim_numbers & top_numbers)
    return [
        math.log1p(len(sims)),
        overlap([best]),
        overlap(top),
        weighted(0),
        weighted(1),
        weighted(2),
        weighted(3),
        float(body_negated),
        float(body_negated != claim_negated),
        (
            sum(1 for n in claim_names if n not in top_lower) / len(claim_names)
            if claim_names
            else -1.0
        ),
        float(sum(1 for n in top_names if n not in claim_lower)),
        conflict,
        float(any(mark in sentence_texts_lower[best] for mark in ('"', "“", "?"))),
        sum(1 for s in sims if s >= peak - 0.1) / len(sims),
    ]
