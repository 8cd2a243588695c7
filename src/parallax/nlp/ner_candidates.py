"""The spans the Ukrainian span re-typer decides on (:mod:`parallax.nlp.ner_retype`).

The hybrid's spans, each model's own where their boundaries differ, the other mentions of the
hybrid's one-word names the NERs passed by (:func:`parallax.nlp.ner_document.other_mentions`)
and the places inside a place's span (:func:`parallax.nlp.ner_pieces.span_pieces`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from parallax.nlp.ner_document import other_mentions
from parallax.nlp.ner_pieces import span_pieces
from parallax.nlp.places_uk import find_places

__all__ = ["candidates", "decided_candidates"]

Span = tuple[int, int, str]  # start, end, NER-UK label (PERS, LOC, ORG)


def candidates(
    text: str,
    spans: Sequence[Span],
    cnn: Sequence[Span],
    crf: Sequence[Span],
    *,
    alternatives: bool,
) -> list[tuple[Span, bool]]:
    """The spans the re-typer decides on, each with whether it is an alternative: the hybrid's
    ``spans``, then (``alternatives``) the spans :func:`parallax.nlp.places_uk.find_places`
    gives the spaCy model's and the CRF's entities each alone, where no earlier candidate has
    their boundaries (the hybrid keeps one model's boundaries where the two overlap; the other
    one's are sometimes the right ones)."""
    found = [(span, False) for span in spans]
    if alternatives:
        seen = {(start, end) for start, end, _ in spans}
        for span in [*find_places(text, cnn), *find_places(text, crf)]:
            if (span[0], span[1]) not in seen:
                seen.add((span[0], span[1]))
                found.append((span, True))
    return found


def decided_candidates(
    text: str,
    spans: Sequence[Span],
    cnn: Sequence[Span],
    crf: Sequence[Span],
    alternatives: bool,
    propagate: bool,
    pieces: bool,
) -> tuple[list[tuple[Span, bool]], frozenset[tuple[int, int]], frozenset[tuple[int, int]]]:
    """The candidates (:func:`candidates`, with each model's own spans as ``alternatives``),
    with (``propagate``) the other mentions of the hybrid's one-word names and (``pieces``) the
    names inside the place candidates (:func:`parallax.nlp.ner_pieces.span_pieces`: "Рашків"
    and "Чернівецької області" of "Рашків Чернівецької області") as alternatives; and the
    boundaries of those two kinds."""
    found = candidates(text, spans, cnn, crf, alternatives=alternatives)
    mentions = other_mentions(text, found) if propagate else []
    found += [(span, True) for span in mentions]
    places = [span for span, _ in found if span[2] == "LOC"]
    inside = span_pieces(text, places) if pieces else []
    found += [(span, True) for span in inside]
    return found, _boundaries(mentions), _boundaries(inside)


def _boundaries(spans: Iterable[Span]) -> frozenset[tuple[int, int]]:
    return frozenset((start, end) for start, end, _ in spans)
