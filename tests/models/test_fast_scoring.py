"""The batched scoring of linear models and tree ensembles, and the comparison's vector cache,
give the very numbers of the plain one-at-a-time code (to the last bit)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from parallax.models.artefacts import LinearModel, TreeEnsemble, load_trees, models_dir
from parallax.models.bias import load_bias_model
from parallax.models.bias_features import sentence_row
from parallax.models.text import sentences
from parallax.models.vectors import CachedEmbedder


def one_feature_at_a_time(
    model: LinearModel, rows: Sequence[dict[str, float]]
) -> NDArray[np.float64]:
    out = np.tile(model.intercept, (len(rows), 1)).astype(np.float64)
    for i, row in enumerate(rows):
        for name, value in row.items():
            j = model.index.get(name)
            if j is not None:
                out[i] += value * model.coef[j]
    return out


def one_tree_at_a_time(model: TreeEnsemble, matrix: NDArray[np.float64]) -> NDArray[np.float64]:
    n = matrix.shape[0]
    out = np.tile(model.baseline, (n, 1)).astype(np.float64)
    rows = np.arange(n)
    for root, column in zip(model.roots, model.columns, strict=True):
        node = np.full(n, root, dtype=np.int64)
        active = ~model.leaf[node]
        while active.any():
            here = node[active]
            goes_left = matrix[rows[active], model.feature[here]] <= model.threshold[here]
            node[active] = np.where(goes_left, model.left[here], model.right[here])
            active = ~model.leaf[node]
        out[:, column] += model.value[node]
    return out


def test_the_bias_model_scores_a_seed_exactly_as_one_feature_at_a_time(southfront: str) -> None:
    model = load_bias_model()
    rows = [sentence_row(s, model.idf, model.rates) for s in sentences(southfront)]
    assert len(rows) > 10
    expected = one_feature_at_a_time(model.lexical, rows)
    assert np.array_equal(model.lexical.raw(rows), expected)
    assert np.array_equal(model.lexical.raw([]), expected[:0])


def test_a_multiclass_linear_model_matches_with_unknown_and_integer_features() -> None:
    rng = np.random.default_rng(3)
    names = tuple(f"f{i}" for i in range(50))
    model = LinearModel(("a", "b", "c"), names, rng.normal(size=(50, 3)), rng.normal(size=3))
    rows = [
        {
            f"f{int(k)}": float(v)
            for k, v in zip(rng.integers(0, 70, 30), rng.normal(size=30) * 9, strict=True)
        }
        for _ in range(40)
    ] + [{}, {"f1": 1, "f2": 3}]
    assert np.array_equal(model.raw(rows), one_feature_at_a_time(model, rows))


@pytest.mark.parametrize("rows", [0, 1, 7, 300])
def test_packaged_tree_ensembles_score_exactly_as_tree_by_tree(rows: int) -> None:
    rng = np.random.default_rng(rows)
    folders = {
        "claim_pairs": ("embedded", "lexical"),
        "stance": ("trees", "blend_trees"),
        "omission": ("model",),
    }
    checked = 0
    for folder, prefixes in folders.items():
        for prefix in prefixes:
            if not (models_dir() / folder / f"{prefix}.json").is_file():
                continue
            model, _ = load_trees(models_dir() / folder, prefix=prefix)
            width = len(model.features)
            matrix = rng.normal(size=(rows, width)) * rng.choice(
                [0.0, 1.0, 5.0], size=(rows, width)
            )
            assert np.array_equal(model.raw(matrix), one_tree_at_a_time(model, matrix)), prefix
            checked += 1
    assert checked >= 4


class CountingEmbedder:
    """A stand-in embedder that records the texts it is asked to embed."""

    name = "counting.v1"
    dimension = 3

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.asked.append(list(texts))
        return np.asarray([[len(t), t.count("a"), 1.0] for t in texts], dtype=np.float32)


def test_the_cache_embeds_each_distinct_text_once_and_forgets_the_oldest() -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, size=3)
    first = cached.embed(["a", "bb", "a"])
    assert inner.asked == [["a", "bb"]]
    assert np.array_equal(first, inner.embed(["a", "bb", "a"]))
    inner.asked.clear()
    again = cached.embed(["bb", "ccc", "a"])
    assert inner.asked == [["ccc"]] and np.array_equal(again[0], first[1])
    cached.embed(["dddd"])  # "bb" is now the least recent of four: it goes
    assert len(cached) == 3
    inner.asked.clear()
    cached.embed(["bb", "a"])
    assert inner.asked == [["bb"]]
    assert cached.embed([]).shape == (0, 3)


def test_the_cache_loads_its_embedder_only_for_a_text_it_does_not_know() -> None:
    loaded: list[CountingEmbedder] = []

    def load() -> CountingEmbedder:
        loaded.append(CountingEmbedder())
        return loaded[-1]

    cached = CachedEmbedder(load=load)
    known = np.asarray([[1.0, 0.0, 1.0]], dtype=np.float32)
    cached.remember(["a"], known)
    assert np.array_equal(cached.embed(["a", "a"]), np.vstack([known, known]))
    assert loaded == []  # every text known: the model is never loaded
    cached.embed(["a", "bb"])
    assert len(loaded) == 1 and loaded[0].asked == [["bb"]]
    cached.embed(["ccc"])
    assert len(loaded) == 1  # loaded once


def test_cached_minilm_vectors_are_the_ones_computed_again(southfront: str) -> None:
    from parallax.embeddings import shared_embedder

    texts = sentences(southfront)[:12]
    cached = CachedEmbedder(shared_embedder("minilm"))
    cached.embed(texts[::2])
    assert np.array_equal(cached.embed(texts), shared_embedder("minilm").embed(texts))
