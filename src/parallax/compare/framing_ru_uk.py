"""Framing findings of a Russian or Ukrainian article: manipulation techniques, when the model is
installed, and a note saying why when it is not.

The English framing models (our loaded-word list and VADER, PTC's technique tagger, BABE's bias
model) read English only, so a ru/uk article gets none of their findings. Techniques come from
:mod:`parallax.models.techniques_unlp`, which names the techniques of a whole text (UNLP 2025
annotates posts, not spans per technique): each technique found is shown on the article's
sentence the model scores highest for it, with the article's probability as the score; the
spans a CRF marks as manipulative (:mod:`parallax.models.spans_unlp`) come beside them. There is
no loaded-language lexicon for ru/uk: none openly licensed with its sources was at hand, and we
wrote none (a short list without sources would be our opinion, not evidence).
"""

from __future__ import annotations

import re

from parallax.models.spans_unlp import SPAN_MODEL, tag_spans
from parallax.models.techniques_unlp import (
    LANGUAGES,
    MODEL_NAME,
    NOT_AVAILABLE,
    load_unlp_model,
    unlp_model_version,
)

SPAN_LABEL = "manipulative"
"""The label of a span the tagger marks (UNLP's spans name no technique)."""

__all__ = ["LANGUAGES", "SPAN_LABEL", "sentences_ru_uk", "techniques_ru_uk", "version_ru_uk"]

# A sentence ends at . ! ? … before a capital (Latin or Cyrillic) or a digit, maybe behind an
# opening quote, and at every line break (posts and articles put one item on a line). The
# English splitter (parallax.models.text) knows only Latin capitals.
_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"'»”)]*)\s+(?=[«„\"'(]?[A-ZА-ЯЁІЇЄҐ0-9])|\n+")


def sentences_ru_uk(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the sentences of a ru/uk ``text``, trimmed."""
    spans = []
    start = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = len(text) if match is None else match.start() + len(match.group(1) or "")
        piece = text[start:end]
        if piece.strip():
            offset = start + len(piece) - len(piece.lstrip())
            spans.append((offset, offset + len(piece.strip())))
        if match is not None:
            start = match.end()
    return spans


def version_ru_uk() -> str:
    """Return the part of the framing version that ru/uk findings depend on (the model in use,
    or none)."""
    return unlp_model_version()


def techniques_ru_uk(
    text: str,
) -> tuple[tuple[tuple[int, int, str, float, str], ...], tuple[str, ...]]:
    """Return the techniques of a ru/uk ``text`` as ``(start, end, label, score, model)`` rows
    (each on the sentence that shows it best), with the spans the tagger marks (label
    :data:`SPAN_LABEL`) when the model folder has it, and the notes to show (empty, or
    :data:`~parallax.models.techniques_unlp.NOT_AVAILABLE`)."""
    model = load_unlp_model()
    if model is None:
        return (), (NOT_AVAILABLE,)
    rows: list[tuple[int, int, str, float, str]] = []
    if model.tagger is not None:
        rows.extend(
            (start, end, SPAN_LABEL, score, SPAN_MODEL)
            for start, end, score in tag_spans(text, model.tagger)
        )
    found = model.predict([text])[0]
    spans = sentences_ru_uk(text) or [(0, len(text))]
    by_sentence = model.probabilities([text[s:e] for s, e in spans])
    classes = model.classifier.classes
    for label, score in found:
        column = classes.index(label)
        best = max(range(len(spans)), key=lambda i: (by_sentence[i, column], -i))
        rows.append((spans[best][0], spans[best][1], label, score, MODEL_NAME))
    return tuple(sorted(rows, key=lambda row: (row[0], row[2]))), ()
