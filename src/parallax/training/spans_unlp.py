"""Train and score the ru/uk manipulative-span tagger (:mod:`parallax.models.spans_unlp`).

Span F1 is the shared task's token-level F1: each word (:func:`line_words`) is inside a gold
span or not, and F1 is that of the ``inside`` class over all words of the scored posts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from parallax.datasets.unlp import UnlpPost
from parallax.models.spans_unlp import (
    INSIDE,
    SPAN_THRESHOLD,
    line_words,
    tag_spans,
    word_features,
)
from parallax.training.crf import fit_crf

CRF_C1 = 1.0  # L1 and the minimum count keep the file near 1 MB (c1 0.1, min 2: 7.1 MB)
CRF_C2 = 0.01
CRF_MIN_FREQ = 3
CRF_ITERATIONS = 60


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _sequences(post: UnlpPost) -> Iterator[tuple[list[dict[str, float]], list[str]]]:
    for words in line_words(post.text):
        labels = [INSIDE if _inside(post.spans, s, e) else "O" for s, e in words]
        yield word_features(post.text, words), labels


def fit_tagger(posts: Sequence[UnlpPost], path: Path) -> None:
    """Fit the CRF on the posts' lines and write its CRFsuite file to ``path``."""
    sequences = [pair for post in posts for pair in _sequences(post)]
    fit_crf(sequences, path, c1=CRF_C1, c2=CRF_C2, min_freq=CRF_MIN_FREQ, iterations=CRF_ITERATIONS)


def score_spans(
    tagger: Path, posts: Sequence[UnlpPost], threshold: float = SPAN_THRESHOLD
) -> dict[str, float]:
    """Return token-level span precision, recall and F1, and the F1 of calling every word
    inside (``span_all_inside_f1``, the floor)."""
    hits = predicted = gold = words = 0
    for post in posts:
        found = [(s, e) for s, e, _ in tag_spans(post.text, tagger, threshold)]
        for line in line_words(post.text):
            for start, end in line:
                truth = _inside(post.spans, start, end)
                guess = _inside(found, start, end)
                words += 1
                gold += truth
                predicted += guess
                hits += truth and guess
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    share = gold / words if words else 0.0
    floor = 2 * share / (1 + share) if share else 0.0
    return {
        "span_precision": precision,
        "span_recall": recall,
        "span_f1": f1,
        "span_all_inside_f1": floor,
    }
