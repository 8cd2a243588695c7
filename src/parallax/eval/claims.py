"""Score the check-worthiness ranking on CLEF 2019 CheckThat! Task 1, and fit its weights.

A data folder holds one TSV file per debate or speech, one sentence a line: line number,
speaker, sentence, label (1 when a fact-checker checked it). Each debate's sentences are ranked
by :func:`parallax.nlp.claims.score` (ties keep the order of the lines) and scored as the
official scorer does, then averaged over the debates: average precision (``map``), reciprocal
rank (``mrr``), R-precision (``r_precision``, precision at the number of positive lines) and
precision at 1, 3, 5, 10, 20 and 50 (a list shorter than k counts its missing places as wrong).

:data:`HELD_OUT` names training debates kept out of fitting, so that scores on them are honest:
they mix debates, a speech, a rally and a press conference, as the official test set does. The
official test split is not read here.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from parallax.errors import Code, InputError
from parallax.nlp.claims import FEATURES, Model, features, parse_model, score
from parallax.nlp.pipeline import load_pipeline

logger = logging.getLogger(__name__)

__all__ = [
    "HELD_OUT",
    "Debate",
    "average_precision",
    "best_threshold",
    "evaluate_claims",
    "fit_claims",
    "precision_at",
    "rank_metrics",
    "read_debates",
]

HELD_OUT = (
    "20160209_msnbc_dem",
    "20161010_2pres",
    "20170228_trump_address",
    "20180916_trump_miami",
    "20181112_trump_pelosi",
)
CUTOFFS = (1, 3, 5, 10, 20, 50)


@dataclass(frozen=True, slots=True)
class Debate:
    """One transcript: its lines' numbers, speakers, sentences and gold labels."""

    name: str
    numbers: tuple[int, ...]
    speakers: tuple[str, ...]
    sentences: tuple[str, ...]
    labels: tuple[int, ...]


def read_debates(data_dir: Path, *, names: Iterable[str] | None = None) -> list[Debate]:
    """Read every ``*.tsv`` debate in a folder (or only those named), sorted by name.

    Raises:
        InputError: the folder holds no debate, or a line is not four tab-separated fields.
    """
    wanted = set(names) if names is not None else None
    debates: list[Debate] = []
    for path in sorted(data_dir.glob("*.tsv")):
        if wanted is not None and path.stem not in wanted:
            continue
        rows: list[list[str]] = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) != 4:
                raise InputError(
                    Code.BAD_RECORD,
                    "expected line number, speaker, sentence and label",
                    path=str(path),
                    record=str(number),
                )
            rows.append(fields)
        debates.append(
            Debate(
                name=path.stem,
                numbers=tuple(int(row[0]) for row in rows),
                speakers=tuple(row[1] for row in rows),
                sentences=tuple(row[2] for row in rows),
                labels=tuple(int(row[3]) for row in rows),
            )
        )
    if not debates:
        raise InputError(Code.NOT_FOUND, "no debate (*.tsv) in the data folder", path=str(data_dir))
    return debates


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


def _feature_rows(debates: list[Debate]) -> list[list[dict[str, float]]]:
    """Feature values of every sentence of every debate, each sentence parsed on its own."""
    nlp = load_pipeline()
    rows: list[list[dict[str, float]]] = []
    for debate in debates:
        docs = nlp.pipe(debate.sentences, batch_size=256)
        rows.append([features(doc[:]) for doc in docs])
    return rows


def _scores(debates: list[Debate], model: Model | None) -> dict[str, float]:
    totals: dict[str, float] = {}
    for debate, values in zip(debates, _feature_rows(debates), strict=True):
        scored = [score(row, model) for row in values]
        order = sorted(range(len(scored)), key=lambda i: (-scored[i], i))
        for name, value in rank_metrics([debate.labels[i] for i in order]).items():
            totals[name] = totals.get(name, 0.0) + value
    result = {name: value / len(debates) for name, value in totals.items()}
    result["debates"] = float(len(debates))
    result["sentences"] = float(sum(len(debate.labels) for debate in debates))
    result["positives"] = float(sum(sum(debate.labels) for debate in debates))
    return result


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


def fit_claims(data: Path, out: Path, *, regularization: float = 0.01) -> Model:
    """Fit the weights on the training debates less :data:`HELD_OUT`, write them to ``out``.

    A logistic regression (scikit-learn, liblinear, balanced class weights, L2 with inverse
    strength ``regularization``) on the features of :func:`parallax.nlp.claims.features`.
    Returns the fitted model.
    """
    # Needed only to refit.
    from sklearn.linear_model import LogisticRegression

    debates = [d for d in read_debates(data) if d.name not in HELD_OUT]
    rows = [row for values in _feature_rows(debates) for row in values]
    labels = [label for debate in debates for label in debate.labels]
    matrix = [[row[name] for name in FEATURES] for row in rows]
    fitted = LogisticRegression(
        C=regularization, class_weight="balanced", solver="liblinear", max_iter=1000
    ).fit(matrix, labels)
    weights = {
        name: round(float(weight), 4)
        for name, weight in zip(FEATURES, fitted.coef_[0], strict=True)
    }
    model = Model(bias=round(float(fitted.intercept_[0]), 4), weights=weights)
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
