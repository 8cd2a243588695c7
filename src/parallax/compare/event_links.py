"""Event links between a story's claims: the event-pair model over the claims' event mentions.

Two claims of different articles are linked by the most likely pair of their event mentions
(:class:`~parallax.models.event_mentions.EventMention`, read by the NLP side): the event-pair
model (:mod:`parallax.models.event_pairs`, trained on ECB+) scores each pair of a mention of one
claim with a mention of the other from the triggers' lemmas, the MiniLM cosines of the triggers
and of their ±5-word windows, the claims' content words, the arguments (who, to whom, where,
when, names) and the profile similarity of the two articles. Only candidate claim pairs are
scored (:mod:`parallax.compare.candidates`), so the cost grows with the claims, not their square.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from parallax.compare.event_clusters import document_similarities
from parallax.models.event_mentions import EventMention
from parallax.models.event_pairs import EventSide, event_side, load_event_pairs, pair_features
from parallax.models.text import content_terms, learn_idf, tfidf

__all__ = ["event_link_scores"]


def _sides(
    mentions: Sequence[EventMention], texts: Sequence[str], documents: Sequence[str]
) -> list[EventSide]:
    return [
        event_side(
            documents[m.claim], m.claim, m.lemmas, m.head, m.pos, texts[m.claim],
            agents=m.agents, patients=m.patients, places=m.places, times=m.times, names=m.names,
        )
        for m in mentions
    ]  # fmt: skip


def event_link_scores(
    texts: Sequence[str],
    documents: Sequence[str],
    mentions: Sequence[EventMention],
    pairs: Sequence[tuple[int, int]],
) -> NDArray[np.float64]:
    """Return, for each claim pair of ``pairs``, the event-pair model's highest probability
    over the pairs of their event mentions (0 where a claim has none, or both are of one article).

    Args:
        texts: The claims' texts.
        documents: Each claim's article id (an article's claims, joined, make its profile).
        mentions: The claims' event mentions (:class:`EventMention`, ``claim`` an index into
            ``texts``).
        pairs: The candidate claim pairs ``(i, j)``.
    """
    scores = np.zeros(len(pairs), dtype=np.float64)
    if not mentions or not pairs:
        return scores
    from parallax.models.vectors import cached_embedder

    articles = list(dict.fromkeys(documents))
    article_texts = [
        " ".join(t for t, d in zip(texts, documents, strict=True) if d == article)
        for article in articles
    ]
    idf, default = learn_idf(content_terms(text) for text in article_texts)
    vectors = [tfidf(content_terms(text), idf, default) for text in article_texts]
    profile = np.ones((len(articles), len(articles)))
    for (a, b), value in document_similarities(vectors).items():
        profile[a, b] = profile[b, a] = value
    article_of = {article: k for k, article in enumerate(articles)}
    sides = _sides(mentions, texts, documents)
    embedded = cached_embedder().embed([m.trigger for m in mentions] + [m.window for m in mentions])
    triggers = embedded[: len(mentions)].astype(np.float64)
    windows = embedded[len(mentions) :].astype(np.float64)
    of_claim: dict[int, list[int]] = {}
    for k, mention in enumerate(mentions):
        of_claim.setdefault(mention.claim, []).append(k)
    rows: list[list[float]] = []
    owner: list[int] = []
    for p, (i, j) in enumerate(pairs):
        if documents[i] == documents[j]:
            continue
        profile_cos = float(profile[article_of[documents[i]], article_of[documents[j]]])
        for a in of_claim.get(i, ()):
            for b in of_claim.get(j, ()):
                rows.append(
                    pair_features(
                        sides[a], sides[b],
                        trigger_cosine=float(triggers[a] @ triggers[b]),
                        context_cosine=float(windows[a] @ windows[b]),
                        document_cosine=profile_cos,
                    )
                )  # fmt: skip
                owner.append(p)
    if rows:
        found = load_event_pairs().probabilities(np.asarray(rows, dtype=np.float64))
        np.maximum.at(scores, np.asarray(owner, dtype=np.int64), found)
    return scores
