"""Score Parallax's omission decision on Cherry (:mod:`parallax.datasets.cherry`).

Cherry labels statements that other outlets report as important to the event (leaving one out
is an omission) or not. Parallax's decision, asked of each statement: if an outlet of the
story left this statement out, would the story comparison list it under that outlet's "omits"?

The statements go through the product's own code path, one story per Cherry event: the NLP
stage analyses each statement as the text of its own reporting outlet's article
(:func:`parallax.nlp.pipeline.analyze_texts`; only sentences scoring at least
:data:`parallax.nlp.claims.NEWS_THRESHOLD` become claims), then
:func:`parallax.compare.story.compare_story` compares those articles with one of a target
outlet that reports nothing, all dated on the event's day (``event_id`` starts with it). A
statement counts as an omission when a claim group holding one of its claims is in the target
outlet's "omits" list (:func:`parallax.compare.story.omits`: the importance model of
:mod:`parallax.models.omission`, read against the story's claims, or most outlets reporting
it). The comparison runs as the product runs it: with MiniLM when it is installed (the claim-pair
model's embedded twin, and the importance model read by meaning too), else on TF-IDF alone.

The ``context`` (the target article or its summary) is not read: the label says whether the
statement is important, not whether the context reports it. The upstream train file repeats
the val events; the packaged model is trained without them (:mod:`parallax.training.omission`),
so ``val`` is unseen and ``train`` figures are training-set figures.

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

__all__ = [
    "binary_scores",
    "evaluate_omission",
    "event_day",
    "event_omissions",
    "predict_omissions",
]

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


def event_omissions(
    statements: Sequence[str],
    claims: Sequence[Sequence[Claim]],
    published: date | None,
    *,
    embed: bool | None = None,
) -> list[bool]:
    """Whether the story comparison lists each statement under an outlet that leaves it out.

    Each statement is one outlet's article (``claims[i]`` are its claims as the NLP stage found
    them, offsets into ``statements[i]``); the outlet that leaves them out has an article with
    no claims; all are published on ``published``. ``embed``: use MiniLM (by default when
    installed, as the product does).
    """
    articles = [
        StoryArticle(_article(f"s{i}", text, f"{REPORTER} {i}", published), claims=tuple(claims[i]))
        for i, text in enumerate(statements)
    ]
    articles.append(StoryArticle(_article("target", "", TARGET, published)))
    comparison = compare_story("cherry", articles, embed=embed)
    column = next(outlet for outlet in comparison.outlets if outlet.outlet == TARGET)
    omitted = set(column.omitted)
    flagged = {
        claim.article_id
        for group in comparison.groups
        if group.id in omitted
        for claim in group.claims
    }
    return [f"s{i}" in flagged for i in range(len(statements))]


def predict_omissions(items: Sequence[CherryItem], *, model: str = DEFAULT_MODEL) -> list[bool]:
    """Return Parallax's decision for each item (True: leaving it out is an omission)."""
    nlp = load_pipeline(model)
    rows = [(f"s{i}", item.statement, event_day(item.event_id)) for i, item in enumerate(items)]
    analyses = list(analyze_texts(rows, nlp=nlp))
    by_event: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        by_event.setdefault(item.event_id, []).append(index)
    decisions = [False] * len(items)
    for event, indexes in by_event.items():
        found = event_omissions(
            [items[i].statement for i in indexes],
            [analyses[i].claims for i in indexes],
            event_day(event),
        )
        for i, decision in zip(indexes, found, strict=True):
            decisions[i] = decision
    return decisions


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
