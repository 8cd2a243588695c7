"""Named-entity recognition scored against gold spans: micro-F1 by type, strict match.

``eval ner --format factru`` runs the Russian stage's parser (:func:`parallax.nlp.russian.
parse_russian`, natasha with Parallax's entity rules: bracketed names split, legal forms
dropped, the EU an organisation) over each document of a factRuEval-2016 folder
(:mod:`parallax.datasets.factru`) and counts a predicted entity correct when its start, end
and type all equal a gold entity's. Parallax's labels map back to the data set's: PERSON ->
PER, GPE -> LOC, ORG -> ORG. ``micro`` pools the three types.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from parallax.datasets.factru import read_factru

__all__ = ["FORMATS", "evaluate_ner", "score_spans"]

FORMATS = ("factru", "ner-uk")  # ner-uk: parallax.eval.ner_uk
_TYPES = ("PER", "LOC", "ORG")
_FROM_LABEL = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}

Span = tuple[int, int, str]


def score_spans(
    pairs: list[tuple[set[Span], set[Span]]], *, types: Sequence[str] = _TYPES
) -> dict[str, float]:
    """Precision, recall and F1 per type (``types``) and pooled (``micro``) over ``(gold,
    predicted)`` span sets, one pair per document; spans match when start, end and type are
    equal."""
    counts: Counter[tuple[str, str]] = Counter()
    for gold, predicted in pairs:
        for kind in types:
            g = {span for span in gold if span[2] == kind}
            p = {span for span in predicted if span[2] == kind}
            counts[kind, "tp"] += len(g & p)
            counts[kind, "gold"] += len(g)
            counts[kind, "predicted"] += len(p)
    metrics: dict[str, float] = {}
    for kind in (*types, "micro"):
        kinds = tuple(types) if kind == "micro" else (kind,)
        tp, found, made = (
            sum(counts[k, what] for k in kinds) for what in ("tp", "gold", "predicted")
        )
        precision = tp / made if made else 0.0
        recall = tp / found if found else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        name = kind.lower()
        metrics |= {f"{name}_p": precision, f"{name}_r": recall, f"{name}_f1": f1}
        metrics[f"{name}_gold"] = found
    metrics["documents"] = len(pairs)
    return metrics


def evaluate_ner(data: Path, *, data_format: str = "factru") -> dict[str, float]:
    """Score the NER of the stage that reads the data set's language on every document in
    ``data`` (a folder in the data set's own layout).

    Raises:
        ValueError: for a format other than those in :data:`FORMATS`.
    """
    if data_format not in FORMATS:
        raise ValueError(f"unknown NER data format {data_format!r}: one of {', '.join(FORMATS)}")
    if data_format != "factru":
        raise ValueError(f"{data_format} is scored by parallax.eval.ner_uk.evaluate_ner_uk")
    from parallax.nlp.russian import parse_russian

    pairs = []
    for document in read_factru(data):
        gold = {(e.start, e.end, e.type) for e in document.entities}
        predicted = {
            (e.start, e.end, _FROM_LABEL[e.label]) for e in parse_russian(document.text).entities
        }
        pairs.append((gold, predicted))
    return score_spans(pairs)
