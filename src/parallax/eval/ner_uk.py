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
ORG, the CRF's PERS and LOC), both fitted in each fold. ``--retype`` adds the hybrid's span
re-typer (:mod:`parallax.nlp.ner_retype`), stacked over the same folds: once every fold's
hybrid has found its spans (after the post-rules), each fold's spans are re-typed by a re-typer
fitted on the other folds' spans and their gold types. No fold's gold types enter its own
re-typer; the hybrids whose spans it is fitted on were trained on that fold's documents (as the
shipped re-typer is fitted on out-of-fold spans of the same fold models).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parallax.datasets.ner_uk import (
    TYPES,
    NerDocument,
    named_entities,
    read_ner_uk,
    read_slavicner_uk,
)
from parallax.eval.ner import score_spans
from parallax.eval.ner_uk_cache import FoldCache, text_key
from parallax.training.ner_uk import (
    HELD_OUT_TOPIC,
    STATES,
    TEST_TOPIC,
    deal_folds,
    fit_documents,
    fit_state_documents,
    recipe,
)

__all__ = ["cross_validate_ner_uk", "deal_folds", "evaluate_ner_uk"]

_FROM_LABEL = {"PERSON": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}

Span = tuple[int, int, str]


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
    retype: bool = False,
    other: bool = False,
    cache: Path | None = None,
) -> dict[str, float]:
    """Cross-validate the NER recipe over the NER-UK documents under ``data``, grouped by
    document (see the module's documentation); ``limit`` runs only the first folds;
    ``other``: the models also trained on the names that are none of the three, as a fourth
    type they never output (:data:`parallax.datasets.ner_uk.OTHER`; scored on the three);
    ``vectors`` overrides the recipe's e5 word vectors (dimensions, 0 for none); ``states``
    (dimensions, 0 for none) cross-validates the CRF over e5's token states instead, and with
    ``hybrid`` the spaCy recipe's ORG beside the CRF's PERS and LOC, and with ``retype`` its
    spans re-typed (stacked over the folds: every fold needs running); ``cache``: a folder
    keeping the e5 states and each fold's raw predictions (:mod:`parallax.eval.ner_uk_cache`).
    Besides the pooled figures, each type's F1 in each fold (``loc_f1_fold0`` …)."""
    from parallax.nlp.entity_bounds_uk import entity_bounds
    from parallax.nlp.ner_hybrid import merge
    from parallax.nlp.places_uk import find_places

    documents = read_ner_uk(data, other=other)
    extra: list[NerDocument] = []
    if slavicner is not None:
        extra = [
            d
            for d in read_slavicner_uk(slavicner, exclude_topics=(TEST_TOPIC,), other=other)
            if d.group != HELD_OUT_TOPIC
        ]
    if hybrid and not states:
        raise ValueError("--hybrid needs --states DIMS (the CRF beside the spaCy model)")
    if retype and (not hybrid or limit is not None):
        raise ValueError("--retype needs --hybrid and every fold (no --limit)")
    kept = FoldCache(cache)
    assigned = deal_folds(documents, folds)
    known = kept.states([d.text for d in [*documents, *extra]]) if states else {}
    pairs: list[tuple[set[Span], set[Span]]] = []
    pair_folds: list[int] = []  # each pair's fold (``_retyped`` keeps the order)
    found_in: list[tuple[int, NerDocument, list[Span], list[Span], list[Span]]] = []
    for fold in range(folds if limit is None else min(limit, folds)):
        training = [d for d, f in zip(documents, assigned, strict=True) if f != fold]
        scored = [d for d, f in zip(documents, assigned, strict=True) if f == fold]
        key = _fold_key(training + extra, scored, vectors=vectors, states=states, hybrid=hybrid)
        raw = kept.predictions(fold, folds, key)
        if raw is None:
            raw = _fold_predictions(
                training + extra, scored, known, vectors=vectors, states=states, hybrid=hybrid
            )
            kept.keep(fold, folds, key, raw)
        for document in scored:
            models = raw[text_key(document.text)]
            crf = models.get("crf", [])
            organisations = models["cnn"] if hybrid else []
            entities = crf if states else models["cnn"]
            found = find_places(document.text, merge(organisations, crf) if hybrid else entities)
            if retype:
                found_in.append((fold, document, organisations, crf, found))
            gold = set(named_entities(document))
            pairs.append((gold, set(entity_bounds(document.text, found))))
            pair_folds.append(fold)
    if retype:
        pairs = _retyped(found_in, folds, known)
    metrics = score_spans(pairs, types=TYPES)
    for fold in sorted(set(pair_folds)):
        alone = score_spans(
            [p for p, f in zip(pairs, pair_folds, strict=True) if f == fold], types=TYPES
        )
        for kind in (*TYPES, "micro"):
            metrics[f"{kind.lower()}_f1_fold{fold}"] = alone[f"{kind.lower()}_f1"]
    metrics["folds"] = folds
    metrics["folds_run"] = folds if limit is None else min(limit, folds)
    return metrics


def _fold_key(
    training: Sequence[NerDocument],
    scored: Sequence[NerDocument],
    *,
    vectors: int | None,
    states: int,
    hybrid: bool,
) -> dict[str, Any]:
    """What a fold's predictions come from: the recipes, the training documents (their texts
    and entities, fingerprinted) and the texts they are made on."""
    import hashlib
    import json
    from dataclasses import asdict, replace

    documents = sorted([text_key(d.text), list(map(list, d.entities))] for d in training)
    fingerprint = hashlib.sha256(json.dumps(documents).encode("utf-8")).hexdigest()
    texts = sorted(text_key(d.text) for d in scored)
    key: dict[str, Any] = {
        "documents": len(training),
        "fingerprint": fingerprint,
        "scored": hashlib.sha256(json.dumps(texts).encode("utf-8")).hexdigest(),
    }
    if not states or hybrid:
        key["spacy"] = asdict(recipe(vectors))
    if states:
        key["states"] = asdict(replace(STATES, dims=states))
    return key


def _fold_predictions(
    training: Sequence[NerDocument],
    scored: Sequence[NerDocument],
    known: dict[str, Any],
    *,
    vectors: int | None,
    states: int,
    hybrid: bool,
) -> dict[str, dict[str, list[Span]]]:
    """Fit the fold's models on ``training`` and return their raw entities on ``scored``, by
    text key: ``crf`` (the state CRF, with ``states``), ``cnn`` (the spaCy recipe, alone or
    with ``hybrid``)."""
    import tempfile
    from dataclasses import replace

    from parallax.nlp.ukrainian import ner_entities

    found: dict[str, dict[str, list[Span]]] = {text_key(d.text): {} for d in scored}
    with tempfile.TemporaryDirectory() as folder:
        if states:
            shape = replace(STATES, dims=states)
            crf = fit_state_documents(training, Path(folder), states=known, shape=shape)
            for document in scored:
                raw = crf.predict(document.text, states=known[document.text])
                found[text_key(document.text)]["crf"] = raw
    if not states or hybrid:
        cnn = fit_documents(training, shape=recipe(vectors))
        for document in scored:
            found[text_key(document.text)]["cnn"] = ner_entities(cnn, document.text)
    return found


def _retyped(
    found_in: Sequence[tuple[int, NerDocument, list[Span], list[Span], list[Span]]],
    folds: int,
    known: dict[str, Any],
) -> list[tuple[set[Span], set[Span]]]:
    """Each fold's spans re-typed by a re-typer fitted on the other folds' spans (the records:
    fold, document, the spaCy model's and the CRF's raw entities, the hybrid's after the
    post-rules; ``known``: each text's e5 pieces and states)."""

    from parallax.nlp.entity_bounds_uk import entity_bounds
    from parallax.nlp.ner_retype import RetypeRecipe, fit_retyper, span_examples

    recipe = RetypeRecipe()
    examples: dict[int, list[tuple[Any, dict[str, float], str]]] = {f: [] for f in range(folds)}
    for fold, document, cnn, crf, found in found_in:
        examples[fold] += span_examples(
            document.text, found, cnn, crf, known[document.text], named_entities(document), recipe
        )
    pairs: list[tuple[set[Span], set[Span]]] = []
    for fold in range(folds):
        retyper = fit_retyper(
            [e for other in range(folds) if other != fold for e in examples[other]], recipe
        )
        for f, document, cnn, crf, found in found_in:
            if f == fold:
                kept = entity_bounds(
                    document.text,
                    retyper.retype(document.text, found, cnn, crf, known[document.text]),
                )
                pairs.append((set(named_entities(document)), set(kept)))
    return pairs
