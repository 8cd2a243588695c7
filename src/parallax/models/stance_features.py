"""Features of a (claim, body) pair for the stance model: overlap, position, cues and numbers.

Each body is read once into a :class:`BodyView` (sentences, their TF-IDF vectors, cue counts);
a claim is read into a :class:`ClaimView`; :func:`pair_features` joins the two into one dense
row whose columns are :data:`FEATURES`. Everything is deterministic and needs only the IDF table
stored with the model.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from parallax.models.cues import AGREE, HEDGE, REFUTE, vader_valence
from parallax.models.stance_cross import (
    CROSS_FEATURES,
    body_cues,
    claim_polarity,
    cross_bag,
    cross_features,
)
from parallax.models.stance_evidence import (
    EVIDENCE_FEATURES,
    Embed,
    default_embed,
    evidence_features,
)
from parallax.models.stance_scope import SCOPE_FEATURES, scope_features, sentence_cues
from parallax.models.text import (
    NEGATIONS,
    Vector,
    content_terms,
    cosine,
    sentence_spans,
    stem,
    tfidf,
    tfidf_block,
    words,
)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_CUE_SETS = (("refute", REFUTE), ("hedge", HEDGE), ("agree", AGREE), ("negation", NEGATIONS))
TOP_SENTENCES = 3
WINDOW = 5  # words either side of a claim word in which a negation or refutation counts as "near"


@dataclass(frozen=True, slots=True)
class Idf:
    """Inverse document frequencies learned from training bodies and claims."""

    weights: Mapping[str, float]
    default: float

    def vector(self, terms: list[str]) -> Vector:
        """Return the TF-IDF vector of a bag of terms."""
        return tfidf(terms, self.weights, self.default)


@dataclass(frozen=True, slots=True)
class ClaimView:
    """What the stance features need of a claim (a headline)."""

    terms: tuple[str, ...]
    vector: Vector
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    names: frozenset[str]
    cues: tuple[int, ...]
    question: bool
    valence: float
    length: int
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BodyView:
    """What the stance features need of a body, computed once per body."""

    vector: Vector
    lead: Vector
    sentence_vectors: tuple[Vector, ...]
    sentence_words: tuple[tuple[str, ...], ...]
    sentence_numbers: tuple[frozenset[str], ...]
    term_set: frozenset[str]
    lead_terms: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    lower: str
    cue_rates: tuple[float, ...]
    questions: float
    quotes: float
    length: int
    sentence_names: tuple[frozenset[str], ...] = ()
    sentence_lower: tuple[str, ...] = ()
    sentence_stems: tuple[tuple[str, ...], ...] = ()
    sentence_cues: tuple[tuple[int, int, int, int], ...] = ()


def _cue_counts(tokens: list[str] | tuple[str, ...]) -> list[int]:
    return [sum(1 for token in tokens if token in cue_set) for _, cue_set in _CUE_SETS]


def _valence(tokens: list[str] | tuple[str, ...]) -> float:
    lexicon = vader_valence()
    scores = [lexicon[token] for token in tokens if token in lexicon]
    return sum(scores) / math.sqrt(len(scores) + 1) / 4.0 if scores else 0.0


def _bigrams(terms: list[str]) -> frozenset[tuple[str, str]]:
    return frozenset(pairwise(terms))


def read_claim(claim: str, idf: Idf) -> ClaimView:
    """Read a claim into the view the features use."""
    terms = content_terms(claim)
    tokens = words(claim)
    return ClaimView(
        terms=tuple(terms),
        vector=idf.vector(terms),
        bigrams=_bigrams(terms),
        numbers=frozenset(_NUMBER.findall(claim)),
        names=_names(claim),
        cues=tuple(_cue_counts(tokens)),
        question="?" in claim,
        valence=_valence(tokens),
        length=len(tokens),
        words=tuple(tokens),
    )


def read_body(body: str, idf: Idf) -> BodyView:
    """Read a body into the view the features use."""
    spans = sentence_spans(body) or [(0, len(body))]
    sentence_texts = [body[start:end] for start, end in spans]
    sentence_terms = [content_terms(text) for text in sentence_texts]
    all_terms = [term for terms in sentence_terms for term in terms]
    lead_terms = [term for terms in sentence_terms[:2] for term in terms]
    tokens = words(body)
    length = max(len(tokens), 1)
    counts = _cue_counts(tokens)
    sentence_words = [words(text) for text in sentence_texts]
    return BodyView(
        vector=idf.vector(all_terms),
        lead=idf.vector(lead_terms),
        sentence_vectors=tuple(idf.vector(terms) for terms in sentence_terms),
        sentence_words=tuple(tuple(tokens) for tokens in sentence_words),
        sentence_numbers=tuple(frozenset(_NUMBER.findall(text)) for text in sentence_texts),
        term_set=frozenset(all_terms),
        lead_terms=frozenset(lead_terms),
        bigrams=_bigrams(all_terms),
        numbers=frozenset(_NUMBER.findall(body)),
        lower=body.lower(),
        cue_rates=tuple(100.0 * count / length for count in counts),
        questions=100.0 * body.count("?") / length,
        quotes=100.0 * (body.count('"') + body.count("“")) / length,
        length=len(tokens),
        sentence_names=tuple(_names(text) for text in sentence_texts),
        sentence_lower=tuple(text.lower() for text in sentence_texts),
        sentence_stems=tuple(tuple(stem(w) for w in tokens) for tokens in sentence_words),
        sentence_cues=tuple(sentence_cues(tokens) for tokens in sentence_words),
    )


def _names(text: str) -> frozenset[str]:
    return frozenset(match.group().lower() for match in _CAPITALISED.finditer(text))


FEATURES: tuple[str, ...] = (
    "cos_body",
    "cos_lead",
    "cos_max_sentence",
    "cos_top_mean",
    "best_sentence_position",
    "sentences_over_0.1",
    "sentences_over_0.25",
    "claim_terms_in_body",
    "claim_idf_in_body",
    "claim_terms_in_lead",
    "claim_bigrams_in_body",
    "claim_numbers",
    "claim_numbers_in_body",
    "claim_names_in_body",
    "body_words_log",
    "claim_words",
    "body_refute_rate",
    "body_hedge_rate",
    "body_agree_rate",
    "body_negation_rate",
    "top_refute",
    "top_hedge",
    "top_agree",
    "top_negation",
    "near_negation",
    "near_refute",
    "near_hedge",
    "claim_refute",
    "claim_hedge",
    "claim_agree",
    "claim_negation",
    "claim_question",
    "body_question_rate",
    "body_quote_rate",
    "claim_valence",
    "top_valence",
    "valence_product",
)


ROW_FEATURES: tuple[str, ...] = (*FEATURES, *EVIDENCE_FEATURES)
"""The columns of a dense row of :func:`pair_rows`."""
SCOPE_ROW_FEATURES: tuple[str, ...] = (*ROW_FEATURES, *SCOPE_FEATURES)
"""The columns of a dense row of :func:`pair_rows` with ``scope``."""
CROSS_ROW_FEATURES: tuple[str, ...] = (*SCOPE_ROW_FEATURES, *CROSS_FEATURES)
"""The columns of a dense row of :func:`pair_rows` with ``scope`` and ``cross``."""


def _near_counts(
    sentence_words: tuple[str, ...], claim_stems: frozenset[str]
) -> tuple[int, int, int]:
    stems = [stem(token) for token in sentence_words]
    anchors = [i for i, token in enumerate(stems) if token in claim_stems]
    if not anchors:
        return 0, 0, 0
    near: set[int] = set()
    for i in anchors:
        near.update(range(max(0, i - WINDOW), min(len(stems), i + WINDOW + 1)))
    picked = [sentence_words[i] for i in near]
    return (
        sum(1 for t in picked if t in NEGATIONS),
        sum(1 for t in picked if t in REFUTE),
        sum(1 for t in picked if t in HEDGE),
    )


def pair_features(claim: ClaimView, body: BodyView, idf: Idf) -> list[float]:
    """Return the feature row of one (claim, body) pair, in the order of :data:`FEATURES`."""
    sims = [cosine(claim.vector, vector) for vector in body.sentence_vectors]
    order = sorted(range(len(sims)), key=lambda i: (-sims[i], i))
    top = order[:TOP_SENTENCES]
    best = top[0] if top else 0
    top_words = [token for i in top for token in body.sentence_words[i]]
    top_cues = _cue_counts(top_words)
    claim_set = frozenset(claim.terms)
    near = [0, 0, 0]
    for i in top:
        for k, value in enumerate(_near_counts(body.sentence_words[i], claim_set)):
            near[k] += value
    shared = claim_set & body.term_set
    # fsum: the sum of a set's weights, exactly rounded, is the same whatever order the set
    # iterates in (a plain sum's last bits follow the process's string hashing).
    idf_total = math.fsum(idf.weights.get(t, idf.default) for t in claim_set) or 1.0
    idf_shared = math.fsum(idf.weights.get(t, idf.default) for t in shared)
    numbers_found = sum(1 for n in claim.numbers if n in body.numbers)
    names_found = sum(1 for n in claim.names if n in body.lower)
    top_valence = _valence(top_words)
    n_claim_terms = max(len(claim_set), 1)
    return [
        cosine(claim.vector, body.vector),
        cosine(claim.vector, body.lead),
        sims[best] if sims else 0.0,
        sum(sims[i] for i in top) / max(len(top), 1),
        best / max(len(sims), 1),
        sum(1 for s in sims if s > 0.1) / max(len(sims), 1),
        sum(1 for s in sims if s > 0.25) / max(len(sims), 1),
        len(shared) / n_claim_terms,
        idf_shared / idf_total,
        len(claim_set & body.lead_terms) / n_claim_terms,
        len(claim.bigrams & body.bigrams) / max(len(claim.bigrams), 1),
        float(len(claim.numbers)),
        numbers_found / max(len(claim.numbers), 1) if claim.numbers else -1.0,
        names_found / max(len(claim.names), 1) if claim.names else -1.0,
        math.log1p(body.length),
        float(claim.length),
        *body.cue_rates,
        *(float(count) for count in top_cues),
        *(float(count) for count in near),
        *(float(count) for count in claim.cues),
        float(claim.question),
        body.questions,
        body.quotes,
        claim.valence,
        top_valence,
        claim.valence * top_valence,
    ]


def body_bag(body: str, body_idf: Mapping[str, float]) -> dict[str, float]:
    """Return a body's word features for the stacked linear model.

    Unigrams and bigrams of content words (``b:`` + term), TF-IDF with sublinear term frequency,
    L2-normalised, over the model's body vocabulary (terms outside it are dropped).
    """
    terms = content_terms(body)
    grams = [f"b:{t}" for t in terms]
    grams += [f"b:{a} {b}" for a, b in pairwise(terms)]
    return tfidf_block(grams, body_idf)


def claim_bag(claim: str) -> dict[str, float]:
    """Return a claim's word features for the stacked linear model: its content words
    (``c:`` + term), binary and L2-normalised."""
    terms = sorted({f"c:{t}" for t in content_terms(claim)})
    return {term: 1.0 / math.sqrt(len(terms)) for term in terms}


def pair_rows(
    pairs: Sequence[tuple[str, str]],
    idf: Idf,
    body_idf: Mapping[str, float],
    *,
    evidence: bool = True,
    embed: Embed | Literal["default"] | None = "default",
    scope: bool = False,
    cross: bool = False,
) -> tuple[np.ndarray[Any, np.dtype[np.float64]], list[dict[str, float]]]:
    """Return the dense feature rows and the word-feature rows of ``(claim, body)`` pairs,
    as training and prediction both build them (each body and claim read once).

    The dense row's columns are :data:`ROW_FEATURES`, or only :data:`FEATURES` without
    ``evidence`` (a model trained without the sentence evidence: nothing is embedded then),
    or :data:`SCOPE_ROW_FEATURES` with ``scope`` (which needs ``evidence``), or
    :data:`CROSS_ROW_FEATURES` with ``cross`` as well (which needs ``scope``);
    ``embed`` embeds the claims and body sentences for the evidence (by default the cached
    MiniLM embedder, None for TF-IDF cosines in its place).

    A word-feature row holds the body's n-grams and the claim's words, and with ``cross`` the
    body's cues crossed with the claim's polarity (:mod:`parallax.models.stance_cross`): built
    only then, so a model without them pays nothing for them at prediction.
    """
    if embed == "default":
        embed = default_embed() if evidence else None
    bodies: dict[str, tuple[BodyView, dict[str, float]]] = {}
    claims: dict[str, tuple[ClaimView, dict[str, float]]] = {}
    cues: dict[str, dict[str, int]] = {}
    polarity: dict[str, str] = {}
    for claim, body in pairs:
        if body not in bodies:
            bodies[body] = (read_body(body, idf), body_bag(body, body_idf))
            if cross:
                cues[body] = body_cues(body)
        if claim not in claims:
            claims[claim] = (read_claim(claim, idf), claim_bag(claim))
            if cross:
                polarity[claim] = claim_polarity(claim)
    vectors = _embedded(list(claims), list(bodies), embed) if evidence else None
    dense, bags = [], []
    for claim, body in pairs:
        (view, bag), (claim_view, claim_words) = bodies[body], claims[claim]
        row = pair_features(claim_view, view, idf)
        if evidence:
            if vectors is None:
                sims = [cosine(claim_view.vector, vector) for vector in view.sentence_vectors]
                whole = row[0]
            else:
                claim_vector, (sentence_matrix, body_vector) = vectors[0][claim], vectors[1][body]
                sims = [float(value) for value in sentence_matrix @ claim_vector]
                whole = float(body_vector @ claim_vector)
            row += evidence_features(
                sims,
                view.sentence_words,
                view.sentence_numbers,
                frozenset(claim_view.terms),
                claim_view.numbers,
                whole,
            )
            if scope:
                row += scope_features(
                    sims,
                    view.sentence_words,
                    view.sentence_stems,
                    view.sentence_cues,
                    view.sentence_numbers,
                    view.sentence_names,
                    view.sentence_lower,
                    frozenset(claim_view.terms),
                    claim_view.numbers,
                    claim_view.names,
                    claim_view.words,
                )
                if cross:
                    row += cross_features(polarity[claim], cues[body], view.sentence_lower)
        dense.append(row)
        crossed = cross_bag(polarity[claim], cues[body]) if cross else {}
        bags.append({**bag, **claim_words, **crossed})
    return np.asarray(dense, dtype=np.float64).reshape(len(dense), -1), bags


def _embedded(
    claims: list[str], bodies: list[str], embed: Embed | None
) -> (
    tuple[
        dict[str, NDArray[np.float32]], dict[str, tuple[NDArray[np.float32], NDArray[np.float32]]]
    ]
    | None
):
    """Embed the claims and every body's sentences in one call: vectors by claim, and by body
    its sentences' matrix and their normalised mean."""
    if embed is None:
        return None
    sentences = {
        body: [body[a:b] for a, b in sentence_spans(body) or [(0, len(body))]] for body in bodies
    }
    texts = list(dict.fromkeys([*claims, *(s for body in bodies for s in sentences[body])]))
    matrix = embed(texts)
    row = {text: i for i, text in enumerate(texts)}
    claim_vectors = {claim: matrix[row[claim]] for claim in claims}
    body_vectors = {}
    for body in bodies:
        block = matrix[[row[s] for s in sentences[body]]]
        mean = block.mean(axis=0)
        norm = float(np.linalg.norm(mean)) or 1.0
        body_vectors[body] = (block, (mean / norm).astype(np.float32))
    return claim_vectors, body_vectors
