"""Training the claim-pair model: MRPC groups, the held-out split, the grouping score."""

from __future__ import annotations

import numpy as np

from parallax.datasets.mrpc import ParaphrasePair
from parallax.training.claim_pairs import PairSet, grouping_conll, mrpc_groups, pair_f1


def _pair(first: str, second: str) -> ParaphrasePair:
    return ParaphrasePair(first, second, f"text {first}", f"text {second}", True)


def test_pairs_sharing_a_sentence_are_one_group() -> None:
    groups = mrpc_groups([_pair("1", "2"), _pair("3", "4"), _pair("2", "5"), _pair("6", "7")])
    assert groups[0] == groups[2]  # 1-2 and 2-5 share sentence 2
    assert len({groups[0], groups[1], groups[3]}) == 3


def test_grouping_conll_is_perfect_on_perfect_scores_and_worse_on_noise() -> None:
    chains = [{"e1"}, {"e1"}, {"e2"}, {"e2"}]
    pairs = PairSet(pairs=[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)], groups=["t"] * 6)
    right = np.asarray([1.0, 0.0, 0.0, 0.0, 0.0, 1.0])
    wrong = np.asarray([0.0, 1.0, 0.0, 0.0, 1.0, 0.0])
    assert grouping_conll(pairs, right, {"t": chains}, 0.5) == 1.0
    assert grouping_conll(pairs, wrong, {"t": chains}, 0.5) < 0.5
    labels = np.asarray([1, 0, 0, 0, 0, 1])
    assert pair_f1(labels, right) == 1.0 and pair_f1(labels, wrong) == 0.0
