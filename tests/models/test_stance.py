"""The packaged stance model on the seed articles."""

from __future__ import annotations

import pytest

from parallax.models.stance import LABELS, load_stance_model, predict_stance, predict_stances
from tests.models.conftest import sentence_with

CLAIM = "The US resumed weapons deliveries to Ukraine"


def test_packaged_model_loads() -> None:
    model = load_stance_model()
    assert model.trees.classes == LABELS
    assert len(model.meta["train_bodies"]) > 1000


def test_southfront_agrees_that_deliveries_resumed(southfront: str) -> None:
    for phrase in ("announced the resumption of arms deliveries", "would resume weapons shipments"):
        assert predict_stance(CLAIM, sentence_with(southfront, phrase)).label == "agree"
    result = predict_stance(CLAIM, southfront)
    assert result.label == "agree"
    assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-3)


def test_unrelated_claim_is_unrelated(southfront: str, independent: str) -> None:
    results = predict_stances(
        [
            ("Apple unveils a cheaper iPhone", southfront),
            ("Apple unveils a cheaper iPhone", independent),
        ]
    )
    assert [r.label for r in results] == ["unrelated", "unrelated"]


def test_no_pairs_no_results() -> None:
    assert predict_stances([]) == []
