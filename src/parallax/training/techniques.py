"""Train the persuasion-technique models on PTC's training articles, 20% of them held out."""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from parallax.datasets.ptc import PtcArticle, read_ptc
from parallax.models.artefacts import LinearModel, models_dir, save_model, text_key
from parallax.models.techniques import (
    INSIDE,
    MODEL_NAME,
    TAGGER_FILE,
    load_propaganda_model,
    span_rows,
)
from parallax.models.techniques_features import sentence_rows
from parallax.training.convert import linear_from_sklearn, sparse_rows
from parallax.training.crf import fit_crf
from parallax.training.scores import score_techniques
from parallax.training.split import VALIDATION_SEED, held_out_split
from parallax.training.summary import TrainSummary

logger = logging.getLogger(__name__)


CLASSIFIER_C = 1.0
MIN_COUNT = 2
# L1 weight and minimum feature count keep the tagger file under 2 MB (c1 0.1 and every
# feature: 6.2 MB for SI F1 0.336 on the held-out articles; these settings: 1.8 MB for 0.322)
CRF_C1 = 0.5
CRF_C2 = 0.05
CRF_MIN_FREQ = 3
CRF_ITERATIONS = 100
THRESHOLD = 0.2  # marginal P(inside) marking a word; chosen on the held-out articles' SI F1


def _vocabulary(rows: Sequence[dict[str, float]], minimum: int) -> list[str]:
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(row)
    return sorted(
        name for name, n in counts.items() if n >= minimum or name.startswith(("x:", "e:"))
    )


def fit_classifier(articles: Sequence[PtcArticle], *, seed: int) -> LinearModel:
    """Fit the span classifier (TC) on every gold technique span of ``articles``."""
    from sklearn.linear_model import LogisticRegression

    rows = [
        row for a in articles for row in span_rows(a.text, [(s, e) for s, e, _ in a.techniques])
    ]
    labels = [t for a in articles for _, _, t in a.techniques]
    names = _vocabulary(rows, MIN_COUNT)
    model = LogisticRegression(C=CLASSIFIER_C, max_iter=5000, random_state=seed)
    model.fit(sparse_rows(rows, names), labels)
    return linear_from_sklearn(model, names, [str(c) for c in model.classes_])


def _tagged_sentences(
    article: PtcArticle,
) -> Iterator[tuple[list[dict[str, float]], list[str]]]:
    for sentence in sentence_rows(article.text):
        labels = [
            INSIDE if any(s < end and start < e for s, e, _ in article.techniques) else "O"
            for start, end, _ in sentence
        ]
        yield [row for _, _, row in sentence], labels


def fit_tagger(articles: Sequence[PtcArticle], path: Path) -> None:
    """Fit the CRF word tagger (SI) on ``articles`` and write its CRFsuite file to ``path``."""
    sequences = [pair for article in articles for pair in _tagged_sentences(article)]
    fit_crf(sequences, path, c1=CRF_C1, c2=CRF_C2, min_freq=CRF_MIN_FREQ, iterations=CRF_ITERATIONS)


def fit_models(
    articles: Sequence[PtcArticle], out: Path, meta: dict[str, Any], *, seed: int
) -> None:
    """Fit both models on ``articles`` and write them (with ``meta``) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "tagger.npz").unlink(missing_ok=True)  # the linear tagger of v1
    fit_tagger(articles, out / TAGGER_FILE)
    (out / "tagger.json").write_text(
        json.dumps(
            {
                "model": MODEL_NAME,
                "threshold": THRESHOLD,
                "c1": CRF_C1,
                "c2": CRF_C2,
                "min_freq": CRF_MIN_FREQ,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    save_model(fit_classifier(articles, seed=seed), out, prefix="classifier", meta=meta)


def train_propaganda(
    data: Path, *, out: Path | None = None, seed: int = VALIDATION_SEED
) -> TrainSummary:
    """Train on the PTC ``train`` folder ``data``, holding out 20% of its articles (``seed``).

    The tagger's threshold (:data:`THRESHOLD`) was chosen on the held-out articles' SI F1;
    ``parallax eval propaganda --folds`` gives the grouped cross-validated figure beside it.
    """
    started = time.perf_counter()
    out = out or models_dir() / "propaganda"
    articles = read_ptc(data)
    train_ids, held_ids = held_out_split([a.id for a in articles], seed=seed)
    training = [a for a in articles if a.id in set(train_ids)]
    meta = {
        "model": MODEL_NAME,
        "trained_on": "PTC (SemEval-2020 Task 11) train articles, 80% by seed",
        "seed": seed,
        "held_out_articles": held_ids,
        "train_articles": sorted(text_key(a.text) for a in training),
    }
    fit_models(training, out, meta, seed=seed)
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
