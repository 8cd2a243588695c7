"""The claim-pair model: do two claims report the same event?

Each claim is read once into a :class:`ClaimSide` (its stemmed content words, the words of its
event — content words outside names —, the words of the names in it, its numbers and its
calendar words). A pair is described by :data:`FEATURES`: the MiniLM cosine (in the embedded
model only), the TF-IDF cosine, word and event-word overlap, name overlap (name variants share a
distinctive word: "Mike Elliott" / "Michael Elliott"), number and date agreement, and lengths.
Gradient-boosted trees trained on ECB+ train topics and MRPC (``parallax train claim-pairs``,
:mod:`parallax.training.claim_pairs`) turn the features into a probability; one model uses the
embedding, one does without it (the embeddings extra may be absent).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from parallax.models.artefacts import TreeEnsemble, load_trees, read_or_packaged
from parallax.models.text import STOP_WORDS, stem, word_spans, words

MODEL_NAME = "parallax.claim-pairs.v1"
PACKAGED = "claim_pairs"

FEATURES_LEXICAL = (
    "tfidf",
    "terms_jaccard",
    "terms_share",
    "terms_shared",
    "events_share",
    "events_shared",
    "names_share",
    "names_disjoint",
    "numbers_shared",
    "numbers_conflict",
    "calendar_shared",
    "calendar_conflict",
    "length_min",
    "length_ratio",
)
FEATURES_EMBEDDED = ("embedding", *FEATURES_LEXICAL)

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_CALENDAR = frozenset(_MONTHS + _WEEKDAYS + ["yesterday", "today", "tomorrow", "tonight"])
# Words of names that do not tell two entities apart (as in parallax.compare.names).
_GENERIC_NAME_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "for",
        "united",
        "states",
        "state",
        "new",
        "north",
        "south",
        "east",
        "west",
        "national",
        "democratic",
        "republic",
        "republican",
        "city",
        "county",
        "university",
        "group",
        "department",
        "ministry",
    ]
)
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")


@dataclass(frozen=True, slots=True)
class ClaimSide:
    """What the pair model reads of one claim."""

    terms: frozenset[str]  # stemmed content words
    events: frozenset[str]  # stemmed content words outside names (the event's words)
    names: frozenset[str]  # distinctive words of the names mentioned (lower case)
    numbers: frozenset[str]  # numbers written with digits, years left out
    calendar: frozenset[str]  # years, months, weekdays and date values
    length: int  # words


def claim_side(text: str, names: Sequence[str] = (), dates: Sequence[str] = ()) -> ClaimSide:
    """Read one claim: ``names`` are entity names found in it (canonical names through the
    corpus's entity merging), ``dates`` normalised values of its time expressions.

    Capitalised words not at the start of the text count as names too, so the model reads
    the same thing with or without an entity recogniser.
    """
    spans = word_spans(text)
    name_words: set[str] = set()
    for name in names:
        name_words |= name_tokens(name)
    terms: set[str] = set()
    events: set[str] = set()
    numbers: set[str] = set()
    calendar: set[str] = {value for value in dates if value}
    for position, (start, _end, word) in enumerate(spans):
        lower = word.lower()
        if _YEAR.match(lower):
            calendar.add(lower)
            continue
        if _NUMBER.match(lower):
            numbers.add(lower.replace(",", ""))
            continue
        if lower in _CALENDAR:
            calendar.add(lower[:3])
            continue
        if lower in STOP_WORDS or len(lower) < 2:
            continue
        stemmed = stem(lower)
        terms.add(stemmed)
        if text[start].isupper() and position > 0 and text[start - 1 : start] != "\n":
            name_words |= name_tokens(lower)
        elif lower not in name_words:
            events.add(stemmed)
    return ClaimSide(
        terms=frozenset(terms),
        events=frozenset(events),
        names=frozenset(name_words),
        numbers=frozenset(numbers),
        calendar=frozenset(calendar),
        length=len(spans),
    )


def name_tokens(name: str) -> set[str]:
    """Return the distinctive words of a name: "Mike Elliott" → {"mike", "elliott"}."""
    return {w for w in words(name) if len(w) > 1 and w not in STOP_WORDS} - _GENERIC_NAME_WORDS


def set_share(first: frozenset[str], second: frozenset[str]) -> float:
    """Shared items over the smaller set's size (0 when either is empty)."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def set_conflict(first: frozenset[str], second: frozenset[str]) -> float:
    """1 when both sets have items and share none."""
    return float(bool(first) and bool(second) and not first & second)


def pair_features(
    first: ClaimSide, second: ClaimSide, *, tfidf: float, embedding: float | None = None
) -> list[float]:
    """Return the features of one pair, in the order of :data:`FEATURES_EMBEDDED` (with an
    embedding cosine) or :data:`FEATURES_LEXICAL` (without)."""
    union = first.terms | second.terms
    shortest, longest = sorted((max(1, first.length), max(1, second.length)))
    row = [
        tfidf,
        len(first.terms & second.terms) / len(union) if union else 0.0,
        set_share(first.terms, second.terms),
        math.log1p(len(first.terms & second.terms)),
        set_share(first.events, second.events),
        math.log1p(len(first.events & second.events)),
        set_share(first.names, second.names),
        set_conflict(first.names, second.names),
        float(bool(first.numbers & second.numbers)),
        set_conflict(first.numbers, second.numbers),
        float(bool(first.calendar & second.calendar)),
        set_conflict(first.calendar, second.calendar),
        math.log(shortest),
        shortest / longest,
    ]
    return row if embedding is None else [embedding, *row]


@dataclass(frozen=True, slots=True)
class ClaimPairModel:
    """The two trained models: with the MiniLM cosine and without it."""

    embedded: TreeEnsemble
    lexical: TreeEnsemble
    threshold: dict[bool, float]  # probability at which two claims are one event, by embedded

    def probabilities(self, rows: NDArray[np.float64], *, embedded: bool) -> NDArray[np.float64]:
        """Return the probability that each pair (a row of features) reports one event."""
        if len(rows) == 0:
            return np.zeros(0, dtype=np.float64)
        model = self.embedded if embedded else self.lexical
        result: NDArray[np.float64] = model.probabilities(rows)[:, 1]
        return result


def read_claim_pairs(path: Path) -> ClaimPairModel:
    """Read the model written by ``parallax train claim-pairs`` from ``path``."""
    embedded, header = load_trees(path, prefix="embedded")
    lexical, _ = load_trees(path, prefix="lexical")
    thresholds = header.get("thresholds", {})
    return ClaimPairModel(
        embedded,
        lexical,
        {
            True: float(thresholds.get("embedded", 0.5)),
            False: float(thresholds.get("lexical", 0.5)),
        },
    )


def load_claim_pairs(path: Path | None = None) -> ClaimPairModel:
    """Return the claim-pair model at ``path``, by default the packaged one (read once)."""
    return read_or_packaged(path, PACKAGED, read_claim_pairs)
