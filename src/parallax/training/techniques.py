"""Train the persuasion-technique models on PTC's training articles, 20% of them held out."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from parallax.datasets.ptc import PtcArticle, read_ptc
from parallax.models.artefacts import LinearModel, models_dir, save_model, text_key
from parallax.models.techniques import (
    MODEL_NAME,
    PropagandaModel,
    detect_spans,
    load_propaganda_model,
)
from parallax.models.techniques_features import span_features, word_rows
from parallax.training.convert import linear_from_sklearn, sparse_rows
from parallax.training.scores import score_techniques, si_scores
from parallax.training.split import VALIDATION_SEED, held_out_split
from parallax.training.summary import TrainSummary

logger = logging.getLogger(__name__)


CLASSIFIER_C = 1.0
TAGGER_C = 0.5
MIN_COUNT = 2
THRESHOLDS = tuple(round(0.1 + 0.05 * i, 2) for i in range(11))  # 0.10 … 0.60


def _vocabulary(rows: Sequence[dict[str, float]], minimum: int) -> list[str]:
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(row)
    return sorted(name for name, n in counts.items() if n >= minimum or name.startswith("x:"))


def fit_classifier(articles: Sequence[PtcArticle], *, seed: int) -> LinearModel:
    """Fit the span classifier (TC) on every gold technique span of ``articles``."""
    from sklearn.linear_model import LogisticRegression

    rows = [span_features(a.text, s, e) for a in articles for s, e, _ in a.techniques]
    labels = [t for a in articles for _, _, t in a.techniques]
    names = _vocabulary(rows, MIN_COUNT)
    model = LogisticRegression(C=CLASSIFIER_C, max_iter=5000, random_state=seed)
    model.fit(sparse_rows(rows, names), labels)
    return linear_from_sklearn(model, names, [str(c) for c in model.classes_])


def _tagged_words(article: PtcArticle) -> tuple[list[dict[str, float]], list[int]]:
    rows, labels = [], []
    for start, end, row in word_rows(article.text):
        rows.append(row)
        labels.append(int(any(s < end and start < e for s, e, _ in article.techniques)))
    return rows, labels


def fit_tagger(articles: Sequence[PtcArticle], *, seed: int) -> LinearModel:
    """Fit the word tagger (SI): is each word inside some technique span?"""
    from sklearn.linear_model import LogisticRegression

    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for article in articles:
        article_rows, article_labels = _tagged_words(article)
        rows += article_rows
        labels += article_labels
    names = _vocabulary(rows, MIN_COUNT)
    model = LogisticRegression(C=TAGGER_C, max_iter=5000, random_state=seed)
    model.fit(sparse_rows(rows, names), labels)
    return linear_from_sklearn(model, names, ("technique",))


def _best_threshold(
    classifier: LinearModel, tagger: LinearModel, articles: Sequence[PtcArticle]
) -> tuple[float, float]:
    gold = {a.id: [(s, e) for s, e, _ in a.techniques] for a in articles}
    best = (0.5, -1.0)
    for threshold in THRESHOLDS:
        model = PropagandaModel(classifier, tagger, threshold)
        found = {
            a.id: [(s.start, s.end) for s in detect_spans(a.text, model=model)] for a in articles
        }
        f1 = si_scores(gold, found)[2]
        if f1 > best[1]:
            best = (threshold, f1)
    return best


def train_propaganda(
    data: Path, *, out: Path | None = None, seed: int = VALIDATION_SEED
) -> TrainSummary:
    """Train on the PTC ``train`` folder ``data``, holding out 20% of its articles (``seed``).

    The tagger's threshold is chosen on a further 20% of the training articles (never on the
    held-out ones), then both models are refitted on all training articles.
    """
    started = time.perf_counter()
    out = out or models_dir() / "propaganda"
    articles = read_ptc(data)
    train_ids, held_ids = held_out_split([a.id for a in articles], seed=seed)
    training = [a for a in articles if a.id in set(train_ids)]
    inner_fit, inner_dev = held_out_split(train_ids, seed=seed + 1)
    fit_part = [a for a in training if a.id in set(inner_fit)]
    dev_part = [a for a in training if a.id in set(inner_dev)]
    threshold, inner_f1 = _best_threshold(
        fit_classifier(fit_part, seed=seed), fit_tagger(fit_part, seed=seed), dev_part
    )
    logger.info("propaganda: threshold %.2f (inner SI F1 %.3f)", threshold, inner_f1)
    classifier = fit_classifier(training, seed=seed)
    tagger = fit_tagger(training, seed=seed)
    meta = {
        "model": MODEL_NAME,
        "trained_on": "PTC (SemEval-2020 Task 11) train articles, 80% by seed",
        "seed": seed,
        "held_out_articles": held_ids,
        "train_articles": sorted(text_key(a.text) for a in training),
    }
    save_model(classifier, out, prefix="classifier", meta=meta)
    save_model(tagger, out, prefix="tagger", meta={"threshold": threshold, "inner_si_f1": inner_f1})
    seconds = time.perf_counter() - started
    held_out = [a for a in articles if a.id in set(held_ids)]
    metrics = score_techniques(load_propaganda_model(out), held_out)
    return TrainSummary.written(
        MODEL_NAME,
        out,
        seconds=seconds,
        examples=sum(len(a.techniques) for a in training),
        held_out=len(held_out),
        metrics=metrics,
    )
