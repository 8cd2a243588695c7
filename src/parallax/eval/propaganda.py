"""Persuasion techniques against PTC (SemEval-2020 Task 11): the packaged model's two metrics.

* TC (technique classification): given the gold spans, name each span's technique; micro-F1.
  A span annotated with k techniques is k instances; we predict the span's k most likely
  techniques and count the matches (multiset intersection), so micro-F1 equals accuracy.
* SI (span identification): find the spans; the task's character-overlap F1 (Da San Martino et
  al. 2019): precision averages, over predicted spans, the share of each covered by gold spans;
  recall averages, over gold spans, the share of each covered by predictions. Overlapping spans
  are merged first, on both sides.

Both are computed in :mod:`parallax.training.scores`, which training reports from too.

Only articles the packaged model was not trained on are scored: on PTC's ``train`` folder that
is the 20% of articles held out by a fixed seed. PTC's own dev split is never read here. The
second signal, grouped cross-validation over the training articles, is
``evaluate_propaganda(data, folds=5)``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from parallax.datasets.ptc import read_ptc
from parallax.errors import Code, InputError
from parallax.training.scores import score_techniques

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)


def evaluate_propaganda(data: Path, *, folds: int = 0) -> dict[str, float]:
    """Score the packaged model on the PTC articles (in ``data``) it was not trained on.

    With ``folds`` (two or more), cross-validate instead: fresh models in ``folds`` folds of
    the training articles, grouped by article (:mod:`parallax.training.techniques_cv`; needs
    scikit-learn and sklearn-crfsuite).

    Returns:
        ``tc_micro_f1`` (gold spans given), ``tc_majority`` (every span called Loaded_Language),
        ``si_precision``, ``si_recall``, ``si_f1``, and the ``articles`` and ``spans`` scored.

    Raises:
        InputError: the folder is malformed, or every article was a training article.
    """
    from parallax.models.techniques import load_propaganda_model

    if folds:
        from parallax.training.techniques_cv import cross_validate_propaganda

        return cross_validate_propaganda(data, folds=folds)
    model = load_propaganda_model()
    articles = [a for a in read_ptc(data) if not model.trained_on(a.text)]
    if not articles:
        raise InputError(
            Code.BAD_RECORD,
            "every article was a training article: nothing is held out",
            path=str(data),
        )
    return score_techniques(model, articles)
