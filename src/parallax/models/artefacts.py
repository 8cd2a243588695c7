"""Trained models as plain arrays: linear models and tree ensembles, saved without pickle.

An artefact is a folder under ``parallax/data/models/<name>/`` holding ``model.json`` (classes,
feature names, settings, provenance) and ``model.npz`` (the numbers; loaded with
``allow_pickle=False``), plus a ``NOTE.md`` on the data it was trained on, its licence and the
command that trained it. Training needs scikit-learn; prediction needs numpy only.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import repeat
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from parallax.errors import Code, ConfigError

FloatArray = NDArray[np.float64]
M = TypeVar("M")


def models_dir() -> Path:
    """Return the folder of the packaged models (``parallax/data/models``)."""
    return Path(str(resources.files("parallax.data") / "models"))


_PACKAGED: dict[str, Any] = {}


def read_or_packaged(path: Path | None, name: str, read: Callable[[Path], M]) -> M:
    """Return ``read(path)``; without a path, the packaged model ``name``, read once.

    Raises:
        ConfigError: a model file is missing.
    """
    if path is not None:
        return read(path)
    if name not in _PACKAGED:
        _PACKAGED[name] = read(models_dir() / name)
    packaged: M = _PACKAGED[name]
    return packaged


def text_key(text: str) -> str:
    """Return a short hash of a text's words (whitespace-insensitive), so that a model knows
    the texts it was trained on."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def softmax(raw: FloatArray) -> FloatArray:
    """Return row-wise softmax probabilities of raw scores."""
    shifted = raw - raw.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    result: FloatArray = exp / exp.sum(axis=1, keepdims=True)
    return result


def sigmoid(raw: FloatArray) -> FloatArray:
    """Return the logistic function of raw scores."""
    result: FloatArray = 1.0 / (1.0 + np.exp(-np.clip(raw, -40.0, 40.0)))
    return result


Dense = tuple[Sequence[str], NDArray[np.floating[Any]]]
"""Features every row has, by name: ``(names, values)``, one row of ``values`` a row."""


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A linear classifier over named sparse features: ``scores = x @ coef + intercept``.

    With one column it is binary (``probabilities`` gives the positive class's probability, via
    the logistic function); with several it is multinomial (softmax).
    """

    classes: tuple[str, ...]
    features: tuple[str, ...]
    coef: FloatArray  # (n_features, n_columns)
    intercept: FloatArray  # (n_columns,)
    index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.index:
            self.index.update({name: i for i, name in enumerate(self.features)})

    def raw(self, rows: Sequence[Mapping[str, float]], dense: Dense | None = None) -> FloatArray:
        """Return raw scores, one row per sparse feature mapping.

        ``dense`` is ``(names, values)``: each row's further features, the same names for
        every row (``values`` is ``(len(rows), len(names))``), as if they followed the row's
        own in its mapping (a sentence's embedding), to the last bit.
        """
        out = np.tile(self.intercept, (len(rows), 1)).astype(np.float64)
        get = self.index.get
        at: list[NDArray[np.intp]] = []
        columns: list[NDArray[np.intp]] = []
        values: list[FloatArray] = []
        for i, row in enumerate(rows):
            if not row:
                continue
            # A row's columns and values in its own order, looked up in C (map, fromiter): a
            # row of a sentence or span holds hundreds of features (the 384 of its embedding).
            found = np.fromiter(map(get, row, repeat(-1)), dtype=np.intp, count=len(row))
            known = found >= 0
            columns.append(found[known])
            values.append(np.fromiter(row.values(), dtype=np.float64, count=len(row))[known])
            at.append(np.full(int(known.sum()), i, dtype=np.intp))
        if dense is not None and len(rows):
            names, matrix = dense
            found = np.fromiter(map(get, names, repeat(-1)), dtype=np.intp, count=len(names))
            known = found >= 0
            # After every row's own features: each row's sum still takes them after its own.
            columns.append(np.tile(found[known], len(rows)))
            values.append(np.asarray(matrix, dtype=np.float64)[:, known].ravel())
            at.append(np.repeat(np.arange(len(rows), dtype=np.intp), int(known.sum())))
        if at:
            # np.add.at adds unbuffered, in the order given: each row's sum is built feature by
            # feature in the row's own order, so the scores are the same to the last bit as
            # adding one feature at a time.
            products = np.concatenate(values)[:, None] * self.coef[np.concatenate(columns)]
            np.add.at(out, np.concatenate(at), products)
        return out

    def probabilities(
        self, rows: Sequence[Mapping[str, float]], dense: Dense | None = None
    ) -> FloatArray:
        """Return class probabilities: ``(n, n_classes)``, or ``(n,)`` for a binary model
        (``dense``: as :meth:`raw`)."""
        raw = self.raw(rows, dense)
        if raw.shape[1] == 1:
            return sigmoid(raw[:, 0])
        return softmax(raw)

    def weight(self, name: str, column: int = 0) -> float:
        """Return the weight of one feature (0.0 when it is not in the model)."""
        j = self.index.get(name)
        return 0.0 if j is None else float(self.coef[j, column])


WALK_NODES = 16_384
"""How many (tree, row) nodes :meth:`TreeEnsemble.raw` walks at once."""


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    """Gradient-boosted trees over a dense feature vector, flattened into node arrays.

    ``roots[t]`` is tree ``t``'s first node and ``columns[t]`` the class column it adds to; a
    sample goes left when its feature value is ``<= threshold``.
    """

    classes: tuple[str, ...]
    features: tuple[str, ...]
    baseline: FloatArray  # (n_columns,)
    roots: NDArray[np.int64]
    columns: NDArray[np.int64]
    feature: NDArray[np.int64]
    threshold: FloatArray
    left: NDArray[np.int64]
    right: NDArray[np.int64]
    leaf: NDArray[np.bool_]
    value: FloatArray

    def raw(self, matrix: FloatArray) -> FloatArray:
        """Return raw scores for a ``(n, n_features)`` matrix."""
        n = matrix.shape[0]
        out = np.tile(self.baseline, (n, 1)).astype(np.float64)
        # Rows are scored independently; blocks keep the (trees, rows) walk small enough to
        # stay in cache (one big block was slower than tree by tree on thousands of rows).
        step = max(1, WALK_NODES // max(1, len(self.roots)))
        for start in range(0, n, step):
            self._add_leaves(matrix[start : start + step], out[start : start + step])
        return out

    def _add_leaves(self, matrix: FloatArray, out: FloatArray) -> None:
        n = matrix.shape[0]
        trees = len(self.roots)
        if n == 0 or trees == 0:
            return
        # Every sample walks every tree at once, one level a step: (trees, n) nodes.
        node = np.repeat(self.roots.astype(np.int64)[:, None], n, axis=1)
        sample = np.broadcast_to(np.arange(n), node.shape)
        active = ~self.leaf[node]
        while active.any():
            here = node[active]
            goes_left = matrix[sample[active], self.feature[here]] <= self.threshold[here]
            node[active] = np.where(goes_left, self.left[here], self.right[here])
            active = ~self.leaf[node]
        # np.add.at adds unbuffered, in the order given (tree by tree), so each score is summed
        # in the same order as adding one tree at a time: the same to the last bit.
        at = (np.tile(np.arange(n), trees), np.repeat(self.columns, n))
        np.add.at(out, at, self.value[node].ravel())

    def probabilities(self, matrix: FloatArray) -> FloatArray:
        """Return class probabilities ``(n, n_classes)``."""
        raw = self.raw(matrix)
        if raw.shape[1] == 1:
            positive = sigmoid(raw[:, 0])
            result: FloatArray = np.stack([1.0 - positive, positive], axis=1)
            return result
        return softmax(raw)


def load_linear(path: Path, *, prefix: str) -> tuple[LinearModel, dict[str, Any]]:
    """Read a linear model written by :func:`save_model`; return it and its header."""
    header = _read_header(path / f"{prefix}.json")
    with np.load(path / f"{prefix}.npz", allow_pickle=False) as arrays:
        coef = arrays["coef"].astype(np.float64)
        intercept = arrays["intercept"].astype(np.float64)
    model = LinearModel(tuple(header["classes"]), tuple(header["features"]), coef, intercept)
    return model, header


def save_model(
    model: LinearModel | TreeEnsemble, path: Path, *, prefix: str, meta: dict[str, Any]
) -> None:
    """Write a linear model or tree ensemble as ``<prefix>.json`` and ``<prefix>.npz`` in ``path``.

    The JSON header holds the kind, classes and feature names, then ``meta``; the arrays go to
    the ``.npz`` at the smallest dtype that holds them.
    """
    kind = "linear" if isinstance(model, LinearModel) else "trees"
    header = {"kind": kind, "classes": list(model.classes), "features": list(model.features)}
    header.update(meta)
    path.mkdir(parents=True, exist_ok=True)
    (path / f"{prefix}.json").write_text(json.dumps(header, ensure_ascii=False, indent=0) + "\n")
    # Typed loosely: numpy's stub reads any keyword of savez_compressed as its allow_pickle flag.
    arrays: dict[str, Any] = _arrays(model)
    np.savez_compressed(path / f"{prefix}.npz", **arrays)


def _arrays(model: LinearModel | TreeEnsemble) -> dict[str, NDArray[Any]]:
    if isinstance(model, LinearModel):
        return {
            "coef": model.coef.astype(np.float32),
            "intercept": model.intercept.astype(np.float64),
        }
    return {
        "baseline": model.baseline,
        "roots": model.roots.astype(np.int32),
        "columns": model.columns.astype(np.int16),
        "feature": model.feature.astype(np.int16),
        "threshold": model.threshold,
        "left": model.left.astype(np.int32),
        "right": model.right.astype(np.int32),
        "leaf": model.leaf,
        "value": model.value.astype(np.float32),
    }


def load_trees(path: Path, *, prefix: str) -> tuple[TreeEnsemble, dict[str, Any]]:
    """Read a tree ensemble written by :func:`save_model`; return it and its header."""
    header = _read_header(path / f"{prefix}.json")
    with np.load(path / f"{prefix}.npz", allow_pickle=False) as arrays:
        model = TreeEnsemble(
            classes=tuple(header["classes"]),
            features=tuple(header["features"]),
            baseline=arrays["baseline"].astype(np.float64),
            roots=arrays["roots"].astype(np.int64),
            columns=arrays["columns"].astype(np.int64),
            feature=arrays["feature"].astype(np.int64),
            threshold=arrays["threshold"].astype(np.float64),
            left=arrays["left"].astype(np.int64),
            right=arrays["right"].astype(np.int64),
            leaf=arrays["leaf"].astype(np.bool_),
            value=arrays["value"].astype(np.float64),
        )
    return model, header


def _read_header(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigError(
            Code.CONFIG,
            f"model file {path.name} is missing; train it with `parallax train {path.parent.name}`",
            path=str(path),
        )
    header: dict[str, Any] = json.loads(path.read_text())
    return header


def finite(value: float) -> float:
    """Return ``value``, or 0.0 when it is NaN or infinite (features must be finite)."""
    return value if math.isfinite(value) else 0.0
