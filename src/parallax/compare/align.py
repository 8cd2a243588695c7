"""Claim alignment within a story: which claims of different articles are about the same thing.

Each claim is read once into a :class:`ClaimView` (its span, outlet, publication date, the
canonical entities mentioned inside it, its quantities and its dated time expressions). Two
claims are compared by a weighted similarity of

* the cosine of their TF-IDF vectors (stemmed content words; IDF learned over the sentences of
  the story's articles, so words every article uses weigh little),
* the cosine of their MiniLM sentence embeddings, when the embeddings extra is installed,
* the Jaccard overlap of the canonical entities mentioned inside the two spans.

Claims whose similarity reaches :data:`SAME` and whose numbers and dates do not conflict form
one :class:`ClaimGroup` (single-link: a chain of paraphrases is one group); cross-outlet pairs
reaching :data:`RELATED` are candidates for labelling (:mod:`parallax.compare.agreement`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix

from parallax.comparison import ClaimGroup, Evidence
from parallax.model import Article, Claim, Mention, Quantity, TimeExpression
from parallax.models.text import content_terms, learn_idf, sentences, tfidf

# Weights of the similarity and its thresholds, with and without the embedding, set by hand and
# checked on the seed story (see docs/compare.md): no two claims there state the same thing
# across outlets, and the most similar cross-outlet pairs (0.44–0.47) stay below SAME.
WEIGHTS_EMBEDDED = (0.55, 0.30, 0.15)  # embedding, TF-IDF, entities
WEIGHTS_LEXICAL = (0.0, 0.70, 0.30)
SAME = {True: 0.55, False: 0.40}
RELATED = {True: 0.40, False: 0.20}
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
    )


@dataclass(frozen=True, slots=True)
class Similarity:
    """The pairwise similarities of a story's claims, with the signals they come from."""

    combined: NDArray[np.float64]
    lexical: NDArray[np.float64]
    embedded: NDArray[np.float64] | None
    entities: NDArray[np.float64]

    @property
    def uses_embedding(self) -> bool:
        """Whether the MiniLM embedding was part of the similarity."""
        return self.embedded is not None


def entity_overlap(first: Sequence[str], second: Sequence[str]) -> float:
    """Return the Jaccard overlap of two sets of entity names (0 when both are empty)."""
    a, b = set(first), set(second)
    return len(a & b) / len(a | b) if a | b else 0.0


def similarity(
    claims: Sequence[ClaimView],
    texts: Sequence[str],
    *,
    embed: bool | None = None,
) -> Similarity:
    """Return the pairwise similarities of ``claims``; ``texts`` are the articles (for IDF).

    Args:
        claims: The story's claims.
        texts: The story's article texts: IDF is learned over their sentences.
        embed: Use MiniLM embeddings; by default when the embeddings extra is installed.
    """
    from parallax.embeddings import embeddings_available

    n = len(claims)
    idf, default = learn_idf(content_terms(s) for text in texts for s in sentences(text))
    vectors = [tfidf(content_terms(c.text), idf, default) for c in claims]
    lexical = _gram(vectors)
    entities = _jaccard([c.entities for c in claims])
    use_embedding = embeddings_available() if embed is None else embed
    embedded = None
    if use_embedding and n:
        from parallax.embeddings import shared_embedder

        rows = shared_embedder("minilm").embed([c.text for c in claims]).astype(np.float64)
        embedded = np.clip(rows @ rows.T, -1.0, 1.0)
    w_embed, w_lexical, w_entities = WEIGHTS_EMBEDDED if embedded is not None else WEIGHTS_LEXICAL
    combined = w_lexical * lexical + w_entities * entities
    if embedded is not None:
        combined = combined + w_embed * embedded
    return Similarity(combined, lexical, embedded, entities)


def _sparse_rows(rows: Sequence[Mapping[str, float]]) -> csr_matrix:
    """Return the rows (term → weight) as one sparse matrix over their shared vocabulary."""
    vocabulary: dict[str, int] = {}
    columns: list[int] = []
    values: list[float] = []
    pointers = [0]
    for row in rows:
        for term, weight in row.items():
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(weight)
        pointers.append(len(columns))
    return csr_matrix((values, columns, pointers), shape=(len(rows), max(1, len(vocabulary))))


def _gram(vectors: Sequence[Mapping[str, float]]) -> NDArray[np.float64]:
    """Return every pairwise dot product of L2-normalised sparse vectors (their cosines)."""
    matrix = _sparse_rows(vectors)
    gram: NDArray[np.float64] = np.asarray((matrix @ matrix.T).toarray(), dtype=np.float64)
    return gram


def _jaccard(names: Sequence[Sequence[str]]) -> NDArray[np.float64]:
    """Return the pairwise Jaccard overlaps of sets of names (0 where both sets are empty)."""
    matrix = _sparse_rows([dict.fromkeys(row, 1.0) for row in names])
    shared = np.asarray((matrix @ matrix.T).toarray(), dtype=np.float64)
    sizes = np.diag(shared)
    union = sizes[:, None] + sizes[None, :] - shared
    overlap: NDArray[np.float64] = np.divide(
        shared, union, out=np.zeros_like(shared), where=union > 0
    )
    return overlap


def pairs_at_least(matrix: NDArray[np.float64], threshold: float) -> list[tuple[int, int]]:
    """Return the index pairs ``(i, j)``, ``i < j``, where ``matrix`` reaches ``threshold``,
    in row order (as two nested loops would visit them)."""
    rows, columns = np.nonzero(np.triu(matrix >= threshold, k=1))
    return [(int(i), int(j)) for i, j in zip(rows, columns, strict=True)]


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
    """Group claims that state the same thing; return the groups and each claim's group index.

    Two claims join when their similarity reaches :data:`SAME` and ``conflicting`` (pairs of
    claim indexes ``(i, j)`` with ``i < j`` whose numbers, dates or facts conflict) does not
    hold them; groups are the connected components, in order of their first claim.
    """
    n = len(claims)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocked = conflicting or set()
    for i, j in pairs_at_least(sim.combined, SAME[sim.uses_embedding]):
        if (i, j) not in blocked:
            parent[find(j)] = find(i)
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(find(i), []).append(i)
    groups: list[ClaimGroup] = []
    index = [0] * n
    for number, (_, found) in enumerate(sorted(members.items(), key=lambda item: item[1][0])):
        for i in found:
            index[i] = number
        within = sim.combined[np.ix_(found, found)]
        totals = within.sum(axis=1) - np.diag(within)
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
    """Return the cross-outlet claim pairs ``(i, j)``, ``i < j``, similar enough to compare."""
    candidates = pairs_at_least(sim.combined, RELATED[sim.uses_embedding])
    return [(i, j) for i, j in candidates if claims[i].outlet != claims[j].outlet]
