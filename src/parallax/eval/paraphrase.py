"""The story comparison's "same claim?" decision on MRPC sentence pairs.

Each sentence is analysed by the NLP pipeline as a one-sentence article (entities, dates, and the
quantities of the claims the claim extractor keeps) and read as one claim spanning the whole
sentence, kept or not by the check-worthiness filter (``claims_kept`` is the share it keeps;
sentences it drops carry no quantities). The pair is then decided by
:func:`parallax.compare.pairs.compare_claims`: the product's similarity, thresholds, conflict
rules and grouping rule, with the IDF learned over the two sentences (a story of two one-sentence
articles). Entities are each sentence's own canonical names: no corpus-level entity merging.

Positive = paraphrase = one claim group. Besides the product threshold, the threshold that
maximises F1 (and the one that maximises accuracy) is chosen by 5-fold cross-validation on the
given file, folds grouped so that no sentence id is on both sides of a split; the pooled
out-of-fold figures are reported. This measures; it changes no product threshold.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import DisjointSet

from parallax.compare.align import SAME, ClaimView, claim_view
from parallax.compare.conflicts import find_conflict
from parallax.compare.pairs import compare_claims
from parallax.datasets.mrpc import read_mrpc
from parallax.model import Article, ArticleAnalysis, Claim

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

FOLDS = 5
KINDS = ("numbers", "dates", "negation", "actors", "cause")  # of parallax.compare.conflicts
SEED = 15


@dataclass(frozen=True, slots=True)
class AnalysedText:
    """One text read as an article, with what the NLP pipeline found in it."""

    article: Article
    analysis: ArticleAnalysis

    def view(self, start: int = 0, end: int | None = None) -> ClaimView:
        """Return the claim view of ``text[start:end]`` (the whole text by default)."""
        end = len(self.article.text) if end is None else end
        quantities = tuple(
            q
            for claim in self.analysis.claims
            for q in claim.quantities
            if start <= q.start and q.end <= end
        )
        claim = Claim(
            self.article.id, start, end, self.article.text[start:end], 1.0, "eval", quantities
        )
        return claim_view(self.article, claim, self.analysis.mentions, self.analysis.dates)


def analyse_texts(texts: Sequence[str]) -> dict[str, AnalysedText]:
    """Run the NLP pipeline over each distinct text, each as its own article (outlet = its id)."""
    from parallax.nlp.pipeline import analyze_texts, load_pipeline

    distinct = list(dict.fromkeys(texts))
    ids = {text: f"t{number}" for number, text in enumerate(distinct)}
    nlp = load_pipeline()
    found: dict[str, AnalysedText] = {}
    items = ((ids[text], text, None) for text in distinct)
    for text, analysis in zip(distinct, analyze_texts(items, nlp=nlp), strict=True):
        article = Article(
            id=ids[text],
            source="eval",
            format="text",
            text=text,
            raw_text=text,
            segments=(),
            removals=(),
            content_hash=ids[text],
            outlet=ids[text],
        )
        found[text] = AnalysedText(article, analysis)
    return found


def scores_at(gold: Sequence[bool], predicted: Sequence[bool]) -> dict[str, float]:
    """Return accuracy, precision, recall and F1 of the positive class."""
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "accuracy": correct / len(gold) if gold else 0.0,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def grouped_folds(pairs: Sequence[tuple[str, str]], folds: int = FOLDS) -> list[int]:
    """Return a fold number per pair so that pairs sharing a sentence id share a fold.

    Pairs are joined into components through shared ids; components are shuffled (fixed seed)
    and each goes to the fold with the fewest pairs so far.
    """
    linked: DisjointSet[str] = DisjointSet(key for pair in pairs for key in pair)
    for first, second in pairs:
        linked.merge(first, second)
    members: dict[str, list[int]] = {}
    for number, (first, _) in enumerate(pairs):
        members.setdefault(linked[first], []).append(number)
    components = sorted(members.values())
    random.Random(SEED).shuffle(components)
    sizes = [0] * folds
    fold_of = [0] * len(pairs)
    for component in components:
        fold = sizes.index(min(sizes))
        for number in component:
            fold_of[number] = fold
        sizes[fold] += len(component)
    return fold_of


def best_threshold(
    scores: Sequence[float],
    blocked: Sequence[bool],
    gold: Sequence[bool],
    metric: str,
) -> float:
    """Return the threshold on ``scores`` that maximises ``metric`` (pairs in ``blocked`` are
    never positive); the lowest such threshold among equals."""
    s = np.asarray(scores, dtype=np.float64)
    eligible = ~np.asarray(blocked, dtype=bool)
    g = np.asarray(gold, dtype=bool)
    if not len(s):
        return 0.0
    candidates = np.unique(s)  # ascending
    # Positives at threshold t: eligible pairs scoring at least t. Count them per candidate.
    order = np.sort(s[eligible])
    true_scores = np.sort(s[eligible & g])
    predicted = len(order) - np.searchsorted(order, candidates, side="left")
    tp = len(true_scores) - np.searchsorted(true_scores, candidates, side="left")
    fp = predicted - tp
    fn = g.sum() - tp
    tn = len(s) - tp - fp - fn
    if metric == "accuracy":
        values = (tp + tn) / len(s)
    else:
        values = np.divide(2 * tp, 2 * tp + fp + fn, out=np.zeros(len(candidates)), where=tp > 0)
    return float(candidates[int(np.argmax(values))])


def cross_validate(
    scores: Sequence[float],
    blocked: Sequence[bool],
    gold: Sequence[bool],
    fold_of: Sequence[int],
    metric: str,
) -> dict[str, float]:
    """Choose a threshold on the other folds for each fold; return the pooled out-of-fold
    ``accuracy``, ``precision``, ``recall``, ``f1`` and the mean ``threshold``."""
    predicted = [False] * len(gold)
    thresholds = []
    for fold in sorted(set(fold_of)):
        train = [i for i, f in enumerate(fold_of) if f != fold]
        threshold = best_threshold(
            [scores[i] for i in train],
            [blocked[i] for i in train],
            [gold[i] for i in train],
            metric,
        )
        thresholds.append(threshold)
        for i, f in enumerate(fold_of):
            if f == fold:
                predicted[i] = scores[i] >= threshold and not blocked[i]
    return {**scores_at(gold, predicted), "threshold": float(np.mean(thresholds))}


def evaluate_paraphrase(
    folder: Path,
    *,
    embed: bool | None = None,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, float]:
    """Score the comparison's same-claim decision on the MRPC files of ``folder``.

    Args:
        folder: A folder holding ``msr_paraphrase_*.txt`` (e.g. only the training file).
        embed: Use MiniLM embeddings; by default when the embeddings extra is installed.
        limit: Score only the first ``limit`` pairs (a documented subset).
        progress: Called with (pairs done, pairs in all).

    Returns:
        ``accuracy``, ``f1``, ``precision``, ``recall`` (positive = paraphrase) at the product
        threshold; ``threshold``, ``embedded``; ``contradictions`` (pairs a conflict rule calls
        contradictory), ``contradictions_on_paraphrases`` and ``contradictions_<kind>``;
        ``claims_kept``; the same four scores as ``cv_f1_*`` (threshold chosen for F1) and
        ``cv_accuracy_*`` (for accuracy) by grouped 5-fold cross-validation, with their mean
        ``*_threshold``; ``pairs`` and ``positives``.
    """
    pairs = read_mrpc(folder)[:limit] if limit else read_mrpc(folder)
    analysed = analyse_texts([text for pair in pairs for text in (pair.first, pair.second)])
    gold = [pair.paraphrase for pair in pairs]
    scores: list[float] = []
    predicted: list[bool] = []
    conflicts: list[bool] = []  # a conflict rule fires (at any similarity)
    labels: list[str] = []
    kinds: list[str] = []  # the conflict kind of each pair called a contradiction
    embedded = False
    for number, pair in enumerate(pairs):
        first, second = analysed[pair.first].view(), analysed[pair.second].view()
        decision = compare_claims(first, second, embed=embed)
        embedded = decision.embedded
        scores.append(decision.score)
        predicted.append(decision.same)
        labels.append(decision.label)
        if decision.conflict is not None:
            kinds.append(decision.conflict.kind)
        conflicts.append(find_conflict(first, second) is not None)
        if progress is not None:
            progress(number + 1, len(pairs))
    result = scores_at(gold, predicted)
    result["threshold"] = SAME[embedded]
    result["embedded"] = float(embedded)
    result["contradictions"] = labels.count("contradiction")
    result["contradictions_on_paraphrases"] = sum(
        label == "contradiction" and g for label, g in zip(labels, gold, strict=True)
    )
    for kind in KINDS:
        result[f"contradictions_{kind}"] = kinds.count(kind)
    kept = [bool(item.analysis.claims) for item in analysed.values()]
    result["claims_kept"] = sum(kept) / len(kept) if kept else 0.0
    fold_of = grouped_folds([(pair.first_id, pair.second_id) for pair in pairs])
    for metric in ("f1", "accuracy"):
        for name, value in cross_validate(scores, conflicts, gold, fold_of, metric).items():
            result[f"cv_{metric}_{name}"] = value
    result["pairs"] = len(pairs)
    result["positives"] = sum(gold)
    return result
