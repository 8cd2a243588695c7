"""Ukrainian NER scored on NER-UK 2.0: micro-F1 by type (PERS, LOC, ORG), strict match.

``eval ner --format ner-uk`` runs the Ukrainian stage's parser (:func:`parallax.nlp.ukrainian.
parse_ukrainian`: the trained spaCy NER of the non-commercial extra, or the model folder given)
over every NER-UK document under the folder and counts a predicted entity correct when its
start, end and type equal a gold one's. Parallax's labels map back: PERSON -> PERS, GPE -> LOC,
ORG -> ORG.

The model is trained on NER-UK's DEV split, so scoring it there says nothing; ``--folds K``
instead measures the recipe by cross-validation grouped by document: the documents are dealt
into K folds (each subcorpus spread evenly, seed 13), a model is trained on K-1 folds (plus
SlavicNER's Ukrainian training topics when ``slavicner`` is given) and run on the last, and the
counts of all folds are pooled. ``--states DIMS`` cross-validates the NER over e5's contextual
token states instead (:mod:`parallax.nlp.ner_states`; each text's states are computed once), and
``--states DIMS --hybrid`` the hybrid of both (:mod:`parallax.nlp.ner_hybrid`: the spaCy model's
ORG, the CRF's PERS and LOC), both fitted in each fold.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parallax.datasets.ner_uk import TYPES, NerDocument, read_ner_uk, read_slavicner_uk
from parallax.eval.ner import score_spans
from parallax.training.ner_uk import (
    HELD_OUT_TOPIC,
    STATES,
    TEST_TOPIC,
    fit_documents,
    fit_state_documents,
    recipe,
)

__all__ = ["cross_validate_ner_uk", "deal_folds", "evaluate_ner_uk"]

_FROM_LABEL = {"PERSON": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}
SEED = 13

Span = tuple[int, int, str]


def deal_folds(documents: Sequence[NerDocument], folds: int) -> list[int]:
    """Each document's fold (0..folds-1): every group shuffled (seed 13) and dealt in turn."""
    order = random.Random(SEED)
    assigned = [0] * len(documents)
    turn = 0
    for group in sorted({d.group for d in documents}):
        members = [i for i, d in enumerate(documents) if d.group == group]
        order.shuffle(members)
        for i in members:
            assigned[i] = turn % folds
            turn += 1
    return assigned


def evaluate_ner_uk(data: Path, *, model: Path | None = None) -> dict[str, float]:
    """Score the Ukrainian stage's entities (or the model at ``model``) on every NER-UK
    document under ``data``.

    Raises:
        ValueError: when no NER model is installed and none is given.
    """
    from parallax.nlp.ukrainian import NER_NOT_AVAILABLE, load_ner_uk, parse_ukrainian

    if load_ner_uk(model) is None:
        raise ValueError(NER_NOT_AVAILABLE)
    pairs: list[tuple[set[Span], set[Span]]] = []
    for document in read_ner_uk(data):
        parsed = parse_ukrainian(document.text, model=model)
        predicted = {(e.start, e.end, _FROM_LABEL[e.label]) for e in parsed.entities}
        pairs.append((set(document.entities), predicted))
    return score_spans(pairs, types=TYPES)


def cross_validate_ner_uk(
    data: Path,
    *,
    folds: int,
    slavicner: Path | None = None,
    limit: int | None = None,
    vectors: int | None = None,
    states: int = 0,
    hybrid: bool = False,
) -> dict[str, float]:
    """Cross-validate the NER recipe over the NER-UK documents under ``data``, grouped by
    document (see the module's documentation); ``limit`` runs only the first folds;
    ``vectors`` overrides the recipe's e5 word vectors (dimensions, 0 for none); ``states``
    (dimensions, 0 for none) cross-validates the CRF over e5's token states instead, and with
    ``hybrid`` the spaCy recipe's ORG beside the CRF's PERS and LOC."""
    import tempfile
    from dataclasses import replace

    from parallax.nlp.ner_hybrid import merge
    from parallax.nlp.places_uk import find_places
    from parallax.nlp.ukrainian import ner_entities
    from parallax.training.ner_uk import document_states

    documents = read_ner_uk(data)
    extra: list[NerDocument] = []
    if slavicner is not None:
        extra = [
            d
            for d in read_slavicner_uk(slavicner, exclude_topics=(TEST_TOPIC,))
            if d.group != HELD_OUT_TOPIC
        ]
    if hybrid and not states:
        raise ValueError("--hybrid needs --states DIMS (the CRF beside the spaCy model)")
    assigned = deal_folds(documents, folds)
    known = document_states([*documents, *extra]) if states else {}
    pairs: list[tuple[set[Span], set[Span]]] = []
    for fold in range(folds if limit is None else min(limit, folds)):
        training = [d for d, f in zip(documents, assigned, strict=True) if f != fold]
        with tempfile.TemporaryDirectory() as folder:
            model: Any = (
                fit_state_documents(
                    training + extra, Path(folder), states=known,
                    shape=replace(STATES, dims=states),
                )
                if states
                else fit_documents(training + extra, shape=recipe(vectors))
            )  # fmt: skip
            cnn: Any = fit_documents(training + extra, shape=recipe(vectors)) if hybrid else None
            for document, f in zip(documents, assigned, strict=True):
                if f != fold:
                    continue
                raw = (
                    model.predict(document.text, states=known[document.text])
                    if states
                    else ner_entities(model, document.text)
                )
                if cnn is not None:
                    raw = merge(ner_entities(cnn, document.text), raw)
                found = find_places(document.text, raw)
                pairs.append((set(document.entities), set(found)))
    metrics = score_spans(pairs, types=TYPES)
    metrics["folds"] = folds
    metrics["folds_run"] = folds if limit is None else min(limit, folds)
    return metrics
