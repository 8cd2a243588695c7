"""Train the event-pair model (:mod:`parallax.models.event_pairs`) on ECB+ train topics.

Examples: every pair of gold event mentions (validated sentences) within one ECB+ train topic
(every topic under the folder but the dev topics 2, 5, 12, 18, 21, 23, 34, 35; a topic above 35
is refused, the test topics are held out). Two mentions are a positive pair when they are in one
gold chain; the topic's two sub-topics give hard negatives.

The second pass (:data:`~parallax.models.event_pairs.REFINE_FEATURES`) is fitted on the same
pairs, its rows built on the first pass's out-of-fold probabilities (5 folds grouped by topic),
so that it learns from probabilities as uncertain as those it will read in a new story.

The clustering thresholds (on the second pass's out-of-fold probabilities) are chosen by 5-fold
cross-validation grouped by topic: the trees are fitted on four folds, the fifth fold's topics
are clustered (documents into sub-topics at each document threshold, then mentions by average
link at each mention threshold) and the pooled CoNLL F1 (singletons out) over all train topics
picks the pair of thresholds. The figures of that grid are the second signal beside the dev
topics (``parallax eval events``). The same folds' trees score the train topics' *predicted*
mentions (the triggers the parser finds), and the threshold with the best mean of shared and
unique F1 (only-here rate within 0.10 of the gold rate) becomes the model's
``predicted_threshold``: what the product clusters with.

The trigger lexicon written with the model holds the words (lemmas and lower-cased forms) that
are a gold event trigger in at least half of their occurrences in the train topics' validated
sentences, at least twice.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from parallax.compare.event_clusters import (
    Constraints,
    cluster_mentions,
    constrain,
    document_groups,
    document_similarities,
)
from parallax.datasets.ecbplus import (
    DEV_TOPICS,
    EcbDocument,
    EventMention,
    read_topics,
    topics_present,
)
from parallax.models.artefacts import models_dir, save_model
from parallax.models.event_nouns import write_event_nouns
from parallax.models.event_pairs import (
    FEATURES,
    MODEL_NAME,
    PACKAGED,
    REFINE_FEATURES,
    neighbour_features,
)
from parallax.training.boosting import boosting, monotonic_trees
from parallax.training.convert import trees_from_sklearn
from parallax.training.event_mentions import (
    EmbeddingCache,
    TopicMentions,
    read_topic_mentions,
    topic_pairs,
)
from parallax.training.event_nouns import fit_nouns, fold_nouns, noun_data, noun_grid
from parallax.training.event_sharing import score_clusters
from parallax.training.scores import conll_scores
from parallax.training.summary import TrainSummary, file_sizes

logger = logging.getLogger(__name__)

TopicNouns = Callable[[int, Collection[str]], Collection[str]]

LAST_TRAIN_TOPIC = 35
SEED = 15
FOLDS = 5
NEGATIVES = 0.3  # share of negative pairs fitted on
THRESHOLDS = (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
PREDICTED_THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.92, 0.94)
ONLY_HERE_SLACK = 0.1  # how far the only-here rate may stray from the gold rate
DOCUMENT_THRESHOLDS = (-1.0, -0.2, -0.1, -0.05, 0.0)
MONOTONIC = {
    "same_lemma": 1, "same_stem": 1, "lemmas_jaccard": 1, "trigger_embedding": 1,
    "trigger_in_context": 1,
    "context_embedding": 1, "context_share": 1, "document_cosine": 1,
    "agents_share": 1, "patients_share": 1, "places_share": 1, "times_share": 1, "names_share": 1,
    "agents_conflict": -1, "patients_conflict": -1, "places_conflict": -1, "times_conflict": -1,
    "names_conflict": -1,
}  # fmt: skip
REFINE_MONOTONIC = {"probability": 1, "sentence_max": 1, "sentence_mean": 1, "document_density": 1}
BOOSTING = boosting(max_iter=200)


@dataclass(slots=True)
class TopicExamples:
    """One topic's mentions, pairs and feature rows."""

    mentions: TopicMentions
    pairs: list[tuple[int, int]]
    rows: NDArray[np.float64]
    labels: NDArray[np.int64]


def train_topics(folder: Path) -> list[int]:
    """The train topics under ``folder``: 1-35 less the dev topics."""
    return [t for t in topics_present(folder) if t not in DEV_TOPICS and t <= LAST_TRAIN_TOPIC]


def topic_examples(
    read: dict[int, list[EcbDocument]], cache: EmbeddingCache, *, predicted: bool = False,
    lexicon: frozenset[str] = frozenset(), nouns: TopicNouns | None = None,
) -> list[TopicExamples]:  # fmt: skip
    """Read and featurise each topic's mentions and pairs; ``nouns(topic, lemmas)`` picks the
    eventive common nouns of a topic (predicted mentions)."""
    found = []
    for topic, documents in read.items():
        chooser = (lambda lemmas, t=topic: nouns(t, lemmas)) if nouns is not None else None
        mentions = read_topic_mentions(
            topic, documents, predicted=predicted, lexicon=lexicon, nouns=chooser
        )
        pairs, rows = topic_pairs(mentions, cache)
        chains = mentions.chains
        labels = np.asarray(
            [int(bool(chains[i]) and chains[i] == chains[j]) for i, j in pairs], dtype=np.int64
        )
        found.append(TopicExamples(mentions, pairs, rows, labels))
    return found


def trigger_lexicon(read: dict[int, list[EcbDocument]]) -> frozenset[str]:
    """Words that are a gold trigger in at least half of their occurrences, at least twice."""
    triggered: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for documents in read.values():
        for doc in documents:
            inside = {t for m in doc.mentions for t in m.t_ids}
            for sentence in doc.sentences():
                if sentence[0].sentence not in doc.validated:
                    continue
                for token in sentence:
                    word = token.text.lower()
                    seen[word] += 1
                    triggered[word] += token.t_id in inside
    return frozenset(
        w for w, n in triggered.items() if n >= 2 and n / seen[w] >= 0.5 and w.isalpha()
    )


def _fit(
    rows: NDArray[np.float64],
    labels: NDArray[np.int64],
    features: Sequence[str] = FEATURES,
    monotonic: Mapping[str, int] = MONOTONIC,
) -> Any:
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    # Most pairs of a topic are plainly different events: a fixed share of the negatives (same
    # seed every run) teaches the trees as much, in a fraction of the time.
    keep = (labels == 1) | (np.random.default_rng(SEED).random(len(labels)) < NEGATIVES)
    model = monotonic_trees(features, monotonic, BOOSTING, SEED)
    # One thread: on a shared machine OpenMP threads wait on each other (20 times slower).
    with threadpool_limits(1):
        return model.fit(rows[keep], labels[keep])


def cluster_topic(
    example: TopicExamples, scores: NDArray[np.float64], threshold: float, document_threshold: float
) -> list[int]:
    """Cluster one topic's mentions from pair probabilities ``scores``."""
    mentions = example.mentions
    similarities = document_similarities(mentions.document_vectors)
    groups = document_groups(similarities, len(mentions.documents), document_threshold)
    mention_groups = [groups[d] for d in mentions.document_of]
    probabilities = dict(zip(example.pairs, scores.tolist(), strict=True))
    return cluster_mentions(len(mentions.sides), probabilities, mention_groups, threshold)


def conll(key: Sequence[set[object]], response: Sequence[set[object]]) -> dict[str, float]:
    """MUC, B³, CEAF-e F1 (scorch) and their mean, singleton clusters removed."""
    scores = conll_scores(key, response)
    return {name: scores[f"{name}_f1"] for name in ("muc", "b3", "ceafe", "conll")}


def gold_and_response(
    examples: Sequence[TopicExamples], labels: Sequence[Sequence[int]]
) -> tuple[list[set[object]], list[set[object]]]:
    """Gold chains and response clusters (from ``labels``, per topic) as sets of mention keys."""
    key: dict[object, set[object]] = {}
    response: dict[object, set[object]] = {}
    for example, found in zip(examples, labels, strict=True):
        topic = example.mentions.topic
        for index, mention in enumerate(example.mentions.keys):
            key.setdefault(example.mentions.chains[index], set()).add(mention)
            response.setdefault((topic, found[index]), set()).add(mention)
    return list(key.values()), list(response.values())


def grid(
    examples: Sequence[TopicExamples], scores: Sequence[NDArray[np.float64]]
) -> dict[tuple[float, float], dict[str, float]]:
    """CoNLL figures of the clustering at every (mention, document) threshold pair."""
    found = {}
    for document_threshold in DOCUMENT_THRESHOLDS:
        for threshold in THRESHOLDS:
            labels = [
                cluster_topic(example, score, threshold, document_threshold)
                for example, score in zip(examples, scores, strict=True)
            ]
            found[(threshold, document_threshold)] = conll(*gold_and_response(examples, labels))
    return found


def refine_examples(
    examples: Sequence[TopicExamples], scores: Sequence[NDArray[np.float64]]
) -> list[TopicExamples]:
    """The examples with the second pass's rows (:func:`neighbour_features`) built on the
    first pass's probabilities ``scores`` (out of fold, for training)."""
    return [
        replace(e, rows=neighbour_features(e.pairs, s, e.mentions.sides)) if len(e.pairs) else
        replace(e, rows=np.zeros((0, len(REFINE_FEATURES))))
        for e, s in zip(examples, scores, strict=True)
    ]  # fmt: skip


def out_of_fold(
    examples: Sequence[TopicExamples],
    also: Sequence[TopicExamples] = (),
    *,
    refine: bool = False,
) -> list[NDArray[np.float64]]:
    """Each topic's pair probabilities from trees fitted on the other folds (grouped by topic).

    ``also`` (the same topics, in the same order, read another way: predicted mentions) is
    scored by the same fold's trees; its scores follow those of ``examples`` in the result.
    ``refine``: the rows are the second pass's (:data:`REFINE_FEATURES`).
    """
    features, monotonic = (REFINE_FEATURES, REFINE_MONOTONIC) if refine else (FEATURES, MONOTONIC)
    scores: list[NDArray[np.float64]] = [np.zeros(0)] * (len(examples) + len(also))
    for fold in range(FOLDS):
        train = [e for k, e in enumerate(examples) if k % FOLDS != fold]
        rows = np.vstack([e.rows for e in train])
        model = _fit(rows, np.concatenate([e.labels for e in train]), features, monotonic)
        trees = trees_from_sklearn(model, features, ("other", "same"))
        for k, example in enumerate([*examples, *also]):
            topic = k if k < len(examples) else k - len(examples)
            if topic % FOLDS == fold and len(example.rows):
                scores[k] = trees.probabilities(example.rows)[:, 1]
        logger.info("fold %d of %d fitted", fold + 1, FOLDS)
    return scores


def predicted_grid(
    examples: Sequence[TopicExamples],
    scores: Sequence[NDArray[np.float64]],
    gold: Sequence[EventMention],
    document_threshold: float,
) -> dict[float, dict[str, float]]:
    """Shared / unique F1 and only-here rates of predicted mentions at each mention threshold."""
    found = {}
    for threshold in PREDICTED_THRESHOLDS:
        labels = [
            cluster_topic(example, score, threshold, document_threshold)
            for example, score in zip(examples, scores, strict=True)
        ]
        found[threshold] = score_clusters(
            [e.mentions for e in examples], labels, gold, predicted=True
        )
    return found


def _best(figures: dict[tuple[float, float], dict[str, float]]) -> float:
    return max(v["conll"] for v in figures.values())


def _mean_f1(figures: dict[str, float]) -> float:
    return (figures["shared_f1"] + figures["unique_f1"]) / 2


def choose_predicted(figures: dict[float, dict[str, float]], fallback: float) -> float:
    """The threshold with the best mean of shared and unique F1 among those whose only-here
    rate is within :data:`ONLY_HERE_SLACK` of the gold rate (``fallback`` when none is)."""
    allowed = {
        t: (f["shared_f1"] + f["unique_f1"]) / 2
        for t, f in figures.items()
        if abs(f["only_here_rate"] - f["gold_only_here_rate"]) <= ONLY_HERE_SLACK
    }
    return max(allowed, key=lambda t: allowed[t]) if allowed else fallback


def train_event_pairs(
    data: Path, *, out: Path | None = None, cache: Path | None = None
) -> TrainSummary:
    """Fit the event-pair model on the ECB+ train topics; write it to ``out`` (default: the
    packaged model's folder) and return the summary, with the cross-validated grid."""
    began = time.perf_counter()
    topics = train_topics(data)
    read = read_topics(data, topics)
    embeddings = EmbeddingCache(cache)
    examples = topic_examples(read, embeddings)
    lexicon = trigger_lexicon(read)
    # The lexicon is learned on every train topic, so the predicted mentions of a held-out
    # fold are found a little better than a new story's: the only optimism in this CV.
    # Eventive nouns: each fold's topics get the regression fitted without them.
    nouns = noun_data(read)
    order = list(read)
    fold_models = fold_nouns(nouns, order, embeddings, FOLDS)
    noun_figures = noun_grid(nouns, order, fold_models, embeddings, FOLDS)
    noun_threshold = max(noun_figures, key=lambda t: noun_figures[t]["f1"])
    for noun_model in fold_models.values():
        noun_model.threshold = noun_threshold
    predicted = topic_examples(
        read, embeddings, predicted=True, lexicon=lexicon,
        nouns=lambda topic, lemmas: fold_models[topic].eventive(lemmas),
    )  # fmt: skip
    embeddings.save()
    logger.info("%d topics read, %d pairs", len(examples), sum(len(e.pairs) for e in examples))
    first = out_of_fold(examples, predicted)
    # The second pass learns from out-of-fold first-pass probabilities, as it will meet them.
    examples2 = refine_examples(examples, first[: len(examples)])
    predicted2 = refine_examples(predicted, first[len(examples) :])
    second = out_of_fold(examples2, predicted2, refine=True)
    # Each mode (gold mentions, parser-found ones) keeps the second pass only where it beats the
    # first on its own cross-validated figure.
    one_pass, two_pass = (
        grid(examples, first[: len(examples)]),
        grid(examples, second[: len(examples)]),
    )
    refine_gold = bool(_best(two_pass) > _best(one_pass))
    figures = two_pass if refine_gold else one_pass
    best = max(figures, key=lambda k: figures[k]["conll"])
    metrics: dict[str, float] = {
        f"cv_conll_f1_at_{t:.2f}_documents_{d:.2f}": v["conll"] for (t, d), v in figures.items()
    }
    metrics |= {f"cv_best_{name}_f1": value for name, value in figures[best].items()}
    metrics["cv_one_pass_best_conll_f1"] = _best(one_pass)
    metrics["cv_two_pass_best_conll_f1"] = _best(two_pass)
    metrics["threshold"], metrics["document_threshold"] = best
    gold = [m for documents in read.values() for doc in documents for m in doc.mentions]
    sharings = {
        name: predicted_grid(predicted, found[len(examples) :], gold, best[1])
        for name, found in (("one_pass", first), ("two_pass", second))
    }
    for name, sharing in sharings.items():
        for t, v in sharing.items():
            metrics |= {
                f"cv_predicted_{name}_{figure}_at_{t:.2f}": v[figure]
                for figure in ("shared_f1", "unique_f1", "only_here_rate", "conll_f1")
            }
        chosen = choose_predicted(sharing, best[0])
        metrics[f"cv_predicted_{name}_mean_f1"] = (
            _mean_f1(sharing[chosen]) if chosen in sharing else 0.0
        )
    refine_predicted = bool(
        metrics["cv_predicted_two_pass_mean_f1"] > metrics["cv_predicted_one_pass_mean_f1"]
    )
    sharing = sharings["two_pass" if refine_predicted else "one_pass"]
    metrics["cv_predicted_gold_only_here_rate"] = next(iter(sharing.values()))[
        "gold_only_here_rate"
    ]
    metrics["predicted_threshold"] = choose_predicted(sharing, best[0])
    metrics["refine_gold"], metrics["refine_predicted"] = refine_gold, refine_predicted
    for t, v in noun_figures.items():
        metrics |= {f"cv_mentions_{name}_nouns_at_{t:.2f}": value for name, value in v.items()}
    metrics["noun_threshold"] = noun_threshold
    rows = np.vstack([e.rows for e in examples])
    labels = np.concatenate([e.labels for e in examples])
    path = out or models_dir() / PACKAGED
    meta = {
        "name": MODEL_NAME,
        "seed": SEED,
        "boosting": BOOSTING,
        "trained_on": {"ecbplus_topics": topics},
        "threshold": best[0],
        "document_threshold": best[1],
        "predicted_threshold": metrics["predicted_threshold"],
        "refine_gold": refine_gold,
        "refine_predicted": refine_predicted,
        "lexicon": sorted(lexicon),
    }
    fitted = _fit(rows, labels)
    save_model(trees_from_sklearn(fitted, FEATURES, ("other", "same")), path, prefix="model",
               meta=meta)  # fmt: skip
    refit = _fit(np.vstack([e.rows for e in examples2]), labels, REFINE_FEATURES, REFINE_MONOTONIC)
    refine_meta = {"name": MODEL_NAME, "seed": SEED, "boosting": BOOSTING}
    refine_trees = trees_from_sklearn(refit, REFINE_FEATURES, ("other", "same"))
    save_model(refine_trees, path, prefix="refine", meta=refine_meta)
    final_nouns = fit_nouns(nouns, order, embeddings, noun_threshold)
    write_event_nouns(
        path, final_nouns.weights, final_nouns.bias, noun_threshold,
        {"name": MODEL_NAME, "trained_on": {"ecbplus_topics": topics}},
    )  # fmt: skip
    return TrainSummary(
        model=MODEL_NAME,
        path=path,
        seconds=round(time.perf_counter() - began, 1),
        examples=len(labels),
        held_out=0,
        files=file_sizes(path),
        metrics=metrics,
    )


def cluster_example(
    example: TopicExamples,
    scores: NDArray[np.float64],
    threshold: float,
    document_threshold: float,
    constraints: Constraints,
) -> list[int]:
    """Cluster one topic's mentions from pair probabilities ``scores`` as the story comparison
    does: document sub-topics, then average link under ``constraints``."""
    mentions = example.mentions
    similarities = document_similarities(mentions.document_vectors)
    groups = document_groups(similarities, len(mentions.documents), document_threshold)
    probabilities, blocked = constrain(
        dict(zip(example.pairs, scores.tolist(), strict=True)),
        mentions.sides,
        mentions.document_of,
        threshold,
        constraints,
    )
    within = [groups[d] for d in mentions.document_of]
    return cluster_mentions(len(mentions.sides), probabilities, within, threshold, blocked)
