"""Fit the check-worthiness weights of :mod:`parallax.nlp.claims` on CLEF 2019 CheckThat! Task 1.

:data:`HELD_OUT` names training debates kept out of fitting, so that scores on them are honest:
they mix debates, a speech, a rally and a press conference, as the official test set does. The
official test split is not read here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from parallax.datasets.checkthat import Debate, read_debates
from parallax.nlp.claims import FEATURES, Model, features, parse_model, score
from parallax.nlp.pipeline import load_pipeline

__all__ = ["HELD_OUT", "best_threshold", "feature_rows", "fit_claims", "fit_weights"]


HELD_OUT = (
    "20160209_msnbc_dem",
    "20161010_2pres",
    "20170228_trump_address",
    "20180916_trump_miami",
    "20181112_trump_pelosi",
)


def feature_rows(debates: list[Debate]) -> list[list[dict[str, float]]]:
    """Feature values of every sentence of every debate, each sentence parsed on its own."""
    nlp = load_pipeline()
    rows: list[list[dict[str, float]]] = []
    for debate in debates:
        docs = nlp.pipe(debate.sentences, batch_size=256)
        rows.append([features(doc[:]) for doc in docs])
    return rows


def best_threshold(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The cut in 0.50, 0.55 … 0.95 whose claims have the best F1 against the labels."""
    positives = sum(labels)
    best, best_f1 = 0.5, -1.0
    for step in range(10):
        cut = 0.5 + step * 0.05
        chosen = [label for value, label in zip(scores, labels, strict=True) if value >= cut]
        found = sum(chosen)
        f1 = 2 * found / (len(chosen) + positives) if chosen or positives else 0.0
        if f1 > best_f1:
            best, best_f1 = round(cut, 2), f1
    return best


def fit_weights(
    rows: Sequence[dict[str, float]], labels: Sequence[int], *, regularization: float = 0.01
) -> Model:
    """Fit the weights of :data:`~parallax.nlp.claims.FEATURES` to sentences' feature rows.

    A logistic regression (scikit-learn, liblinear, balanced class weights, L2 with inverse
    strength ``regularization``); weights are rounded to four places, as the packaged ones are.
    """
    # Needed only to refit.
    from sklearn.linear_model import LogisticRegression

    matrix = [[row[name] for name in FEATURES] for row in rows]
    fitted = LogisticRegression(
        C=regularization, class_weight="balanced", solver="liblinear", max_iter=1000
    ).fit(matrix, list(labels))
    weights = {
        name: round(float(weight), 4)
        for name, weight in zip(FEATURES, fitted.coef_[0], strict=True)
    }
    return Model(bias=round(float(fitted.intercept_[0]), 4), weights=weights)


def fit_claims(data: Path, out: Path, *, regularization: float = 0.01) -> Model:
    """Fit the weights on the training debates less :data:`HELD_OUT`, write them to ``out``.

    A logistic regression (scikit-learn, liblinear, balanced class weights, L2 with inverse
    strength ``regularization``) on the features of :func:`parallax.nlp.claims.features`.
    Returns the fitted model.
    """
    debates = [d for d in read_debates(data) if d.name not in HELD_OUT]
    rows = [row for values in feature_rows(debates) for row in values]
    labels = [label for debate in debates for label in debate.labels]
    model = fit_weights(rows, labels, regularization=regularization)
    weights = model.weights
    table: dict[str, Any] = {
        "bias": model.bias,
        "weights": weights,
        "threshold": best_threshold([score(row, model) for row in rows], labels),
        "trained_on": {
            "data": "CLEF 2019 CheckThat! Task 1 train (apepa/clef2019-factchecking-task1)",
            "debates": [debate.name for debate in debates],
            "held_out": list(HELD_OUT),
            "sentences": len(labels),
            "positives": sum(labels),
        },
        "model": (
            f"logistic regression, balanced class weights, L2, C={regularization}, "
            "scikit-learn liblinear"
        ),
        "fitted": date.today().isoformat(),
        "command": "parallax eval claims --data clef2019-checkthat-task1/train --fit PATH",
        "note": (
            "Check-worthiness in transcribed political debates; news sentences are scored "
            "with the same weights, so treat the score as a ranking aid."
        ),
    }
    out.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
    return parse_model(table)
