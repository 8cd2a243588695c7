"""Framing findings of a Russian or Ukrainian article: manipulation techniques, when the model is
installed, and a note saying why when it is not.

The English framing models (our loaded-word list and VADER, PTC's technique tagger, BABE's bias
model) read English only, so a ru/uk article gets none of their findings. Techniques come from
:mod:`parallax.models.techniques_unlp`, which names the techniques of a whole text (UNLP 2025
annotates posts, not spans per technique): each technique found is shown on the article's
sentence the model scores highest for it, with the article's probability as the score. There is
no loaded-language lexicon for ru/uk: none openly licensed with its sources was at hand, and we
wrote none (a short list without sources would be our opinion, not evidence).
"""

from __future__ import annotations

from parallax.models.techniques_unlp import (
    LANGUAGES,
    MODEL_NAME,
    NOT_AVAILABLE,
    load_unlp_model,
    unlp_model_version,
)
from parallax.models.text import sentence_spans

__all__ = ["LANGUAGES", "techniques_ru_uk", "version_ru_uk"]


def version_ru_uk() -> str:
    """Return the part of the framing version that ru/uk findings depend on (the model in use,
    or none)."""
    return unlp_model_version()


def techniques_ru_uk(
    text: str,
) -> tuple[tuple[tuple[int, int, str, float, str], ...], tuple[str, ...]]:
    """Return the techniques of a ru/uk ``text`` as ``(start, end, label, score, model)`` rows
    (each on the sentence that shows it best) and the notes to show (empty, or
    :data:`~parallax.models.techniques_unlp.NOT_AVAILABLE`)."""
    model = load_unlp_model()
    if model is None:
        return (), (NOT_AVAILABLE,)
    found = model.predict([text])[0]
    if not found:
        return (), ()
    spans = sentence_spans(text) or [(0, len(text))]
    by_sentence = model.probabilities([text[s:e] for s, e in spans])
    classes = model.classifier.classes
    rows = []
    for label, score in found:
        column = classes.index(label)
        best = max(range(len(spans)), key=lambda i: (by_sentence[i, column], -i))
        rows.append((spans[best][0], spans[best][1], label, score, MODEL_NAME))
    return tuple(sorted(rows, key=lambda row: (row[0], row[2]))), ()
