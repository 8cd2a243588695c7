"""Score time-expression extraction and normalisation the way TempEval-3 does.

Gold time expressions come from MEANTIME's CAT XML and inline TimeML files under ``data_dir``
(:mod:`parallax.datasets.timeml`); predictions after a MEANTIME document's annotated sentences
(``scored_until``) are not scored.

Scores (TempEval-3, UzZaman et al. 2013): ``strict_*`` counts a prediction correct when its span
equals a gold span, ``relaxed_*`` when it overlaps one (matched one to one, largest overlap
first); ``value_*`` and ``type_*`` count relaxed matches whose attribute also agrees, over all
predictions (precision) and all gold expressions (recall).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from parallax.datasets.timeml import GoldTimex, read_timeml
from parallax.nlp.pipeline import analyze_texts, load_pipeline

logger = logging.getLogger(__name__)

__all__ = ["evaluate_dates", "score_timexes"]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _prf(correct: int, gold: int, predicted: int, name: str) -> dict[str, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {f"{name}_p": precision, f"{name}_r": recall, f"{name}_f1": f1}


def score_timexes(
    pairs: Iterable[tuple[tuple[GoldTimex, ...], list[tuple[int, int, str, str | None]]]],
) -> dict[str, float]:
    """Score ``(gold, predicted)`` per document; a prediction is ``(start, end, type, value)``."""
    gold_count = predicted_count = strict = relaxed = value = kind = 0
    for gold, predicted in pairs:
        gold_count += len(gold)
        predicted_count += len(predicted)
        spans = {(g.start, g.end) for g in gold}
        strict += sum((p[0], p[1]) in spans for p in set(predicted))
        candidates = sorted(
            (-_overlap((g.start, g.end), (p[0], p[1])), i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(predicted)
            if _overlap((g.start, g.end), (p[0], p[1])) > 0
        )
        used_gold: set[int] = set()
        used_pred: set[int] = set()
        for _, i, j in candidates:
            if i in used_gold or j in used_pred:
                continue
            used_gold.add(i)
            used_pred.add(j)
            relaxed += 1
            value += predicted[j][3] == gold[i].value
            kind += predicted[j][2] == gold[i].type
    result = {"gold": float(gold_count), "predicted": float(predicted_count)}
    result |= _prf(strict, gold_count, predicted_count, "strict")
    result |= _prf(relaxed, gold_count, predicted_count, "relaxed")
    result |= _prf(value, gold_count, predicted_count, "value")
    result |= _prf(kind, gold_count, predicted_count, "type")
    return result


def evaluate_dates(data_dir: Path) -> dict[str, float]:
    """Run the date extractor over TimeML/CAT files under ``data_dir`` and score it."""
    documents = list(read_timeml(data_dir))
    analyses = analyze_texts(
        ((d.name, d.text, d.published) for d in documents), nlp=load_pipeline()
    )
    pairs = [
        (
            document.timexes,
            [
                (t.start, t.end, t.type, t.value)
                for t in analysis.dates
                if document.scored_until is None or t.start < document.scored_until
            ],
        )
        for document, analysis in zip(documents, analyses, strict=True)
    ]
    scores = score_timexes(pairs)
    scores["documents"] = float(len(documents))
    logger.info("TimeML %s: %s", data_dir, scores)
    return scores
