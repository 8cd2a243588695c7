"""Train the omission importance model (:mod:`parallax.models.omission`) on Cherry.

The trees are fitted on Cherry's ``train`` split (``clean_data_w_summary_train.csv``) less the
events of its ``val`` split: the upstream train file holds every statement of the 8 val events
too (the same statements and labels, 603 rows), so they are left out of the fit and ``val``
stays unseen, where ``parallax eval omission`` measures the model. The second signal is grouped
cross-validation: five folds over the 69 events of the train file (val's included), so that no
event's statements are on both sides of a fold. Each statement's
features are read against the statements of its own event, as the comparison reads a group's
summary against the claims of its story. Two models are fitted: ``model`` over the lexical
features, and ``embedded`` over those and the MiniLM meaning features (the statements embedded by
the comparison's own embedder, :func:`parallax.models.vectors.cached_embedder`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from parallax.datasets.cherry import CherryItem, read_cherry
from parallax.errors import Code, InputError
from parallax.models.artefacts import models_dir, save_model
from parallax.models.omission import EMBEDDED_FEATURES, FEATURES, MODEL_NAME, importance_rows
from parallax.training.convert import trees_from_sklearn
from parallax.training.summary import TrainSummary

logger = logging.getLogger(__name__)

__all__ = ["TREE_SETTINGS", "embed_statements", "event_matrix", "grouped_cv", "train_omission"]

TREE_SETTINGS: dict[str, Any] = {
    "max_iter": 100,
    "max_depth": 2,
    "learning_rate": 0.1,
    "min_samples_leaf": 20,
}
THRESHOLD = 0.45  # the best F1 of grouped CV over the train events (val unseen), both models
FOLDS = 5
SEED = 0

_NOTE = """# Omission importance model (`{name}`)

Probability that a statement other outlets report is important to the story, so that an
outlet leaving it out omits something (`parallax.models.omission`). Gradient-boosted trees
(scikit-learn `HistGradientBoostingClassifier`, {settings}) over the features listed in
`model.json`, each read against the statements of the story; a statement counts as important
at probability {threshold} or more. Pickle-free: JSON and `.npz` read with `allow_pickle=False`.

## Data

Cherry (Jaradat, Zhang & Li 2024, github.com/cherry-pic/Cherry), `train` split only
(`clean_data_w_summary_train.csv`, {examples} statements of {events} events: the file's rows
of the 8 `val` events, which it repeats, are left out, so `val` stays unseen for
`parallax eval omission`; the test split is held out). Only numbers derived from the
statements are stored (feature thresholds and leaf values), no text. **Licence: none stated**;
the data contains publisher text and is for evaluation and training only.

Two models: `model.*` over the lexical features, `embedded.*` over those and the MiniLM meaning
features (used when the comparison has MiniLM vectors). Grouped 5-fold cross-validation over the
69 events of the train file (val's included): F1 {cv_f1:.4f} lexical, {embedded_cv_f1:.4f}
embedded.

## Command

    parallax train omission --data ../shared/data/comparison/cherry-omission
"""


def embed_statements(items: Sequence[CherryItem]) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Return the MiniLM vectors of ``items``' statements (the comparison's embedder)."""
    from parallax.models.vectors import cached_embedder

    rows = cached_embedder().embed([item.statement for item in items])
    return np.asarray(rows, dtype=np.float64)


def event_matrix(
    items: Sequence[CherryItem],
    vectors: np.ndarray[Any, np.dtype[np.float64]] | None = None,
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Return the feature matrix of ``items``, each statement read against its event's.

    With ``vectors`` (one MiniLM row per item) the columns are
    :data:`~parallax.models.omission.EMBEDDED_FEATURES`, else
    :data:`~parallax.models.omission.FEATURES`.
    """
    by_event: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        by_event.setdefault(item.event_id, []).append(index)
    names = FEATURES if vectors is None else EMBEDDED_FEATURES
    matrix = np.zeros((len(items), len(names)))
    for indexes in by_event.values():
        pool = [items[i].statement for i in indexes]
        rows = vectors[indexes] if vectors is not None else None
        found = importance_rows(pool, pool, None if rows is None else (rows, rows))
        for i, row in zip(indexes, found, strict=True):
            matrix[i] = [row[name] for name in names]
    return matrix


def _fit(matrix: np.ndarray[Any, Any], labels: np.ndarray[Any, Any]) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(random_state=SEED, **TREE_SETTINGS).fit(matrix, labels)


def _f1(gold: np.ndarray[Any, Any], predicted: np.ndarray[Any, Any]) -> float:
    tp = float(np.sum(gold & predicted))
    denominator = float(np.sum(gold) + np.sum(predicted))
    return 2 * tp / denominator if denominator else 0.0


def grouped_cv(
    items: Sequence[CherryItem],
    folds: int = FOLDS,
    vectors: np.ndarray[Any, np.dtype[np.float64]] | None = None,
) -> dict[str, float]:
    """Return the F1, precision and recall of grouped cross-validation over ``items``' events
    (with ``vectors``, of the embedded model)."""
    from sklearn.model_selection import GroupKFold

    matrix = event_matrix(items, vectors)
    labels = np.array([item.important for item in items])
    groups = np.array([item.event_id for item in items])
    predicted = np.zeros(len(items), dtype=bool)
    for train, test in GroupKFold(folds).split(matrix, labels, groups):
        scores = _fit(matrix[train], labels[train]).predict_proba(matrix[test])[:, 1]
        predicted[test] = scores >= THRESHOLD
    tp = float(np.sum(labels & predicted))
    return {
        "cv_f1": _f1(labels, predicted),
        "cv_precision": tp / max(1.0, float(predicted.sum())),
        "cv_recall": tp / max(1.0, float(labels.sum())),
        "cv_events": float(len(set(groups.tolist()))),
    }


def train_omission(data: Path, *, out: Path | None = None) -> TrainSummary:
    """Fit the omission model on Cherry's train split and write it (default: the package's).

    Raises:
        InputError: ``data`` holds no ``train`` split.
    """
    started = time.monotonic()
    splits = read_cherry(data)
    if "train" not in splits:
        raise InputError(Code.NOT_FOUND, "no Cherry train split in the folder", path=str(data))
    unseen = {item.event_id for item in splits.get("val", ())}
    every = splits["train"]
    vectors = embed_statements(every)
    kept = [i for i, item in enumerate(every) if item.event_id not in unseen]
    train = [every[i] for i in kept]
    labels = np.array([item.important for item in train])
    target = out or models_dir() / "omission"
    cv = grouped_cv(every)
    embedded_cv = {f"embedded_{k}": v for k, v in grouped_cv(every, vectors=vectors).items()}
    for prefix, names, train_vectors, scores in (
        ("model", FEATURES, None, cv),
        ("embedded", EMBEDDED_FEATURES, vectors[kept], embedded_cv),
    ):
        trees = _fit(event_matrix(train, train_vectors), labels)
        meta = {
            "name": MODEL_NAME,
            "threshold": THRESHOLD,
            "settings": TREE_SETTINGS,
            "data": "Cherry clean_data_w_summary_train.csv less the val events",
            **{name: round(value, 4) for name, value in scores.items()},
        }
        save_model(trees_from_sklearn(trees, names, ("0", "1")), target, prefix=prefix, meta=meta)
    cv |= embedded_cv
    note = _NOTE.format(
        name=MODEL_NAME,
        settings=", ".join(f"{k}={v}" for k, v in TREE_SETTINGS.items()),
        threshold=THRESHOLD,
        examples=len(train),
        events=len({item.event_id for item in train}),
        cv_f1=cv["cv_f1"],
        embedded_cv_f1=cv["embedded_cv_f1"],
    )
    (target / "NOTE.md").write_text(note)
    logger.info("omission model written to %s (%s)", target, cv)
    seconds = time.monotonic() - started
    return TrainSummary.written(
        MODEL_NAME, target, seconds=seconds, examples=len(train), metrics=cv
    )
