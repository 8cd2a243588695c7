"""Pair similarity across languages: Pearson r per language pair and over all of them.

``parallax eval similarity --languages all|en|de-en,…`` scores SemEval-2022 Task 8 pairs (rated
1 = one story … 4 = unrelated) with one of:

* ``minilm``: the English MiniLM cosine of the first 600 characters, as grouping reads it today;
* ``e5``, ``use``, ``e5+use``: the multilingual cosines mapped per language pair through the
  packaged calibration (``parallax train similarity-calibration``, fitted on the training pairs);
* ``multilingual`` (the ``story_embedder`` of that name): MiniLM for English-English pairs, the
  calibrated e5 cosine on the MiniLM scale for every other pair, as the grouper compares them.

Figures are correlations with ``5 - Overall`` (the sign of the official metric). ``pearson`` is
over every selected pair, ``pearson_across`` over the cross-language ones. The second signal,
``*_cv``, refits the calibration on half of the file and scores the other half, both ways; the
halves are connected groups of pairs that share an article, so no article is on both sides.
The ``_raw`` figures are the uncalibrated cosines.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from parallax.crosslingual import COSINE, load_calibration
from parallax.datasets.semeval_similarity import LanguagePair, read_language_pairs
from parallax.errors import Code, ConfigError
from parallax.training.similarity_calibration import (
    FloatArray,
    feature_matrix,
    fit_pairs,
    pairs_file,
    predict,
)
from parallax.training.split import linked_roots

EMBEDDERS = ("minilm", "e5", "use", "e5+use", "multilingual")


def selected_keys(languages: str) -> list[str] | None:
    """Return the language-pair keys ``--languages`` names (None: all; ``en``: ``en-en``)."""
    if languages.strip().lower() == "all":
        return None
    keys = []
    for part in languages.lower().replace(" ", "").split(","):
        codes = part.split("-")
        if len(codes) == 1:
            codes = codes * 2
        if len(codes) != 2 or not all(codes):
            raise ConfigError(Code.CONFIG, f"language pair {part!r} is not LANG or LANG-LANG")
        keys.append("-".join(sorted(codes)))
    return keys


def pearson(x: FloatArray, y: FloatArray) -> float:
    """Return Pearson's r (0.0 for fewer than two values or a constant series)."""
    if len(x) < 2 or float(np.std(x)) == 0.0 or float(np.std(y)) == 0.0:
        return 0.0
    return float(np.corrcoef(x, y)[0, 1])


def halves(pairs: Sequence[LanguagePair]) -> FloatArray:
    """Return 0 or 1 per pair: connected groups of pairs sharing an article, split by a hash."""
    roots = linked_roots(pair.articles for pair in pairs)
    return np.array([zlib.crc32(root.encode()) % 2 for root in roots], dtype=float)


def _scores(
    pairs: Sequence[LanguagePair], embedder: str, cache: Path | None
) -> tuple[FloatArray, FloatArray, FloatArray | None]:
    """Return (calibrated score, raw score, calibrated with the other half's fit) per pair."""
    keys = [p.key for p in pairs]
    y = np.array([p.similarity for p in pairs])
    if embedder == "minilm":
        raw = feature_matrix(pairs, "minilm", cache)[:, 0]
        return raw, raw, None
    feature = "e5" if embedder == "multilingual" else embedder
    x = feature_matrix(pairs, feature, cache)
    calibration = load_calibration(feature)
    calibrated = np.array([
        calibration.similarity(list(row), *key.split("-")) for row, key in zip(x, keys, strict=True)
    ])  # fmt: skip
    fold = halves(pairs)
    crossed = np.zeros(len(pairs))
    for side in (0.0, 1.0):
        train, test = fold != side, fold == side
        fit = fit_pairs(x[train], y[train], [k for k, t in zip(keys, train, strict=True) if t])
        crossed[test] = predict(fit, x[test], [k for k, t in zip(keys, test, strict=True) if t])
    if embedder == "multilingual":
        english = np.array([k == "en-en" for k in keys])
        minilm = feature_matrix(pairs, "minilm", cache)[:, 0] if english.any() else np.zeros(0)
        calibrated = np.array([calibration.target(s, COSINE) for s in calibrated])
        crossed = np.array([calibration.target(s, COSINE) for s in crossed])
        calibrated[english] = minilm[english]
        crossed[english] = minilm[english]
    return calibrated, x.mean(axis=1), crossed


def evaluate_similarity_languages(
    pairs_csv: Path,
    *,
    languages: str = "all",
    embedder: str | None = "multilingual",
    cache: Path | None = None,
) -> dict[str, float]:
    """Score pair similarity per language pair against the Overall ratings.

    Args:
        pairs_csv: The task's CSV, or a folder holding ``training_set.csv``.
        languages: ``all``, or pairs such as ``en,de-en,ru`` (``ru`` is ``ru-ru``).
        embedder: One of :data:`EMBEDDERS` (None or ``auto``: ``multilingual``).
        cache: A folder where the texts' vectors are kept between runs.

    Returns:
        ``pearson``, ``pearson_across``, ``pearson_same``, their ``_raw`` and ``_cv`` figures,
        ``pearson_<pair>`` and ``pairs_<pair>`` per language pair, and ``pairs``.

    Raises:
        InputError: the file is missing (P114).
        ConfigError: an unknown embedder, a malformed language pair, or none of the pairs (P601).
    """
    embedder = "multilingual" if embedder in {None, "", "auto"} else embedder
    if embedder not in EMBEDDERS:
        raise ConfigError(Code.CONFIG, f"embedder {embedder!r}: one of {', '.join(EMBEDDERS)}")
    pairs = read_language_pairs(pairs_file(pairs_csv), keys=selected_keys(languages))
    if not pairs:
        raise ConfigError(Code.CONFIG, f"no pairs in languages {languages!r}")
    keys = np.array([p.key for p in pairs])
    y = np.array([p.similarity for p in pairs])
    calibrated, raw, crossed = _scores(pairs, embedder, cache)
    across = np.array([p.lang1 != p.lang2 for p in pairs])
    result: dict[str, float] = {}
    for suffix, score in (("", calibrated), ("_raw", raw), ("_cv", crossed)):
        if score is None:
            continue
        result[f"pearson{suffix}"] = pearson(score, y)
        if across.any():
            result[f"pearson_across{suffix}"] = pearson(score[across], y[across])
        if (~across).any():
            result[f"pearson_same{suffix}"] = pearson(score[~across], y[~across])
    for key in sorted(set(keys)):
        mask = keys == key
        result[f"pearson_{key}"] = pearson(calibrated[mask], y[mask])
        result[f"pairs_{key}"] = float(mask.sum())
    result["pairs"] = float(len(pairs))
    return result
