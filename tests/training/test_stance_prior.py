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


def test_only_the_short_prior_recipe_calibrates() -> None:
    assert [name for name, recipe in RECIPES.items() if recipe.short_prior] == ["short-prior"]
    assert RECIPES["short-prior"].short_bodies and RECIPES["short-prior"].scope
