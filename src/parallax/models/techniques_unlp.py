"""Manipulation techniques in Russian and Ukrainian text: which of UNLP 2025's ten a text uses.

A multi-label classifier trained on the UNLP 2025 shared task's Telegram posts: character
2–5-grams of each word (lowercased, padded with a space each side, as scikit-learn's ``char_wb``
reads them), weighted by sublinear TF-IDF and L2-normalised, and one logistic regression per
technique, each with its own probability threshold (chosen on out-of-fold predictions of the
training posts to maximise that technique's F1).

The training data is licensed for non-commercial use only (CC BY-NC-SA 4.0), so the trained
model is not part of this package: it ships in the optional ``parallax-techniques-unlp-nc``
distribution (``extras/techniques-unlp-nc``, under the same licence), or any folder written by
``parallax train techniques-unlp`` can be named with ``PARALLAX_TECHNIQUES_UNLP_MODEL``. Without
either, :func:`unlp_model_path` is None and the product says techniques in ru/uk are
:data:`NOT_AVAILABLE`.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from parallax.errors import Code, ConfigError
from parallax.models.artefacts import FloatArray, LinearModel, load_linear, sigmoid, text_key
from parallax.models.spans_unlp import TAGGER_FILE

MODEL_NAME = "parallax.techniques.unlp-tfidf.v1"
LANGUAGES = frozenset({"ru", "uk"})
ENV_VARIABLE = "PARALLAX_TECHNIQUES_UNLP_MODEL"
EXTRA_PACKAGE = "parallax_techniques_unlp_nc"
NOT_AVAILABLE = (
    "manipulation techniques in ru/uk: not available (the model is trained on non-commercial "
    "data and ships apart: install extras/techniques-unlp-nc or set "
    f"{ENV_VARIABLE} to a folder written by `parallax train techniques-unlp`)"
)
MIN_N = 2
MAX_N = 5
VECTORISER_FILE = "vectoriser.npz"


def char_grams(text: str) -> Counter[str]:
    """Return the counts of the character 2–5-grams of each whitespace-separated word of
    ``text``, lowercased and padded with one space each side (a word shorter than n gives its
    padded self once for that n, as ``char_wb`` does)."""
    counts: Counter[str] = Counter()
    for word in text.lower().split():
        padded = f" {word} "
        for n in range(MIN_N, MAX_N + 1):
            if len(padded) <= n:
                counts[padded] += 1
                break
            counts.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return counts


def tfidf_row(text: str, idf: dict[str, float]) -> dict[str, float]:
    """Return the L2-normalised sublinear TF-IDF of ``text``'s n-grams in the vocabulary."""
    row = {
        gram: (1.0 + math.log(count)) * idf[gram]
        for gram, count in char_grams(text).items()
        if gram in idf
    }
    norm = math.sqrt(sum(value * value for value in row.values()))
    return {gram: value / norm for gram, value in row.items()} if norm else row


@dataclass(frozen=True, slots=True)
class UnlpTechniqueModel:
    """The loaded classifier: one column per technique, its IDF weights and thresholds."""

    classifier: LinearModel
    idf: dict[str, float]
    thresholds: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)
    tagger: Path | None = None  # the span tagger's CRFsuite file, when the folder has one

    def probabilities(self, texts: Sequence[str]) -> FloatArray:
        """Return ``(len(texts), n_techniques)`` probabilities, columns in ``classes`` order."""
        raw = self.classifier.raw([tfidf_row(text, self.idf) for text in texts])
        return sigmoid(raw)

    def predict(self, texts: Sequence[str]) -> list[list[tuple[str, float]]]:
        """Return, per text, the techniques at or above their thresholds with probabilities."""
        found = []
        for row in self.probabilities(texts):
            found.append(
                [
                    (label, round(float(p), 4))
                    for label, p in zip(self.classifier.classes, row, strict=True)
                    if p >= self.thresholds[label]
                ]
            )
        return found

    def trained_on(self, text: str) -> bool:
        """Return whether ``text`` was one of the model's training posts."""
        return text_key(text) in self.meta.get("train_posts", frozenset())


def read_unlp_model(path: Path) -> UnlpTechniqueModel:
    """Read a model folder written by ``parallax train techniques-unlp``.

    Raises:
        ConfigError: a model file is missing.
    """
    if not (path / VECTORISER_FILE).is_file():
        raise ConfigError(
            Code.NOT_FOUND,
            "the technique model's vectoriser is missing: run `parallax train techniques-unlp`",
            path=str(path / VECTORISER_FILE),
        )
    classifier, meta = load_linear(path, prefix="classifier")
    with np.load(path / VECTORISER_FILE, allow_pickle=False) as arrays:
        weights = arrays["idf"].astype(np.float64)
    idf = {name: float(w) for name, w in zip(classifier.features, weights, strict=True)}
    thresholds = {str(k): float(v) for k, v in meta["thresholds"].items()}
    meta["train_posts"] = frozenset(meta.get("train_posts", ()))
    tagger = path / TAGGER_FILE
    return UnlpTechniqueModel(
        classifier, idf, thresholds, meta, tagger if tagger.is_file() else None
    )


def unlp_model_path() -> Path | None:
    """Return the model folder in use: ``$PARALLAX_TECHNIQUES_UNLP_MODEL``, else the installed
    ``parallax-techniques-unlp-nc`` extra's, else None (not available)."""
    named = os.environ.get(ENV_VARIABLE)
    if named:
        return Path(named)
    spec = importlib.util.find_spec(EXTRA_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "classifier.json").is_file() else None


@lru_cache(maxsize=4)
def _load(path: Path) -> UnlpTechniqueModel:
    return read_unlp_model(path)


def load_unlp_model(path: Path | None = None) -> UnlpTechniqueModel | None:
    """Return the model at ``path``, or the one in use (:func:`unlp_model_path`), read once;
    None when none is installed."""
    path = path or unlp_model_path()
    return None if path is None else _load(path)


def unlp_model_version() -> str:
    """Return the versioned name of the model in use with a short hash of its weights' header,
    or ``"unlp:none"``: stored findings depend on which model (if any) read the text."""
    path = unlp_model_path()
    if path is None:
        return "unlp:none"
    header = (
        (path / "classifier.json").read_bytes() if (path / "classifier.json").is_file() else b""
    )
    meta = json.loads(header) if header else {}
    return f"{meta.get('model', MODEL_NAME)}:{text_key(header.decode('utf-8', 'replace'))}"
