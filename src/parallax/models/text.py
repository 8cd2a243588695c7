"""Words, sentences and sparse TF-IDF vectors: the text helpers every comparison model shares.

No spaCy here: the models must run on a claim and a body alone, fast, with the same tokens at
training and at prediction time. Offsets are always into the text given.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from scipy.sparse import csr_matrix

Vector = dict[str, float]
"""A sparse vector: term → weight."""

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]\.|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Jr|Sr|Inc|Corp|Co"
    r"|Ltd|No|vs|etc|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.)$"
)
# An abbreviation is at most five characters ("Sept.") and a line break; its word boundary looks
# one further back. Searching only this far back finds what a search from the start would, without
# a scan of the whole text before each full stop.
_LOOK_BACK = 16
SPANS_CACHED = 1024
WORDS_CACHED = 4096
WORDS_CACHED_CHARS = 600
STEMS_CACHED = 65_536
_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\S)")

# Function words only: negations and modals are kept out of this list on purpose, since they are
# exactly what tells agreement from refutation and hedging.
_STOP_WORDS_TEXT = """
    a about above after again against all also am an and any are around as at be became because
    been before being below between both but by did do does doing down during each for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself of off on once only or other our ours ourselves out
    over own same she so some such than that the their theirs them themselves then there these
    they this those through to too under until up us very was we were what when where which while
    who whom whose why with you your yours yourself s t ll d m re ve
    """
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_NEGATIONS_TEXT = (
    "not no never none nobody nothing neither nor without cannot n't nt isn't wasn't aren't "
    "weren't doesn't didn't don't hasn't haven't hadn't won't wouldn't couldn't shouldn't can't "
    "isn wasn aren weren doesn didn hasn haven hadn wouldn couldn shouldn"
)
NEGATIONS = frozenset(_NEGATIONS_TEXT.split())
"""Negations, with and without their apostrophe ("didn't", "didn"); not "won" or "don"."""


def words(text: str) -> list[str]:
    """Return the lower-cased words of ``text``, curly apostrophes made straight."""
    return list(_words(text) if len(text) <= WORDS_CACHED_CHARS else _split_words(text))


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, lower-cased word)`` for every word of ``text``."""
    return list(_word_spans(text) if len(text) <= WORDS_CACHED_CHARS else _split_spans(text))


def _split_words(text: str) -> tuple[str, ...]:
    found = WORD.findall(text)
    if not found:
        return ()
    # One lower() over the words joined by a line break (never part of a word, neither cased
    # nor case-ignorable, so each word is lowered as it would be alone).
    lowered = "\n".join(found).lower()
    if "’" in lowered:
        lowered = lowered.replace("’", "'")
    return tuple(lowered.split("\n"))


def _split_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(
        (match.start(), match.end(), match.group().lower().replace("’", "'"))
        for match in WORD.finditer(text)
    )


# A comparison reads each claim and sentence many times (claim sides, stance, the conflict rules,
# importance, tone, IDF): a short text is split into words once per process. Long texts (whole
# bodies, read once each) stay out, so the caches hold at most a few tens of megabytes.
_words = lru_cache(maxsize=WORDS_CACHED)(_split_words)
_word_spans = lru_cache(maxsize=WORDS_CACHED)(_split_spans)


@lru_cache(maxsize=STEMS_CACHED)
def stem(word: str) -> str:
    """Cut a possessive and common English suffixes, then a final e.

    Light and deterministic: "weapons" → "weapon", "denied"/"denies" → "deny",
    "resumed"/"resume" → "resum", "deliveries" → "delivery".
    """
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) <= 4:
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            word = word[: -len(suffix)] + replacement
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


_SUFFIXES = (
    ("ied", "y"),
    ("ies", "y"),
    ("ing", ""),
    ("edly", ""),
    ("ed", ""),
    ("es", ""),
    ("ly", ""),
    ("s", ""),
)


def content_terms(text: str) -> list[str]:
    """Return the stemmed content words of ``text`` (stop words and one-letter words dropped)."""
    if len(text) > WORDS_CACHED_CHARS:
        return [stem(w) for w in _split_words(text) if w not in STOP_WORDS and len(w) > 1]
    return list(_content_terms(text))


@lru_cache(maxsize=WORDS_CACHED)
def _content_terms(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _words(text) if w not in STOP_WORDS and len(w) > 1)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences and return their ``(start, end)`` offsets, trimmed.

    A full stop after an initial ("U.S.", "J.") or a title ("Mr.", "Gen.") ends no sentence.
    """
    return list(_sentence_spans(text))


@lru_cache(maxsize=SPANS_CACHED)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    # Kept per process: a comparison splits each article several times (framing, tone, claim
    # context, IDF), and again each time its story is compared.
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        after_stop = match.group(1) is not None and text[match.start() - 1] == "."
        if after_stop and _ABBREVIATION.search(
            text, max(0, match.start() - _LOOK_BACK), match.start()
        ):
            continue
        spans.append((start, match.start() + len(match.group(1) or "")))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        piece = text[begin:end]
        stripped = piece.strip()
        if not stripped:
            continue
        offset = begin + (len(piece) - len(piece.lstrip()))
        trimmed.append((offset, offset + len(stripped)))
    return tuple(trimmed)


def sentences(text: str) -> list[str]:
    """Return the sentences of ``text``."""
    return [text[start:end] for start, end in sentence_spans(text)]


def tfidf(terms: Iterable[str], idf: Mapping[str, float], default_idf: float) -> Vector:
    """Return the L2-normalised TF-IDF vector (sublinear tf) of a bag of terms."""
    counts = Counter(terms)
    vector = {
        term: (1.0 + math.log(count)) * idf.get(term, default_idf) for term, count in counts.items()
    }
    norm = math.sqrt(sum(weight * weight for weight in vector.values()))
    if norm == 0.0:
        return {}
    return {term: weight / norm for term, weight in vector.items()}


def cosine(first: Mapping[str, float], second: Mapping[str, float]) -> float:
    """Return the dot product of two L2-normalised sparse vectors."""
    if len(first) > len(second):
        first, second = second, first
    return sum(weight * second.get(term, 0.0) for term, weight in first.items())


def learn_idf(documents: Iterable[Iterable[str]]) -> tuple[dict[str, float], float]:
    """Return smoothed IDF weights of the terms of ``documents`` and the weight of an unseen term.

    The weights are scikit-learn's: ``ln((1 + n) / (1 + df)) + 1``.
    """
    frequency: Counter[str] = Counter()
    total = 0
    for terms in documents:
        total += 1
        frequency.update(set(terms))
    idf = {term: math.log((1 + total) / (1 + df)) + 1.0 for term, df in frequency.items()}
    return idf, math.log(1 + total) + 1.0


def tfidf_block(grams: Sequence[str], idf: Mapping[str, float]) -> dict[str, float]:
    """Return sublinear TF-IDF weights of the known ``grams``, L2-normalised."""
    # Counted in C, in the order each gram first occurs (the known ones keep that order).
    counts = {g: c for g, c in Counter(grams).items() if g in idf}
    # 1 + ln(1) is 1.0 and 1.0 * w is w: a gram seen once (most) skips the logarithm.
    weights = {g: (1.0 + math.log(c)) * idf[g] if c > 1 else idf[g] for g, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {g: w / norm for g, w in weights.items()}


def vector_matrix(rows: Sequence[Mapping[str, float]]) -> csr_matrix:
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
