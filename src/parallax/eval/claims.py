"""Score the check-worthiness ranking on CLEF 2019 CheckThat! Task 1.

A data folder holds one TSV file per debate or speech (:mod:`parallax.datasets.checkthat`).
Each debate's sentences are ranked by :func:`parallax.nlp.claims.score` (ties keep the order of
the lines) and scored as the official scorer does, then averaged over the debates: average
precision (``map``), reciprocal rank (``mrr``), R-precision (``r_precision``, precision at the
number of positive lines) and precision at 1, 3, 5, 10, 20 and 50 (a list shorter than k
counts its missing places as wrong).

:data:`~parallax.training.claims.HELD_OUT` names training debates kept out of fitting
(:func:`parallax.training.claims.fit_claims`), so that scores on them are honest. The official
test split is not read here.

Leave-one-debate-out (:func:`evaluate_claims_lodo`) is the second, independent signal: each
training debate in turn is ranked by weights refitted on the other debates, so no figure comes
from weights that saw the debate it ranks, and no choice of held-out debates flatters it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from parallax.datasets.checkthat import Debate, read_debates
from parallax.errors import Code, InputError
from parallax.nlp.claims import Model, score
from parallax.training.claims import HELD_OUT, feature_rows, fit_weights

logger = logging.getLogger(__name__)

__all__ = [
    "average_precision",
    "evaluate_claims",
    "evaluate_claims_lodo",
    "precision_at",
    "rank_metrics",
]

CUTOFFS = (1, 3, 5, 10, 20, 50)


def average_precision(ranked: Sequence[int]) -> float:
    """Average precision of gold labels in ranked order (0 when there is no positive)."""
    found, total = 0, 0.0
    for rank, label in enumerate(ranked, start=1):
        if label == 1:
            found += 1
            total += found / rank
    positives = sum(ranked)
    return total / positives if positives else 0.0


def precision_at(ranked: Sequence[int], k: int) -> float:
    """Precision of the first ``k`` places; places past the end of the list count as wrong."""
    return sum(ranked[:k]) / k if k else 0.0


def rank_metrics(ranked: Sequence[int]) -> dict[str, float]:
    """The official per-debate metrics of gold labels in ranked order."""
    positives = sum(ranked)
    first = next((rank for rank, label in enumerate(ranked, start=1) if label == 1), None)
    metrics = {
        "map": average_precision(ranked),
        "mrr": 1 / first if first else 0.0,
        "r_precision": precision_at(ranked, positives),
    }
    metrics |= {f"p_at_{k}": precision_at(ranked, k) for k in CUTOFFS}
    return metrics


def _ranked(labels: Sequence[int], scored: Sequence[float]) -> list[int]:
    """Gold labels in descending score order; ties keep the order of the lines."""
    order = sorted(range(len(scored)), key=lambda i: (-scored[i], i))
    return [labels[i] for i in order]


def _averaged(debates: list[Debate], ranked: list[list[int]]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for labels in ranked:
        for name, value in rank_metrics(labels).items():
            totals[name] = totals.get(name, 0.0) + value
    result = {name: value / len(debates) for name, value in totals.items()}
    result["debates"] = float(len(debates))
    result["sentences"] = float(sum(len(debate.labels) for debate in debates))
    result["positives"] = float(sum(sum(debate.labels) for debate in debates))
    return result


def _scores(debates: list[Debate], model: Model | None) -> dict[str, float]:
    ranked = [
        _ranked(debate.labels, [score(row, model) for row in values])
        for debate, values in zip(debates, feature_rows(debates), strict=True)
    ]
    return _averaged(debates, ranked)


def evaluate_claims(
    data: Path, *, held_out: bool = False, model: Model | None = None
) -> dict[str, float]:
    """Rank each debate's sentences by check-worthiness and score the ranking.

    Args:
        data: a folder of CheckThat! Task 1 TSV files.
        held_out: score only the :data:`HELD_OUT` debates (of the training folder).
        model: weights to score with; the packaged ones by default.
    """
    debates = read_debates(data, names=HELD_OUT if held_out else None)
    scores = _scores(debates, model)
    logger.info("CheckThat! %s: %s", data, scores)
    return scores


def evaluate_claims_lodo(data: Path, *, regularization: float = 0.01) -> dict[str, float]:
    """Leave one debate out: rank each debate with weights fitted on all the others.

    The fit is :func:`parallax.training.claims.fit_weights` (the packaged model's), once per
    debate; the metrics are averaged over the debates as :func:`evaluate_claims` averages them.

    Raises:
        InputError: the folder holds fewer than two debates.
    """
    debates = read_debates(data)
    if len(debates) < 2:
        raise InputError(
            Code.BAD_RECORD, "leaving one debate out needs two debates or more", path=str(data)
        )
    rows = feature_rows(debates)
    ranked = []
    for index, debate in enumerate(debates):
        others = [j for j in range(len(debates)) if j != index]
        model = fit_weights(
            [row for j in others for row in rows[j]],
            [label for j in others for label in debates[j].labels],
            regularization=regularization,
        )
        ranked.append(_ranked(debate.labels, [score(row, model) for row in rows[index]]))
    scores = _averaged(debates, ranked)
    logger.info("CheckThat! leave-one-debate-out %s: %s", data, scores)
    return scores
