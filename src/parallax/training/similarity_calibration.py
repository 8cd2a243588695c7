"""Fit the per-language-pair calibration of multilingual cosines on SemEval-2022 Task 8 pairs.

Each pair of articles in the task's training file is rated 1 (one story) to 4 (unrelated). For
every language pair (``de-en``, ``ru-ru``, …) a least-squares line predicts ``5 - Overall`` from
the pair's cosines (e5, USE or both), shrunk towards the pooled line of all same-language or
all cross-language pairs by ``SHRINKAGE`` pseudo-pairs, so that a pair seen 26 times is not
fitted on noise. The English-English pairs then give the two scales the grouper reads: the MiniLM
cosine and the grouper's combined score, each as a line in the rated similarity. The artefact is
a JSON file of a few hundred numbers (``parallax/data/models/similarity_calibration/``).

Embedding the 2,566 texts with e5 takes about seven minutes on one thread: ``cache`` keeps the
vectors on disk, keyed by the embedder and the exact texts.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from parallax.crosslingual import (
    CALIBRATION_DIR,
    COSINE,
    GROUPING,
    E5Small,
    TextEmbedder,
    UseMultilingual,
    pair_key,
)
from parallax.datasets.semeval_similarity import LanguagePair, read_language_pairs
from parallax.embeddings import load_embedder, story_embed_text
from parallax.models.artefacts import models_dir
from parallax.stories.features import TermStats, article_terms
from parallax.stories.score import score_pair
from parallax.stories.settings import StorySettings
from parallax.training.summary import TrainSummary

TRAINING_FILE = "training_set.csv"
FEATURES = ("e5", "use", "e5+use")
"""The feature sets calibrated: each model's cosine, and both together."""
SHRINKAGE = 20.0
"""Pseudo-pairs of the pooled fit added to each language pair's own."""
ALIASES = {"uk": "ru", "be": "ru"}
"""Languages the training pairs lack, calibrated as a close language they hold."""
CHARS = StorySettings().embed_chars
"""Characters of headline and text embedded, as the story grouper embeds them."""

FloatArray = NDArray[np.float64]


def pairs_file(data: Path) -> Path:
    """Return the pairs CSV: ``data`` itself, or the training file in the folder ``data``."""
    return data / TRAINING_FILE if data.is_dir() else data


def pair_texts(pairs: Sequence[LanguagePair]) -> list[str]:
    """Return the texts embedded, two per pair: the start of each article."""
    return [story_embed_text(None, text, CHARS) for p in pairs for text in (p.first, p.second)]


def cached_vectors(embedder: TextEmbedder, texts: Sequence[str], cache: Path | None) -> FloatArray:
    """Return ``embedder``'s vectors of ``texts``, read from or written to ``cache`` if given."""
    digest = hashlib.sha256("\x00".join([embedder.name, *texts]).encode("utf-8")).hexdigest()
    path = None if cache is None else cache / f"vectors-{digest[:24]}.npy"
    if path is not None and path.is_file():
        stored: FloatArray = np.load(path, allow_pickle=False).astype(np.float64)
        return stored
    vectors = np.vstack([embedder.embed(texts[i : i + 32]) for i in range(0, len(texts), 32)])
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors.astype(np.float32), allow_pickle=False)
    return vectors.astype(np.float64)


def cosines(vectors: FloatArray) -> FloatArray:
    """Return the cosine of rows 0 and 1, 2 and 3, …"""
    first, second = vectors[0::2], vectors[1::2]
    dots = np.einsum("ij,ij->i", first, second)
    lengths = np.linalg.norm(first, axis=1) * np.linalg.norm(second, axis=1)
    result: FloatArray = dots / np.where(lengths == 0.0, 1.0, lengths)
    return result


def embedder_for(name: str) -> TextEmbedder:
    """Return an embedder by its short name here: ``e5``, ``use`` or ``minilm``."""
    if name == "e5":
        return E5Small()
    if name == "use":
        return UseMultilingual()
    embedder: TextEmbedder = load_embedder(name)
    return embedder


def feature_matrix(pairs: Sequence[LanguagePair], feature: str, cache: Path | None) -> FloatArray:
    """Return one row of cosines per pair for a feature set (``e5``, ``use``, ``e5+use``)."""
    texts = pair_texts(pairs)
    columns = [
        cosines(cached_vectors(embedder_for(part), texts, cache)) for part in feature.split("+")
    ]
    return np.column_stack(columns)


def _line(x: FloatArray, y: FloatArray) -> FloatArray:
    """Least-squares intercept and slopes of ``y`` on the columns of ``x``."""
    design = np.column_stack([np.ones(len(x)), x])
    coefficients = np.linalg.lstsq(design, y, rcond=None)[0]
    return np.asarray(coefficients, dtype=np.float64)


def fit_pairs(
    x: FloatArray, y: FloatArray, keys: Sequence[str], *, shrinkage: float = SHRINKAGE
) -> dict[str, Any]:
    """Fit one line per language pair, shrunk towards the pooled same- or cross-language line.

    Args:
        x: The pairs' cosines, one row per pair.
        y: Their rated similarity, ``5 - Overall``.
        keys: Their :func:`pair_key`.
        shrinkage: Pseudo-pairs of the pooled fit added to each pair's.

    Returns:
        ``pairs`` (key → coefficients), ``counts``, ``same`` and ``cross`` (pooled lines).
    """
    same_mask = np.array([k.split("-")[0] == k.split("-")[1] for k in keys])
    pooled = {
        True: _line(x[same_mask], y[same_mask]) if same_mask.any() else _line(x, y),
        False: _line(x[~same_mask], y[~same_mask]) if (~same_mask).any() else _line(x, y),
    }
    pairs, counts = {}, {}
    for key in sorted(set(keys)):
        mask = np.array([k == key for k in keys])
        count = int(mask.sum())
        prior = pooled[bool(same_mask[mask][0])]
        own = _line(x[mask], y[mask]) if count > x.shape[1] + 1 else prior
        pairs[key] = ((count * own + shrinkage * prior) / (count + shrinkage)).tolist()
        counts[key] = count
    return {
        "pairs": pairs, "counts": counts,
        "same": pooled[True].tolist(), "cross": pooled[False].tolist(),
    }  # fmt: skip


def predict(fit: dict[str, Any], x: FloatArray, keys: Sequence[str]) -> FloatArray:
    """Return the predicted similarity of pairs under a :func:`fit_pairs` result."""
    out = np.zeros(len(keys))
    for row, key in enumerate(keys):
        first, second = key.split("-")
        same = first == second
        first, second = ALIASES.get(first, first), ALIASES.get(second, second)
        coefficients = (
            fit["pairs"].get(pair_key(first, second)) if same == (first == second) else None
        )
        if coefficients is None:
            coefficients = fit["same"] if same else fit["cross"]
        out[row] = coefficients[0] + float(np.dot(coefficients[1:], x[row]))
    return out


def english_targets(pairs: Sequence[LanguagePair], cache: Path | None) -> dict[str, list[float]]:
    """Return the MiniLM cosine and the grouper's score of English pairs, each as a line
    (mean at zero similarity, slope) in the rated similarity."""
    english = [p for p in pairs if p.key == "en-en"]
    similar = np.array([p.similarity for p in english])
    minilm = load_embedder("minilm")
    vectors = cached_vectors(minilm, pair_texts(english), cache)
    cosine = cosines(vectors)
    grouping = StorySettings.tuned_for("minilm")
    terms = TermStats()
    items = [item for p in english for item in p.inputs()]
    for item in {item.text: item for item in items}.values():
        terms.observe(article_terms(item, title_weight=grouping.title_weight))
    unit = vectors.astype(np.float32)
    scores = np.array(
        [
            score_pair(*p.inputs(), terms=terms, settings=grouping, embeddings=(a, b))
            for p, a, b in zip(english, unit[0::2], unit[1::2], strict=True)
        ]
    )
    return {
        COSINE: _line(similar[:, None], cosine).tolist(),
        GROUPING: _line(similar[:, None], scores).tolist(),
    }


def train_similarity_calibration(
    data: Path, *, out: Path | None = None, cache: Path | None = None
) -> TrainSummary:
    """Fit the calibration of e5, USE and both on the pairs and write ``calibration.json``.

    Args:
        data: The SemEval-2022 Task 8 pairs CSV, or the folder holding ``training_set.csv``.
        out: The folder to write to (default: the packaged artefact's).
        cache: A folder where the pairs' vectors are kept between runs.
    """
    start = time.perf_counter()
    pairs = read_language_pairs(pairs_file(data))
    keys = [p.key for p in pairs]
    y = np.array([p.similarity for p in pairs])
    targets = english_targets(pairs, cache)
    features: dict[str, Any] = {}
    for feature in FEATURES:
        fit = fit_pairs(feature_matrix(pairs, feature, cache), y, keys)
        features[feature] = {"feature": feature, **fit, "targets": targets, "aliases": ALIASES}
    folder = out or models_dir() / CALIBRATION_DIR
    folder.mkdir(parents=True, exist_ok=True)
    document = {
        "embedder": "parallax.embedders.multilingual.v1",
        "data": "SemEval-2022 Task 8 training pairs (ratings of Overall)",
        "chars": CHARS,
        "shrinkage": SHRINKAGE,
        "features": features,
    }
    (folder / "calibration.json").write_text(json.dumps(document, indent=1) + "\n", "utf-8")
    return TrainSummary.written(
        "similarity-calibration", folder, seconds=time.perf_counter() - start, examples=len(pairs)
    )
