"""Persuasion techniques in an article: where they are (spans) and which of PTC's 14 they are.

Two linear models trained on PTC's training articles (SemEval-2020 Task 11; see
``data/models/propaganda/NOTE.md``): a word tagger that marks the words inside a technique span
(runs of marked words, one-word gaps bridged, become spans), and a span classifier over the
span's words, its sentence and cues (length, repetition in the article, quotes, punctuation,
loaded words). Prediction needs numpy only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from parallax.models.artefacts import LinearModel, load_linear, read_or_packaged, text_key
from parallax.models.techniques_features import span_features, word_rows

MODEL_NAME = "parallax.techniques.ptc-linear.v1"
MAX_GAP = 1  # unmarked words bridged inside one span


@dataclass(frozen=True, slots=True)
class TechniqueSpan:
    """A persuasion technique found at ``text[start:end]``, with the model's confidence."""

    start: int
    end: int
    label: str
    score: float
    model: str = MODEL_NAME


@dataclass(frozen=True, slots=True)
class PropagandaModel:
    """The loaded span classifier (TC) and word tagger (SI)."""

    classifier: LinearModel
    tagger: LinearModel
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    def trained_on(self, text: str) -> bool:
        """Return whether ``text`` was one of the model's training articles."""
        return text_key(text) in self.meta.get("train_articles", ())


def _read(path: Path) -> PropagandaModel:
    classifier, meta = load_linear(path, prefix="classifier")
    tagger, tagger_meta = load_linear(path, prefix="tagger")
    meta["train_articles"] = frozenset(meta.get("train_articles", ()))
    return PropagandaModel(classifier, tagger, float(tagger_meta["threshold"]), meta)


def load_propaganda_model(path: Path | None = None) -> PropagandaModel:
    """Load the model from ``path`` (default: the packaged one).

    Raises:
        ConfigError: a model file is missing (train it with ``parallax train propaganda``).
    """
    return read_or_packaged(path, "propaganda", _read)


def classify_spans(
    text: str, spans: Sequence[tuple[int, int]], *, model: PropagandaModel | None = None
) -> list[str]:
    """Return the technique of each ``(start, end)`` span of ``text`` (TC).

    A span listed k times gets its k most likely techniques, one each, as PTC annotates a span
    with several techniques by listing it several times.
    """
    model = model or load_propaganda_model()
    if not spans:
        return []
    unique = sorted(set(spans))
    probabilities = model.classifier.probabilities([span_features(text, s, e) for s, e in unique])
    ranked = {
        span: np.argsort(-row, kind="stable")
        for span, row in zip(unique, probabilities, strict=True)
    }
    seen: Counter[tuple[int, int]] = Counter()
    labels = []
    for span in spans:
        order = ranked[span]
        labels.append(model.classifier.classes[int(order[seen[span] % len(order)])])
        seen[span] += 1
    return labels


def detect_spans(text: str, *, model: PropagandaModel | None = None) -> list[TechniqueSpan]:
    """Return the spans of ``text`` that use some technique (SI), labelled ``"propaganda"``."""
    model = model or load_propaganda_model()
    rows = word_rows(text)
    if not rows:
        return []
    probabilities = np.atleast_1d(model.tagger.probabilities([row for _, _, row in rows]))
    found: list[TechniqueSpan] = []
    run: list[int] = []
    gap = 0

    def close() -> None:
        if run:
            scores = [float(probabilities[i]) for i in run]
            found.append(
                TechniqueSpan(
                    rows[run[0]][0],
                    rows[run[-1]][1],
                    "propaganda",
                    round(sum(scores) / len(scores), 4),
                )
            )
            run.clear()

    for i, (start, _, _) in enumerate(rows):
        same_line = not run or "\n" not in text[rows[run[-1]][1] : start]
        if probabilities[i] >= model.threshold and same_line:
            run.append(i)
            gap = 0
        elif probabilities[i] >= model.threshold:
            close()
            run.append(i)
            gap = 0
        elif run and gap < MAX_GAP and same_line:
            gap += 1
        else:
            close()
            gap = 0
    close()
    return found


def find_techniques(text: str, *, model: PropagandaModel | None = None) -> list[TechniqueSpan]:
    """Return the persuasion techniques of ``text``: spans with their technique and a score.

    The score is the span's mean word probability times the technique's probability.
    """
    model = model or load_propaganda_model()
    spans = detect_spans(text, model=model)
    if not spans:
        return []
    probabilities = model.classifier.probabilities(
        [span_features(text, s.start, s.end) for s in spans]
    )
    results = []
    for span, row in zip(spans, probabilities, strict=True):
        best = int(np.argmax(row))
        results.append(
            TechniqueSpan(
                span.start,
                span.end,
                model.classifier.classes[best],
                round(span.score * float(row[best]), 4),
            )
        )
    return results
