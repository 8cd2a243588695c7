"""Features of one sentence for the bias classifier: n-grams, word-bias rates, valence, cues.

Three blocks, each a sparse ``name → value`` mapping:

* ``w:`` word unigrams and bigrams and ``c:`` character 2–5-grams inside word boundaries,
  TF-IDF with sublinear term frequency, each block L2-normalised;
* ``x:`` lexical cues: the learned word-bias rates (how often annotators marked a word as
  biased when it occurred), VADER valence, our loaded-word and intensifier lists, length;
* ``e:`` an optional sentence embedding (all-MiniLM-L6-v2), when the embeddings extra is there.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

from parallax.models.cues import INTENSIFIERS, LOADED, vader_valence
from parallax.models.text import tfidf_block, words

CHAR_SIZES = (2, 3, 4, 5)
TOKENS_CACHED = 16_384
"""Words whose character n-grams are kept per process (about 20 MB at most)."""


def word_grams(text: str) -> list[str]:
    """Return the word unigrams and bigrams of a sentence (lower-cased, stop words kept)."""
    tokens = words(text)
    return [f"w:{t}" for t in tokens] + [f"w:{a} {b}" for a, b in pairwise(tokens)]


def char_grams(text: str) -> list[str]:
    """Return the character n-grams of each word padded with spaces (scikit-learn's char_wb)."""
    grams: list[str] = []
    for token in words(text):
        grams.extend(_token_char_grams(token))
    return grams


@lru_cache(maxsize=TOKENS_CACHED)
def _token_char_grams(token: str) -> tuple[str, ...]:
    """The ``c:`` n-grams of one word, in :func:`char_grams`'s order (a word recurs in most
    sentences of an article: "the", "said"; each is cut once per process)."""
    padded = f" {token} "
    return tuple(
        f"c:{padded[i : i + size]}"
        for size in CHAR_SIZES
        if size <= len(padded)
        for i in range(len(padded) - size + 1)
    )


class CharBlocks:
    """The ``c:`` TF-IDF blocks of many sentences at once, the same as :func:`tfidf_block` of
    each sentence's :func:`char_grams` to the last bit (the bias model reads hundreds of
    character n-grams a sentence, so these are counted and weighted in numpy, by number).

    Args:
        idf: The model's IDF table (its ``c:`` n-grams are numbered; others are ignored).
    """

    def __init__(self, idf: Mapping[str, float]) -> None:
        self._names = [name for name in idf if name.startswith("c:")]
        self._index = {name: i for i, name in enumerate(self._names)}
        self._idf = np.fromiter((idf[name] for name in self._names), np.float64, len(self._names))
        self._tokens: dict[str, NDArray[np.intp]] = {}
        self._log = [1.0]  # 1 + ln(count) for count 1, 2, …: math.log's, as tfidf_block's

    def _numbers(self, token: str) -> NDArray[np.intp]:
        """The numbers of a word's known n-grams, in :func:`char_grams`'s order."""
        found = self._tokens.get(token)
        if found is None:
            index = self._index
            grams = [index[gram] for gram in _token_char_grams(token) if gram in index]
            found = np.array(grams, dtype=np.intp)
            if len(self._tokens) < TOKENS_CACHED:
                self._tokens[token] = found
        return found

    def _log_counts(self, most: int) -> NDArray[np.float64]:
        log = self._log
        if len(log) < most:
            # A new list, never one grown in place: a page's threads share the model.
            log = [1.0 + math.log(count) for count in range(1, most + 1)]
            self._log = log
        return np.array(log[:most])

    def blocks(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        """Return each sentence's ``c:`` block: sublinear TF-IDF of its known n-grams in the
        order each first occurs, L2-normalised (as :func:`tfidf_block`)."""
        parts = [[self._numbers(token) for token in words(text)] for text in sentences]
        sizes = np.array([sum(len(p) for p in grams) for grams in parts], dtype=np.intp)
        if not sizes.sum():
            return [{} for _ in sentences]
        numbers = np.concatenate([p for grams in parts for p in grams])
        # One key per (sentence, n-gram): its unique keys in order of first occurrence are
        # each sentence's n-grams in the order tfidf_block's Counter keeps them.
        keys = np.repeat(np.arange(len(sentences), dtype=np.intp), sizes) * len(self._names)
        keys += numbers
        sort = np.argsort(keys)
        ordered = keys[sort]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        # Where each key first occurs, and how often: kept at that place, read in text order.
        at = np.zeros(len(keys), dtype=np.intp)
        at[np.minimum.reduceat(sort, starts)] = np.diff(np.r_[starts, len(keys)])
        firsts = np.flatnonzero(at)
        counts = at[firsts]
        sentence, gram = np.divmod(keys[firsts], len(self._names))
        # (1 + ln c) * idf, with 1 + ln 1 = 1.0 exactly: products rounded as tfidf_block's.
        weights = self._idf[gram] * self._log_counts(int(counts.max()))[counts - 1]
        bounds = np.searchsorted(sentence, np.arange(len(sentences) + 1)).tolist()
        squares = (weights * weights).tolist()
        # Summed in order by Python's sum, as tfidf_block sums them.
        norms = [math.sqrt(sum(squares[a:b])) or 1.0 for a, b in pairwise(bounds)]
        values = (weights / np.repeat(norms, np.diff(bounds))).tolist()
        names = list(map(self._names.__getitem__, gram.tolist()))
        return [dict(zip(names[a:b], values[a:b], strict=True)) for a, b in pairwise(bounds)]


CUES: tuple[str, ...] = (
    "x:rate_max",
    "x:rate_top3",
    "x:rate_over_0.3",
    "x:valence_abs",
    "x:valence_strong",
    "x:valence_min",
    "x:valence_max",
    "x:loaded",
    "x:intensifiers",
    "x:length",
)


def cue_features(text: str, rates: Mapping[str, float]) -> dict[str, float]:
    """Return the lexical cue features of a sentence given learned word-bias ``rates``."""
    tokens = words(text)
    valence = vader_valence()
    values = [valence.get(t, 0.0) for t in tokens]
    rate = sorted((rates.get(t, 0.0) for t in tokens), reverse=True)
    return dict(
        zip(
            CUES,
            (
                rate[0] if rate else 0.0,
                sum(rate[:3]),
                float(sum(1 for r in rate if r > 0.3)),
                sum(abs(v) for v in values) / math.sqrt(len(tokens) + 1),
                float(sum(1 for v in values if abs(v) >= 2.0)),
                min(values, default=0.0),
                max(values, default=0.0),
                float(sum(1 for t in tokens if t in LOADED)),
                float(sum(1 for t in tokens if t in INTENSIFIERS)),
                len(tokens) / 30.0,
            ),
            strict=True,
        )
    )


def learn_rates(
    sentences: Sequence[str], marked: Sequence[frozenset[str]], *, prior: float = 2.0
) -> dict[str, float]:
    """Return, per word, the share of the sentences containing it where it was marked biased.

    ``prior`` pseudo-occurrences (never marked) shrink the rates of rare words toward zero.
    """
    seen: dict[str, int] = {}
    hits: dict[str, int] = {}
    for sentence, biased in zip(sentences, marked, strict=True):
        for token in set(words(sentence)):
            seen[token] = seen.get(token, 0) + 1
            if token in biased:
                hits[token] = hits.get(token, 0) + 1
    return {t: hits.get(t, 0) / (n + prior) for t, n in seen.items() if hits.get(t, 0)}


@lru_cache(maxsize=4)
def embedding_names(size: int) -> tuple[str, ...]:
    """The feature names of a sentence embedding's ``size`` values: ``e:0`` … (made once)."""
    return tuple(f"e:{i}" for i in range(size))


def sentence_row(
    text: str,
    idf: Mapping[str, float],
    rates: Mapping[str, float],
    embedding: Sequence[float] | None = None,
) -> dict[str, float]:
    """Return the full sparse feature row of one sentence."""
    row = tfidf_block(word_grams(text), idf)
    row.update(tfidf_block(char_grams(text), idf))
    row.update(cue_features(text, rates))
    if embedding is not None:
        row.update(zip(embedding_names(len(embedding)), map(float, embedding), strict=True))
    return row
