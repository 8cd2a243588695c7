"""Grouped cross-validation of the ru/uk technique classifier: the second signal beside the
fixed held-out 20%.

The posts the trainer fits on (the held-out 20% left out, so the two never mix) are split into
folds grouped by channel (:func:`parallax.training.techniques_unlp.groups`: posts carry no
channel field, their footers name it), a fresh model is fitted on the other folds and each fold
is scored as the held-out posts are. Scores are fold means; ``posts`` is the total.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from parallax.datasets.unlp import read_unlp
from parallax.models.spans_unlp import TAGGER_FILE
from parallax.training.spans_unlp import fit_tagger, score_spans
from parallax.training.split import VALIDATION_SEED, held_out_split
from parallax.training.techniques_unlp import fit_model, groups, score_unlp

logger = logging.getLogger(__name__)


def cross_validate_unlp(
    data: Path, *, folds: int = 5, seed: int = VALIDATION_SEED, spans: bool = True
) -> dict[str, float]:
    """Return the fold-mean technique figures (and, with ``spans``, span figures of a fresh
    tagger) of ``folds``-fold CV grouped by channel.

    Raises:
        ValueError: fewer than two folds.
    """
    from sklearn.model_selection import GroupKFold

    if folds < 2:
        raise ValueError("cross-validation needs at least two folds")
    posts = read_unlp(data)
    train_ids, _ = held_out_split([post.id for post in posts], seed=seed)
    kept = set(train_ids)
    training = [post for post in posts if post.id in kept]
    totals: dict[str, float] = {}
    splitter = GroupKFold(n_splits=folds)
    for number, (fit_index, test_index) in enumerate(
        splitter.split(training, groups=groups(training)), start=1
    ):
        fitting = [training[i] for i in fit_index]
        scored = [training[i] for i in test_index]
        scores = score_unlp(fit_model(fitting, seed=seed), scored)
        if spans:
            with tempfile.TemporaryDirectory() as folder:
                fit_tagger(fitting, Path(folder) / TAGGER_FILE)
                scores.update(score_spans(Path(folder) / TAGGER_FILE, scored))
        logger.info("unlp fold %d: %s", number, scores)
        for name, value in scores.items():
            totals[name] = totals.get(name, 0.0) + value
    means = {name: value if name == "posts" else value / folds for name, value in totals.items()}
    means["folds"] = float(folds)
    return means
