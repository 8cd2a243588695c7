"""What the story grouper sees of an article, and its TF-IDF vectors with online IDF.

The IDF is learned online: every article adds its terms to the document frequencies before its
own vector is built, so nothing is ever refitted over the corpus and the cost of one article does
not grow with the corpus. Early articles see a flat IDF (a cold start); with news the stop list
below carries the first few articles and the frequencies settle within a few dozen. A fixed IDF
shipped as a data file would need an openly licensed news corpus of realistic size, which we do
not have (the openly licensed Wikinews set holds 120 articles), and would go stale on new names.

Vectors are plain ``{term: weight}`` dicts, L2-normalised: sublinear term frequency
(``1 + ln tf``) times smoothed IDF (``ln((1 + n + prior) / (1 + df)) + 1``: scikit-learn's, plus
``prior`` empty pseudo-documents so that the first few articles do not weigh down every word they
share, which is exactly the evidence that they tell one story).
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

Vector = dict[str, float]
"""A sparse vector: term → weight."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# Function words and the words of news reporting itself ("said", "told"): they carry no story.
_STOP_TEXT = """
    a about above after again against ago all almost along also although am among an and another
    any are around as at be became because been before being below between both but by can could
    did do does doing done down during each either else even ever every few for from further get
    gets got had has have having he her here hers herself him himself his how however i if in
    into is it its itself just last least less like made make many may me might more most much
    must my myself near need never new news no nor not now of off on once one only or other our
    ours ourselves out over own per put rather said same say says she should since so some still
    such than that the their theirs them themselves then there these they this those though three
    through thus to told too two under until up upon us use used very via was way we were what
    when where whether which while who whom whose why will with within without would year years
    yet you your yours yourself mr mrs ms dr s t re ve ll d m don didn doesn isn wasn aren weren
    won wouldn couldn shouldn hasn haven hadn day days week weeks today yesterday tomorrow monday
    tuesday wednesday thursday friday saturday sunday according report reports reported
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


@dataclass(frozen=True, slots=True)
class StoryInput:
    """One article as the story grouper sees it.

    ``entities`` are canonical entity names (``Mention.entity`` from the NLP stage); the set may
    be empty, and grouping then rests on text and time alone. ``language`` (ISO 639-1, None:
    unknown) matters only to a language-aware embedder (``story_embedder = "multilingual"``).
    """

    article_id: str
    published: date | None
    title: str | None
    text: str
    outlet: str | None
    entities: frozenset[str]
    language: str | None = None


def stem(word: str) -> str:
    """Strip an English plural the way Harman's S-stemmer does ("weapons" → "weapon")."""
    if len(word) <= 3 or not word.endswith("s"):
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Return the content words of ``text``: lower-cased, possessives cut, plurals stemmed.

    Stop words, one-letter words and numbers under three digits are dropped.
    """
    # Grouping tokenizes every article it assigns: the few thousand distinct words of a news
    # stream are turned into terms once each (a dict look-up per word after that).
    terms = []
    known = _TERMS
    for word in _WORD.findall(text.lower()):
        term = known.get(word, _UNSEEN)
        if term is _UNSEEN:
            term = _term(word)
            if len(known) < _TERMS_KEPT:
                known[word] = term
        if term is not None:
            terms.append(term)
    return terms


_UNSEEN = ""  # never a term: every term has at least two characters
_TERMS: dict[str, str | None] = {}
#: Words whose term :func:`tokenize` remembers (a bounded table: a stream of new names cannot
#: grow it without end; the words after these are turned into terms every time).
_TERMS_KEPT = 200_000


def _term(word: str) -> str | None:
    """Return the term a lower-cased word counts as, or None when it is not a content word."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if len(word) < 2 or word in STOP_WORDS or (word.isdigit() and len(word) < 3):
        return None
    return stem(word)


def article_terms(item: StoryInput, *, title_weight: int) -> Counter[str]:
    """Count an article's terms, the headline's ``title_weight`` times."""
    counts = Counter(tokenize(item.text))
    if item.title:
        for term in tokenize(item.title):
            counts[term] += title_weight
    return counts


class TermStats:
    """Document frequencies learned online, one document at a time."""

    def __init__(
        self,
        documents: int = 0,
        frequencies: Mapping[str, int] | None = None,
        *,
        prior_documents: int = 0,
    ) -> None:
        self.documents = documents
        self.frequencies: dict[str, int] = dict(frequencies or {})
        self.prior_documents = prior_documents

    def observe(self, terms: Iterable[str]) -> None:
        """Count one document with these (distinct) terms."""
        self.documents += 1
        frequencies = self.frequencies
        for term in set(terms):
            frequencies[term] = frequencies.get(term, 0) + 1

    def idf(self, term: str) -> float:
        """Return the smoothed inverse document frequency of ``term``.

        ``prior_documents`` pseudo-documents that contain no term are counted in: while the
        corpus is small, a term two articles share is not weighed down as if it were common.
        """
        documents = 1 + self.documents + self.prior_documents
        return math.log(documents / (1 + self.frequencies.get(term, 0))) + 1.0

    def weigh(self, counts: Mapping[str, int] | Mapping[str, float]) -> Vector:
        """Turn term counts into an L2-normalised TF-IDF vector."""
        vector = {
            term: (1.0 + math.log(count)) * self.idf(term)
            for term, count in counts.items()
            if count > 0
        }
        return normalise(vector)


def normalise(vector: Vector) -> Vector:
    """Return ``vector`` scaled to unit length (empty stays empty)."""
    norm = math.sqrt(sum(weight * weight for weight in vector.values()))
    if norm == 0.0:
        return {}
    return {term: weight / norm for term, weight in vector.items()}


def dot(small: Mapping[str, float], large: Mapping[str, float]) -> float:
    """Return the dot product; pass the shorter vector first, it is the one walked."""
    return sum(weight * large.get(term, 0.0) for term, weight in small.items())


def norm(vector: Mapping[str, float]) -> float:
    """Return the Euclidean length of ``vector``."""
    return math.sqrt(sum(weight * weight for weight in vector.values()))


def top_terms(vector: Mapping[str, float], count: int) -> list[str]:
    """Return the ``count`` heaviest terms, heaviest first, ties by term."""
    best = heapq.nsmallest(count, vector.items(), key=lambda item: (-item[1], item[0]))
    return [term for term, _ in best]


def truncate(vector: Vector, count: int) -> Vector:
    """Keep only the ``count`` heaviest terms of ``vector``."""
    if len(vector) <= count:
        return vector
    return {term: vector[term] for term in top_terms(vector, count)}


def headline(item: StoryInput, *, limit: int = 200) -> str:
    """Return the article's title, or its first sentence when it has none."""
    if item.title and item.title.strip():
        return " ".join(item.title.split())
    text = " ".join(item.text.split())
    match = re.search(r"(?<=[.!?])\s", text)
    first = text[: match.start()] if match else text
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"
