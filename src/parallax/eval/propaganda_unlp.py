"""Manipulation techniques in ru/uk against UNLP 2025 posts (``eval propaganda --format unlp``).

Technique macro-F1, the shared task's metric: F1 of each of the ten techniques over the posts,
averaged; and, when the model folder has the span tagger, token-level span F1
(:mod:`parallax.training.spans_unlp`). Every post under the folder is scored except the model's
own training posts (on the data set's train file that leaves the 20% the trainer held out by
seed; on a held-out split of the same layout, every post). The model is the one in use (the
non-commercial extra, or ``PARALLAX_TECHNIQUES_UNLP_MODEL``) or ``model``. The second signal is
``folds``: fresh models cross-validated over the training posts, folds grouped by channel.
"""

from __future__ import annotations

from pathlib import Path

from parallax.datasets.unlp import read_unlp
from parallax.errors import Code, ConfigError, InputError
from parallax.models.techniques_unlp import NOT_AVAILABLE, load_unlp_model
from parallax.training.spans_unlp import score_spans
from parallax.training.techniques_unlp import score_unlp


def evaluate_unlp(data: Path, *, folds: int = 0, model: Path | None = None) -> dict[str, float]:
    """Score the technique model on the UNLP posts under ``data`` it was not trained on, or
    with ``folds`` (two or more) cross-validate fresh models grouped by channel.

    Raises:
        ConfigError: no model is installed and none is named.
        InputError: the folder is malformed, or every post was a training post.
    """
    if folds:
        from parallax.training.techniques_unlp_cv import cross_validate_unlp

        return cross_validate_unlp(data, folds=folds)
    loaded = load_unlp_model(model)
    if loaded is None:
        raise ConfigError(Code.NOT_FOUND, NOT_AVAILABLE)
    posts = [post for post in read_unlp(data) if not loaded.trained_on(post.text)]
    if not posts:
        raise InputError(
            Code.BAD_RECORD, "every post was a training post: nothing is held out", path=str(data)
        )
    metrics = score_unlp(loaded, posts)
    if loaded.tagger is not None:
        metrics.update(score_spans(loaded.tagger, posts))
    return metrics
