"""Claim alignment within a story: which claims of different articles report the same event.

Each claim is read once into a :class:`ClaimView` (its span, outlet, publication date, the
canonical entities mentioned inside it, its quantities and its dated time expressions). Then

1. candidates (:mod:`parallax.compare.candidates`): each claim's nearest neighbours by MiniLM
   embedding (when the embeddings extra is installed) and by TF-IDF (stemmed content words; IDF
   learned over the sentences of the story's articles) — a fixed number per claim, so the pairs
   and the memory grow linearly with the story's claims;
2. the claim-pair model (:mod:`parallax.models.claim_pairs`, trained on ECB+ and MRPC) gives
   each candidate pair the probability that the two claims report one event, from the cosines,
   word, event-word and name overlap (entity names through the corpus's entity merging), and
   number and date agreement;
3. groups (:mod:`parallax.compare.grouping`): average link over the scored pairs, at the
   model's threshold (:data:`SAME`), pairs whose numbers, dates or facts conflict kept apart.

A pair whose two claims are not both English (a Russian claim and an English one, two Russian
claims) is scored by :mod:`parallax.compare.crosslingual_claims` instead (the e5 cosine,
calibrated per language pair), and each claim's nearest neighbours by e5 are candidates too;
a story whose claims are all English is scored exactly as before.

Cross-outlet candidates whose hand-weighted similarity (MiniLM, TF-IDF and entity overlap,
:data:`WEIGHTS_EMBEDDED`) reaches :data:`RELATED` are the pairs labelled by
:mod:`parallax.compare.agreement` and checked by the conflict rules, as before the model.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import coo_matrix, csr_matrix

from parallax.compare.candidates import nearest_pairs
from parallax.compare.grouping import average_link
from parallax.compare.quoted import different_quotes, join_same_quotes
from parallax.comparison import ClaimGroup, Evidence
from parallax.model import Article, Claim, Mention, Quantity, TimeExpression
from parallax.models.claim_pairs import claim_side, load_claim_pairs, pair_features
from parallax.models.text import content_terms, learn_idf, sentences, tfidf, vector_matrix

# The hand-weighted similarity that picks the related pairs (labelled, checked for conflicts),
# with and without the embedding, and its thresholds: set by hand and checked on the seed story.
WEIGHTS_EMBEDDED = (0.55, 0.30, 0.15)  # embedding, TF-IDF, entities
WEIGHTS_LEXICAL = (0.0, 0.70, 0.30)
RELATED = {True: 0.40, False: 0.20}
# Candidate pairs scored at a time: memory grows with the chunk, not with the story's pairs.
PAIR_CHUNK = 4096


class _Thresholds(Mapping[bool, float]):
    """The claim-pair model's grouping threshold, with (True) and without the embedding: read
    from the packaged model on first use."""

    def __getitem__(self, embedded: bool) -> float:
        return load_claim_pairs().threshold[embedded]

    def __iter__(self) -> Iterator[bool]:
        return iter((True, False))

    def __len__(self) -> int:
        return 2


SAME: Mapping[bool, float] = _Thresholds()
SPECIFIC_DATE = ("DATE",)

# Entity labels that name actors and places (not e.g. WORK_OF_ART or a product).
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT"})


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One claim with what alignment and the conflict rules read of it."""

    evidence: Evidence
    published: date | None
    entities: tuple[str, ...] = ()  # canonical names mentioned inside the claim, in order
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[TimeExpression, ...] = ()  # time expressions inside the claim
    mentions: tuple[Mention, ...] = field(default=(), repr=False)
    language: str | None = None  # its article's language (ISO 639-1; None: unknown)

    @property
    def text(self) -> str:
        """The claim's text."""
        return self.evidence.text

    @property
    def outlet(self) -> str:
        """The outlet that published the claim."""
        return self.evidence.outlet


def outlet_name(article: Article) -> str:
    """Return the name an article is compared under: its outlet, else ``"unknown"``."""
    return article.outlet or "unknown"


def claim_view(
    article: Article,
    claim: Claim,
    mentions: Sequence[Mention] = (),
    dates: Sequence[TimeExpression] = (),
) -> ClaimView:
    """Read one claim of ``article``: the entities and dates inside its span."""
    inside = [
        m
        for m in mentions
        if claim.start <= m.start and m.end <= claim.end and m.label in ENTITY_LABELS
    ]
    evidence = Evidence(
        article.id,
        outlet_name(article),
        claim.start,
        claim.end,
        article.text[claim.start : claim.end],
    )
    return ClaimView(
        evidence=evidence,
        published=article.published,
        entities=tuple(dict.fromkeys(m.entity for m in sorted(inside, key=lambda m: m.start))),
        quantities=claim.quantities,
        dates=tuple(d for d in dates if claim.start <= d.start and d.end <= claim.end),
        mentions=tuple(inside),
        language=article.language,
    )


@dataclass(frozen=True, slots=True)
class Similarity:
    """The scored candidate pairs of a story's claims: symmetric sparse ``(n, n)`` matrices
    holding a value for each candidate pair only (absent pairs are 0)."""

    combined: csr_matrix  # the claim-pair model's probability that two claims report one event
    lexical: csr_matrix  # TF-IDF cosine
    embedded: csr_matrix | None  # MiniLM cosine, when the embedding was used
    entities: csr_matrix  # Jaccard overlap of the canonical entities
    blend: csr_matrix  # the hand-weighted similarity that picks related pairs (RELATED)
    crosslingual: bool = False  # pairs not both English were scored by the e5 similarity

    @property
    def uses_embedding(self) -> bool:
        """Whether the MiniLM embedding was part of the similarity."""
        return self.embedded is not None


def entity_overlap(first: Sequence[str], second: Sequence[str]) -> float:
    """Return the Jaccard overlap of two sets of entity names (0 when both are empty)."""
    a, b = set(first), set(second)
    return len(a & b) / len(a | b) if a | b else 0.0


def pair_cosines(
    vectors: csr_matrix,
    rows: NDArray[np.float64] | None,
    first: NDArray[np.int64],
    second: NDArray[np.int64],
) -> tuple[NDArray[np.float64], NDArray[np.float64] | None]:
    """Return the TF-IDF and (with ``rows``) embedding cosines of the pairs ``(first[k],
    second[k])``, :data:`PAIR_CHUNK` pairs at a time.

    Gathering both claims' vectors for every pair at once held two ``(pairs, 384)`` float64
    matrices, most of a large story's memory; a chunk's copies are dropped before the next.
    Each pair's cosine is computed from its two rows alone, so the values do not depend on
    the chunk size.
    """
    lexical = np.zeros(len(first), dtype=np.float64)
    embedded = None if rows is None else np.zeros(len(first), dtype=np.float64)
    for start in range(0, len(first), PAIR_CHUNK):
        part = slice(start, start + PAIR_CHUNK)
        a, b = first[part], second[part]
        lexical[part] = np.asarray(vectors[a].multiply(vectors[b]).sum(axis=1)).ravel()
        if rows is not None and embedded is not None:
            embedded[part] = np.einsum("ij,ij->i", rows[a], rows[b])
    return lexical, embedded


def similarity(
    claims: Sequence[ClaimView],
    texts: Sequence[str],
    *,
    embed: bool | None = None,
) -> Similarity:
    """Return the scored candidate pairs of ``claims``; ``texts`` are the articles (for IDF).

    Args:
        claims: The story's claims.
        texts: The story's article texts: IDF is learned over their sentences.
        embed: Use MiniLM embeddings; by default when the embeddings extra is installed.
    """
    from parallax.embeddings import embeddings_available

    n = len(claims)
    idf, default = learn_idf(content_terms(s) for text in texts for s in sentences(text))
    vectors = vector_matrix([tfidf(content_terms(c.text), idf, default) for c in claims])
    use_embedding = embeddings_available() if embed is None else embed
    rows: NDArray[np.float64] | None = None
    if use_embedding and n:
        from parallax.models.vectors import cached_embedder

        rows = cached_embedder().embed([c.text for c in claims]).astype(np.float64)
    articles = [c.evidence.article_id for c in claims]
    candidates = nearest_pairs(vectors, articles)
    if rows is not None:
        candidates |= nearest_pairs(rows, articles)
    languages = [c.language for c in claims]
    multilingual = _multilingual(claims, languages)
    if multilingual is not None:
        candidates |= nearest_pairs(multilingual, articles)
    pairs = sorted(candidates)
    del candidates
    first = np.asarray([i for i, _ in pairs], dtype=np.int64)
    second = np.asarray([j for _, j in pairs], dtype=np.int64)
    lexical, embedded = pair_cosines(vectors, rows, first, second)
    entities = np.asarray(
        [entity_overlap(claims[i].entities, claims[j].entities) for i, j in pairs]
    )
    w_embed, w_lexical, w_entities = WEIGHTS_EMBEDDED if rows is not None else WEIGHTS_LEXICAL
    blend = w_lexical * lexical + w_entities * entities
    if embedded is not None:
        blend = blend + w_embed * np.clip(embedded, -1.0, 1.0)
    sides = [claim_side(c.text, c.entities) for c in claims]
    model, combined = load_claim_pairs(), np.zeros(len(pairs), dtype=np.float64)
    for start in range(0, len(pairs), PAIR_CHUNK):  # rows are scored each alone
        features = np.asarray(
            [
                pair_features(
                    sides[i],
                    sides[j],
                    tfidf=float(lexical[k]),
                    embedding=None if embedded is None else float(embedded[k]),
                )
                for k, (i, j) in enumerate(pairs[start : start + PAIR_CHUNK], start=start)
            ],
            dtype=np.float64,
        )
        combined[start : start + len(features)] = model.probabilities(
            features, embedded=rows is not None
        )
    if multilingual is not None:
        _score_across(combined, blend, multilingual, languages, first, second, rows is not None)

    def symmetric(values: NDArray[np.float64]) -> csr_matrix:
        both = (np.concatenate([first, second]), np.concatenate([second, first]))
        return coo_matrix((np.concatenate([values, values]), both), shape=(n, n)).tocsr()

    return Similarity(
        combined=symmetric(combined),
        lexical=symmetric(lexical),
        embedded=None if embedded is None else symmetric(embedded),
        entities=symmetric(entities),
        blend=symmetric(blend),
        crosslingual=multilingual is not None,
    )


def _multilingual(
    claims: Sequence[ClaimView], languages: Sequence[str | None]
) -> NDArray[np.float64] | None:
    """The claims' e5 vectors when any claim is not English and e5 is installed, else None."""
    from parallax.compare.crosslingual_claims import (
        ENGLISH,
        claim_embedder,
        crosslingual_available,
    )

    if all(language in ENGLISH for language in languages) or not crosslingual_available():
        return None
    vectors: NDArray[np.float64] = (
        claim_embedder().embed([c.text for c in claims]).astype(np.float64)
    )
    return vectors


def _score_across(
    combined: NDArray[np.float64],
    blend: NDArray[np.float64],
    vectors: NDArray[np.float64],
    languages: Sequence[str | None],
    first: NDArray[np.int64],
    second: NDArray[np.int64],
    embedded: bool,
) -> None:
    """Score, in place, the pairs whose claims are not both English by the e5 similarity
    (:mod:`parallax.compare.crosslingual_claims`). Such a pair is related (labelled, checked
    for conflicts) only when it is likely one event: the stance model that labels the other
    related pairs reads English."""
    from parallax.compare.crosslingual_claims import needs_crosslingual, pair_probabilities

    across = np.asarray(
        [
            needs_crosslingual(languages[i], languages[j])
            for i, j in zip(first, second, strict=True)
        ],
        dtype=bool,
    )
    if not across.any():
        return
    a, b = first[across], second[across]
    cosines = np.einsum("ij,ij->i", vectors[a], vectors[b])
    same = SAME[embedded]
    scores = pair_probabilities(
        cosines, [languages[i] for i in a], [languages[j] for j in b], same=same
    )
    combined[across] = scores
    blend[across] = np.where(scores >= same, np.maximum(scores, RELATED[embedded]), 0.0)


def pairs_at_least(
    matrix: NDArray[np.float64] | csr_matrix, threshold: float
) -> list[tuple[int, int]]:
    """Return the index pairs ``(i, j)``, ``i < j``, where ``matrix`` (dense, or sparse with
    absent pairs 0) reaches ``threshold``, in row order."""
    if isinstance(matrix, np.ndarray):
        rows, columns = np.nonzero(np.triu(matrix >= threshold, k=1))
        return [(int(i), int(j)) for i, j in zip(rows, columns, strict=True)]
    found = coo_matrix(matrix)
    keep = (found.row < found.col) & (found.data >= threshold)
    return sorted((int(i), int(j)) for i, j in zip(found.row[keep], found.col[keep], strict=True))


def group_id(members: Sequence[Evidence]) -> str:
    """Return a stable id for a group of claim spans: a hash of the sorted spans."""
    keys = sorted(f"{e.article_id}:{e.start}:{e.end}" for e in members)
    return "g" + hashlib.sha1("|".join(keys).encode("utf-8")).hexdigest()[:12]


def group_claims(
    claims: Sequence[ClaimView],
    sim: Similarity,
    *,
    conflicting: set[tuple[int, int]] | None = None,
) -> tuple[list[ClaimGroup], list[int]]:
    """Group claims that report the same event; return the groups and each claim's group index.

    Groups are the average-link groups (:func:`~parallax.compare.grouping.average_link`) of the
    candidate pairs' probabilities at :data:`SAME`; ``conflicting`` (pairs ``(i, j)``, ``i < j``,
    whose numbers, dates or facts conflict) never end in one group. Groups come in order of
    their first claim; a group's summary is its claim most alike the others. Two claims that
    quote different words (:func:`~parallax.compare.quoted.different_quotes`) are never in one
    group either: they are two statements. Two claims of two articles that quote the same words
    (:func:`~parallax.compare.quoted.same_quote`) are one statement: after average link, a
    claim left alone joins the group of a claim it quotes the same words as
    (:func:`~parallax.compare.quoted.join_same_quotes`).
    """
    n = len(claims)
    upper = coo_matrix(sim.combined)
    keep = upper.row < upper.col
    edges = {
        (int(i), int(j)): float(v)
        for i, j, v in zip(upper.row[keep], upper.col[keep], upper.data[keep], strict=True)
    }
    same = SAME[sim.uses_embedding]
    blocked = set(conflicting or ())
    blocked.update(
        pair
        for pair, score in edges.items()
        if score >= same and different_quotes(claims[pair[0]].text, claims[pair[1]].text)
    )
    index = join_same_quotes(
        [c.text for c in claims],
        [c.evidence.article_id for c in claims],
        edges,
        average_link(n, edges, same, blocked),
        blocked,
    )
    members: dict[int, list[int]] = {}
    for i, number in enumerate(index):
        members.setdefault(number, []).append(i)
    groups: list[ClaimGroup] = []
    for number in range(len(members)):
        found = members[number]
        central = found[0]  # of one or two claims: the first of equals, the earliest claim
        if len(found) > 2:
            within = sim.combined[found][:, found]
            totals = np.asarray(within.sum(axis=1)).ravel()
            central = found[int(np.argmax(totals))]  # the first of equals: the earliest claim
        evidence = tuple(claims[i].evidence for i in found)
        dates = [day for i in found if (day := claims[i].published) is not None]
        groups.append(
            ClaimGroup(
                id=group_id(evidence),
                summary=claims[central].text,
                claims=evidence,
                first_reported=min(dates) if dates else None,
            )
        )
    return groups, index


def related_pairs(claims: Sequence[ClaimView], sim: Similarity) -> list[tuple[int, int]]:
    """Return the cross-outlet candidate pairs ``(i, j)``, ``i < j``, whose hand-weighted
    similarity reaches :data:`RELATED`: similar enough to label and check for conflicts."""
    candidates = pairs_at_least(sim.blend, RELATED[sim.uses_embedding])
    return [(i, j) for i, j in candidates if claims[i].outlet != claims[j].outlet]
