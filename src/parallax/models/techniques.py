"""Persuasion techniques in an article: where they are (spans) and which of PTC's 14 they are.

Two models trained on PTC's training articles (SemEval-2020 Task 11; see
``data/models/propaganda/NOTE.md``): a linear-chain CRF (CRFsuite) over each sentence's words
whose marginals mark the words inside a technique span (runs of marked words, one-word gaps
bridged, become spans), and a logistic-regression span classifier over the span's words, its
sentence, cues (length, repetition in the article, quotes, punctuation, loaded words) and the
span's MiniLM embedding.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

from parallax.embeddings import embeddings_available
from parallax.errors import Code, ConfigError
from parallax.models.artefacts import LinearModel, load_linear, read_or_packaged, text_key
from parallax.models.bias_features import embedding_names
from parallax.models.techniques_features import sentence_rows, span_features
from parallax.models.vectors import cached_embedder

MODEL_NAME = "parallax.techniques.ptc-crf.v2"
MAX_GAP = 1  # unmarked words bridged inside one span
TAGGER_FILE = "tagger.crfsuite"
INSIDE = "I"  # the CRF's label of a word inside a technique span ("O" outside)
SPAN_PART = 64  # spans classified at a time by find_techniques


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
    """The loaded span classifier (TC) and CRF word tagger (SI).

    ``tagger`` is the path of the CRFsuite model file: a ``pycrfsuite.Tagger`` holds mutable
    state, so each call opens its own (a few milliseconds).
    """

    classifier: LinearModel
    tagger: Path
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    def trained_on(self, text: str) -> bool:
        """Return whether ``text`` was one of the model's training articles."""
        return text_key(text) in self.meta.get("train_articles", ())


def _read(path: Path) -> PropagandaModel:
    classifier, meta = load_linear(path, prefix="classifier")
    for name in (TAGGER_FILE, "tagger.json"):
        if not (path / name).is_file():
            raise ConfigError(
                Code.NOT_FOUND,
                "the technique tagger is missing: run `parallax train propaganda`",
                path=str(path / name),
            )
    tagger_meta = json.loads((path / "tagger.json").read_text(encoding="utf-8"))
    meta["train_articles"] = frozenset(meta.get("train_articles", ()))
    return PropagandaModel(classifier, path / TAGGER_FILE, float(tagger_meta["threshold"]), meta)


def span_rows(text: str, spans: Sequence[tuple[int, int]]) -> list[dict[str, float]]:
    """Return the classifier's features of each ``(start, end)`` span of ``text``.

    The sparse :func:`span_features` and the span's MiniLM embedding (``e:0`` … ``e:383``):
    the embedding generalises over words the training articles never used for a technique.
    Without the embedding packages the spans are classified on the sparse features alone
    (a weaker classifier, but one that runs).
    """
    rows = [span_features(text, start, end) for start, end in spans]
    if rows and embeddings_available():
        vectors = cached_embedder().embed([text[s:e] for s, e in spans])
        for row, vector in zip(rows, vectors, strict=True):
            row.update(zip(embedding_names(len(vector)), map(float, vector), strict=True))
    return rows


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
    probabilities = model.classifier.probabilities(span_rows(text, unique))
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


def inside_probabilities(
    text: str, *, model: PropagandaModel
) -> list[list[tuple[int, int, float]]]:
    """Return, sentence by sentence, ``(start, end, p)`` for each word of ``text``: the CRF's
    marginal probability that the word is inside a technique span."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model.tagger))
    try:
        found = []
        marginal = tagger.marginal
        for sentence in sentence_rows(text, zeros=False):
            # The rows go to CRFsuite as they are (an ItemSequence would be one more copy).
            tagger.set([row for _, _, row in sentence])
            found.append(
                [(start, end, marginal(INSIDE, i)) for i, (start, end, _) in enumerate(sentence)]
            )
        return found
    finally:
        tagger.close()


def _runs(words: Sequence[tuple[int, int, float]], threshold: float) -> list[list[int]]:
    """Return the runs of words at or above ``threshold``, :data:`MAX_GAP` words bridged."""
    runs: list[list[int]] = []
    run: list[int] = []
    gap = 0
    for i, (_, _, probability) in enumerate(words):
        if probability >= threshold:
            run.append(i)
            gap = 0
        elif run and gap < MAX_GAP:
            gap += 1
        else:
            if run:
                runs.append(run)
            run, gap = [], 0
    if run:
        runs.append(run)
    return runs


def detect_spans(text: str, *, model: PropagandaModel | None = None) -> list[TechniqueSpan]:
    """Return the spans of ``text`` that use some technique (SI), labelled ``"propaganda"``.

    A span stays inside one sentence; its score is the mean marginal of its marked words.
    """
    model = model or load_propaganda_model()
    found = []
    for words in inside_probabilities(text, model=model):
        for run in _runs(words, model.threshold):
            scores = [words[i][2] for i in run]
            found.append(
                TechniqueSpan(
                    words[run[0]][0],
                    words[run[-1]][1],
                    "propaganda",
                    round(sum(scores) / len(scores), 4),
                )
            )
    return found


def find_techniques(
    text: str,
    *,
    model: PropagandaModel | None = None,
    min_score: float = 0.0,
    spans: Sequence[TechniqueSpan] | None = None,
) -> list[TechniqueSpan]:
    """Return the persuasion techniques of ``text``: spans with their technique and a score.

    The score is the span's mean word probability times the technique's probability, so it is
    never above the span's own score: with ``min_score``, the spans whose own score is below it
    are left out before they are classified (their MiniLM vector and classifier row are not
    computed), as they could only be found with a score below ``min_score``. The spans kept get
    the same technique and score as without it (each span is classified alone). ``spans``:
    what :func:`detect_spans` returned for ``text`` (and ``model``) when it ran before (a page
    tags its articles while MiniLM embeds their sentences on other threads).
    """
    model = model or load_propaganda_model()
    if spans is None:
        spans = detect_spans(text, model=model)
    spans = [span for span in spans if span.score >= min_score]
    if not spans:
        return []
    # A part of the spans at a time: a row holds the span's 384 embedding values as features,
    # and a 180k-character article's spans at once were 400 MB. Each span is scored alone.
    probabilities = np.concatenate(
        [
            model.classifier.probabilities(
                span_rows(text, [(s.start, s.end) for s in spans[start : start + SPAN_PART]])
            )
            for start in range(0, len(spans), SPAN_PART)
        ]
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
