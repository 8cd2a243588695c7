"""Score Parallax's omission decision on Cherry (:mod:`parallax.datasets.cherry`).

Cherry labels statements that other outlets report as important to the event (leaving one out
is an omission) or not. Parallax's decision today, asked of each statement: if an outlet of the
story left this statement out, would the story comparison list it under that outlet's "omits"?

The statement goes through the product's own code path: the NLP stage analyses it as the text
of a reporting outlet's article (:func:`parallax.nlp.pipeline.analyze_texts`; only sentences
scoring at least :data:`parallax.nlp.claims.NEWS_THRESHOLD` become claims), then
:func:`parallax.compare.story.compare_story` compares that article with one of a second outlet
that reports nothing, both dated on the event's day (``event_id`` starts with it), and the
statement counts as an omission when the second outlet's column omits any group
(:func:`parallax.compare.story.omits`). The similarity is the TF-IDF one (``embed=False``):
grouping a statement's own sentences cannot change whether a group exists, only how many.

The ``context`` (the target article or its summary) is not read: the label says whether the
statement is important, not whether the context reports it.

Positive is "omission" (important). Per split present in the folder (``val``, ``train`` …):
precision, recall, F1, accuracy, the F1 of calling every statement an omission (the floor a
decision must beat), and counts.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from parallax.compare.story import StoryArticle, compare_story
from parallax.datasets.cherry import CherryItem, read_cherry
from parallax.model import Article, Claim
from parallax.nlp.pipeline import DEFAULT_MODEL, analyze_texts, load_pipeline

logger = logging.getLogger(__name__)

__all__ = ["binary_scores", "evaluate_omission", "event_day", "predict_omissions", "would_omit"]

REPORTER = "reporting outlet"
TARGET = "target outlet"


def event_day(event_id: str) -> date | None:
    """Return the day a Cherry ``event_id`` (``2020_10_22_1``) starts with, else None."""
    parts = event_id.split("_")
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except (ValueError, IndexError):
        return None


def _article(article_id: str, text: str, outlet: str, published: date | None) -> Article:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    return Article(
        id=article_id, source="cherry", format="text", text=text, raw_text=text, segments=(),
        removals=(), content_hash=digest, published=published, outlet=outlet,
    )  # fmt: skip


def would_omit(statement: str, claims: Sequence[Claim], published: date | None) -> bool:
    """Whether the story comparison lists ``statement`` under an outlet that leaves it out.

    ``claims`` are the statement's claims as the NLP stage found them (offsets into
    ``statement``); the statement is one outlet's article, the outlet that leaves it out has an
    article with no claims, both published on ``published``.
    """
    reporter = StoryArticle(
        _article("reporter", statement, REPORTER, published), claims=tuple(claims)
    )
    target = StoryArticle(_article("target", "", TARGET, published))
    comparison = compare_story("cherry", [reporter, target], embed=False)
    column = next(outlet for outlet in comparison.outlets if outlet.outlet == TARGET)
    return bool(column.omitted)


def predict_omissions(items: Sequence[CherryItem], *, model: str = DEFAULT_MODEL) -> list[bool]:
    """Return Parallax's decision for each item (True: leaving it out is an omission)."""
    nlp = load_pipeline(model)
    rows = [(f"s{i}", item.statement, event_day(item.event_id)) for i, item in enumerate(items)]
    analyses = analyze_texts(rows, nlp=nlp)
    return [
        would_omit(item.statement, analysis.claims, event_day(item.event_id))
        for item, analysis in zip(items, analyses, strict=True)
    ]


def binary_scores(gold: Sequence[bool], predicted: Sequence[bool]) -> dict[str, float]:
    """Precision, recall, F1 (positive = True) and accuracy, with counts."""
    pairs = list(zip(gold, predicted, strict=True))
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": accuracy,
        "items": float(len(pairs)),
        "positives": float(tp + fn),
        "predicted_positives": float(tp + fp),
    }


def evaluate_omission(data: Path, *, model: str = DEFAULT_MODEL) -> dict[str, float]:
    """Score the omission decision on every Cherry split present in ``data``.

    Returns ``<split>_<metric>`` for each split: precision, recall, f1, accuracy,
    all_positive_f1 (every statement called an omission), items, positives,
    predicted_positives.
    """
    result: dict[str, float] = {}
    for split, items in read_cherry(data).items():
        gold = [item.important for item in items]
        scores = binary_scores(gold, predict_omissions(items, model=model))
        scores["all_positive_f1"] = binary_scores(gold, [True] * len(gold))["f1"]
        logger.info("Cherry %s: %s", split, scores)
        order = ("precision", "recall", "f1", "accuracy", "all_positive_f1")
        for name in (*order, "items", "positives", "predicted_positives"):
            result[f"{split}_{name}"] = scores[name]
    return result
