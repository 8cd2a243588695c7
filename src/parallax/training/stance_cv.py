"""Cross-validate the stance model over FNC-1 topics: every claim's story held out in turn.

The second, independent signal beside the packaged model's validation split (which is what the
model's settings were chosen on): the training files' topics
(:func:`parallax.datasets.fnc1.topics`) are cut into ``folds`` groups; each fold fits the word
model and the trees (:func:`parallax.training.stance.fit_stack`) on the pairs whose body and
headline both lie in the other folds, and labels the pairs whose body and headline both lie in
it. Its labels are pooled over the folds and scored once.

Several recipes (:data:`parallax.training.stance.RECIPES`) can be scored on the same folds,
which is how a new recipe is compared with the one it would replace.

The IDF tables are learned once from every body and headline of the files (no label is read to
learn them), so the pair features are computed once and not once per fold.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from parallax.datasets.fnc1 import LABELS, read_bodies, read_stances, topics
from parallax.models.stance_features import Idf, pair_rows
from parallax.models.text import content_terms, learn_idf
from parallax.training.convert import sparse_rows
from parallax.training.scores import f1_by_class, fnc_score
from parallax.training.split import VALIDATION_SEED
from parallax.training.stance import (
    DEFAULT_RECIPE,
    RECIPES,
    _body_vocabulary,
    _claim_vocabulary,
    cross_vocabulary,
    fit_stack,
    related_probabilities,
    with_short_bodies,
)

logger = logging.getLogger(__name__)

__all__ = ["cross_validate_recipes", "cross_validate_stance"]

TOPIC_FOLDS = 5


def cross_validate_stance(
    data: Path,
    *,
    folds: int = TOPIC_FOLDS,
    seed: int = VALIDATION_SEED,
    recipe: str = DEFAULT_RECIPE,
    sample: int | None = None,
) -> dict[str, float]:
    """Topic-grouped cross-validation of one stance recipe on ``train_*.csv`` in ``data``.

    Returns:
        ``fnc_score``, ``macro_f1``, ``f1_<label>`` and ``accuracy`` over the pooled held-out
        labels; ``fold_<k>_macro_f1`` of each fold alone; ``pairs`` scored (pairs joining two
        folds' topics are in no fold) and ``topics``.

    Raises:
        KeyError: ``recipe`` is not one of :data:`parallax.training.stance.RECIPES`.
    """
    return cross_validate_recipes(data, (recipe,), folds=folds, seed=seed, sample=sample)[recipe]


def cross_validate_recipes(
    data: Path,
    recipes: Sequence[str],
    *,
    folds: int = TOPIC_FOLDS,
    seed: int = VALIDATION_SEED,
    sample: int | None = None,
) -> dict[str, dict[str, float]]:
    """Cross-validate several recipes on the same topic folds; the pair features are computed
    once (a recipe without the evidence reads their first columns). Metrics by recipe, as
    :func:`cross_validate_stance` gives them.

    With ``sample``, only that many topics (a seeded sample) and the pairs whose body and
    headline both lie in them are read: a quicker run with fewer unrelated pairs, for a machine
    that cannot afford the whole files."""
    chosen = {name: RECIPES[name] for name in recipes}
    bodies = read_bodies(data / "train_bodies.csv")
    pairs = read_stances(data / "train_stances.csv")
    grouping = topics(pairs)
    if sample is not None:
        everyone = sorted(set(grouping.of_body.values()))
        kept = set(np.random.default_rng(seed).permutation(everyone)[:sample].tolist())
        pairs = [pair for pair in pairs if set(grouping.of_pair(pair)) <= kept]
        bodies = {pair.body_id: bodies[pair.body_id] for pair in pairs}
    claims = sorted({pair.headline for pair in pairs})
    texts = [bodies[i] for i in sorted(bodies)]
    weights, default = learn_idf([content_terms(t) for t in texts + claims])
    body_idf = _body_vocabulary(texts)
    word_features = sorted(body_idf) + _claim_vocabulary(claims)
    asked = [(pair.headline, bodies[pair.body_id]) for pair in pairs]
    labels = np.asarray([LABELS.index(pair.stance) for pair in pairs], dtype=np.int64)
    # Short pairs (recipes that train on them) come after the pairs; each is trained on only
    # in the folds that train on its source pair, and never scored.
    source = np.arange(len(pairs))
    if any(recipe.short_bodies for recipe in chosen.values()):
        source, windows = with_short_bodies(asked, labels, seed=seed)
        asked += windows
    dense, bags = pair_rows(
        asked,
        Idf(weights, default),
        body_idf,
        evidence=any(recipe.evidence for recipe in chosen.values()),
        scope=any(recipe.scope for recipe in chosen.values()),
        cross=any(recipe.cross for recipe in chosen.values()),
    )
    # The crossed cues' columns come last: a recipe without them reads the columns before.
    plain_words = len(word_features)
    if any(recipe.cross for recipe in chosen.values()):
        word_features += cross_vocabulary(bags)
    matrix = sparse_rows(bags, word_features)
    body_ids = np.asarray([pair.body_id for pair in pairs])[source]
    body_topic = np.asarray([grouping.of_body[pair.body_id] for pair in pairs])[source]
    headline_topic = np.asarray([grouping.of_headline[pair.headline] for pair in pairs])[source]
    labels = labels[source]

    # Folds of whole topics: shuffle the topic ids (seeded), then deal them out.
    names = np.asarray(sorted(set(body_topic[: len(pairs)].tolist())))
    np.random.default_rng(seed).shuffle(names)
    fold_of = {int(name): index % folds for index, name in enumerate(names)}
    fold = np.asarray([fold_of[int(topic)] for topic in body_topic])
    same = np.asarray(
        [fold_of.get(int(h), -1) == f for h, f in zip(headline_topic, fold, strict=True)]
    )
    results: dict[str, dict[str, float]] = {}
    for name, recipe in chosen.items():
        columns = dense[:, : len(recipe.features)]
        words = matrix if recipe.cross else matrix[:, :plain_words]
        groups = body_topic if recipe.stack_by_topic else body_ids
        gold: list[str] = []
        predicted: list[str] = []
        by_fold: dict[str, float] = {}
        for k in range(folds):
            fit_rows = np.flatnonzero((fold != k) & same)
            test_rows = np.flatnonzero((fold == k) & same)
            test_rows = test_rows[test_rows < len(pairs)]
            if not recipe.short_bodies:
                fit_rows = fit_rows[fit_rows < len(pairs)]
            word_model, trees = fit_stack(
                columns[fit_rows],
                words[fit_rows],
                labels[fit_rows],
                groups[fit_rows],
                seed=seed,
                short=fit_rows >= len(pairs) if recipe.short_prior else None,
                balance=recipe.balance,
                prior=recipe.prior,
            )
            stacked = related_probabilities(word_model, words[test_rows])
            found = [
                LABELS[int(i)] for i in trees.predict(np.hstack([columns[test_rows], stacked]))
            ]
            truth = [LABELS[i] for i in labels[test_rows]]
            by_fold[f"fold_{k}_macro_f1"] = _macro_f1(truth, found)
            gold += truth
            predicted += found
            logger.info("stance %s, topic fold %d: %d pairs", name, k, len(test_rows))
        per_class = f1_by_class(gold, predicted)
        results[name] = {
            "fnc_score": fnc_score(gold, predicted),
            "macro_f1": sum(per_class.values()) / len(per_class),
            **{f"f1_{label}": value for label, value in per_class.items()},
            "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold),
            **by_fold,
            "pairs": float(len(gold)),
            "topics": float(len(names)),
        }
    return results


def _macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    per_class = f1_by_class(gold, predicted)
    return sum(per_class.values()) / len(per_class)
