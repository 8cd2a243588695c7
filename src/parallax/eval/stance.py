"""Stance against FNC-1: its files, its official score, macro-F1, and the held-out split.

The FNC score (the challenge's ``scorer.py``): +0.25 for a correct unrelated, +0.25 for any
related label on a related pair, +0.75 more for the exact related label; reported as a
percentage of the best possible score. Macro-F1 over the four classes is reported too, since the
FNC score rewards the easy related/unrelated split (Hanselowski et al., COLING 2018).

Only pairs whose body the model never saw in training are scored: on FNC-1's training files that
is exactly the held-out validation split (20% of bodies for the packaged model, the bodies of
20% of topics for one trained with ``--split topics``); on the competition test files it is
every pair. With ``unseen_claims`` only pairs whose headline the model never saw either are
scored: on the training files, the held-out topics' own pairs (their claims are new to the
model, as the competition test's were); it needs a model that records its training claims.

:func:`evaluate_stance_topics` is the second signal: fresh models cross-validated over folds of
whole topics (:mod:`parallax.training.stance_cv`).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from parallax.datasets.fnc1 import read_bodies, read_stances
from parallax.errors import Code, ConfigError, InputError
from parallax.training.scores import f1_by_class, fnc_score
from parallax.training.stance import DEFAULT_RECIPE, RECIPES
from parallax.training.stance_cv import CV_RECIPES, TOPIC_FOLDS

logger = logging.getLogger(__name__)

__all__ = [
    "CV_RECIPES",
    "DEFAULT_RECIPE",
    "RECIPES",
    "evaluate_stance",
    "evaluate_stance_topics",
]


def evaluate_stance(
    bodies_csv: Path, stances_csv: Path, *, unseen_claims: bool = False
) -> dict[str, float]:
    """Score the packaged stance model on the pairs of FNC-1 files whose body it was not trained on
    (and, with ``unseen_claims``, whose headline it was not trained on either).

    Returns:
        ``fnc_score`` (% of the maximum), ``fnc_score_all_unrelated`` (the same files answered
        "unrelated" throughout), ``macro_f1``, ``f1_<label>`` for each label, ``accuracy``,
        ``pairs`` scored and ``pairs_skipped`` (their body, or headline, was trained on); for
        a blend, ``pairs_first``, ``pairs_second`` and ``pairs_both``: how many of the scored
        pairs each part read.

    Raises:
        InputError: a file is missing or malformed, a pair names an unknown body, or no pair is
            left to score.
        ConfigError: ``unseen_claims`` with a model that does not record its training claims.
    """
    from parallax.models.stance import load_stance_model, predict_stances

    model = load_stance_model()
    if unseen_claims and not model.meta["train_claims"]:
        # A model trained on a body-disjoint split records no headlines: every claim would
        # count as unseen although each was trained on.
        raise ConfigError(
            Code.CONFIG, "the stance model does not record its training headlines (claims)"
        )
    bodies = read_bodies(bodies_csv)
    pairs = read_stances(stances_csv)
    unknown = sorted({pair.body_id for pair in pairs} - set(bodies))
    if unknown:
        raise InputError(
            Code.BAD_RECORD, f"stance names unknown body {unknown[0]}", path=str(stances_csv)
        )
    held_out = {body_id for body_id, body in bodies.items() if not model.trained_on(body)}
    scored = [
        pair
        for pair in pairs
        if pair.body_id in held_out
        and not (unseen_claims and model.trained_on_claim(pair.headline))
    ]
    if not scored:
        raise InputError(
            Code.BAD_RECORD,
            "every pair's body was a training body: nothing is held out",
            path=str(stances_csv),
        )
    results = predict_stances(
        [(pair.headline, bodies[pair.body_id]) for pair in scored], model=model
    )
    gold = [pair.stance for pair in scored]
    predicted = [result.label for result in results]
    per_class = f1_by_class(gold, predicted)
    metrics = {
        "fnc_score": fnc_score(gold, predicted),
        "fnc_score_all_unrelated": fnc_score(gold, ["unrelated"] * len(gold)),
        "macro_f1": sum(per_class.values()) / len(per_class),
        **{f"f1_{label}": value for label, value in per_class.items()},
        "accuracy": sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold),
        "pairs": float(len(scored)),
        "pairs_skipped": float(len(pairs) - len(scored)),
    }
    if model.blend is not None:
        # Which part read the pairs (the known-claim gate: plain a claim it was trained on).
        read = Counter(model.reads_claim_with(pair.headline) for pair in scored)
        metrics |= {f"pairs_{part}": float(read[part]) for part in ("first", "second", "both")}
    logger.info("stance: scored %d pairs, skipped %d", len(scored), len(pairs) - len(scored))
    return metrics


def evaluate_stance_topics(
    data: Path,
    *,
    recipes: Sequence[str] = (DEFAULT_RECIPE,),
    folds: int = TOPIC_FOLDS,
    sample: int | None = None,
) -> dict[str, float]:
    """Topic-grouped cross-validation on FNC-1's training files in ``data``: each fold's claims
    and stories are new to the model that labels them
    (:func:`parallax.training.stance_cv.cross_validate_recipes`; needs scikit-learn).

    Returns:
        One recipe's metrics; with several recipes (scored on the same folds) each metric is
        named ``<recipe>_<metric>``. ``sample``: cross-validate on that many topics only.
    """
    from parallax.training.stance_cv import cross_validate_recipes

    found = cross_validate_recipes(data, list(dict.fromkeys(recipes)), folds=folds, sample=sample)
    logger.info("stance, topics held out: %s", found)
    if len(found) == 1:
        return next(iter(found.values()))
    return {
        f"{name}_{key}": value for name, metrics in found.items() for key, value in metrics.items()
    }
