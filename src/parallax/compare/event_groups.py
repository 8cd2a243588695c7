"""A story's claim groups with the event mention as their unit: one group per event cluster.

The NLP stage stored each claim's event mentions (:class:`~parallax.model.EventMention`: the
trigger, its lemmas, the words around it, who / to whom / where / when). Here the event-pair
model (:mod:`parallax.models.event_pairs`, trained on ECB+) scores pairs of the story's mentions
and :mod:`parallax.compare.event_clusters` clusters them, as ``parallax eval events`` does with
the same model and thresholds. Each cluster becomes a :class:`~parallax.comparison.ClaimGroup`
holding the claims its mentions are in (``claims``) and the mentions themselves (``events``),
so a claim is in as many groups as it has events; "shared with", "only here" and "omits" follow
from the groups. A claim with no event mention (a bare statement, a quote's "said") keeps the
claim-pair grouping, among the claims that have none.

Only candidate mention pairs are scored: each mention's :data:`NEIGHBOURS` nearest mentions by
the MiniLM vector of its trigger in context, and every pair with the same head lemma; a pair
left out counts 0 in the average link, as a pair the model finds unlikely would.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from parallax.compare.align import ClaimView, group_id
from parallax.compare.event_clusters import (
    Constraints,
    cluster_mentions,
    constrain,
    document_groups,
    document_similarities,
)
from parallax.comparison import ClaimGroup, Evidence
from parallax.model import EventMention
from parallax.models.event_pairs import EventSide, event_side, load_event_pairs, pair_features
from parallax.models.text import content_terms, learn_idf, tfidf

__all__ = [
    "CONSTRAINTS",
    "NEIGHBOURS",
    "NOT_EVENTS",
    "EventGrouping",
    "ScoredMentions",
    "claim_mentions",
    "event_groups",
    "group_events",
    "score_mentions",
]

NEIGHBOURS = 24  # nearest mentions scored for each mention (besides those of the same lemma)
# Triggers that frame an event rather than name one: aspect ("continued", "keep"), attempt and
# intention ("trying", "seek"), perception and opinion ("seen", "insists", "concerning"), and
# nouns eventive by their suffix only ("defence", "security", "development"). In one story
# they recur in sentences about different events, and the ECB+ pair model, trained on topics
# of one narrow event each, joins them by their shared lemma.
NOT_EVENTS = frozenset(
    {"begin", "start", "continue", "keep", "remain", "stay", "try", "attempt", "seek", "want",
     "need", "plan", "hope", "expect", "intend", "aim", "see", "view", "believe", "think",
     "know", "consider", "regard", "concern", "insist", "emphasize", "emphasise", "suggest",
     "accuse", "allege", "mark", "become", "achieve", "help", "include", "allow", "use",
     "defence", "defense", "security", "development", "issue", "effort", "position", "move",
     "decision", "situation", "statement", "comment", "remark", "rhetoric", "accord", "take",
     "come"}
)  # fmt: skip
PAIR_CHUNK = 8192  # pairs whose features are held at a time
# Both constraints off: on MEANTIME (multi-event news) the cross-article argument gate raises
# gold-mention CoNLL F1 but lowers ECB+'s and cuts the seeds' right groups (the US pause, the
# Pentagon review); the same-article cannot-link lowers CoNLL on both (docs/compare.md).
CONSTRAINTS = Constraints(same_article=False, arguments=False)


class EventGrouping:
    """The groups of a story's claims and, for each claim, the groups it is in."""

    def __init__(self, groups: list[ClaimGroup], member_of: list[list[int]]) -> None:
        self.groups = groups
        self.member_of = member_of

    def primary(self) -> list[int]:
        """Each claim's main group: the one with the most outlets (the first of equals)."""
        return [
            max(found, key=lambda g: (len(self.groups[g].outlets), -g)) for found in self.member_of
        ]


def claim_mentions(
    views: Sequence[ClaimView],
    events: Mapping[str, Sequence[EventMention]],
    ignore: Collection[str] = NOT_EVENTS,
) -> list[tuple[int, EventMention]]:
    """Return each stored event mention of the story's claims with its claim's index, those
    whose head lemma is in ``ignore`` left out."""
    index = {
        (v.evidence.article_id, v.evidence.start, v.evidence.end): i for i, v in enumerate(views)
    }
    found = []
    for article_id, mentions in events.items():
        for mention in mentions:
            claim = index.get((article_id, mention.claim_start, mention.claim_end))
            if claim is not None and mention.head not in ignore:
                found.append((claim, mention))
    return sorted(found, key=lambda item: (item[0], item[1].start))


def _in_context(
    views: Sequence[ClaimView], found: Sequence[tuple[int, EventMention]]
) -> NDArray[np.float64] | None:
    """The MiniLM token vectors of each trigger read inside its claim (None without the ONNX
    MiniLM): the claim runs through the model once, the trigger's word pieces are averaged."""
    from parallax.embeddings import OnnxMiniLM, shared_embedder

    embedder = shared_embedder("minilm")
    if not isinstance(embedder, OnnxMiniLM):
        return None
    hidden_of: dict[int, tuple[NDArray[np.float32], list[tuple[int, int]]]] = {}
    vectors = np.zeros((len(found), embedder.dimension), dtype=np.float64)
    for row, (claim, mention) in enumerate(found):
        if claim not in hidden_of:
            encoding = embedder.tokenizer.encode(views[claim].text)
            keep = np.asarray(encoding.attention_mask, dtype=bool)
            ids = np.array([encoding.ids], dtype=np.int64)[:, keep]
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            if "token_type_ids" in embedder.inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = np.asarray(embedder.session.run(None, feed)[0], dtype=np.float32)[0]
            offsets = [o for o, k in zip(encoding.offsets, keep, strict=True) if k]
            hidden_of[claim] = (hidden, offsets)
        hidden, offsets = hidden_of[claim]
        start = mention.start - views[claim].evidence.start
        end = mention.end - views[claim].evidence.start
        pieces = [
            k for k, (s, e) in enumerate(offsets[: len(hidden)]) if e > s and s < end and e > start
        ]
        vector = hidden[pieces].mean(axis=0) if pieces else hidden.mean(axis=0)
        vectors[row] = vector / (np.linalg.norm(vector) + 1e-12)
    return vectors


def _sides(
    views: Sequence[ClaimView], found: Sequence[tuple[int, EventMention]]
) -> list[EventSide]:
    return [
        event_side(
            views[claim].evidence.article_id, claim, m.lemmas, m.head, m.pos, views[claim].text,
            agents=m.agents, patients=m.patients, places=m.places, times=m.times, names=m.names,
        )
        for claim, m in found
    ]  # fmt: skip


def _candidates(
    found: Sequence[tuple[int, EventMention]], vectors: NDArray[np.float64]
) -> list[tuple[int, int]]:
    n = len(found)
    pairs: set[tuple[int, int]] = set()
    if n > 1:
        similar = vectors @ vectors.T
        np.fill_diagonal(similar, -np.inf)
        k = min(NEIGHBOURS, n - 1)
        nearest = np.argpartition(-similar, k - 1, axis=1)[:, :k]
        for i in range(n):
            for j in nearest[i]:
                pairs.add((min(i, int(j)), max(i, int(j))))
    by_lemma: dict[str, list[int]] = {}
    for i, (_, mention) in enumerate(found):
        by_lemma.setdefault(mention.head, []).append(i)
    for members in by_lemma.values():
        pairs.update((a, b) for k, a in enumerate(members) for b in members[k + 1 :])
    return sorted(pairs)


@dataclass(frozen=True, slots=True)
class ScoredMentions:
    """A story's event mentions with the pair model's probabilities, before clustering."""

    found: list[tuple[int, EventMention]]  # (claim index, mention)
    sides: list[EventSide]
    doc_of: list[int]  # each mention's article (index)
    within: list[int]  # each mention's document sub-topic
    probabilities: dict[tuple[int, int], float]  # candidate pairs only


def score_mentions(
    views: Sequence[ClaimView],
    events: Mapping[str, Sequence[EventMention]],
    texts: Mapping[str, str],
    *,
    ignore: Collection[str] = NOT_EVENTS,
) -> ScoredMentions:
    """Score the candidate pairs of a story's event mentions (see :func:`event_groups`)."""
    from parallax.models.vectors import cached_embedder

    found = claim_mentions(views, events, ignore)
    if not found:
        return ScoredMentions([], [], [], [], {})
    model = load_event_pairs()
    embedded = cached_embedder().embed([m.trigger for _, m in found] + [m.window for _, m in found])
    triggers = np.asarray(embedded[: len(found)], dtype=np.float64)
    windows = np.asarray(embedded[len(found) :], dtype=np.float64)
    in_context = _in_context(views, found)
    if in_context is None:
        in_context = triggers
    articles = list(dict.fromkeys(views[claim].evidence.article_id for claim, _ in found))
    idf, default = learn_idf(content_terms(texts[a]) for a in articles)
    profile = np.ones((len(articles), len(articles)))
    similarities = document_similarities(
        [tfidf(content_terms(texts[a]), idf, default) for a in articles]
    )
    for (a, b), value in similarities.items():
        profile[a, b] = profile[b, a] = value
    article_of = {a: k for k, a in enumerate(articles)}
    doc_of = [article_of[views[claim].evidence.article_id] for claim, _ in found]
    sides = _sides(views, found)
    pairs = _candidates(found, in_context)
    scores = np.zeros(len(pairs), dtype=np.float64)
    for start in range(0, len(pairs), PAIR_CHUNK):
        rows = [
            pair_features(
                sides[i], sides[j],
                trigger_cosine=float(triggers[i] @ triggers[j]),
                context_cosine=float(windows[i] @ windows[j]),
                document_cosine=float(profile[doc_of[i], doc_of[j]]),
                in_context_cosine=float(in_context[i] @ in_context[j]),
            )
            for i, j in pairs[start : start + PAIR_CHUNK]
        ]  # fmt: skip
        scores[start : start + len(rows)] = model.probabilities(np.asarray(rows, dtype=np.float64))
    scores = model.refined(pairs, scores, sides)
    sub_topics = document_groups(similarities, len(articles), model.document_threshold)
    return ScoredMentions(
        found,
        sides,
        doc_of,
        [sub_topics[d] for d in doc_of],
        dict(zip(pairs, scores.tolist(), strict=True)),
    )


def group_events(
    views: Sequence[ClaimView],
    scored: ScoredMentions,
    claim_groups: Sequence[int],
    *,
    threshold: float | None = None,
    constraints: Constraints = CONSTRAINTS,
) -> EventGrouping:
    """Cluster scored mentions into events and build the claim groups (see :func:`event_groups`)."""
    found = scored.found
    labels: list[int] = []
    if found:
        cut = load_event_pairs().predicted_threshold if threshold is None else threshold
        probabilities, blocked = constrain(
            scored.probabilities, scored.sides, scored.doc_of, cut, constraints
        )
        labels = cluster_mentions(len(found), probabilities, scored.within, cut, blocked)
    members: dict[tuple[str, int], list[int]] = {}
    mentions_of: dict[tuple[str, int], list[EventMention]] = {}
    for (claim, mention), label in zip(found, labels, strict=True):
        key = ("event", label)
        if claim not in members.setdefault(key, []):
            members[key].append(claim)
        mentions_of.setdefault(key, []).append(mention)
    with_events = {claim for claim, _ in found}
    for claim, group in enumerate(claim_groups):
        if claim not in with_events:
            members.setdefault(("claims", group), []).append(claim)
    ordered = sorted(members.items(), key=lambda item: (min(item[1]), item[0]))
    groups: list[ClaimGroup] = []
    member_of: list[list[int]] = [[] for _ in views]
    for number, (key, claims) in enumerate(ordered):
        claims.sort()
        evidence = tuple(views[c].evidence for c in claims)
        view_of = {v.evidence.article_id: v for v in (views[c] for c in claims)}
        events_here = tuple(
            Evidence(m.article_id, view_of[m.article_id].outlet, m.start, m.end, m.text)
            for m in mentions_of.get(key, ())
        )
        days = [day for c in claims if (day := views[c].published) is not None]
        groups.append(
            ClaimGroup(
                id=group_id((*evidence, *events_here)),
                summary=views[claims[0]].text,
                claims=evidence,
                first_reported=min(days) if days else None,
                events=events_here,
            )
        )
        for c in claims:
            member_of[c].append(number)
    return EventGrouping(groups, member_of)


def event_groups(
    views: Sequence[ClaimView],
    events: Mapping[str, Sequence[EventMention]],
    texts: Mapping[str, str],
    claim_groups: Sequence[int],
    *,
    threshold: float | None = None,
    ignore: Collection[str] = NOT_EVENTS,
    constraints: Constraints = CONSTRAINTS,
) -> EventGrouping:
    """Group a story's claims by the events their mentions report (see the module doc).

    Args:
        views: The story's claims, in story order.
        events: The stored event mentions of each article (by article id).
        texts: Each article's text (by article id): the profile similarity of two articles.
        claim_groups: Each claim's group by the claim-pair model: the grouping of the claims
            that have no event mention.
        threshold: The mean probability two clusters need to merge (default: the model's
            threshold for parser-found mentions, ``predicted_threshold``).
        ignore: Head lemmas that are no event of their own (:data:`NOT_EVENTS`).
        constraints: What keeps two events apart besides the model
            (:class:`~parallax.compare.event_clusters.Constraints`, default :data:`CONSTRAINTS`).
    """
    scored = score_mentions(views, events, texts, ignore=ignore)
    return group_events(views, scored, claim_groups, threshold=threshold, constraints=constraints)
