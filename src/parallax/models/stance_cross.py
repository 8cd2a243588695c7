"""Cue words of the body crossed with the claim's polarity, for the stance model.

A body that calls something a hoax disagrees with a claim that states it, and agrees with a
claim that calls it a hoax: the same body word means opposite stances depending on the claim.
The word model reads the body's words and the claim's words side by side (a linear model
cannot join them), so these features join them: each refutation, hedging or agreement cue of
the body (:mod:`parallax.models.cues`) and each doubt phrase (:data:`DOUBT_PHRASES`), keyed by
the claim's polarity (:func:`claim_polarity`), weighted ``log(1 + count)``.

Three dense columns (:data:`CROSS_FEATURES`) give the trees the same join: the claim's
polarity, and how many doubt phrases the body and its lead (first three sentences) hold.

Measured in FNC-1's topic-grouped cross-validation (64 topics, 5 folds) on top of the
``short-balanced`` recipe: see ``docs/evaluation.md`` (the stance section of session 26).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from parallax.models.cues import AGREE, HEDGE, REFUTE
from parallax.models.text import NEGATIONS

__all__ = [
    "CROSS_FEATURES",
    "CROSS_PREFIX",
    "DOUBT_PHRASES",
    "body_cues",
    "claim_polarity",
    "cross_bag",
    "cross_features",
]

CROSS_PREFIX = "x:"
LEAD = 3  # sentences of the lead in which doubt phrases are counted apart
CROSS_FEATURES: tuple[str, ...] = (
    "cross_doubt_phrases",
    "cross_doubt_lead",
    "cross_claim_polarity",
)
_POLARITY_CODE = {"P": 0.0, "R": 1.0, "N": 2.0}
_WORD = re.compile(r"[a-z']+")
_CUES = REFUTE | HEDGE | AGREE

DOUBT_PHRASES: tuple[str, ...] = (
    "cast doubt",
    "casts doubt",
    "turns out",
    "turned out",
    "not true",
    "isn't true",
    "no evidence",
    "never happened",
    "not real",
    "all it seemed",
    "authenticity",
    "questioning",
    "questioned",
    "skeptic",
    "sceptic",
    "exaggerat",
    "made up",
    "made-up",
    "false alarm",
    "not the case",
    "no truth",
    "no basis",
    "no proof",
    "urban legend",
    "fact check",
    "fact-check",
    "snopes",
    "satirical",
    "parody",
    "joke",
    "april fool",
    "viral",
    "denied",
    "dismissed as",
)
"""Phrases (and word starts) that put a story in doubt, counted as substrings of the
lower-cased body; each is its own feature (``~`` + phrase)."""


def claim_polarity(claim: str) -> str:
    """``R`` when the claim itself refutes (a refutation word), ``N`` when it is negated or a
    question, else ``P`` (it states something)."""
    found = set(_WORD.findall(claim.lower()))
    if found & REFUTE:
        return "R"
    return "N" if found & NEGATIONS or "?" in claim else "P"


def body_cues(body: str) -> dict[str, int]:
    """The body's cue words (refutation, hedging, agreement) and doubt phrases (``~`` +
    phrase), with their counts."""
    lower = body.lower()
    counts: dict[str, int] = {}
    for word in _WORD.findall(lower):
        if word in _CUES:
            counts[word] = counts.get(word, 0) + 1
    for phrase in DOUBT_PHRASES:
        found = lower.count(phrase)
        if found:
            counts["~" + phrase] = found
    return counts


def cross_bag(polarity: str, cues: Mapping[str, int]) -> dict[str, float]:
    """The crossed features of a pair: ``x:`` + polarity + ``|`` + cue, ``log(1 + count)``."""
    return {f"{CROSS_PREFIX}{polarity}|{cue}": math.log1p(n) for cue, n in cues.items()}


def cross_features(
    polarity: str, cues: Mapping[str, int], sentences_lower: Sequence[str]
) -> list[float]:
    """The dense columns (:data:`CROSS_FEATURES`): the body's doubt phrases (from
    :func:`body_cues`), those of its first :data:`LEAD` sentences (lower-cased), and the
    claim's polarity as a code (0 states, 1 refutes, 2 negated or a question)."""
    lead = sum(text.count(phrase) for text in sentences_lower[:LEAD] for phrase in DOUBT_PHRASES)
    phrases = sum(n for cue, n in cues.items() if cue.startswith("~"))
    return [float(phrases), float(lead), _POLARITY_CODE[polarity]]
