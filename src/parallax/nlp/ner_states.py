"""A Ukrainian NER over multilingual-e5-small's contextual token states: a linear-chain CRF.

Each word (spaCy's Ukrainian tokenizer, one line at a time, as :mod:`parallax.nlp.ner_spacy`
reads text) is described by the last hidden state of its first SentencePiece piece
(:mod:`parallax.nlp.e5_states`: the whole text run through e5, in windows of 510 pieces),
projected by PCA to a few dimensions, beside its own form, affixes and shape and its
neighbours' forms and shapes. A CRFsuite model (python-crfsuite) tags the words with BIO labels
(PERS, LOC, ORG). The folder of a model holds the CRFsuite file and ``states.json`` (the
projection and the recipe); fitting is :mod:`parallax.training.ner_uk`'s.

Prediction costs about 0.45 CPU seconds per 1,000 characters, nearly all of it e5's forward pass
(measured on 30 NER-UK texts): 45 to 65 times the spaCy CNN's 0.007-0.010, the price of context.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from parallax.nlp.e5_words import Projection
from parallax.nlp.ner_spacy import OTHER

__all__ = [
    "CRF_FILE",
    "STATES_FILE",
    "StateNer",
    "Word",
    "bio_labels",
    "fit_state_projection",
    "is_state_model",
    "line_features",
    "load_state_ner",
    "text_words",
    "word_states",
]

#: The CRFsuite model's file in a model folder, and the projection's and recipe's.
CRF_FILE = "ner.crfsuite"
STATES_FILE = "states.json"

#: A word: ``(start, end, text)`` in the text.
Word = tuple[int, int, str]


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import spacy

    return spacy.blank("uk").tokenizer


def text_words(text: str) -> list[list[Word]]:
    """The words of each non-blank line of ``text`` (spaCy's Ukrainian tokenizer)."""
    from parallax.nlp.ner_spacy import lines

    tokenize = _tokenizer()
    found: list[list[Word]] = []
    for offset, line in lines(text):
        words = [
            (offset + t.idx, offset + t.idx + len(t.text), t.text)
            for t in tokenize(line)
            if not t.is_space
        ]
        if words:
            found.append(words)
    return found


def word_states(
    words: Sequence[Word], starts: Sequence[int], ends: Sequence[int], states: Any
) -> Any:
    """The state of each word's first piece (the first whose span overlaps the word's; a
    word no piece overlaps gets zeros): ``(len(words), 384)``."""
    rows = np.zeros((len(words), states.shape[1]), dtype=np.float32)
    piece_starts = np.asarray(starts)
    piece_ends = np.asarray(ends)
    for i, (start, end, _) in enumerate(words):
        at = int(np.searchsorted(piece_ends, start, side="right"))
        while at < len(piece_starts) and piece_starts[at] < end:
            if piece_ends[at] > start:
                rows[i] = states[at]
                break
            at += 1
    return rows


def fit_state_projection(rows: Any, dims: int) -> Projection:
    """The first ``dims`` principal components of ``rows`` (word states), scaled so that the
    projected rows have unit standard deviation."""
    data = np.asarray(rows, dtype=np.float64)
    mean = data.mean(axis=0)
    _, _, components = np.linalg.svd(data - mean, full_matrices=False)
    top = components[:dims]
    scale = float(((data - mean) @ top.T).std()) or 1.0
    return Projection([float(v) for v in mean], (top / scale).tolist())


def _shape(form: str) -> str:
    out: list[str] = []
    for char in form:
        kind = "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:6]


def _hashed(text: str) -> str:
    """A word or affix as a hash (hex, 2^20 buckets): the CRFsuite file keeps no word list of
    the training texts."""
    return format(zlib.crc32(text.encode("utf-8")) & 0xFFFFF, "x")


def _word(form: str, prefix: str) -> dict[str, Any]:
    lower = form.lower()
    return {
        f"{prefix}w": _hashed(lower),
        f"{prefix}s": _shape(form),
        f"{prefix}s3": _hashed(lower[-3:]),
    }


_OPENING = frozenset("«„“")
_CLOSING_QUOTES = frozenset("»”")


def line_features(
    words: Sequence[Word], projected: Any, *, context: int = 0, quotes: bool = False
) -> list[dict[str, Any]]:
    """The CRF features of a line's words: their projected states and their forms (words
    and affixes hashed, shapes as they are), and the forms of two words either side; with
    ``context``, the first ``context`` projected values of the words either side too; with
    ``quotes``, whether a word is inside «...» (organisations' names are quoted)."""
    features: list[dict[str, Any]] = []
    depth = 0
    for i, (_, _, form) in enumerate(words):
        lower = form.lower()
        row: dict[str, Any] = {
            "b": 1.0,
            "w": _hashed(lower),
            "s": _shape(form),
            "p2": _hashed(lower[:2]),
            "p3": _hashed(lower[:3]),
            "s2": _hashed(lower[-2:]),
            "s3": _hashed(lower[-3:]),
            "s4": _hashed(lower[-4:]),
            "t": form[:1].isupper(),
            "u": form.isupper() and len(form) > 1,
            "first": i == 0,
        }
        row.update({f"e{k}": float(v) for k, v in enumerate(projected[i])})
        for step in (-2, -1, 1, 2):
            j = i + step
            if 0 <= j < len(words):
                row.update(_word(words[j][2], f"{step}:"))
            else:
                row[f"{step}:edge"] = 1.0
        if context:
            for step in (-1, 1):
                j = i + step
                if 0 <= j < len(words):
                    values = projected[j][:context]
                    row.update({f"{step}:e{k}": float(v) for k, v in enumerate(values)})
        if quotes:
            if form in _CLOSING_QUOTES:
                depth = max(0, depth - 1)
            row["q"] = depth > 0
            if form in _OPENING:
                depth += 1
        features.append(row)
    return features


def bio_labels(words: Sequence[Word], entities: Sequence[tuple[int, int, str]]) -> list[str]:
    """BIO labels of ``words`` from gold character spans: a word inside a span takes its type
    (the longer span where two overlap)."""
    labels = ["O"] * len(words)
    for start, end, kind in sorted(entities, key=lambda e: e[1] - e[0]):
        inside = [i for i, (s, e, _) in enumerate(words) if s >= start and e <= end]
        for n, i in enumerate(inside):
            labels[i] = ("B-" if n == 0 else "I-") + kind
    return labels


def _spans(words: Sequence[Word], labels: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    start = end = -1
    kind = ""
    for (s, e, _), label in zip(words, labels, strict=True):
        if label.startswith("I-") and label[2:] == kind and start >= 0:
            end = e
            continue
        if start >= 0:
            yield start, end, kind
        start, end, kind = (s, e, label[2:]) if label != "O" else (-1, -1, "")
    if start >= 0:
        yield start, end, kind


@dataclass(frozen=True, slots=True)
class StateNer:
    """A fitted model: the CRFsuite file and the projection of word states."""

    crf: Path
    projection: Projection
    context: int = 0
    quotes: bool = False

    def predict(
        self, text: str, *, states: tuple[Any, Any] | None = None
    ) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` entities of ``text``, less those labelled
        :data:`parallax.nlp.ner_spacy.OTHER`; ``states`` (its pieces and their states, from
        :meth:`parallax.nlp.e5_states.E5Encoder.text_states`) are computed when not given."""
        import pycrfsuite

        if states is None:
            from parallax.nlp.e5_states import load_encoder

            states = load_encoder().text_states(text)
        pieces, rows = states
        tagger = pycrfsuite.Tagger()
        tagger.open(str(self.crf))
        found: list[tuple[int, int, str]] = []
        try:
            for words in text_words(text):
                projected = self.projection.apply(
                    word_states(words, pieces.starts, pieces.ends, rows)
                )
                features = line_features(words, projected, context=self.context, quotes=self.quotes)
                labels = tagger.tag(pycrfsuite.ItemSequence(features))
                found.extend(span for span in _spans(words, labels) if span[2] != OTHER)
        finally:
            tagger.close()
        return found


def is_state_model(path: Path) -> bool:
    """Whether ``path`` holds a model of this kind."""
    return (path / STATES_FILE).is_file() and (path / CRF_FILE).is_file()


def load_state_ner(path: Path) -> StateNer:
    """Read the model in ``path`` (JSON and the CRFsuite file: nothing is unpickled)."""
    kept = json.loads((path / STATES_FILE).read_text(encoding="utf-8"))
    recipe = kept.get("recipe", {})
    return StateNer(
        path / CRF_FILE,
        Projection.from_json(kept["projection"]),
        context=int(recipe.get("context", 0)),
        quotes=bool(recipe.get("quotes", False)),
    )
