"""Sentence bias against BABE: its file, and cross-validated macro-F1 as the paper reports it.

BABE (``final_labels_SG2.csv``; Spinde et al., Findings of EMNLP 2021) labels 3,673 news
sentences Biased or Non-biased (one "No agreement" row is dropped). The paper's best model reaches
macro-F1 0.804 in stratified 5-fold cross-validation; we report the same protocol, training a
fresh model in each fold. SG1 (whose sentences are nearly all in BABE) is never read, so no SG1
sentence can leak into a test fold; identical sentences always fall in the same fold, and
``group="article"`` keeps every article's sentences in one fold, ``group="outlet"`` every
outlet's (the strictest: BABE's outlets differ a lot in how many biased sentences they hold).
"""

from __future__ import annotations

import logging
from pathlib import Path

from parallax.datasets.babe import read_babe

logger = logging.getLogger(__name__)

FOLDS = 5
SEED = 0


def macro_f1(gold: list[bool], predicted: list[bool]) -> tuple[float, float, float]:
    """Return (macro-F1, F1 of biased, F1 of non-biased)."""
    scores = []
    for label in (True, False):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        n = sum(1 for p in predicted if p == label) + sum(1 for g in gold if g == label)
        scores.append(2.0 * tp / n if n else 0.0)
    return (scores[0] + scores[1]) / 2.0, scores[0], scores[1]


def evaluate_bias(data: Path, *, embed: bool = True, group: str = "sentence") -> dict[str, float]:
    """Cross-validate the bias classifier on BABE (5 stratified folds, seed 0).

    Args:
        data: BABE's folder (or its ``final_labels_SG2.csv``).
        embed: Include the MiniLM embedding (the ``full`` head); without it, the ``lexical`` head.
        group: ``sentence`` (identical sentences share a fold; the paper's protocol),
            ``article`` (all sentences of one article share a fold: stricter) or ``outlet``
            (all sentences of one outlet share a fold: the model meets unseen outlets).

    Returns:
        ``macro_f1``, ``f1_biased``, ``f1_non_biased``, ``accuracy`` and ``sentences``.
    """
    from parallax.training.bias import cross_validate

    examples = read_babe(data)
    predicted = cross_validate(examples, embed=embed, group=group, folds=FOLDS, seed=SEED)
    gold = [example.biased for example in examples]
    macro, biased, non_biased = macro_f1(gold, predicted)
    return {
        "macro_f1": macro,
        "f1_biased": biased,
        "f1_non_biased": non_biased,
        "accuracy": sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold),
        "sentences": float(len(gold)),
    }
