"""Pickle-free artefacts: linear models and tree ensembles round-trip and predict like sklearn."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from parallax.errors import ConfigError
from parallax.models.artefacts import (
    LinearModel,
    load_linear,
    load_trees,
    models_dir,
    save_model,
)

MAX_BYTES = 2_000_000


def test_linear_model_by_hand(tmp_path: Path) -> None:
    model = LinearModel(("yes",), ("a", "b"), np.array([[2.0], [-1.0]]), np.array([0.5]))
    # raw = 0.5 + 2*1 - 1*2 = 0.5 -> sigmoid(0.5)
    assert model.probabilities([{"a": 1.0, "b": 2.0, "unknown": 9.0}])[0] == pytest.approx(
        1 / (1 + np.exp(-0.5))
    )
    save_model(model, tmp_path, prefix="m", meta={"note": "test"})
    loaded, header = load_linear(tmp_path, prefix="m")
    assert header["note"] == "test" and loaded.features == ("a", "b")
    assert loaded.weight("a") == pytest.approx(2.0) and loaded.weight("zzz") == 0.0


def test_missing_artefact_says_how_to_train(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="parallax train"):
        load_linear(tmp_path / "stance", prefix="words")


def test_trees_predict_like_sklearn(tmp_path: Path) -> None:
    ensemble = pytest.importorskip("sklearn.ensemble")
    from parallax.training.convert import trees_from_sklearn

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 4))
    for labels in (np.digitize(x[:, 0] + x[:, 1] ** 2, [0.0, 1.0]), (x[:, 2] > 0).astype(int)):
        model = ensemble.HistGradientBoostingClassifier(max_iter=20, random_state=0).fit(x, labels)
        classes = [str(c) for c in model.classes_]
        trees = trees_from_sklearn(model, ["f0", "f1", "f2", "f3"], classes)
        save_model(trees, tmp_path, prefix="t", meta={})
        loaded, _ = load_trees(tmp_path, prefix="t")
        np.testing.assert_allclose(loaded.probabilities(x), model.predict_proba(x), atol=1e-5)


def test_packaged_artefacts_are_small_and_documented() -> None:
    folders = [p for p in models_dir().iterdir() if p.is_dir()]
    assert {p.name for p in folders} >= {"stance", "bias", "propaganda", "lexicon"}
    for folder in folders:
        assert (folder / "NOTE.md").is_file(), folder
        for path in folder.iterdir():
            assert path.stat().st_size < MAX_BYTES, path
            # .crfsuite: the technique tagger, in CRFsuite's own (non-pickle) format
            assert path.suffix in {".json", ".npz", ".md", ".tsv", ".crfsuite"}, path
