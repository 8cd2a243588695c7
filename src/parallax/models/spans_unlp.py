"""Manipulative spans in Russian and Ukrainian text (UNLP 2025's span identification).

A linear-chain CRF (CRFsuite) over each line's words gives each word its marginal probability
of being inside a manipulative span; runs of words at or above :data:`SPAN_THRESHOLD` are the
spans. Word features: the lowercased
word, its last three and first three characters, its shape, and its neighbours' lowercased forms
(two each side). Trained by ``parallax train techniques-unlp`` into the same non-commercial
model folder as the technique classifier (``tagger.crfsuite``); absent there, no spans.
"""

from __future__ import annotations

import re
from pathlib import Path

import pycrfsuite

INSIDE = "I"
TAGGER_FILE = "tagger.crfsuite"
SPAN_MODEL = "parallax.techniques.unlp-spans-crf.v1"
SPAN_THRESHOLD = 0.2
"""Marginal P(inside) marking a word: chosen on an inner 20% of the training posts (token span F1
0.486 at 0.1, 0.499 at 0.15, 0.507 at 0.2, 0.488 at 0.3; the CRF's best path marks too few)."""
_WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def line_words(text: str) -> list[list[tuple[int, int]]]:
    """Return the ``(start, end)`` offsets of the words (runs of letters and digits, or single
    other characters) of each non-empty line of ``text``."""
    lines = []
    offset = 0
    for line in text.split("\n"):
        words = [(offset + m.start(), offset + m.end()) for m in _WORD.finditer(line)]
        if words:
            lines.append(words)
        offset += len(line) + 1
    return lines


def _shape(word: str) -> str:
    if word.isdigit():
        return "digit"
    if not word.isalnum():
        return "punct"
    if word.isupper() and len(word) > 1:
        return "upper"
    return "title" if word[0].isupper() else "lower"


def word_features(text: str, words: list[tuple[int, int]]) -> list[dict[str, float]]:
    """Return the CRF features of each word of one line."""
    lowered = [text[s:e].lower() for s, e in words]
    rows = []
    for i, (start, end) in enumerate(words):
        word = text[start:end]
        row = {
            f"w={lowered[i]}": 1.0,
            f"suf={lowered[i][-3:]}": 1.0,
            f"pre={lowered[i][:3]}": 1.0,
            f"shape={_shape(word)}": 1.0,
        }
        for step in (-2, -1, 1, 2):
            j = i + step
            row[f"w{step:+d}={lowered[j] if 0 <= j < len(words) else '<edge>'}"] = 1.0
        rows.append(row)
    return rows


def tag_spans(
    text: str, tagger_path: Path, threshold: float = SPAN_THRESHOLD
) -> list[tuple[int, int, float]]:
    """Return the manipulative spans of ``text`` as ``(start, end, mean marginal)``: runs of
    words whose marginal probability of being inside is at least ``threshold``."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tagger_path))
    try:
        found = []
        for words in line_words(text):
            tagger.set(pycrfsuite.ItemSequence(word_features(text, words)))
            marginals = [tagger.marginal(INSIDE, i) for i in range(len(words))]
            run: list[int] = []
            for i, p in enumerate([*marginals, 0.0]):
                if p >= threshold and i < len(words):
                    run.append(i)
                elif run:
                    score = sum(marginals[k] for k in run) / len(run)
                    found.append((words[run[0]][0], words[run[-1]][1], round(score, 4)))
                    run = []
        return found
    finally:
        tagger.close()
