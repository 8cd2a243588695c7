"""Cross-validate the stance model over FNC-1 topics: every claim's story held out in turn.

The second, independent signal beside the packaged model's validation split (which is what the
model's settings were chosen on): the training files' topics
(:func:`parallax.datasets.fnc1.topics`) are cut into ``folds`` groups; each fold fits the word
model and the trees (:func:`parallax.training.stance.fit_stack`) on the pairs whose body and
headline both lie in the other folds, and labels the pairs whose body and headline both lie in
it. Its labels are pooled over the folds and scored once.

Several recipes (:data:`parallax.training.stance.RECIPES`) can be scored on the same folds,
which is how a new recipe is compared with the one it would replace. A gate (:data:`GATES`)
is scored as the packaged blend reads: each fold's pair whose headline is among the fold's
training headlines is labelled by the gate's first recipe, any other by its second; the count
of pairs each read is reported (``pairs_first``, ``pairs_second``).

The IDF tables are learned once from every body and headline of the files (no label is read to
learn them), so the pair features are computed once and not once per fold.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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

__all__ = ["CV_RECIPES", "GATES", "cross_validate_recipes", "cross_validate_stance"]

TOPIC_FOLDS = 5
GATES: dict[str, tuple[str, str]] = {"known-claim": ("plain", "short-cross")}
"""Known-claim gates (``parallax train stance-blend --weight 1 --known-weight 0``): a pair whose
claim was trained on is read by the first recipe, any other by the second."""
CV_RECIPES: tuple[str, ...] = (*RECIPES, *GATES)
"""What :func:`cross_validate_recipes` scores: a recipe or a gate."""


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
    for name in recipes:
        if name not in CV_RECIPES:
            raise KeyError(name)
    needed = [part for name in recipes for part in GATES.get(name, (name,))]
    chosen = {name: RECIPES[name] for name in dict.fromkeys(needed)}
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
    headlines = np.asarray([pair.headline for pair in pairs])[source]
    # Each fold's labels by recipe, and which of its pairs' headlines the fold trained on.
    labelled: dict[str, list[list[str]]] = {}
    truth: list[list[str]] = []
    known: list[np.ndarray[Any, np.dtype[np.bool_]]] = []
    for k in range(folds):
        fit_rows = np.flatnonzero((fold != k) & same)
        test_rows = np.flatnonzero((fold == k) & same)
        test_rows = test_rows[test_rows < len(pairs)]
        truth.append([LABELS[i] for i in labels[test_rows]])
        trained = set(headlines[fit_rows].tolist())
        known.append(np.asarray([h in trained for h in headlines[test_rows]], dtype=np.bool_))
        for name, recipe in chosen.items():
            columns = dense[:, : len(recipe.features)]
            words = matrix if recipe.cross else matrix[:, :plain_words]
            groups = body_topic if recipe.stack_by_topic else body_ids
            fitted = fit_rows if recipe.short_bodies else fit_rows[fit_rows < len(pairs)]
            word_model, trees = fit_stack(
                columns[fitted],
                words[fitted],
                labels[fitted],
                groups[fitted],
                seed=seed,
                short=fitted >= len(pairs) if recipe.short_prior else None,
                balance=recipe.balance,
                prior=recipe.prior,
            )
            stacked = related_probabilities(word_model, words[test_rows])
            found = [
                LABELS[int(i)] for i in trees.predict(np.hstack([columns[test_rows], stacked]))
            ]
            labelled.setdefault(name, []).append(found)
            logger.info("stance %s, topic fold %d: %d pairs", name, k, len(test_rows))
    results: dict[str, dict[str, float]] = {}
    for name in recipes:
        if name in GATES:
            first, second = (labelled[part] for part in GATES[name])
            by_fold_labels = [
                [a if seen else b for a, b, seen in zip(x, y, kn, strict=True)]
                for x, y, kn in zip(first, second, known, strict=True)
            ]
            read = int(sum(int(kn.sum()) for kn in known))
            total = sum(map(len, truth))
            counts = {"pairs_first": float(read), "pairs_second": float(total - read)}
        else:
            by_fold_labels, counts = labelled[name], {}
        gold = [label for part in truth for label in part]
        predicted = [label for part in by_fold_labels for label in part]
        per_class = f1_by_class(gold, predicted)
        results[name] = {
            "fnc_score": fnc_score(gold, predicted),
            "macro_f1": sum(per_class.values()) / len(per_class),
            **{f"f1_{label}": value for label, value in per_class.items()},
            "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold),
            **{f"fold_{k}_macro_f1": _macro_f1(truth[k], by_fold_labels[k]) for k in range(folds)},
            **counts,
            "pairs": float(len(gold)),
            "topics": float(len(names)),
        }
    return results


def _macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    per_class = f1_by_class(gold, predicted)
    return sum(per_class.values()) / len(per_class)
