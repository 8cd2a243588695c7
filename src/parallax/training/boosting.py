"""The gradient-boosted trees the claim-pair and event-pair models are fitted with.

Both models share the tree shape and learning rate and differ only in the number of rounds;
both hold each feature to the direction it may move the probability (``monotonic``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def boosting(max_iter: int) -> dict[str, Any]:
    """Return the boosting settings with ``max_iter`` rounds, as written in a model's header."""
    return {
        "max_iter": max_iter,
        "learning_rate": 0.08,
        "max_leaf_nodes": 15,
        "l2_regularization": 1.0,
    }


def monotonic_trees(
    features: Sequence[str], monotonic: Mapping[str, int], settings: Mapping[str, Any], seed: int
) -> Any:
    """Return an unfitted ``HistGradientBoostingClassifier`` over ``features`` (in order).

    Agreement can only raise the probability and a conflict only lower it (``monotonic``: 1 or
    -1 by feature name, 0 for the rest), so that a few odd training pairs cannot teach the trees
    that, say, two different dates make one event likelier.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier

    constraints = [monotonic.get(name, 0) for name in features]
    return HistGradientBoostingClassifier(random_state=seed, monotonic_cst=constraints, **settings)
