"""Score a clustering of ECB+ event mentions: coreference and which events are shared.

Shared by the scoring command (:mod:`parallax.eval.event_coref`) and by training
(:mod:`parallax.training.event_pairs`), which picks the threshold for predicted mentions with
these same figures over out-of-fold probabilities of the train topics, so that the
cross-validated figure and the dev figure are measured alike.

With predicted mentions, a predicted mention stands for the gold mention its tokens overlap most
(one to one, largest overlap first); the others are spurious mentions. A gold event is called
shared when one of its (matched) mentions is in a cluster spanning two or more documents, unique
when its mentions are found but every cluster holding them spans one document.
``only_here_rate`` is the share of clustered mentions in one-document clusters;
``gold_only_here_rate`` the share of gold mentions whose event is unique.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from parallax.datasets.ecbplus import EventMention
from parallax.training.event_mentions import MentionKey, TopicMentions
from parallax.training.scores import conll_scores

__all__ = ["match_mentions", "score_clusters", "shared_unique"]


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


def shared_unique(
    mentions: Iterable[EventMention], predicted: dict[MentionKey, str | None]
) -> dict[str, float]:
    """Precision, recall and F1 of "shared" and "unique" over gold events.

    Args:
        mentions: The gold event mentions (their ``chain`` is the event).
        predicted: For each mention ``(doc, m_id)``: ``"shared"`` when the claim covering it is
            in a group of two or more outlets, ``"unique"`` when that group has one outlet, and
            None (or absent) when no claim covers it.
    """
    docs: dict[str, set[str]] = {}
    labels: dict[str, set[str]] = {}
    for mention in mentions:
        docs.setdefault(mention.chain, set()).add(mention.doc)
        label = predicted.get((mention.doc, mention.m_id))
        labels.setdefault(mention.chain, set()).update([label] if label else [])
    gold = {chain: "shared" if len(found) > 1 else "unique" for chain, found in docs.items()}
    said = {
        chain: "shared" if "shared" in found else "unique" if found else None
        for chain, found in labels.items()
    }
    metrics: dict[str, float] = {}
    for label in ("shared", "unique"):
        hits = sum(1 for c in gold if gold[c] == label and said[c] == label)
        claimed = sum(1 for c in said if said[c] == label)
        actual = sum(1 for c in gold if gold[c] == label)
        precision = hits / claimed if claimed else 0.0
        recall = hits / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        metrics |= {f"{label}_precision": precision, f"{label}_recall": recall, f"{label}_f1": f1}
    metrics["gold_events"] = float(len(gold))
    metrics["gold_shared_events"] = float(sum(1 for v in gold.values() if v == "shared"))
    metrics["gold_unique_events"] = float(sum(1 for v in gold.values() if v == "unique"))
    metrics["events_not_covered"] = float(sum(1 for v in said.values() if v is None))
    return metrics


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


def score_clusters(
    topics: Sequence[TopicMentions],
    labels: Sequence[Sequence[int]],
    gold_mentions: Sequence[EventMention],
    *,
    predicted: bool,
) -> dict[str, float]:
    """Score each topic's clustering (``labels``: each mention's cluster) against the gold.

    Returns MUC, B³, CEAF-e and CoNLL F1 (singletons out; ``conll_f1_with_singletons`` keeps
    them), shared / unique precision, recall and F1, the only-here rates and, for predicted
    mentions, mention detection by token overlap and by exact span.
    """
    gold_tokens = {(m.doc, m.m_id): frozenset(m.t_ids) for m in gold_mentions}
    response: dict[object, set[object]] = {}
    label: dict[MentionKey, str] = {}
    predicted_tokens: dict[MentionKey, frozenset[int]] = {}
    matched: dict[MentionKey, MentionKey] = {}
    only_here = clustered = 0
    for found, clusters in zip(topics, labels, strict=True):
        keys = list(found.keys)
        if predicted:
            mine = dict(zip(keys, found.tokens, strict=True))
            predicted_tokens |= mine
            topic_gold = {k: v for k, v in gold_tokens.items() if k[0] in found.documents}
            matched |= match_mentions(topic_gold, mine)
        documents: dict[int, set[str]] = {}
        for key, cluster in zip(keys, clusters, strict=True):
            documents.setdefault(cluster, set()).add(key[0])
        for key, cluster in zip(keys, clusters, strict=True):
            spread = "shared" if len(documents[cluster]) > 1 else "unique"
            said = matched.get(key) if predicted else key
            mention: object = said if said is not None else (f"spurious:{key[0]}", key[1])
            response.setdefault((found.topic, cluster), set()).add(mention)
            if said is not None and label.get(said) != "shared":
                label[said] = spread
            clustered += 1
            only_here += spread == "unique"
    chains: dict[str, set[MentionKey]] = {}
    docs_of: dict[str, set[str]] = {}
    for m in gold_mentions:
        chains.setdefault(m.chain, set()).add((m.doc, m.m_id))
        docs_of.setdefault(m.chain, set()).add(m.doc)
    metrics: dict[str, float] = {"mentions": float(clustered)}
    if predicted:
        metrics |= _detection(gold_tokens, predicted_tokens, matched)
    metrics |= shared_unique(gold_mentions, dict(label))
    events = Counter(m.chain for m in gold_mentions)
    unique_mentions = sum(n for chain, n in events.items() if len(docs_of[chain]) == 1)
    metrics["only_here_rate"] = only_here / clustered if clustered else 0.0
    metrics["gold_only_here_rate"] = unique_mentions / len(gold_mentions) if gold_mentions else 0.0
    key_sets: list[set[object]] = [set(c) for c in chains.values()]
    clustered_sets = list(response.values())
    metrics |= conll_scores(key_sets, clustered_sets)
    with_singletons = conll_scores(key_sets, clustered_sets, singletons=True)
    metrics["conll_f1_with_singletons"] = with_singletons["conll_f1"]
    return metrics
