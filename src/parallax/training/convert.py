"""Turn fitted scikit-learn models into pickle-free arrays (:mod:`parallax.models.artefacts`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from parallax.models.artefacts import LinearModel, TreeEnsemble


def sparse_rows(rows: Sequence[Mapping[str, float]], names: Sequence[str]) -> Any:
    """Return a CSR matrix of sparse feature rows over the columns ``names`` (others dropped)."""
    from scipy.sparse import csr_matrix

    index = {name: j for j, name in enumerate(names)}
    data, indices, pointers = [], [], [0]
    for row in rows:
        for name, value in row.items():
            j = index.get(name)
            if j is not None:
                indices.append(j)
                data.append(value)
        pointers.append(len(indices))
    return csr_matrix((data, indices, pointers), shape=(len(rows), len(names)))


def linear_from_sklearn(model: Any, features: Sequence[str], classes: Sequence[str]) -> LinearModel:
    """Convert a fitted ``LogisticRegression`` (binary or multinomial)."""
    coef = np.asarray(model.coef_, dtype=np.float64).T  # (n_features, n_columns)
    intercept = np.asarray(model.intercept_, dtype=np.float64)
    return LinearModel(tuple(classes), tuple(features), coef, intercept)


def trees_from_sklearn(model: Any, features: Sequence[str], classes: Sequence[str]) -> TreeEnsemble:
    """Convert a fitted ``HistGradientBoostingClassifier`` with numeric features only."""
    roots, columns = [], []
    feature, threshold, left, right, leaf, value = [], [], [], [], [], []
    offset = 0
    for iteration in model._predictors:
        for column, predictor in enumerate(iteration):
            nodes = predictor.nodes
            if nodes["is_categorical"].any():
                raise ValueError("categorical splits are not supported")
            roots.append(offset)
            columns.append(column)
            feature.append(nodes["feature_idx"])
            threshold.append(nodes["num_threshold"])
            left.append(nodes["left"].astype(np.int64) + offset)
            right.append(nodes["right"].astype(np.int64) + offset)
            leaf.append(nodes["is_leaf"].astype(bool))
            value.append(nodes["value"])
            offset += len(nodes)
    return TreeEnsemble(
        classes=tuple(classes),
        features=tuple(features),
        baseline=np.asarray(model._baseline_prediction, dtype=np.float64).ravel(),
        roots=np.asarray(roots, dtype=np.int64),
        columns=np.asarray(columns, dtype=np.int64),
        feature=np.concatenate(feature).astype(np.int64),
        threshold=np.concatenate(threshold).astype(np.float64),
        left=np.concatenate(left),
        right=np.concatenate(right),
        leaf=np.concatenate(leaf),
        value=np.concatenate(value).astype(np.float64),
    )
