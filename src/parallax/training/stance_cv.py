"""Cross-validate the stance model over FNC-1 topics: every claim's story held out in turn.

The second, independent signal beside the packaged model's validation split (which is what the
model's settings were chosen on): the training files' topics
(:func:`parallax.datasets.fnc1.topics`) are cut into ``folds`` groups; each fold fits the word
model and the trees (:func:`parallax.training.stance.fit_stack`) on the pairs whose body and
headline both lie in the other folds, and labels the pairs whose body and headline both lie in
it. Its labels are pooled over the folds and scored once.

The IDF tables are learned once from every body and headline of the files (no label is read to
learn them), so the pair features are computed once and not once per fold.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from parallax.datasets.fnc1 import LABELS, read_bodies, read_stances, topics
from parallax.models.stance_features import Idf, pair_rows
from parallax.models.text import content_terms, learn_idf
from parallax.training.convert import sparse_rows
from parallax.training.scores import f1_by_class, fnc_score
from parallax.training.split import VALIDATION_SEED
from parallax.training.stance import (
    _body_vocabulary,
    _claim_vocabulary,
    fit_stack,
    related_probabilities,
)

logger = logging.getLogger(__name__)

__all__ = ["cross_validate_stance"]

TOPIC_FOLDS = 5


def cross_validate_stance(
    data: Path, *, folds: int = TOPIC_FOLDS, seed: int = VALIDATION_SEED
) -> dict[str, float]:
    """Topic-grouped cross-validation of the stance model on ``train_*.csv`` in ``data``.

    Returns:
        ``fnc_score``, ``macro_f1``, ``f1_<label>`` and ``accuracy`` over the pooled held-out
        labels; ``pairs`` scored (pairs joining two folds' topics are in no fold) and ``topics``.
    """
    bodies = read_bodies(data / "train_bodies.csv")
    pairs = read_stances(data / "train_stances.csv")
    grouping = topics(pairs)
    claims = sorted({pair.headline for pair in pairs})
    texts = [bodies[i] for i in sorted(bodies)]
    weights, default = learn_idf([content_terms(t) for t in texts + claims])
    body_idf = _body_vocabulary(texts)
    word_features = sorted(body_idf) + _claim_vocabulary(claims)
    dense, bags = pair_rows(
        [(pair.headline, bodies[pair.body_id]) for pair in pairs], Idf(weights, default), body_idf
    )
    matrix = sparse_rows(bags, word_features)
    labels = np.asarray([LABELS.index(pair.stance) for pair in pairs], dtype=np.int64)
    body_topic = np.asarray([grouping.of_body[pair.body_id] for pair in pairs])
    headline_topic = np.asarray([grouping.of_headline[pair.headline] for pair in pairs])

    # Folds of whole topics: shuffle the topic ids (seeded), then deal them out.
    names = np.asarray(sorted(set(body_topic.tolist())))
    np.random.default_rng(seed).shuffle(names)
    fold_of = {int(name): index % folds for index, name in enumerate(names)}
    fold = np.asarray([fold_of[int(topic)] for topic in body_topic])
    same = np.asarray(
        [fold_of.get(int(h), -1) == f for h, f in zip(headline_topic, fold, strict=True)]
    )
    gold: list[str] = []
    predicted: list[str] = []
    for k in range(folds):
        fit_rows = np.flatnonzero((fold != k) & same)
        test_rows = np.flatnonzero((fold == k) & same)
        word_model, trees = fit_stack(
            dense[fit_rows], matrix[fit_rows], labels[fit_rows], body_topic[fit_rows], seed=seed
        )
        stacked = related_probabilities(word_model, matrix[test_rows])
        found = trees.predict(np.hstack([dense[test_rows], stacked]))
        gold += [LABELS[i] for i in labels[test_rows]]
        predicted += [LABELS[int(i)] for i in found]
        logger.info("stance topic fold %d: %d pairs", k, len(test_rows))
    per_class = f1_by_class(gold, predicted)
    return {
        "fnc_score": fnc_score(gold, predicted),
        "macro_f1": sum(per_class.values()) / len(per_class),
        **{f"f1_{label}": value for label, value in per_class.items()},
        "accuracy": sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold),
        "pairs": float(len(gold)),
        "topics": float(len(names)),
    }
