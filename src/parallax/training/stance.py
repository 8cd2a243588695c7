"""Train the stance model on FNC-1's training split, holding out 20% of topics for validation.

A topic (:func:`parallax.datasets.fnc1.topics`) is one claim's story: its headlines and the
bodies related pairs join to them. Holding out whole topics means the validation pairs carry
claims and stories the model never saw, as FNC-1's competition test did; a body-disjoint split
leaves every validation claim among the training headlines, and flattered the model (its dev
figures fell on the competition test).

Two recipes (:data:`RECIPES`) train on the same split, so that they can be compared on it and on
the same topic folds (:mod:`parallax.training.stance_cv`): ``plain``, the earlier model's (the
TF-IDF pair features; the word model's out-of-fold probabilities over folds grouped by body),
and ``evidence``, which adds the MiniLM sentence evidence
(:mod:`parallax.models.stance_evidence`) and groups those folds by topic, so the trees learn how
far to trust the word model on stories it did not see.
"""

from __future__ import annotations

import logging
import math
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from parallax.datasets.fnc1 import LABELS, StancePair, read_bodies, read_stances, topics
from parallax.errors import Code, ConfigError
from parallax.models.artefacts import models_dir, save_model, text_key
from parallax.models.stance import (
    MODEL_NAME,
    RELATED,
    load_stance_model,
    predict_stances,
    save_idf,
)
from parallax.models.stance_cross import CROSS_PREFIX
from parallax.models.stance_evidence import default_embed
from parallax.models.stance_features import (
    CROSS_ROW_FEATURES,
    FEATURES,
    ROW_FEATURES,
    SCOPE_ROW_FEATURES,
    Idf,
    claim_bag,
    pair_rows,
)
from parallax.models.text import content_terms, learn_idf
from parallax.training.convert import linear_from_sklearn, sparse_rows, trees_from_sklearn
from parallax.training.scores import f1_by_class, fnc_score
from parallax.training.split import VALIDATION_SEED, held_out_split
from parallax.training.stance_short import short_pairs
from parallax.training.summary import TrainSummary

logger = logging.getLogger(__name__)


BODY_VOCABULARY = 5000  # body unigrams and bigrams kept, by document frequency
MIN_BODY_DF = 3
MIN_CLAIM_DF = 2
FOLDS = 5
WORD_C = 2.0
TREE_SETTINGS: dict[str, Any] = {
    "max_iter": 250,
    "learning_rate": 0.1,
    "max_leaf_nodes": 31,
    "l2_regularization": 1.0,
    "early_stopping": False,
}


@dataclass(frozen=True, slots=True)
class Recipe:
    """What a stance model is trained on: the dense columns, and how the stacking folds group."""

    evidence: bool
    stack_by_topic: bool
    scope: bool = False
    short_bodies: bool = False
    short_prior: bool = False
    prior: tuple[str, ...] = ("agree", "disagree", "discuss")
    """With ``short_prior``, the related classes that share the short rows' weight equally."""
    balance: float = 0.5
    """The power of the balanced class weights the trees train with: 0.5 their square root,
    1 fully balanced (disagree, 2% of pairs, then weighs as much in all as each other class)."""
    cross: bool = False
    """Whether the word model reads the body's cues crossed with the claim's polarity, and the
    trees the doubt phrases and the claim's polarity (:mod:`parallax.models.stance_cross`)."""

    @property
    def features(self) -> tuple[str, ...]:
        """The dense columns the trees read before the word model's probabilities."""
        if self.cross:
            return CROSS_ROW_FEATURES
        if self.scope:
            return SCOPE_ROW_FEATURES
        return ROW_FEATURES if self.evidence else FEATURES


RECIPES: dict[str, Recipe] = {
    "plain": Recipe(evidence=False, stack_by_topic=False),
    "evidence": Recipe(evidence=True, stack_by_topic=True),
    "scope": Recipe(evidence=True, stack_by_topic=True, scope=True),
    "short": Recipe(evidence=True, stack_by_topic=True, scope=True, short_bodies=True),
    "short-prior": Recipe(
        evidence=True, stack_by_topic=True, scope=True, short_bodies=True, short_prior=True
    ),
    "short-balanced": Recipe(
        evidence=True,
        stack_by_topic=True,
        scope=True,
        short_bodies=True,
        short_prior=True,
        prior=("agree", "discuss"),
        balance=1.0,
    ),
}
RECIPES["short-cross"] = replace(RECIPES["short-balanced"], cross=True)
DEFAULT_RECIPE = "plain"
"""The packaged model's recipe."""
SPLITS = ("topics", "bodies")
SHORT_UNRELATED = 0.25
"""Share of unrelated training pairs that give a short pair too (every related pair does)."""


def _body_vocabulary(texts: Sequence[str]) -> dict[str, float]:
    frequency: Counter[str] = Counter()
    for text in texts:
        terms = content_terms(text)
        grams = {f"b:{t}" for t in terms}
        grams.update(f"b:{a} {b}" for a, b in pairwise(terms))
        frequency.update(grams)
    kept = sorted(
        (gram for gram, df in frequency.items() if df >= MIN_BODY_DF),
        key=lambda gram: (-frequency[gram], gram),
    )[:BODY_VOCABULARY]
    n = len(texts)
    return {gram: math.log((1 + n) / (1 + frequency[gram])) + 1.0 for gram in sorted(kept)}


def _claim_vocabulary(claims: Sequence[str]) -> list[str]:
    frequency: Counter[str] = Counter()
    for claim in claims:
        frequency.update(set(claim_bag(claim)))
    return sorted(term for term, df in frequency.items() if df >= MIN_CLAIM_DF)


def cross_vocabulary(bags: Sequence[Mapping[str, float]]) -> list[str]:
    """The crossed cue features (:mod:`parallax.models.stance_cross`) found in ``bags``."""
    return sorted({name for bag in bags for name in bag if name.startswith(CROSS_PREFIX)})


def _balanced_weights(
    labels: np.ndarray[Any, np.dtype[np.int64]], power: float = 0.5
) -> np.ndarray[Any, Any]:
    # A class with no row weighs nothing; count it once so that its (unused) weight is finite.
    counts = np.maximum(np.bincount(labels, minlength=len(LABELS)), 1).astype(np.float64)
    # By default the square root of balanced weights: disagree (2% of pairs) counts more, not
    # 20 times more; ``power`` 1 balances the classes fully.
    weights: np.ndarray[Any, Any] = ((len(labels) / (len(LABELS) * counts)) ** power)[labels]
    return weights


def stack_weights(
    labels: np.ndarray[Any, np.dtype[np.int64]],
    short: np.ndarray[Any, np.dtype[np.bool_]] | None = None,
    *,
    power: float = 0.5,
    prior: Sequence[str] = RELATED,
) -> np.ndarray[Any, Any]:
    """The trees' sample weights: balanced to ``power`` (the square root by default), and with
    ``short`` (the short pairs' rows) the related classes of ``prior`` weigh alike among the
    short pairs (the others keep their balanced weights).

    A short pair carries its whole article's label, and a window that restates the claim
    without a cue cannot tell an agreeing article from one that reports it: FNC-1's class
    prior (discuss is 2.4 times agree among related pairs, from Emergent's rumour tracking)
    then decides. Among the short rows those of the ``prior`` classes (by default agree,
    disagree and discuss) share their total weight equally, so the windows' evidence decides
    and not that prior; the short rows of other classes and every whole-body row keep their
    weights. With agree and discuss only (``short-balanced``), the few short disagree rows are
    not raised to a third of the weight (with all three they were, and the trees called fewer
    whole bodies disagree correctly).
    """
    weights = _balanced_weights(labels, power)
    if short is None:
        return weights
    shared = [LABELS.index(name) for name in prior]
    related = short & np.isin(labels, shared)
    total = float(weights[related].sum())
    present = [c for c in shared if (related & (labels == c)).any()]
    for c in present:
        rows = related & (labels == c)
        weights[rows] = total / (len(present) * int(rows.sum()))
    return weights


def _word_model(matrix: Any, labels: np.ndarray[Any, Any], seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=WORD_C, max_iter=3000, class_weight="balanced", random_state=seed)
    return model.fit(matrix, labels)


def related_probabilities(word_model: Any, matrix: Any) -> np.ndarray[Any, Any]:
    """The word model's agree / disagree / discuss probabilities, one column each, whichever
    of them its training rows held (a class it never saw gets 0)."""
    found = np.zeros((matrix.shape[0], len(RELATED)))
    found[:, [int(label) for label in word_model.classes_]] = word_model.predict_proba(matrix)
    return found


def fit_stack(
    dense: np.ndarray[Any, Any],
    matrix: Any,
    labels: np.ndarray[Any, np.dtype[np.int64]],
    groups: np.ndarray[Any, Any],
    *,
    seed: int = VALIDATION_SEED,
    short: np.ndarray[Any, np.dtype[np.bool_]] | None = None,
    balance: float = 0.5,
    prior: Sequence[str] = RELATED,
) -> tuple[Any, Any]:
    """Fit the word model (related pairs only) and the trees over the dense features and the
    word model's out-of-fold probabilities; folds keep each group (topic or body) together.

    Args:
        dense: the dense feature rows.
        matrix: the word-feature rows (sparse).
        labels: the label index of each row.
        groups: each row's group for the stacking folds.
        seed: the learners' seed.
        short: which rows are short pairs, when the related classes weigh alike among them
            (:func:`stack_weights`); None weighs every row alike by class.
        balance: the power of the balanced class weights (:attr:`Recipe.balance`).
        prior: the related classes that weigh alike among the short rows (:attr:`Recipe.prior`).

    Returns:
        The fitted scikit-learn word model and trees.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.model_selection import GroupKFold

    related = labels != LABELS.index("unrelated")
    # Out-of-fold word-model probabilities, so the trees learn how far to trust them on groups
    # the word model did not see.
    stacked = np.zeros((len(labels), len(RELATED)))
    for fit_rows, predict_rows in GroupKFold(n_splits=FOLDS).split(dense, groups=groups):
        fit_rows = fit_rows[related[fit_rows]]
        fold_model = _word_model(matrix[fit_rows], labels[fit_rows], seed)
        stacked[predict_rows] = related_probabilities(fold_model, matrix[predict_rows])
    word_model = _word_model(matrix[related], labels[related], seed)

    trees = HistGradientBoostingClassifier(random_state=seed, **TREE_SETTINGS)
    trees.fit(
        np.hstack([dense, stacked]),
        labels,
        sample_weight=stack_weights(labels, short, power=balance, prior=prior),
    )
    return word_model, trees


def train_stance(
    data: Path,
    *,
    out: Path | None = None,
    seed: int = VALIDATION_SEED,
    recipe: str = DEFAULT_RECIPE,
    split: str = "topics",
) -> TrainSummary:
    """Train the stance model on ``train_bodies.csv`` and ``train_stances.csv`` in ``data``.

    20% of topics (``seed``) are held out for validation: a training pair has its body and its
    headline in training topics; no validation body or validation topic's headline is trained on.

    Returns:
        The summary, with FNC score, macro-F1 and per-class F1 on the pairs whose body was held
        out (``fnc_score`` …) and on those whose headline was held out too (``unseen_`` …).

    With ``split="bodies"`` 20% of bodies are held out instead, and every headline is trained
    on (how the packaged model was trained, see its ``NOTE.md``).

    Raises:
        KeyError: ``recipe`` is not one of :data:`RECIPES`.
        ValueError: ``split`` is neither ``topics`` nor ``bodies``.
    """
    chosen = RECIPES[recipe]
    if split not in SPLITS:
        raise ValueError(f"unknown split {split}; known: {', '.join(SPLITS)}")
    started = time.perf_counter()
    out = out or models_dir() / "stance"
    bodies = read_bodies(data / "train_bodies.csv")
    pairs = read_stances(data / "train_stances.csv")
    grouping = topics(pairs)
    if split == "bodies":
        # Every topic is a training topic: a validation pair's claim is among the headlines.
        training = set(grouping.of_body.values()) | set(grouping.of_headline.values())
        train_ids, validation_ids = held_out_split(list(bodies), seed=seed)
        kept = set(train_ids)
        train_pairs = [pair for pair in pairs if pair.body_id in kept]
    else:
        training = set(held_out_split(sorted(set(grouping.of_body.values())), seed=seed)[0])
        train_ids = sorted(i for i in bodies if grouping.of_body.get(i, i) in training)
        validation_ids = sorted(set(bodies) - set(train_ids))
        train_pairs = [pair for pair in pairs if set(grouping.of_pair(pair)) <= training]
    claims = sorted({pair.headline for pair in train_pairs})

    weights, default = learn_idf(
        [content_terms(bodies[i]) for i in train_ids] + [content_terms(c) for c in claims]
    )
    idf = Idf(weights, default)
    body_idf = _body_vocabulary([bodies[i] for i in train_ids])
    word_features = sorted(body_idf) + _claim_vocabulary(claims)
    logger.info("stance: %d training pairs, %d word features", len(train_pairs), len(word_features))

    texts = [(p.headline, bodies[p.body_id]) for p in train_pairs]
    labels = np.asarray([LABELS.index(p.stance) for p in train_pairs], dtype=np.int64)
    groups = np.asarray(
        [grouping.of_body[p.body_id] if chosen.stack_by_topic else p.body_id for p in train_pairs]
    )
    short = None
    if chosen.short_bodies:
        # Each short pair stacks in its source pair's group, so no fold sees its own body.
        source, windows = with_short_bodies(texts, labels, seed=seed)
        short = np.arange(len(source)) >= len(texts) if chosen.short_prior else None
        texts += windows
        labels, groups = labels[source], groups[source]
    dense, bags = pair_rows(
        texts, idf, body_idf, evidence=chosen.evidence, scope=chosen.scope, cross=chosen.cross
    )
    if chosen.cross:
        word_features += cross_vocabulary(bags)
    matrix = sparse_rows(bags, word_features)
    word_model, trees = fit_stack(
        dense,
        matrix,
        labels,
        groups,
        seed=seed,
        short=short,
        balance=chosen.balance,
        prior=chosen.prior,
    )

    features = [*chosen.features, *(f"words_{label}" for label in RELATED)]
    meta = {
        "model": MODEL_NAME,
        "trained_on": f"FNC-1 train_bodies.csv + train_stances.csv, 80% of {split}",
        "seed": seed,
        "recipe": recipe,
        "validation_body_ids": validation_ids,
        "train_bodies": sorted(text_key(bodies[i]) for i in train_ids),
        "train_claims": sorted({text_key(claim) for claim in claims}),
        "tree_settings": TREE_SETTINGS,
    }
    save_idf(idf, body_idf, out)
    save_model(
        linear_from_sklearn(word_model, word_features, RELATED), out, prefix="words", meta={}
    )
    save_model(trees_from_sklearn(trees, features, LABELS), out, prefix="trees", meta=meta)
    for stale in out.glob("blend_*"):
        stale.unlink()  # a blend's second part (``train stance-blend``) left in ``out`` before
    seconds = time.perf_counter() - started

    validation = set(validation_ids)
    held_out = [pair for pair in pairs if pair.body_id in validation]
    unseen = [pair for pair in held_out if grouping.of_headline[pair.headline] not in training]
    metrics = validation_metrics(out, bodies, held_out)
    if unseen:
        metrics |= {f"unseen_{k}": v for k, v in validation_metrics(out, bodies, unseen).items()}
    return TrainSummary.written(
        MODEL_NAME,
        out,
        seconds=seconds,
        examples=len(texts),  # with any short pairs
        held_out=len(held_out),
        metrics=metrics,
    )


def with_short_bodies(
    texts: Sequence[tuple[str, str]],
    labels: np.ndarray[Any, np.dtype[np.int64]],
    *,
    seed: int,
) -> tuple[np.ndarray[Any, np.dtype[np.int64]], list[tuple[str, str]]]:
    """The short pairs (:mod:`parallax.training.stance_short`) of ``texts``: for each row of
    ``texts`` and then each short pair, the index of its source pair; and the short pairs.

    Raises:
        ConfigError: the MiniLM embeddings are not installed (the windows are chosen by them).
    """
    embed = default_embed()
    if embed is None:
        raise ConfigError(Code.CONFIG, "short stance bodies need the MiniLM embeddings")
    related = [int(label) != LABELS.index("unrelated") for label in labels]
    found = short_pairs(texts, related, embed, unrelated_share=SHORT_UNRELATED, seed=seed)
    source = np.asarray([*range(len(texts)), *(i for i, _ in found)], dtype=np.int64)
    return source, [(texts[i][0], window) for i, window in found]


def validation_metrics(
    path: Path, bodies: dict[int, str], pairs: Sequence[StancePair]
) -> dict[str, float]:
    """FNC score, macro-F1 and per-class F1 of the stance model in ``path`` on ``pairs``."""
    model = load_stance_model(path)
    results = predict_stances([(p.headline, bodies[p.body_id]) for p in pairs], model=model)
    gold = [p.stance for p in pairs]
    predicted = [r.label for r in results]
    per_class = f1_by_class(gold, predicted)
    return {
        "fnc_score": fnc_score(gold, predicted),
        "macro_f1": sum(per_class.values()) / len(per_class),
        **{f"f1_{label}": value for label, value in per_class.items()},
    }
