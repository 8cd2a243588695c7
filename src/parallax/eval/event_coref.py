"""Score mention-level event coreference on ECB+ with the event-pair model.

For each topic the event mentions of the validated sentences are read
(:mod:`parallax.training.event_mentions`): the gold mentions (``gold``) or the triggers
:func:`parallax.nlp.events.event_triggers` finds with the model's lexicon (``predicted``). Every
pair of a topic is scored by the event-pair model (both passes), documents are grouped into sub-
topics by TF-IDF similarity and mentions clustered by average link
(:mod:`parallax.compare.event_clusters`, the model's thresholds: its ``predicted_threshold`` for
predicted mentions). No gold information reaches the clustering. The figures are computed by
:func:`parallax.training.event_sharing.score_clusters`, as in training's cross-validation.

Scores: MUC, B³, CEAF-e and CoNLL F1 over all topics at once (singletons out, as Barhom et al.
2019; ``conll_f1_with_singletons`` keeps them). With predicted mentions, a predicted mention
stands for the gold mention its tokens overlap most (one to one, largest overlap first); the
others are spurious mentions; mention detection is scored both by token overlap and by exact
span. Shared / unique: a gold event is called shared when one of its (matched) mentions is in a
cluster spanning two or more documents, unique when its mentions are found but every cluster
holding them spans one document. ``only_here_rate`` is the share of clustered mentions in
one-document clusters; ``gold_only_here_rate`` the share of gold mentions whose event is unique.

``cross_encoder`` (a folder written by ``parallax train event-xenc``,
:mod:`parallax.models.event_xenc`) mixes a fine-tuned MiniLM cross-encoder into the trees'
probabilities: within each document sub-topic, the pairs whose tree probability is above the
artefact's ``floor`` (or whose head lemmas are the same) are read by the cross-encoder and get
``(1 - weight) * trees + weight * cross-encoder``; the other pairs keep the trees' probability.
The weight, floor and mention threshold come from the artefact (chosen on held-out train topics).

``baseline="lemma"`` scores the field's same-head-lemma baseline in the same way: within each
document sub-topic, the mentions whose head lemma is the same form one event (the pair model
is not asked; its document threshold still splits the sub-topics).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from parallax.compare.event_clusters import Constraints
from parallax.models.event_pairs import FEATURES, load_event_pairs
from parallax.models.event_xenc import EventCrossEncoder
from parallax.training.event_pairs import TopicExamples, cluster_example, topic_examples
from parallax.training.event_sharing import match_mentions, score_clusters
from parallax.training.event_xenc import mix_cross_encoder

__all__ = [
    "BASELINES",
    "SWEEP_THRESHOLDS",
    "cluster_example",
    "evaluate_event_coref",
    "lemma_scores",
    "match_mentions",
    "mix_cross_encoder",
]

SWEEP_THRESHOLDS = (0.3, 0.5, 0.7, 0.9)
SWEEP_FIGURES = ("conll_f1", "shared_f1", "unique_f1")
BASELINES = ("lemma",)
LEMMA_THRESHOLD = 0.5  # same-lemma pairs score 1, others 0: average link joins exactly those


def lemma_scores(example: TopicExamples) -> NDArray[np.float64]:
    """The same-head-lemma baseline's pair scores: 1 for two mentions of one head lemma, else 0."""
    if not len(example.rows):
        return np.zeros(0)
    found: NDArray[np.float64] = example.rows[:, FEATURES.index("same_lemma")].astype(np.float64)
    return found


def evaluate_event_coref(
    data: Path,
    *,
    topics: Sequence[int] | None = None,
    mentions: str = "gold",
    model: Path | None = None,
    cache: Path | None = None,
    data_format: str = "ecbplus",
    constraints: Constraints | None = None,
    threshold: float | None = None,
    sweep: bool = False,
    baseline: str | None = None,
    cross_encoder: Path | None = None,
) -> dict[str, float]:
    """Cluster each ECB+ topic's event mentions with the event-pair model and score it.

    Args:
        data: A folder with ``ECB+/<topic>/*.xml`` and ``ECBplus_coreference_sentences.csv``.
        topics: Topic numbers; by default every topic present under ``data``.
        mentions: ``gold`` or ``predicted`` event mentions.
        model: An event-pair model folder (default: the packaged model).
        cache: A ``.npz`` file to keep MiniLM vectors in between runs.
        data_format: ``ecbplus`` or ``meantime`` (:func:`parallax.eval.events.read_events`).
        constraints: The clustering constraints (default: the story comparison's,
            :data:`parallax.compare.event_groups.CONSTRAINTS`).
        threshold: The mention threshold (default: the model's for ``mentions``).
        sweep: Also score every constraint variant of
            :data:`parallax.eval.event_thresholds.VARIANTS` at :data:`SWEEP_THRESHOLDS`
            (``<variant>_at_<threshold>_conll_f1`` …), the pairs scored once.
        baseline: ``lemma``: cluster by same head lemma instead of the pair model (see the
            module doc); ``threshold`` and ``sweep`` do not apply.
        cross_encoder: An event cross-encoder folder to mix into the trees' probabilities
            (gold mentions only; see the module doc); its threshold is the default one.
    """
    from parallax.compare.event_groups import CONSTRAINTS
    from parallax.eval.events import read_events
    from parallax.training.event_mentions import EmbeddingCache

    if mentions not in ("gold", "predicted"):
        raise ValueError(f"mentions must be gold or predicted, not {mentions!r}")
    if baseline is not None and baseline not in BASELINES:
        raise ValueError(f"baseline must be one of {', '.join(BASELINES)}, not {baseline!r}")
    if cross_encoder is not None and (baseline is not None or mentions != "gold"):
        raise ValueError("the cross-encoder applies to the event-pair model on gold mentions")
    pair_model = load_event_pairs(model)
    encoder = EventCrossEncoder(cross_encoder) if cross_encoder is not None else None
    read = read_events(data, topics, data_format)
    embeddings = EmbeddingCache(cache)
    predicted_mode = mentions == "predicted"
    examples: list[TopicExamples] = topic_examples(
        read,
        embeddings,
        predicted=predicted_mode,
        lexicon=pair_model.lexicon,
        nouns=lambda _topic, lemmas: pair_model.eventive_nouns(lemmas),
    )
    embeddings.save()
    gold_mentions = [m for docs in read.values() for doc in docs for m in doc.mentions]
    if baseline is not None:
        threshold, sweep = LEMMA_THRESHOLD, False
    elif threshold is None and encoder is not None:
        threshold = encoder.threshold
    elif threshold is None:
        threshold = pair_model.predicted_threshold if predicted_mode else pair_model.threshold
    if baseline is not None:
        scores = [lemma_scores(example) for example in examples]
    else:
        scores = [
            pair_model.refined(
                example.pairs,
                pair_model.probabilities(example.rows),
                example.mentions.sides,
                predicted=predicted_mode,
            )
            if len(example.rows)
            else np.zeros(0)
            for example in examples
        ]
    read_pairs = 0
    if encoder is not None:
        for k, example in enumerate(examples):
            scores[k], count = mix_cross_encoder(
                example, scores[k], encoder, pair_model.document_threshold
            )
            read_pairs += count

    def scored(cut: float, chosen: Constraints) -> dict[str, float]:
        labels = [
            cluster_example(example, score, cut, pair_model.document_threshold, chosen)
            for example, score in zip(examples, scores, strict=True)
        ]
        return score_clusters(
            [e.mentions for e in examples], labels, gold_mentions, predicted=predicted_mode
        )

    metrics: dict[str, float] = {
        "topics": float(len(read)),
        "documents": float(sum(len(docs) for docs in read.values())),
        "gold_mentions": float(len(gold_mentions)),
        "threshold": threshold,
    }
    if encoder is not None:
        metrics["cross_encoder_pairs"] = float(read_pairs)
    metrics |= scored(threshold, CONSTRAINTS if constraints is None else constraints)
    if sweep:
        from parallax.eval.event_thresholds import VARIANTS

        for name, variant in VARIANTS.items():
            for cut in SWEEP_THRESHOLDS:
                found = scored(cut, variant)
                for key in SWEEP_FIGURES:
                    metrics[f"{name}_at_{cut:.2f}_{key}"] = found[key]
    return metrics
