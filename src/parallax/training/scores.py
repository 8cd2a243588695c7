"""The figures a held-out split is scored by, shared by training (validation) and eval.

* FNC-1 (the challenge's ``scorer.py``): +0.25 for a correct unrelated, +0.25 for any related
  label on a related pair, +0.75 more for the exact related label; as a percentage of the best
  possible score. F1 per class beside it.
* PTC (SemEval-2020 Task 11): TC micro-F1 over ``(article, start, end, technique)`` instances
  and SI's character-overlap span F1 (Da San Martino et al. 2019).
* Coreference (ECB+ event chains): MUC, B³, CEAF-e and their mean, the CoNLL F1.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from parallax.datasets.fnc1 import LABELS
from parallax.datasets.ptc import PtcArticle

if TYPE_CHECKING:
    from parallax.models.techniques import PropagandaModel


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Return the FNC-1 score as a percentage of the best possible score."""
    score = best = 0.0
    for truth, guess in zip(gold, predicted, strict=True):
        best += 0.25 if truth == "unrelated" else 1.0
        if truth == guess:
            score += 0.25 if truth == "unrelated" else 1.0
        elif truth != "unrelated" and guess != "unrelated":
            score += 0.25
    return 100.0 * score / best if best else 0.0


def f1_by_class(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = LABELS
) -> dict[str, float]:
    """Return F1 per label (0.0 for a label neither predicted nor present)."""
    scores = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        predicted_n = sum(1 for p in predicted if p == label)
        gold_n = sum(1 for g in gold if g == label)
        scores[label] = 2.0 * tp / (predicted_n + gold_n) if predicted_n + gold_n else 0.0
    return scores


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


def score_techniques(model: PropagandaModel, articles: Sequence[PtcArticle]) -> dict[str, float]:
    """Score ``model`` on ``articles``: TC micro-F1 on gold spans and SI span F1."""
    from parallax.models.techniques import classify_spans, detect_spans

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


def conll_scores(
    key: Sequence[set[object]], response: Sequence[set[object]], *, singletons: bool = False
) -> dict[str, float]:
    """MUC, B³ and CEAF-e F1 (scorch) and CoNLL F1, their mean; singleton clusters are removed
    from key and response unless ``singletons``."""
    from scorch.scores import b_cubed, ceaf_e, muc

    if not singletons:
        key = [c for c in key if len(c) > 1]
        response = [c for c in response if len(c) > 1]
    scores: dict[str, float] = {}
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        recall, precision, f1 = metric(key, response)
        scores |= {f"{name}_recall": recall, f"{name}_precision": precision, f"{name}_f1": f1}
    scores["conll_f1"] = (scores["muc_f1"] + scores["b3_f1"] + scores["ceafe_f1"]) / 3
    return scores
