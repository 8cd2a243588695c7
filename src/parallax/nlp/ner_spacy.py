"""A small spaCy NER for a language spaCy has no trained pipeline for: fit, save, load, run.

The model is spaCy's transition-based NER over a CNN tok2vec of hashed word features (the
lowercased form, its prefix, suffix and shape: enough to see a name through Ukrainian case
endings), sized to train on two CPU cores in minutes. It is fitted one line at a time (a line
is a sentence in NER-UK's tokenised text and a paragraph in news text) and run the same way,
so that no entity spans a line break. Fitting lives here because only :mod:`parallax.nlp`
imports spaCy; :mod:`parallax.training.ner_uk` chooses the data and writes the artefact.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["NerShape", "fit_ner", "lines", "load_ner", "predict_entities", "save_ner"]

#: A text with its gold entities: (start, end, label) character offsets into the text.
Annotated = tuple[str, Sequence[tuple[int, int, str]]]
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class NerShape:
    """The model's size and its training schedule."""

    width: int = 96  # tok2vec width
    depth: int = 4  # CNN layers (each sees one word either side: a window of nine words)
    embed_size: int = 2000  # rows per hashed feature table
    hidden: int = 64  # the transition model's hidden layer
    epochs: int = 4
    dropout: float = 0.2
    seed: int = 13
    # The share of lines without an entity that are trained on: NER-UK's fiction and essays
    # have long stretches without a name, and leaving most of them out halves the training
    # time on two cores.
    empty_lines: float = 0.3


def _model(shape: NerShape) -> dict[str, Any]:
    return {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": shape.hidden,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": {
            "@architectures": "spacy.HashEmbedCNN.v2",
            "pretrained_vectors": None,
            "width": shape.width,
            "depth": shape.depth,
            "embed_size": shape.embed_size,
            "window_size": 1,
            "maxout_pieces": 3,
            "subword_features": True,
        },
    }


def lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, line)`` for each line of ``text`` that is not blank."""
    for match in _LINE.finditer(text):
        if match.group().strip():
            yield match.start(), match.group()


def _examples(nlp: Any, documents: Sequence[Annotated], shape: NerShape) -> list[Any]:
    """One spaCy Example per line (all lines with an entity, a seeded share of the others),
    its gold entities cut to whole tokens (overlaps resolved to the longest, as a flat NER
    must)."""
    from spacy.training import Example
    from spacy.util import filter_spans

    keep = random.Random(shape.seed)
    examples = []
    for text, entities in documents:
        for offset, line in lines(text):
            end = offset + len(line)
            reference = nlp.make_doc(line)
            spans = [
                reference.char_span(s - offset, e - offset, label=label, alignment_mode="contract")
                for s, e, label in entities
                if offset <= s and e <= end
            ]
            if not spans and keep.random() >= shape.empty_lines:
                continue
            reference.ents = filter_spans([span for span in spans if span is not None])
            examples.append(Example(nlp.make_doc(line), reference))
    return examples


def fit_ner(
    language: str,
    documents: Sequence[Annotated],
    *,
    labels: Sequence[str],
    shape: NerShape | None = None,
    progress: Callable[[int, float], None] | None = None,
) -> Any:
    """Fit a blank ``language`` pipeline with one NER on ``documents`` and return it.

    Args:
        language: spaCy's language code ("uk").
        documents: Texts with their gold entities.
        labels: The entity labels to learn.
        shape: The model's size and schedule (:class:`NerShape` defaults when None).
        progress: Called after each epoch with the epoch's number and its NER loss.
    """
    import spacy
    from spacy import util

    shape = shape or NerShape()
    util.fix_random_seed(shape.seed)  # type: ignore[attr-defined]
    nlp = spacy.blank(language)
    ner: Any = nlp.add_pipe("ner", config={"model": _model(shape)})
    for label in labels:
        ner.add_label(label)
    examples = _examples(nlp, documents, shape)
    optimizer = nlp.initialize(lambda: examples)
    shuffle = random.Random(shape.seed)
    for epoch in range(shape.epochs):
        shuffle.shuffle(examples)
        losses: dict[str, float] = {}
        sizes = util.compounding(4.0, 32.0, 1.001)  # type: ignore[attr-defined]
        for batch in util.minibatch(examples, size=sizes):  # type: ignore[no-untyped-call]
            nlp.update(batch, drop=shape.dropout, sgd=optimizer, losses=losses)
        if progress is not None:
            progress(epoch + 1, losses.get("ner", 0.0))
    return nlp


def save_ner(nlp: Any, path: Path) -> None:
    """Write a fitted pipeline with ``nlp.to_disk``, its string store cut to the NER's labels.

    The store would hold every word form, affix and shape seen in training: a word list of the
    training corpus that prediction does not read (the hash embeddings hash attributes as text
    is tokenised, and the labels are in the NER's own moves), so it is not shipped.
    """
    nlp.to_disk(path)
    labels = sorted(nlp.get_pipe("ner").labels)
    (path / "vocab" / "strings.json").write_text(json.dumps(labels) + "\n", encoding="utf-8")


def load_ner(path: Path) -> Any:
    """Load a pipeline written by ``nlp.to_disk`` (msgpack and JSON: nothing is unpickled)."""
    import spacy

    return spacy.load(path)


def predict_entities(nlp: Any, text: str) -> list[tuple[int, int, str]]:
    """Run the NER over each line of ``text``; returns (start, end, label) in ``text``."""
    found = list(lines(text))
    entities: list[tuple[int, int, str]] = []
    for (offset, _), doc in zip(found, nlp.pipe(line for _, line in found), strict=True):
        entities.extend((offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents)
    return entities
