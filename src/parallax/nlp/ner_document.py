"""What the rest of a text says of a span's name: the Ukrainian span re-typer's document features.

A name is mostly one kind of thing throughout one text: "Збаража" read as a person in one
sentence is a place where the text says "у Збаражі" and the hybrid NER tagged it so. For each
candidate span (:mod:`parallax.nlp.ner_retype`), the other capitalised words of the text that
share a lemma with one of its capitalised words (:func:`parallax.nlp.place_names_uk.lemma`:
"Збаража", "Збаражі" -> "збараж") are its other mentions; its features are how many there are
and which labels the hybrid, the spaCy model and the CRF gave the spans that hold them, each as
a share of the mentions. And a name the hybrid found once but the text repeats gets its other
mentions as candidates too (:func:`other_mentions`), for the re-typer to decide on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parallax.nlp.place_names_uk import lemma

__all__ = ["document_features", "other_mentions"]

Span = tuple[int, int, str]  # start, end, NER-UK label (PERS, LOC, ORG)

_CAPITALISED = re.compile(r"[А-ЩЬЮЯЄІЇҐA-Z][\w'’ʼ-]*")


def _label(found: Sequence[Span], start: int, end: int) -> str:
    return next(
        (label for a, b, label in found if a <= start and b >= end),
        "none",
    )


def document_features(
    text: str,
    spans: Sequence[Span],
    hybrid: Sequence[Span],
    cnn: Sequence[Span],
    crf: Sequence[Span],
) -> list[dict[str, float]]:
    """For each of ``spans`` in ``text``, its document features: ``doc0`` when no other
    capitalised word of the text shares a lemma with one of its own, else ``docn=N`` (N the
    number of those mentions, at most 3) and, for ``hybrid``, ``cnn`` (the spaCy model) and
    ``crf`` in turn, the share of the mentions inside a span of that label (``none`` outside
    any): ``dlab=``, ``dv2=``, ``dcrf=``."""
    words = [(m.start(), m.end(), lemma(m.group())) for m in _CAPITALISED.finditer(text)]
    found: list[dict[str, float]] = []
    for start, end, _ in spans:
        own = {key for a, b, key in words if a >= start and b <= end}
        others = [(a, b) for a, b, key in words if key in own and not (a >= start and b <= end)]
        features: dict[str, float] = {}
        if not others:
            features["doc0"] = 1.0
        else:
            share = 1.0 / len(others)
            features[f"docn={min(len(others), 3)}"] = 1.0
            for a, b in others:
                for prefix, entities in (("dlab=", hybrid), ("dv2=", cnn), ("dcrf=", crf)):
                    name = prefix + _label(entities, a, b)
                    features[name] = features.get(name, 0.0) + share
        found.append(features)
    return found


def other_mentions(text: str, found: Sequence[tuple[Span, bool]]) -> list[Span]:
    """The capitalised words of ``text`` that no candidate in ``found`` (``(span, alternative)``
    pairs) overlaps and whose lemma is that of a one-word span of the hybrid's (not an
    alternative), each with that span's label (the first such span's): the name's other
    mentions, which the NERs passed by."""
    labels: dict[str, str] = {}
    for (start, end, label), alternative in found:
        if not alternative and " " not in text[start:end].strip():
            labels.setdefault(lemma(text[start:end]), label)
    taken = [span for span, _ in found]
    mentions: list[Span] = []
    for match in _CAPITALISED.finditer(text):
        start, end = match.span()
        if any(a < end and start < b for a, b, _ in taken):
            continue
        known = labels.get(lemma(match.group()))
        if known is not None:
            mentions.append((start, end, known))
    return mentions
