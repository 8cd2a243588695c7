"""Persuasion techniques against PTC (SemEval-2020 Task 11): its files and its two metrics.

* TC (technique classification): given the gold spans, name each span's technique; micro-F1.
  A span annotated with k techniques is k instances; we predict the span's k most likely
  techniques and count the matches (multiset intersection), so micro-F1 equals accuracy.
* SI (span identification): find the spans; the task's character-overlap F1 (Da San Martino et
  al. 2019): precision averages, over predicted spans, the share of each covered by gold spans;
  recall averages, over gold spans, the share of each covered by predictions. Overlapping spans
  are merged first, on both sides.

Only articles the packaged model was not trained on are scored: on PTC's ``train`` folder that
is the 20% of articles held out by a fixed seed. PTC's own dev split is never read here.
"""

from __future__ import annotations

import logging
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from parallax.errors import Code, InputError

if TYPE_CHECKING:
    from parallax.compare.propaganda import PropagandaModel

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

VALIDATION_SEED = 13
VALIDATION_FRACTION = 0.2


@dataclass(frozen=True, slots=True)
class PtcArticle:
    """One PTC article with its technique spans ``(start, end, technique)``."""

    id: str
    text: str
    techniques: tuple[tuple[int, int, str], ...]


def read_ptc(data: Path) -> list[PtcArticle]:
    """Return the articles of a PTC folder (``articles/`` and a ``*-TC.labels`` file).

    Raises:
        InputError: the folder lacks articles or labels (P114), or a label line is malformed
            (P115).
    """
    folder = data / "articles"
    labels = sorted(data.glob("*TC.labels"))
    if not folder.is_dir() or not labels:
        raise InputError(
            Code.NOT_FOUND, "expected articles/ and a *-TC.labels file", path=str(data)
        )
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for number, line in enumerate(labels[0].read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split("\t")
        if len(parts) != 4:
            raise InputError(
                Code.BAD_RECORD,
                "expected 4 tab-separated fields",
                path=str(labels[0]),
                record=str(number),
            )
        article, technique, start, end = parts
        spans[article].append((int(start), int(end), technique))
    articles = []
    for path in sorted(folder.glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        text = path.read_text(encoding="utf-8")
        articles.append(PtcArticle(article_id, text, tuple(sorted(spans.get(article_id, ())))))
    return articles


def split_articles(
    ids: Sequence[str], *, seed: int = VALIDATION_SEED, fraction: float = VALIDATION_FRACTION
) -> tuple[list[str], list[str]]:
    """Split article ids into (train, held out) by a fixed seed."""
    shuffled = sorted(ids)
    random.Random(seed).shuffle(shuffled)
    cut = round(fraction * len(shuffled))
    return sorted(shuffled[cut:]), sorted(shuffled[:cut])


def tc_micro_f1(
    gold: Iterable[tuple[str, int, int, str]], predicted: Iterable[tuple[str, int, int, str]]
) -> float:
    """Return TC micro-F1 of ``(article, start, end, technique)`` instances (multisets per span)."""
    gold_by_span: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    predicted_by_span: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    for article, start, end, technique in gold:
        gold_by_span[article, start, end][technique] += 1
    for article, start, end, technique in predicted:
        predicted_by_span[article, start, end][technique] += 1
    correct = sum(
        sum((gold_by_span[key] & predicted_by_span.get(key, Counter())).values())
        for key in gold_by_span
    )
    n_gold = sum(sum(c.values()) for c in gold_by_span.values())
    n_predicted = sum(sum(c.values()) for c in predicted_by_span.values())
    if not correct:
        return 0.0
    precision, recall = correct / n_predicted, correct / n_gold
    return 2 * precision * recall / (precision + recall)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping or touching ``(start, end)`` spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def si_scores(
    gold: dict[str, list[tuple[int, int]]], predicted: dict[str, list[tuple[int, int]]]
) -> tuple[float, float, float]:
    """Return SI (precision, recall, F1) pooled over articles, spans merged first."""
    precision_sum = recall_sum = 0.0
    n_predicted = n_gold = 0
    for article in set(gold) | set(predicted):
        golds = merge_spans(gold.get(article, ()))
        guesses = merge_spans(predicted.get(article, ()))
        n_gold += len(golds)
        n_predicted += len(guesses)
        for s_start, s_end in guesses:
            for t_start, t_end in golds:
                overlap = min(s_end, t_end) - max(s_start, t_start)
                if overlap > 0:
                    precision_sum += overlap / (s_end - s_start)
                    recall_sum += overlap / (t_end - t_start)
    precision = precision_sum / n_predicted if n_predicted else 0.0
    recall = recall_sum / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate_propaganda(data: Path) -> dict[str, float]:
    """Score the packaged model on the PTC articles (in ``data``) it was not trained on.

    Returns:
        ``tc_micro_f1`` (gold spans given), ``tc_majority`` (every span called Loaded_Language),
        ``si_precision``, ``si_recall``, ``si_f1``, and the ``articles`` and ``spans`` scored.

    Raises:
        InputError: the folder is malformed, or every article was a training article.
    """
    from parallax.compare.propaganda import load_propaganda_model

    model = load_propaganda_model()
    articles = [a for a in read_ptc(data) if not model.trained_on(a.text)]
    if not articles:
        raise InputError(
            Code.BAD_RECORD,
            "every article was a training article: nothing is held out",
            path=str(data),
        )
    return evaluate_propaganda_with(model, articles)


def evaluate_propaganda_with(
    model: PropagandaModel, articles: Sequence[PtcArticle]
) -> dict[str, float]:
    """Score ``model`` on ``articles``: TC micro-F1 on gold spans and SI span F1."""
    from parallax.compare.propaganda import classify_spans, detect_spans

    gold: list[tuple[str, int, int, str]] = []
    predicted: list[tuple[str, int, int, str]] = []
    si_gold: dict[str, list[tuple[int, int]]] = {}
    si_predicted: dict[str, list[tuple[int, int]]] = {}
    for article in articles:
        gold.extend((article.id, s, e, t) for s, e, t in article.techniques)
        spans = [(s, e) for s, e, _ in article.techniques]
        labels = classify_spans(article.text, spans, model=model)
        predicted.extend((article.id, s, e, t) for (s, e), t in zip(spans, labels, strict=True))
        si_gold[article.id] = spans
        si_predicted[article.id] = [
            (s.start, s.end) for s in detect_spans(article.text, model=model)
        ]
    precision, recall, f1 = si_scores(si_gold, si_predicted)
    return {
        "tc_micro_f1": tc_micro_f1(gold, predicted),
        "tc_majority": tc_micro_f1(gold, [(a, s, e, "Loaded_Language") for a, s, e, _ in gold]),
        "si_precision": precision,
        "si_recall": recall,
        "si_f1": f1,
        "articles": float(len(articles)),
        "spans": float(len(gold)),
    }
