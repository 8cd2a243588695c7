"""The same-claim decision on MRPC pairs: the scorer, the grouped folds, the threshold search."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.compare.align import SAME
from parallax.eval.paraphrase import (
    best_threshold,
    cross_validate,
    evaluate_paraphrase,
    grouped_folds,
    scores_at,
)
from tests.datasets.test_mrpc import write_mrpc

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def test_scores_on_a_hand_counted_example() -> None:
    gold = [True, True, True, False, False]
    predicted = [True, True, False, True, False]  # tp 2, fp 1, fn 1, tn 1
    scores = scores_at(gold, predicted)
    assert scores["accuracy"] == pytest.approx(3 / 5)
    assert scores["precision"] == pytest.approx(2 / 3)
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["f1"] == pytest.approx(2 / 3)
    assert scores_at([False], [False])["f1"] == 0.0


def test_folds_never_split_a_sentence() -> None:
    pairs = [("a", "b"), ("b", "c"), ("d", "e"), ("f", "g"), ("g", "a"), ("h", "i"), ("j", "k")]
    fold_of = grouped_folds(pairs, folds=3)
    folds = {}
    for (first, second), fold in zip(pairs, fold_of, strict=True):
        for sentence in (first, second):
            assert folds.setdefault(sentence, fold) == fold
    assert len(set(fold_of)) == 3


def test_best_threshold_separates_and_respects_blocked_pairs() -> None:
    scores = [0.9, 0.8, 0.7, 0.3, 0.2]
    gold = [True, True, True, False, False]
    assert best_threshold(scores, [False] * 5, gold, "accuracy") == 0.7
    assert best_threshold(scores, [False] * 5, gold, "f1") == 0.7
    # A blocked pair (its numbers conflict) is never positive, however high it scores.
    blocked = [True, False, False, False, False]
    negative_first = [False, True, True, False, False]
    assert best_threshold(scores, blocked, negative_first, "f1") == 0.7
    result = cross_validate(scores * 2, [False] * 10, gold * 2, [0] * 5 + [1] * 5, "f1")
    assert result["f1"] == 1.0 and result["threshold"] == 0.7


def test_evaluate_on_a_tiny_file(tmp_path: Path) -> None:
    write_mrpc(
        tmp_path,
        [
            (1, "1", "2", "Safeway bought the Dominick's chain in 1998.",
             "Safeway bought the Dominick's chain in 1998."),
            (0, "3", "4", "The central bank raised interest rates on Tuesday.",
             "Heavy rain flooded the valley's farms."),
            (1, "5", "6", "Police arrested two men in Denver on Friday.",
             "Two men were arrested by police in Denver on Friday."),
        ],
    )  # fmt: skip
    scores = evaluate_paraphrase(tmp_path, embed=False)
    assert scores["pairs"] == 3 and scores["positives"] == 2
    assert scores["precision"] == 1.0 and scores["recall"] >= 0.5
    assert scores["threshold"] == SAME[False] and scores["embedded"] == 0.0
    assert 0.0 <= scores["cv_f1_f1"] <= 1.0


@pytest.mark.shared_data
def test_mrpc_training_pairs_slice() -> None:
    folder = SHARED_DATA / "comparison" / "mrpc"
    if not (folder / "msr_paraphrase_train.txt").is_file():
        pytest.skip(f"shared data not found: {folder}")
    scores = evaluate_paraphrase(folder, embed=False, limit=40)
    assert scores["pairs"] == 40
    assert scores["accuracy"] > 0.4
