"""The event-pair model: do two event mentions of a story refer to one event?

An event mention is read once into an :class:`EventSide`: the trigger's lemma and words, its
part of speech, the arguments the parser found around it (who, to whom, where, when, as
distinctive name words so that "Mike Elliott" and "Michael Elliott" meet), the sentence's
content words, and where it is (document, sentence). A pair is described by :data:`FEATURES`:
trigger agreement (same lemma, same stem, MiniLM cosine of the two triggers embedded alone and
of their token vectors inside their sentences), context (MiniLM cosine of ±5-word windows,
content-word overlap, profile similarity of the two documents), argument, place and time
agreement and conflict, and where the mentions are. Gradient-boosted trees trained on ECB+ train
topics (``parallax train event-pairs``, :mod:`parallax.training.event_pairs`) turn the features
into a probability. A second pass of trees (:data:`REFINE_FEATURES`,
:meth:`EventPairModel.refined`) rereads each pair's probability beside those of its sentence
mates and of the two articles' other mentions; the artefact also holds the clustering thresholds
(one for gold mentions, one for the mentions a parser finds) and the eventive-word lexicon for
trigger detection, with a model of which other common nouns name events
(:mod:`parallax.models.event_nouns`).

"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from parallax.models.artefacts import TreeEnsemble, load_trees, read_or_packaged
from parallax.models.claim_pairs import name_tokens, set_conflict, set_share
from parallax.models.event_nouns import EventNouns, read_event_nouns
from parallax.models.text import STOP_WORDS, stem, words

MODEL_NAME = "parallax.event-pairs.v2"
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

# The second pass reads the first pass's probabilities around a pair (see
# :func:`neighbour_features`).
REFINE_FEATURES = (
    "probability",
    "sentence_max",
    "sentence_mean",
    "document_density",
    "margin",
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


def neighbour_features(
    pairs: Sequence[tuple[int, int]], probabilities: NDArray[np.float64], sides: Sequence[EventSide]
) -> NDArray[np.float64]:
    """Return the second pass's rows, in the order of :data:`REFINE_FEATURES`.

    Events told together are linked together: the mentions of one sentence often co-refer with
    the mentions of another sentence as a whole ("the quake killed 12" / "the earthquake's
    death toll"), and two articles about one event hold many likely pairs. For pair ``(i, j)``:
    its own probability; the highest and the mean probability between the *other* mentions of
    ``i``'s sentence and of ``j``'s (0 when either has none, or one sentence); the mean, over
    both articles' mentions, of each one's best probability in the other article (document
    density); and the margin of the pair over the best other partner either mention has in the
    other's article.
    """
    n = len(sides)
    matrix = np.zeros((n, n), dtype=np.float32)
    if len(pairs):
        index = np.asarray(pairs, dtype=np.int64)
        matrix[index[:, 0], index[:, 1]] = probabilities
        matrix[index[:, 1], index[:, 0]] = probabilities
    sentences: dict[tuple[str, int], list[int]] = {}
    documents: dict[str, list[int]] = {}
    for i, side in enumerate(sides):
        sentences.setdefault((side.document, side.sentence), []).append(i)
        documents.setdefault(side.document, []).append(i)
    members = {name: np.asarray(found, dtype=np.int64) for name, found in documents.items()}
    # Each mention's best and second-best partner in each document (its own entry is 0).
    best: dict[str, tuple[NDArray[np.float32], NDArray[np.int64], NDArray[np.float32]]] = {}
    for name, inside in members.items():
        block = matrix[:, inside]
        order = np.argsort(-block, axis=1, kind="stable")
        top = block[np.arange(n), order[:, 0]]
        runner = block[np.arange(n), order[:, 1]] if len(inside) > 1 else np.zeros(n, np.float32)
        best[name] = (top, inside[order[:, 0]], runner)
    density: dict[tuple[str, str], float] = {}
    rows = np.zeros((len(pairs), len(REFINE_FEATURES)), dtype=np.float64)
    rows[:, 0] = probabilities
    for row, (i, j) in enumerate(pairs):
        one, two = sides[i], sides[j]
        if (one.document, one.sentence) != (two.document, two.sentence):
            others_i = np.asarray([k for k in sentences[(one.document, one.sentence)] if k != i])
            others_j = np.asarray([k for k in sentences[(two.document, two.sentence)] if k != j])
            if len(others_i) and len(others_j):
                block = matrix[np.ix_(others_i, others_j)]
                rows[row, 1], rows[row, 2] = block.max(), block.mean()
        key = (one.document, two.document)
        if one.document == two.document:
            rows[row, 3] = 1.0
        else:
            if key not in density:
                block = matrix[np.ix_(members[one.document], members[two.document])]
                density[key] = float(block.max(axis=1).mean() + block.max(axis=0).mean()) / 2
            rows[row, 3] = density[key]
        rows[row, 4] = probabilities[row] - max(
            _other_best(best[two.document], i, j), _other_best(best[one.document], j, i)
        )
    return rows


def _other_best(
    top: tuple[NDArray[np.float32], NDArray[np.int64], NDArray[np.float32]], i: int, j: int
) -> float:
    """``i``'s best probability with a mention of one document other than ``j``."""
    value, partner, runner_up = top
    return float(runner_up[i] if partner[i] == j else value[i])


@dataclass(frozen=True, slots=True)
class EventPairModel:
    """The trained trees, the clustering thresholds and the trigger lexicon."""

    trees: TreeEnsemble
    threshold: float  # mean probability two clusters of mentions need to merge
    document_threshold: float  # mean profile similarity two groups of documents need to merge
    lexicon: frozenset[str] = field(default_factory=frozenset)
    # The second pass over the first pass's probabilities (None: one pass only).
    refine: TreeEnsemble | None = None
    # The mention threshold for mentions a parser found (the product's case): chosen on which
    # events are shared and which unique, where spurious and missed triggers make a cluster
    # that spans documents wrongly far more often than with gold mentions.
    predicted_threshold: float = 0.5
    # Whether the second pass is used on gold mentions and on parser-found ones: training keeps
    # it for a mode only where it beats one pass in cross-validation.
    refine_gold: bool = True
    refine_predicted: bool = True
    # Which common nouns name events beyond the lexicon and the suffixes (None: no such model).
    nouns: EventNouns | None = None

    def eventive_nouns(self, lemmas: Iterable[str]) -> frozenset[str]:
        """Return the noun lemmas the noun model calls eventive (none without that model)."""
        return self.nouns.eventive(lemmas) if self.nouns is not None else frozenset()

    def probabilities(self, rows: NDArray[np.float64]) -> NDArray[np.float64]:
        """Return the probability that each pair (a row of features) is one event."""
        if len(rows) == 0:
            return np.zeros(0, dtype=np.float64)
        result: NDArray[np.float64] = self.trees.probabilities(rows)[:, 1]
        return result

    def refined(
        self,
        pairs: Sequence[tuple[int, int]],
        probabilities: NDArray[np.float64],
        sides: Sequence[EventSide],
        *,
        predicted: bool = True,
    ) -> NDArray[np.float64]:
        """Return the second pass's probability for each pair (the first pass's when the
        model has no second pass for the mode); ``probabilities`` are :meth:`probabilities` of
        ``pairs``, pairs absent counting 0; ``predicted``: the mentions were found by the parser
        (the product's case), not given."""
        used = self.refine_predicted if predicted else self.refine_gold
        if self.refine is None or not used or len(pairs) == 0:
            return probabilities
        rows = neighbour_features(pairs, probabilities, sides)
        result: NDArray[np.float64] = self.refine.probabilities(rows)[:, 1]
        return result


def read_event_pairs(path: Path) -> EventPairModel:
    """Read the model written by ``parallax train event-pairs`` from ``path``."""
    trees, header = load_trees(path, prefix="model")
    threshold = float(header.get("threshold", 0.5))
    # A model written before the second pass has no refine trees: it scores in one pass.
    refine = load_trees(path, prefix="refine")[0] if (path / "refine.json").exists() else None
    return EventPairModel(
        trees,
        threshold,
        float(header.get("document_threshold", -1.0)),
        frozenset(header.get("lexicon", ())),
        refine,
        float(header.get("predicted_threshold", threshold)),
        bool(header.get("refine_gold", True)),
        bool(header.get("refine_predicted", True)),
        read_event_nouns(path),
    )


def load_event_pairs(path: Path | None = None) -> EventPairModel:
    """Return the event-pair model at ``path``, by default the packaged one (read once)."""
    return read_or_packaged(path, PACKAGED, read_event_pairs)
