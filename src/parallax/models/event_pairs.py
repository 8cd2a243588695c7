"""The event-pair model: do two event mentions of a story refer to one event?

An event mention is read once into an :class:`EventSide`: the trigger's lemma and words, its
part of speech, the arguments the parser found around it (who, to whom, where, when, as
distinctive name words so that "Mike Elliott" and "Michael Elliott" meet), the sentence's
content words, and where it is (document, sentence). A pair is described by :data:`FEATURES`:
trigger agreement (same lemma, same stem, MiniLM cosine of the two triggers embedded alone and
of their token vectors inside their sentences), context (MiniLM
cosine of ±5-word windows, content-word overlap, profile similarity of the two documents), argument,
place and time agreement and conflict, and where the mentions are. Gradient-boosted trees
trained on ECB+ train topics (``parallax train event-pairs``,
:mod:`parallax.training.event_pairs`) turn the features into a probability; the artefact also
holds the clustering thresholds (one for gold mentions, one for the mentions a parser finds) and
the eventive-word lexicon for trigger detection.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from parallax.models.artefacts import TreeEnsemble, load_trees, read_or_packaged
from parallax.models.claim_pairs import name_tokens, set_conflict, set_share
from parallax.models.text import STOP_WORDS, stem, words

MODEL_NAME = "parallax.event-pairs.v1"
PACKAGED = "event_pairs"

FEATURES = (
    "same_lemma",
    "same_stem",
    "lemmas_jaccard",
    "trigger_embedding",
    "trigger_in_context",
    "context_embedding",
    "context_share",
    "document_cosine",
    "agents_share",
    "agents_conflict",
    "patients_share",
    "patients_conflict",
    "places_share",
    "places_conflict",
    "times_share",
    "times_conflict",
    "names_share",
    "names_conflict",
    "same_document",
    "same_sentence",
    "both_verbs",
    "both_nouns",
)


@dataclass(frozen=True, slots=True)
class EventSide:
    """What the pair model reads of one event mention."""

    document: str
    sentence: int
    lemma: str  # the trigger's head lemma
    lemmas: frozenset[str]  # every trigger word's lemma
    pos: str  # the head's coarse part of speech (VERB, NOUN, …)
    agents: frozenset[str]  # distinctive words of who did it
    patients: frozenset[str]  # … of to whom or what
    places: frozenset[str]
    times: frozenset[str]
    names: frozenset[str]  # distinctive words of the sentence's named entities
    context: frozenset[str]  # stemmed content words of the sentence


def _name_words(phrases: Iterable[str]) -> frozenset[str]:
    found: set[str] = set()
    for phrase in phrases:
        found |= name_tokens(phrase)
    return frozenset(found)


def event_side(
    document: str,
    sentence: int,
    lemmas: Iterable[str],
    head: str,
    pos: str,
    context: str,
    *,
    agents: Iterable[str] = (),
    patients: Iterable[str] = (),
    places: Iterable[str] = (),
    times: Iterable[str] = (),
    names: Iterable[str] = (),
) -> EventSide:
    """Read one event mention: its trigger lemmas (``head`` the main one), the sentence text
    (``context``) and the argument phrases found around it."""
    return EventSide(
        document=document,
        sentence=sentence,
        lemma=head.lower(),
        lemmas=frozenset(lemma.lower() for lemma in lemmas),
        pos=pos,
        agents=_name_words(agents),
        patients=_name_words(patients),
        places=_name_words(places),
        times=frozenset(w for t in times for w in words(t) if w not in STOP_WORDS),
        names=_name_words(names),
        context=frozenset(stem(w) for w in words(context) if w not in STOP_WORDS and len(w) > 1),
    )


def pair_features(
    first: EventSide,
    second: EventSide,
    *,
    trigger_cosine: float,
    context_cosine: float,
    document_cosine: float,
    in_context_cosine: float,
) -> list[float]:
    """Return the features of one mention pair, in the order of :data:`FEATURES`.

    ``trigger_cosine`` compares the trigger words embedded alone, ``in_context_cosine`` the
    MiniLM token vectors of the triggers read inside their sentences (so "fired" a coach and
    "fired" a gun differ), ``context_cosine`` the ±5-word windows.
    """
    union = first.lemmas | second.lemmas
    return [
        float(first.lemma == second.lemma),
        float(stem(first.lemma) == stem(second.lemma)),
        len(first.lemmas & second.lemmas) / len(union) if union else 0.0,
        trigger_cosine,
        in_context_cosine,
        context_cosine,
        set_share(first.context, second.context),
        document_cosine,
        set_share(first.agents, second.agents),
        set_conflict(first.agents, second.agents),
        set_share(first.patients, second.patients),
        set_conflict(first.patients, second.patients),
        set_share(first.places, second.places),
        set_conflict(first.places, second.places),
        set_share(first.times, second.times),
        set_conflict(first.times, second.times),
        set_share(first.names, second.names),
        set_conflict(first.names, second.names),
        float(first.document == second.document),
        float(first.document == second.document and first.sentence == second.sentence),
        float(first.pos == second.pos == "VERB"),
        float(first.pos == second.pos == "NOUN"),
    ]


@dataclass(frozen=True, slots=True)
class EventPairModel:
    """The trained trees, the clustering thresholds and the trigger lexicon."""

    trees: TreeEnsemble
    threshold: float  # mean probability two clusters of mentions need to merge
    document_threshold: float  # mean profile similarity two groups of documents need to merge
    lexicon: frozenset[str] = field(default_factory=frozenset)
    # The mention threshold for mentions a parser found (the product's case): chosen on which
    # events are shared and which unique, where spurious and missed triggers make a cluster
    # that spans documents wrongly far more often than with gold mentions.
    predicted_threshold: float = 0.5

    def probabilities(self, rows: NDArray[np.float64]) -> NDArray[np.float64]:
        """Return the probability that each pair (a row of features) is one event."""
        if len(rows) == 0:
            return np.zeros(0, dtype=np.float64)
        result: NDArray[np.float64] = self.trees.probabilities(rows)[:, 1]
        return result


def read_event_pairs(path: Path) -> EventPairModel:
    """Read the model written by ``parallax train event-pairs`` from ``path``."""
    trees, header = load_trees(path, prefix="model")
    threshold = float(header.get("threshold", 0.5))
    return EventPairModel(
        trees,
        threshold,
        float(header.get("document_threshold", -1.0)),
        frozenset(header.get("lexicon", ())),
        float(header.get("predicted_threshold", threshold)),
    )


def load_event_pairs(path: Path | None = None) -> EventPairModel:
    """Return the event-pair model at ``path``, by default the packaged one (read once)."""
    return read_or_packaged(path, PACKAGED, read_event_pairs)
