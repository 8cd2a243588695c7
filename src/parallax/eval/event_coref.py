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
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from parallax.datasets.ecbplus import read_topics
from parallax.models.event_pairs import load_event_pairs
from parallax.training.event_pairs import TopicExamples, cluster_topic, topic_examples
from parallax.training.event_sharing import match_mentions, score_clusters

__all__ = ["evaluate_event_coref", "match_mentions"]


def evaluate_event_coref(
    data: Path,
    *,
    topics: Sequence[int] | None = None,
    mentions: str = "gold",
    model: Path | None = None,
    cache: Path | None = None,
) -> dict[str, float]:
    """Cluster each ECB+ topic's event mentions with the event-pair model and score it.

    Args:
        data: A folder with ``ECB+/<topic>/*.xml`` and ``ECBplus_coreference_sentences.csv``.
        topics: Topic numbers; by default every topic present under ``data``.
        mentions: ``gold`` or ``predicted`` event mentions.
        model: An event-pair model folder (default: the packaged model).
        cache: A ``.npz`` file to keep MiniLM vectors in between runs.
    """
    from parallax.training.event_mentions import EmbeddingCache

    if mentions not in ("gold", "predicted"):
        raise ValueError(f"mentions must be gold or predicted, not {mentions!r}")
    pair_model = load_event_pairs(model)
    read = read_topics(data, topics)
    embeddings = EmbeddingCache(cache)
    predicted_mode = mentions == "predicted"
    examples: list[TopicExamples] = topic_examples(
        read, embeddings, predicted=predicted_mode, lexicon=pair_model.lexicon
    )
    embeddings.save()
    gold_mentions = [m for docs in read.values() for doc in docs for m in doc.mentions]
    threshold = pair_model.predicted_threshold if predicted_mode else pair_model.threshold
    labels = [
        cluster_topic(
            example,
            pair_model.refined(
                example.pairs,
                pair_model.probabilities(example.rows),
                example.mentions.sides,
                predicted=predicted_mode,
            )
            if len(example.rows)
            else np.zeros(0),
            threshold,
            pair_model.document_threshold,
        )
        for example in examples
    ]
    metrics: dict[str, float] = {
        "topics": float(len(read)),
        "documents": float(sum(len(docs) for docs in read.values())),
        "gold_mentions": float(len(gold_mentions)),
        "threshold": threshold,
    }
    return metrics | score_clusters(
        [example.mentions for example in examples], labels, gold_mentions, predicted=predicted_mode
    )
