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
@pytest.mark.timeout(900)  # embeds 2,895 statements: about 40 CPU s, minutes on a shared machine
def test_the_model_is_trained_without_the_val_events_and_reads_back(tmp_path: Path) -> None:
    summary = train_omission(CHERRY, out=tmp_path)
    splits = read_cherry(CHERRY)
    val_events = {item.event_id for item in splits["val"]}
    trained = [item for item in splits["train"] if item.event_id not in val_events]
    assert summary.examples == len(trained) < len(splits["train"])
    assert summary.model == MODEL_NAME and summary.metrics["cv_f1"] > 0.8
    assert summary.metrics["embedded_cv_f1"] > 0.8
    model = load_omission_model(tmp_path)
    assert model.embedded is not None
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


def test_the_embedded_model_reads_a_fact_told_in_other_words_by_meaning() -> None:
    pytest.importorskip("onnxruntime")
    from parallax.models.omission import MEANING_FEATURES
    from parallax.models.vectors import cached_embedder

    model = load_omission_model()
    assert model.embedded is not None
    pool = [
        "Forty people were killed in Monday's attack in Kherson, the ministry said.",
        "Officials reported that dozens died when missiles struck the southern city.",
        "The ministry said 40 people died when Russian missiles hit Kherson on Monday.",
        "The mayor, who was elected in 2019, once worked as a teacher in a village school.",
    ]
    vectors = cached_embedder().embed(pool)
    lexical = importance_rows(pool, pool)
    meaning = importance_rows(pool, pool, (vectors, vectors))
    assert all(name in row for row in meaning for name in MEANING_FEATURES)
    assert not any(name in row for row in lexical for name in MEANING_FEATURES)
    # The officials' report shares no content word with the ministry's two: no lexical echo,
    # but it is near the second in meaning; the biography echoes nothing either way.
    assert lexical[1]["echo_0.35"] == 0.0 < lexical[0]["echo_0.35"]
    assert meaning[1]["meaning_echo_0.5"] > 0.0 == meaning[3]["meaning_echo_0.5"]
    assert meaning[3]["meaning_max"] < min(row["meaning_max"] for row in meaning[:3])
    # Rows with the meaning features go to the embedded trees, the others to the lexical ones.
    assert model.scores(meaning) != model.scores(lexical)
