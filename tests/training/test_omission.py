"""``parallax train omission``: the importance model on Cherry, written and read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.datasets.cherry import read_cherry
from parallax.models.omission import MODEL_NAME, importance_rows, load_omission_model
from parallax.training.omission import event_matrix, train_omission
from tests.conftest import SHARED_DATA

CHERRY = SHARED_DATA / "comparison" / "cherry-omission"


@pytest.mark.shared_data
@pytest.mark.skipif(not (CHERRY / "val.csv").is_file(), reason="shared data (Cherry) is absent")
def test_the_model_is_trained_without_the_val_events_and_reads_back(tmp_path: Path) -> None:
    summary = train_omission(CHERRY, out=tmp_path)
    splits = read_cherry(CHERRY)
    val_events = {item.event_id for item in splits["val"]}
    trained = [item for item in splits["train"] if item.event_id not in val_events]
    assert summary.examples == len(trained) < len(splits["train"])
    assert summary.model == MODEL_NAME and summary.metrics["cv_f1"] > 0.8
    model = load_omission_model(tmp_path)
    val = splits["val"][:60]
    pool = [item.statement for item in val if item.event_id == val[0].event_id]
    scores = model.scores(importance_rows(pool, pool))
    assert len(scores) == len(pool) and all(0.0 <= s <= 1.0 for s in scores)
    assert event_matrix(val).shape[0] == len(val)


def test_the_packaged_model_reads_a_repeated_fact_as_important() -> None:
    model = load_omission_model()
    repeated = "Forty people were killed in Monday's attack in Kherson, the ministry said."
    pool = [
        repeated,
        "The ministry said on Monday that 40 people were killed in the attack in Kherson.",
        "Officials said 40 people died when the attack hit Kherson on Monday.",
        "The mayor, who was elected in 2019, once worked as a teacher in a village school.",
    ]
    important = model.important(importance_rows(pool, pool))
    assert important == [True, True, True, False]
