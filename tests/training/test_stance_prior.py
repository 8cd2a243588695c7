"""The short-prior recipe's weights: the related classes weigh alike among the short pairs."""

from __future__ import annotations

import numpy as np
import pytest

from parallax.datasets.fnc1 import LABELS
from parallax.training.stance import RECIPES, _balanced_weights, stack_weights

AGREE, DISAGREE, DISCUSS, UNRELATED = (LABELS.index(n) for n in LABELS)


def test_short_related_classes_share_their_weight_equally() -> None:
    # Whole bodies: FNC-1's shape (discuss over agree, many unrelated); short pairs likewise.
    whole = [UNRELATED] * 40 + [DISCUSS] * 12 + [AGREE] * 5 + [DISAGREE] * 2
    windows = [UNRELATED] * 6 + [DISCUSS] * 12 + [AGREE] * 5 + [DISAGREE] * 1
    labels = np.asarray(whole + windows, dtype=np.int64)
    short = np.arange(len(labels)) >= len(whole)
    plain = _balanced_weights(labels)
    weights = stack_weights(labels, short)
    # Without short rows, the weights are the square-root balanced ones.
    assert (stack_weights(labels) == plain).all()
    # Whole-body rows and short unrelated rows keep theirs.
    kept = ~short | (labels == UNRELATED)
    assert (weights[kept] == plain[kept]).all()
    # Each related class holds a third of the short related rows' weight, as before in total.
    related = short & (labels != UNRELATED)
    totals = [weights[related & (labels == c)].sum() for c in (AGREE, DISAGREE, DISCUSS)]
    assert totals == pytest.approx([plain[related].sum() / 3] * 3)
    # Under the plain weights discuss outweighed agree among the short pairs.
    assert (
        plain[related & (labels == DISCUSS)].sum() > 1.5 * plain[related & (labels == AGREE)].sum()
    )


def test_a_related_class_without_short_rows_takes_no_share() -> None:
    labels = np.asarray([AGREE, DISCUSS, UNRELATED, AGREE, DISCUSS, DISCUSS], dtype=np.int64)
    short = np.asarray([False, False, False, True, True, True])
    weights = stack_weights(labels, short)
    plain = _balanced_weights(labels)
    assert weights[3] == pytest.approx(2 * weights[4]) and weights[4] == weights[5]
    assert weights[3:].sum() == pytest.approx(plain[3:].sum())


def test_only_the_short_prior_recipes_calibrate() -> None:
    calibrated = [name for name, recipe in RECIPES.items() if recipe.short_prior]
    assert calibrated == ["short-prior", "short-balanced", "short-cross"]
    assert all(RECIPES[name].short_bodies and RECIPES[name].scope for name in calibrated)
    full = ("short-balanced", "short-cross")
    for name in full:
        assert RECIPES[name].prior == ("agree", "discuss")
        assert RECIPES[name].balance == 1.0
    assert all(RECIPES[name].balance == 0.5 for name in RECIPES if name not in full)
    # short-cross is short-balanced with the crossed cues, and only it reads them.
    assert [name for name, recipe in RECIPES.items() if recipe.cross] == ["short-cross"]


def test_full_balance_gives_every_class_the_same_total_weight() -> None:
    labels = np.asarray([UNRELATED] * 40 + [DISCUSS] * 12 + [AGREE] * 5 + [DISAGREE] * 2)
    weights = stack_weights(labels, power=1.0)
    totals = [weights[labels == c].sum() for c in (AGREE, DISAGREE, DISCUSS, UNRELATED)]
    assert totals == pytest.approx([len(labels) / 4] * 4)
    # The square root (the default) leaves the rare class lighter in all.
    root = stack_weights(labels)
    assert root[labels == DISAGREE].sum() < root[labels == UNRELATED].sum() / 2


def test_a_prior_over_agree_and_discuss_leaves_disagree_alone() -> None:
    whole = [UNRELATED] * 40 + [DISCUSS] * 12 + [AGREE] * 5 + [DISAGREE] * 2
    windows = [UNRELATED] * 6 + [DISCUSS] * 12 + [AGREE] * 4 + [DISAGREE] * 1
    labels = np.asarray(whole + windows, dtype=np.int64)
    short = np.arange(len(labels)) >= len(whole)
    plain = _balanced_weights(labels, 1.0)
    weights = stack_weights(labels, short, power=1.0, prior=("agree", "discuss"))
    kept = ~short | (labels == UNRELATED) | (labels == DISAGREE)
    assert (weights[kept] == plain[kept]).all()
    pair = short & ((labels == AGREE) | (labels == DISCUSS))
    agree = weights[short & (labels == AGREE)].sum()
    assert agree == pytest.approx(weights[short & (labels == DISCUSS)].sum())
    assert agree == pytest.approx(plain[pair].sum() / 2)
