"""FNC-1 scoring: the official weighted score, F1, the body-disjoint split, the readers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from parallax.datasets.fnc1 import read_bodies, read_stances
from parallax.errors import InputError
from parallax.eval.stance import evaluate_stance
from parallax.training.scores import f1_by_class, fnc_score
from parallax.training.split import held_out_split
from tests.conftest import SHARED_DATA

FNC = SHARED_DATA / "fnc-1"


def test_fnc_score_by_hand() -> None:
    gold = ["agree", "unrelated", "discuss", "disagree"]
    # best: 1 + 0.25 + 1 + 1 = 3.25; got: agree exact 1, unrelated exact 0.25,
    # discuss called agree 0.25 (related either way), disagree called unrelated 0
    predicted = ["agree", "unrelated", "agree", "unrelated"]
    assert fnc_score(gold, predicted) == pytest.approx(100 * 1.5 / 3.25)
    assert fnc_score(gold, gold) == pytest.approx(100.0)
    assert fnc_score(["unrelated"] * 3, ["unrelated"] * 3) == pytest.approx(100.0)


def test_f1_by_class_by_hand() -> None:
    gold = ["agree", "agree", "discuss", "unrelated"]
    predicted = ["agree", "discuss", "discuss", "unrelated"]
    # agree: tp 1, predicted 1, gold 2 -> 2/3; discuss: tp 1, predicted 2, gold 1 -> 2/3
    assert f1_by_class(gold, predicted) == pytest.approx(
        {"agree": 2 / 3, "disagree": 0.0, "discuss": 2 / 3, "unrelated": 1.0}
    )


def test_split_is_body_disjoint_and_reproducible() -> None:
    ids = list(range(100))
    train, validation = held_out_split(ids)
    assert len(validation) == 20 and not set(train) & set(validation)
    assert held_out_split(list(reversed(ids))) == (train, validation)
    assert held_out_split(ids, seed=1) != (train, validation)


def test_readers_report_bad_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="P114"):
        read_bodies(tmp_path / "absent.csv")
    path = tmp_path / "stances.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body ID", "Stance"])
        writer.writerow(["A claim", "1", "maybe"])
    with pytest.raises(InputError, match="P115"):
        read_stances(path)
    path.write_text("Headline,Stance\n", encoding="utf-8")
    with pytest.raises(InputError, match="P113"):
        read_stances(path)


@pytest.mark.shared_data
def test_held_out_fnc_bodies_meet_the_targets() -> None:
    if not FNC.is_dir():
        pytest.skip("../shared/data/fnc-1 is absent")
    metrics = evaluate_stance(FNC / "train_bodies.csv", FNC / "train_stances.csv")
    assert metrics["fnc_score"] >= 82.0
    assert metrics["macro_f1"] >= 0.65
    assert metrics["pairs"] + metrics["pairs_skipped"] == 49972
    assert metrics["fnc_score_all_unrelated"] < metrics["fnc_score"]
