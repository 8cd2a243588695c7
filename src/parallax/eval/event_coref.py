"""Score mention-level event coreference on ECB+ with the event-pair model.

For each topic the event mentions of the validated sentences are read
(:mod:`parallax.training.event_mentions`): the gold mentions (``gold``) or the triggers
:func:`parallax.nlp.events.event_triggers` finds with the model's lexicon (``predicted``). Every
pair of a topic is scored by the event-pair model, documents are grouped into sub-topics by
TF-IDF similarity and mentions clustered by average link (:mod:`parallax.compare.event_clusters`,
the model's thresholds). No gold information reaches the clustering.

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

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from parallax.datasets.ecbplus import read_topics
from parallax.eval.events import conll_scores, shared_unique
from parallax.models.event_pairs import load_event_pairs
from parallax.training.event_mentions import MentionKey
from parallax.training.event_pairs import TopicExamples, cluster_topic, topic_examples

__all__ = ["evaluate_event_coref", "match_mentions"]


def match_mentions(
    gold: dict[MentionKey, frozenset[int]], predicted: dict[MentionKey, frozenset[int]]
) -> dict[MentionKey, MentionKey]:
    """Match predicted to gold mentions of one document set, one to one, by shared tokens
    (largest overlap first); return predicted key → gold key."""
    candidates = sorted(
        (
            (len(p_tokens & g_tokens), p_key, g_key)
            for p_key, p_tokens in predicted.items()
            for g_key, g_tokens in gold.items()
            if p_key[0] == g_key[0] and p_tokens & g_tokens
        ),
        reverse=True,
    )
    matched: dict[MentionKey, MentionKey] = {}
    taken: set[MentionKey] = set()
    for _, p_key, g_key in candidates:
        if p_key not in matched and g_key not in taken:
            matched[p_key] = g_key
            taken.add(g_key)
    return matched


def _detection(
    gold: dict[MentionKey, frozenset[int]],
    predicted: dict[MentionKey, frozenset[int]],
    matched: dict[MentionKey, MentionKey],
) -> dict[str, float]:
    def prf(hits: int, name: str) -> dict[str, float]:
        p = hits / len(predicted) if predicted else 0.0
        r = hits / len(gold) if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f}

    exact = {(key[0], tokens) for key, tokens in gold.items()}
    exact_hits = sum(1 for key, tokens in predicted.items() if (key[0], tokens) in exact)
    return prf(len(matched), "mention") | prf(exact_hits, "mention_exact")


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
    gold_tokens = {(m.doc, m.m_id): frozenset(m.t_ids) for m in gold_mentions}
    response: dict[object, set[object]] = {}
    label: dict[MentionKey, str] = {}
    predicted_tokens: dict[MentionKey, frozenset[int]] = {}
    matched: dict[MentionKey, MentionKey] = {}
    only_here = clustered = 0
    for example in examples:
        found = example.mentions
        scores = pair_model.probabilities(example.rows) if len(example.rows) else np.zeros(0)
        labels = cluster_topic(example, scores, pair_model.threshold, pair_model.document_threshold)
        keys = list(found.keys)
        if predicted_mode:
            mine = dict(zip(keys, found.tokens, strict=True))
            predicted_tokens |= mine
            topic_gold = {k: v for k, v in gold_tokens.items() if k[0] in found.documents}
            matched |= match_mentions(topic_gold, mine)
        documents: dict[int, set[str]] = {}
        for key, cluster in zip(keys, labels, strict=True):
            documents.setdefault(cluster, set()).add(key[0])
        for key, cluster in zip(keys, labels, strict=True):
            spread = "shared" if len(documents[cluster]) > 1 else "unique"
            said = matched.get(key) if predicted_mode else key
            mention: object = said if said is not None else (f"spurious:{key[0]}", key[1])
            response.setdefault((found.topic, cluster), set()).add(mention)
            if said is not None and label.get(said) != "shared":
                label[said] = spread
            clustered += 1
            only_here += spread == "unique"
    gold: dict[str, set[MentionKey]] = {}
    for m in gold_mentions:
        gold.setdefault(m.chain, set()).add((m.doc, m.m_id))
    key_sets: list[set[object]] = [set(c) for c in gold.values()]
    clusters = list(response.values())
    metrics: dict[str, float] = {
        "topics": float(len(read)),
        "documents": float(sum(len(docs) for docs in read.values())),
        "gold_mentions": float(len(gold_mentions)),
        "mentions": float(clustered),
    }
    if predicted_mode:
        metrics |= _detection(gold_tokens, predicted_tokens, matched)
    metrics |= shared_unique(gold_mentions, dict(label))
    docs_of: dict[str, set[str]] = {}
    for m in gold_mentions:
        docs_of.setdefault(m.chain, set()).add(m.doc)
    events = Counter(m.chain for m in gold_mentions)
    unique_mentions = sum(n for chain, n in events.items() if len(docs_of[chain]) == 1)
    metrics["only_here_rate"] = only_here / clustered if clustered else 0.0
    metrics["gold_only_here_rate"] = unique_mentions / len(gold_mentions) if gold_mentions else 0.0
    metrics |= conll_scores(key_sets, clusters)
    metrics["conll_f1_with_singletons"] = conll_scores(key_sets, clusters, singletons=True)[
        "conll_f1"
    ]
    return metrics
