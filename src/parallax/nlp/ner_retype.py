"""Span re-typing for the Ukrainian hybrid NER: each entity's type decided again, or the entity
dropped, by a linear model over the span's e5 token states and what the two NERs said of it.

The hybrid (:mod:`parallax.nlp.ner_hybrid`) takes its spans and types from two models, and most
of its place errors on NER-UK are type confusions (a place read as a person) and spans that are
not entities at all. The re-typer keeps the spans (after :func:`parallax.nlp.places_uk.find_places`)
and decides each one's label among PERS, LOC, ORG and :data:`DROP` with a multinomial logistic
regression over:

- e5's last-layer states of the span's first and last piece, their mean, and the mean of up to
  ``context`` pieces either side (standardised, then scaled by the recipe's ``dense_weight``:
  the states are many and weak, the labels few and strong);
- the span's shape (number of words, capitals, quotes, digits), the suffixes of its first and
  last words, the words before and after it;
- whether it or one of its words names a place in CLDR (:func:`parallax.nlp.places_uk.is_place`);
- the hybrid's label, and the spaCy model's and the CRF's labels of the same span or of spans
  overlapping it;
- (``morphology``) the grammemes pymorphy3 reads the span's last word with (animacy, case,
  gender, number, part of speech: :func:`parallax.nlp.place_names_uk.grammemes`) and whether
  its dictionary knows the word;
- (``document``) what the rest of the text says of the span's name: the labels the hybrid and
  both models gave its other mentions (:func:`parallax.nlp.ner_document.document_features`);
- (``propagate``) whether the span is another mention of a one-word name of the hybrid's that
  the NERs passed by (:func:`parallax.nlp.ner_document.other_mentions`), added as a candidate;
- (``pieces``) whether the span is a name inside a place candidate, cut at a conjunction, a
  comma or between a settlement and its region (:func:`parallax.nlp.ner_pieces.span_pieces`),
  added as a candidate, and whether a span runs names together
  (:func:`parallax.nlp.ner_pieces.piece_features`).

It is trained on spans the NERs found in texts they were not trained on (out-of-fold), with the
gold type of the gold entity of the same boundaries as the label, else :data:`DROP`. The folder
holds no running text, but not only numbers: ``retype.npz`` (weights, read without pickle) and
``retype.json``, the names of the sparse features, among them the suffixes and the neighbouring
words seen in the training texts (so it is under the training data's licences).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from parallax.nlp.ner_candidates import candidates, decided_candidates
from parallax.nlp.ner_document import document_features
from parallax.nlp.ner_pieces import piece_features
from parallax.nlp.place_names_uk import grammemes, name_readings, place_kind
from parallax.nlp.places_uk import is_place

__all__ = [
    "DROP",
    "RETYPE_DIR",
    "RetypeRecipe",
    "SpanRetyper",
    "candidates",
    "fit_retyper",
    "is_retyper",
    "lexical_features",
    "load_retyper",
    "morphology_features",
    "save_retyper",
    "span_examples",
    "span_features",
    "span_labels",
]

#: The re-typer's folder inside a hybrid model's folder.
RETYPE_DIR = "retype"
WEIGHTS_FILE = "retype.npz"
FEATURES_FILE = "retype.json"
#: The label of a span that is no entity (or not one of these boundaries).
DROP = "DROP"

Span = tuple[int, int, str]  # start, end, NER-UK label (PERS, LOC, ORG)
Example = tuple[Any, dict[str, float], str]  # dense features, sparse features, label

_QUOTES = frozenset('«»"“”„')
_LETTERS = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class RetypeRecipe:
    """The re-typer's training. C and the dense weight were chosen by inner cross-validation
    on NER-UK DEV (each outer fold's two training folds, one fitted and the other scored, both
    ways; micro-F1) among C 0.003 / 0.03 and dense weights 0 (no states) / 0.1 / 1: all three
    folds chose C 0.03 with weight 0.1. The lemma features (``lexicon``), the alternative
    spans (``alternatives``) and ``drop_bias`` were chosen the same way (session 28, among
    feature groups and DROP biases -1 … 0.5); ``morphology`` and ``document`` in session 30,
    with C (0.015 … 0.12) and the DROP bias again (-0.5 / -0.25): C 0.06 and -0.5 had the best
    mean inner micro-F1 over the three folds; ``propagate`` after them, the same way; ``pieces``
    in session 31, the same way (the pieces of places only: of every candidate, and with names
    in Latin script run whole, the mean was lower)."""

    c: float = 0.06  # inverse L2 penalty of the logistic regression
    dense_weight: float = 0.1  # the e5 states' scale after standardising
    context: int = 6  # pieces either side whose states are averaged
    iterations: int = 500  # L-BFGS iterations
    lexicon: bool = True  # the lemma features: places by their lemmas, person-name grammemes
    alternatives: bool = True  # also each model's own spans where the hybrid's boundaries differ
    drop_bias: float = -0.5  # added to DROP's score before the choice (chosen by inner CV)
    morphology: bool = True  # the last word's grammemes (pymorphy3)
    document: bool = True  # the labels of the name's other mentions in the text
    propagate: bool = True  # a one-word name's other mentions the NERs passed by, as candidates
    pieces: bool = True  # the places inside a place candidate (cut at conjunctions, regions)


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def span_features(
    text: str,
    span: Span,
    cnn: Sequence[Span],
    crf: Sequence[Span],
    starts: Any,
    ends: Any,
    states: Any,
    *,
    context: int = 6,
    lexicon: bool = False,
    alternative: bool = False,
    morphology: bool = False,
) -> tuple[Any, dict[str, float]]:
    """The dense (``5 × width`` e5 values) and sparse features of ``span`` in ``text``, given
    the spaCy model's (``cnn``) and the CRF's (``crf``) raw entities, and the e5 pieces'
    character ``starts`` and ``ends`` with their ``states``."""
    start, end, label = span
    name = text[start:end]
    words = name.split() or [name]
    inside = np.nonzero((starts < end) & (ends > start))[0]
    if len(inside) == 0:
        inside = np.array([min(int(np.searchsorted(starts, start)), len(starts) - 1)])
    first, last = int(inside[0]), int(inside[-1])
    rows = np.asarray(states[inside], dtype=np.float32)
    zero = np.zeros(states.shape[1], dtype=np.float32)
    left = np.asarray(states[max(0, first - context) : first], dtype=np.float32)
    right = np.asarray(states[last + 1 : last + 1 + context], dtype=np.float32)
    dense = np.concatenate(
        [
            rows[0],
            rows[-1],
            rows.mean(axis=0),
            left.mean(axis=0) if len(left) else zero,
            right.mean(axis=0) if len(right) else zero,
        ]
    )
    before = text[:start].split()[-1:] or ["<s>"]
    after = text[end:].split()[:1] or ["</s>"]
    sparse: dict[str, float] = {
        "hy=" + label: 1.0,
        f"nw={min(len(words), 4)}": 1.0,
        "up0": float(name[:1].isupper()),
        "allup": float(name.isupper()),
        "quote": float(any(c in _QUOTES for c in name)),
        "digit": float(any(c.isdigit() for c in name)),
        "place": float(is_place(name)),
        "placeword": float(any(is_place(w) for w in words)),
        "suf2=" + words[-1][-2:].lower(): 1.0,
        "suf3=" + words[-1][-3:].lower(): 1.0,
        "fsuf2=" + words[0][-2:].lower(): 1.0,
        "prev=" + before[0].lower()[:12]: 1.0,
        "next=" + after[0].lower()[:12]: 1.0,
        "prevup": float(before[0][:1].isupper()),
    }
    for model, found in (("crf", crf), ("v2", cnn)):
        same = [e[2] for e in found if (e[0], e[1]) == (start, end)]
        sparse[f"{model}x=" + (same[0] if same else "none")] = 1.0
        for other in found:
            if _overlaps(other, span) and (other[0], other[1]) != (start, end):
                sparse[f"{model}o=" + other[2]] = 1.0
    if lexicon:
        sparse.update(lexical_features(name, words))
    if alternative:
        sparse["alt"] = 1.0
        sparse["alt=" + label] = 1.0
    if morphology:
        sparse.update(morphology_features(name))
    return dense, sparse


def morphology_features(name: str) -> dict[str, float]:
    """The grammemes of the last word of ``name`` (``ml=`` each, :func:`grammemes`) and whether
    pymorphy3's dictionary knows it (``mlknown``)."""
    words = _LETTERS.findall(name)
    if not words:
        return {}
    found, known = grammemes(words[-1])
    sparse = {"ml=" + tag: 1.0 for tag in found}
    sparse["mlknown"] = float(known)
    return sparse


def lexical_features(name: str, words: Sequence[str]) -> dict[str, float]:
    """The span's lemma features: which place its lemmas name (:func:`place_kind`: country,
    ISO 3166-2 subdivision, CLDR city, a country's adjective), which place one of its words
    names, and which of its words pymorphy3 can read as a first name, surname or patronymic."""
    sparse: dict[str, float] = {}
    kind = place_kind(name)
    if kind is not None:
        sparse["gz=" + kind] = 1.0
    for word in words if len(words) > 1 else ():
        if (part := place_kind(word)) is not None:
            sparse["gzw=" + part] = 1.0
    for tag in name_readings(name):
        sparse["nm=" + tag] = 1.0
    return sparse


def span_examples(
    text: str,
    spans: Sequence[Span],
    cnn: Sequence[Span],
    crf: Sequence[Span],
    states: tuple[Any, Any],
    gold: Iterable[Span],
    recipe: RetypeRecipe,
) -> list[Example]:
    """The training examples of one text: each candidate span's (:func:`candidates`) features
    and its label (:func:`span_labels`); ``states`` the text's e5 pieces and their states."""
    found, propagated, pieces = decided_candidates(
        text, spans, cnn, crf, recipe.alternatives, recipe.propagate, recipe.pieces
    )
    labels = span_labels([span for span, _ in found], gold)
    features = candidate_features(text, found, cnn, crf, states, recipe, propagated, pieces)
    return [
        (dense, sparse, label) for (_, dense, sparse), label in zip(features, labels, strict=True)
    ]


def candidate_features(
    text: str,
    found: Iterable[tuple[Span, bool]],
    cnn: Sequence[Span],
    crf: Sequence[Span],
    states: tuple[Any, Any],
    recipe: RetypeRecipe,
    propagated: frozenset[tuple[int, int]] = frozenset(),
    pieces: frozenset[tuple[int, int]] = frozenset(),
) -> Iterator[tuple[Span, Any, dict[str, float]]]:
    """Each candidate span (:func:`candidates`) with its dense and sparse features
    (:func:`span_features`); ``states`` the text's e5 pieces and their states, ``propagated``
    the boundaries of the candidates that are other mentions of a name
    (:func:`parallax.nlp.ner_document.other_mentions`), ``pieces`` those of the names inside
    a candidate (:func:`parallax.nlp.ner_pieces.span_pieces`)."""
    e5_pieces, rows = states
    starts, ends = np.asarray(e5_pieces.starts), np.asarray(e5_pieces.ends)
    found = list(found)
    if recipe.document:
        hybrid = [span for span, alternative in found if not alternative]
        spans = [span for span, _ in found]
        in_text = document_features(text, spans, hybrid, cnn, crf)
    for i, (span, alternative) in enumerate(found):
        dense, sparse = span_features(
            text,
            span,
            cnn,
            crf,
            starts,
            ends,
            rows,
            context=recipe.context,
            lexicon=recipe.lexicon,
            alternative=alternative,
            morphology=recipe.morphology,
        )
        if (span[0], span[1]) in propagated:
            sparse["prop"] = 1.0
            sparse["prop=" + span[2]] = 1.0
        if recipe.pieces:
            sparse.update(piece_features(text, span[0], span[1]))
        if (span[0], span[1]) in pieces:
            sparse["piece"] = 1.0
            sparse["piece=" + span[2]] = 1.0
        if recipe.document:
            sparse.update(in_text[i])
        yield span, dense, sparse


def span_labels(spans: Iterable[Span], gold: Iterable[Span]) -> list[str]:
    """Each span's training label: the type of the gold entity with its boundaries, else
    :data:`DROP`."""
    types = {(start, end): label for start, end, label in gold}
    return [types.get((start, end), DROP) for start, end, _ in spans]


@dataclass(frozen=True, slots=True)
class SpanRetyper:
    """A fitted re-typer: a multinomial logistic regression, its weights split into the dense
    block (over standardised e5 values) and one row per sparse feature name."""

    classes: tuple[str, ...]
    mean: Any  # (width,) of the dense features
    scale: Any  # (width,): the standard deviation divided by the dense weight
    dense: Any  # (classes, width)
    sparse: dict[str, Any]  # feature name -> (classes,)
    intercept: Any  # (classes,)
    recipe: RetypeRecipe

    def probabilities(self, dense: Any, sparse: dict[str, float]) -> Any:
        """The probability of each of :attr:`classes` for one span's features, with the
        recipe's ``drop_bias`` added to :data:`DROP`'s score."""
        scores = np.asarray(
            self.intercept + self.dense @ ((dense - self.mean) / self.scale), dtype=np.float64
        )
        for name, value in sparse.items():
            weights = self.sparse.get(name)
            if weights is not None:
                scores = scores + weights * value
        if self.recipe.drop_bias and DROP in self.classes:
            scores[self.classes.index(DROP)] += self.recipe.drop_bias
        exp = np.exp(scores - scores.max())
        return exp / exp.sum()

    def label(self, dense: Any, sparse: dict[str, float]) -> str:
        """The most probable label of one span's features."""
        return self.classes[int(np.argmax(self.probabilities(dense, sparse)))]

    def retype(
        self,
        text: str,
        spans: Sequence[Span],
        cnn: Sequence[Span],
        crf: Sequence[Span],
        states: tuple[Any, Any],
    ) -> list[Span]:
        """``spans`` with their labels decided again, those labelled :data:`DROP` left out;
        ``cnn`` and ``crf`` the two models' raw entities, ``states`` the text's e5 pieces and
        their states. With the recipe's ``alternatives``, each model's own spans are decided on
        too (:func:`candidates`), and of the kept spans that overlap, the one whose label is
        the most probable wins. In text order."""
        chosen: list[tuple[float, Span]] = []
        recipe = self.recipe
        decided, propagated, pieces = decided_candidates(
            text, spans, cnn, crf, recipe.alternatives, recipe.propagate, recipe.pieces
        )
        for span, dense, sparse in candidate_features(
            text, decided, cnn, crf, states, self.recipe, propagated, pieces
        ):
            probabilities = self.probabilities(dense, sparse)
            best = int(np.argmax(probabilities))
            if self.classes[best] != DROP:
                chosen.append((float(probabilities[best]), (span[0], span[1], self.classes[best])))
        if not self.recipe.alternatives:
            return sorted(span for _, span in chosen)
        found: list[Span] = []
        for _, span in sorted(chosen, key=lambda pair: -pair[0]):
            if not any(_overlaps(span, other) for other in found):
                found.append(span)
        return sorted(found)


def fit_retyper(examples: Sequence[Example], recipe: RetypeRecipe | None = None) -> SpanRetyper:
    """Fit the re-typer on ``(dense, sparse, label)`` examples (scikit-learn, the ``train``
    extra)."""
    from scipy import sparse as matrices
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    recipe = recipe or RetypeRecipe()
    if recipe.dense_weight <= 0:
        raise ValueError("dense_weight must be positive")
    dense = np.stack([np.asarray(d, dtype=np.float32) for d, _, _ in examples])
    labels = np.array([label for _, _, label in examples])
    mean = dense.mean(axis=0)
    scale = (dense.std(axis=0) + 1e-4) / recipe.dense_weight
    vectorizer = DictVectorizer()
    names = vectorizer.fit_transform([s for _, s, _ in examples])
    rows = matrices.hstack([matrices.csr_matrix((dense - mean) / scale), names]).tocsr()
    model = LogisticRegression(C=recipe.c, max_iter=recipe.iterations).fit(rows, labels)
    width = dense.shape[1]
    coef = np.asarray(model.coef_, dtype=np.float32)
    return SpanRetyper(
        classes=tuple(str(c) for c in model.classes_),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        dense=coef[:, :width],
        sparse={str(name): coef[:, width + int(i)] for name, i in vectorizer.vocabulary_.items()},
        intercept=np.asarray(model.intercept_, dtype=np.float32),
        recipe=recipe,
    )


def save_retyper(retyper: SpanRetyper, folder: Path) -> None:
    """Write ``retyper`` to ``folder`` (numbers in ``retype.npz``, names in ``retype.json``)."""
    folder.mkdir(parents=True, exist_ok=True)
    names = sorted(retyper.sparse)
    np.savez_compressed(
        folder / WEIGHTS_FILE,
        mean=retyper.mean,
        scale=retyper.scale,
        dense=retyper.dense,
        intercept=retyper.intercept,
        sparse=np.stack([retyper.sparse[n] for n in names], axis=1),
    )
    kept = {"classes": list(retyper.classes), "features": names, "recipe": asdict(retyper.recipe)}
    (folder / FEATURES_FILE).write_text(json.dumps(kept, ensure_ascii=False) + "\n", "utf-8")


def is_retyper(folder: Path) -> bool:
    """Whether ``folder`` holds a re-typer."""
    return (folder / WEIGHTS_FILE).is_file() and (folder / FEATURES_FILE).is_file()


def load_retyper(folder: Path) -> SpanRetyper:
    """Read the re-typer in ``folder`` (nothing is unpickled)."""
    kept = json.loads((folder / FEATURES_FILE).read_text(encoding="utf-8"))
    with np.load(folder / WEIGHTS_FILE, allow_pickle=False) as arrays:
        weights = {key: np.asarray(arrays[key]) for key in arrays.files}
    return SpanRetyper(
        classes=tuple(kept["classes"]),
        mean=weights["mean"],
        scale=weights["scale"],
        dense=weights["dense"],
        sparse={name: weights["sparse"][:, i] for i, name in enumerate(kept["features"])},
        intercept=weights["intercept"],
        # A re-typer written before session 28 (ner-uk-nc 1.3.0) was fitted without the lemma
        # features and the alternative spans, and chose by the plain argmax; one written before
        # session 30 (1.4.0) without the morphology and document features and the propagation.
        recipe=RetypeRecipe(
            **{
                "lexicon": False,
                "alternatives": False,
                "drop_bias": 0.0,
                "morphology": False,
                "document": False,
                "propagate": False,
                "pieces": False,
                **kept["recipe"],
            }
        ),
    )
