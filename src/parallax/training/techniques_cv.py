"""Grouped cross-validation of the persuasion-technique models on PTC's training articles.

The second signal beside the fixed held-out 20%: the training articles (the held-out ones left
out, so the two never mix) are split into folds by article, a fresh tagger and classifier are
fitted on the other folds, and each fold is scored as :func:`score_techniques` scores the
held-out articles. The scores are the means over folds; ``articles`` and ``spans`` are
totals.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from parallax.datasets.ptc import read_ptc
from parallax.models.techniques import load_propaganda_model
from parallax.training.scores import score_techniques
from parallax.training.split import VALIDATION_SEED, held_out_split
from parallax.training.techniques import fit_models

logger = logging.getLogger(__name__)


def cross_validate_propaganda(
    data: Path, *, folds: int = 5, seed: int = VALIDATION_SEED
) -> dict[str, float]:
    """Return the fold-mean TC and SI figures of ``folds``-fold CV grouped by article.

    Only the articles that ``parallax train propaganda`` (same ``seed``) trains on take part.

    Raises:
        ValueError: fewer than two folds.
    """
    from sklearn.model_selection import KFold

    if folds < 2:
        raise ValueError("cross-validation needs at least two folds")
    articles = read_ptc(data)
    train_ids, _ = held_out_split([a.id for a in articles], seed=seed)
    training = [a for a in articles if a.id in set(train_ids)]
    totals: dict[str, float] = {}
    splitter = KFold(n_splits=folds, shuffle=True, random_state=seed)
    for number, (fit_index, test_index) in enumerate(splitter.split(training), start=1):
        with tempfile.TemporaryDirectory() as folder:
            fit_models([training[i] for i in fit_index], Path(folder), {}, seed=seed)
            scores = score_techniques(
                load_propaganda_model(Path(folder)), [training[i] for i in test_index]
            )
        logger.info("propaganda fold %d: %s", number, scores)
        for name, value in scores.items():
            totals[name] = totals.get(name, 0.0) + value
    # counts add up over folds; scores are averaged
    means = {
        name: value if name in ("articles", "spans") else value / folds
        for name, value in totals.items()
    }
    means["folds"] = float(folds)
    return means
