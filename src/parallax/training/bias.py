"""Train the sentence bias classifier on BABE, and cross-validate it."""

from __future__ import annotations

import json
import logging
import math
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from parallax.datasets.babe import BiasExample, read_babe
from parallax.embeddings import load_embedder
from parallax.models.artefacts import LinearModel, models_dir, save_model
from parallax.models.bias import MODEL_NAME, embeddings_available
from parallax.models.bias_features import CUES, char_grams, learn_rates, sentence_row, word_grams
from parallax.training.convert import linear_from_sklearn, sparse_rows
from parallax.training.summary import TrainSummary

logger = logging.getLogger(__name__)

MIN_WORD_DF = 2
MIN_CHAR_DF = 3
C = 1.0
INNER_FOLDS = 5
EMBEDDING_SIZE = 384


@dataclass(frozen=True, slots=True)
class FittedBias:
    """What one fit produces: the tables and the two heads (``full`` only with embeddings)."""

    idf: dict[str, float]
    rates: dict[str, float]
    lexical: LinearModel | None
    full: LinearModel | None


def _idf(texts: Sequence[str]) -> dict[str, float]:
    frequency: Counter[str] = Counter()
    for text in texts:
        frequency.update(set(word_grams(text)))
        frequency.update(set(char_grams(text)))
    n = len(texts)
    return {
        gram: math.log((1 + n) / (1 + df)) + 1.0
        for gram, df in sorted(frequency.items())
        if df >= (MIN_WORD_DF if gram.startswith("w:") else MIN_CHAR_DF)
    }


def _out_of_fold_rates(examples: Sequence[BiasExample], seed: int) -> list[dict[str, float]]:
    """Word-bias rates for each training sentence learned without that sentence's own marks."""
    from sklearn.model_selection import StratifiedKFold

    labels = [e.biased for e in examples]
    rates: list[dict[str, float]] = [{} for _ in examples]
    splitter = StratifiedKFold(n_splits=INNER_FOLDS, shuffle=True, random_state=seed)
    for fit_rows, other_rows in splitter.split(np.zeros(len(examples)), labels):
        learned = learn_rates(
            [examples[i].text for i in fit_rows], [examples[i].marked for i in fit_rows]
        )
        for i in other_rows:
            rates[i] = learned
    return rates


def fit_bias(
    examples: Sequence[BiasExample],
    vectors: np.ndarray[Any, np.dtype[np.float32]] | None,
    *,
    seed: int = 0,
    lexical: bool = True,
) -> FittedBias:
    """Fit the n-gram IDF, the word-bias rates and the heads on ``examples``.

    The ``full`` head is fitted when ``vectors`` are given; the ``lexical`` head unless
    ``lexical`` is false and there are vectors.
    """
    from sklearn.linear_model import LogisticRegression

    texts = [e.text for e in examples]
    labels = np.asarray([e.biased for e in examples], dtype=np.int64)
    idf = _idf(texts)
    rates = learn_rates(texts, [e.marked for e in examples])
    fold_rates = _out_of_fold_rates(examples, seed)
    lexical_names = [*idf, *CUES]
    variants = [False] if lexical or vectors is None else []
    variants += [True] if vectors is not None else []
    heads: dict[bool, LinearModel] = {}
    for use_vectors in variants:
        names = lexical_names + ([f"e:{i}" for i in range(EMBEDDING_SIZE)] if use_vectors else [])
        rows = [
            sentence_row(
                text,
                idf,
                fold_rates[i],
                vectors[i].tolist() if use_vectors and vectors is not None else None,
            )
            for i, text in enumerate(texts)
        ]
        model = LogisticRegression(C=C, max_iter=5000, random_state=seed)
        model.fit(sparse_rows(rows, names), labels)
        heads[use_vectors] = linear_from_sklearn(model, names, ("biased",))
    return FittedBias(idf, rates, heads.get(False), heads.get(True))


def _embed(texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
    embedder = load_embedder("minilm")
    batches = [embedder.embed(list(texts[i : i + 32])) for i in range(0, len(texts), 32)]
    return np.vstack(batches)


GROUPINGS = ("sentence", "article", "outlet")
"""What ``cross_validate`` keeps in one fold: identical sentences, an article's, an outlet's."""


def fold_groups(examples: Sequence[BiasExample], group: str) -> list[str]:
    """Return each example's group for grouped cross-validation (one of :data:`GROUPINGS`).

    ``sentence`` keeps identical sentences (case and spacing aside) in one fold, ``article``
    every sentence of one article, ``outlet`` every sentence of one outlet (the model then meets
    an outlet it never saw, whose house style it cannot have learned).
    """
    if group not in GROUPINGS:
        raise ValueError(f"group must be one of {', '.join(GROUPINGS)}, not {group!r}")
    if group == "sentence":
        return [" ".join(e.text.lower().split()) for e in examples]
    return [e.article if group == "article" else e.outlet for e in examples]


def cross_validate(
    examples: Sequence[BiasExample], *, embed: bool, group: str, folds: int, seed: int
) -> list[bool]:
    """Return out-of-fold predictions (probability > 0.5) from ``folds`` stratified folds."""
    from sklearn.model_selection import StratifiedGroupKFold

    groups = fold_groups(examples, group)
    texts = [e.text for e in examples]
    labels = [e.biased for e in examples]
    vectors = _embed(texts) if embed else None
    predicted = [False] * len(examples)
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_rows, test_rows in splitter.split(np.zeros(len(texts)), labels, groups):
        fitted = fit_bias(
            [examples[i] for i in train_rows],
            vectors[train_rows] if vectors is not None else None,
            seed=seed,
            lexical=vectors is None,
        )
        head = fitted.full or fitted.lexical
        assert head is not None
        rows = [
            sentence_row(
                texts[i],
                fitted.idf,
                fitted.rates,
                vectors[i].tolist() if vectors is not None else None,
            )
            for i in test_rows
        ]
        for i, probability in zip(test_rows, np.atleast_1d(head.probabilities(rows)), strict=True):
            predicted[i] = bool(probability > 0.5)
    return predicted


def train_bias(data: Path, *, out: Path | None = None, seed: int = 0) -> TrainSummary:
    """Train the bias classifier on all of BABE (``final_labels_SG2.csv`` in ``data``).

    Both heads are written when the embeddings extra is installed; otherwise training stops
    with an error, since the packaged model must carry both.
    """
    if not embeddings_available():
        raise RuntimeError("training the bias model needs the embeddings extra (onnxruntime)")
    started = time.perf_counter()
    out = out or models_dir() / "bias"
    examples = read_babe(data)
    vectors = _embed([e.text for e in examples])
    fitted = fit_bias(examples, vectors, seed=seed)
    assert fitted.full is not None and fitted.lexical is not None
    meta = {
        "model": MODEL_NAME,
        "trained_on": "BABE final_labels_SG2.csv, all 3,673 labelled sentences",
        "seed": seed,
    }
    save_model(fitted.lexical, out, prefix="lexical", meta=meta)
    save_model(fitted.full, out, prefix="full", meta=meta)
    tables = {
        "idf": {g: round(v, 3) for g, v in fitted.idf.items()},
        "rates": {w: round(v, 3) for w, v in sorted(fitted.rates.items())},
    }
    (out / "tables.json").write_text(json.dumps(tables, ensure_ascii=False, separators=(",", ":")))
    seconds = time.perf_counter() - started
    return TrainSummary.written(MODEL_NAME, out, seconds=seconds, examples=len(examples))
