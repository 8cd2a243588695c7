"""A story's contradictions, each listed once, with the values at odds and a calibrated score.

The labelled claim pairs (:mod:`parallax.compare.agreement`) hold every cross-outlet pair the
conflict rules or the stance model found at odds. Here each becomes one
:class:`~parallax.comparison.Contradiction` of the story: its kind in the story's words
(:data:`~parallax.comparison.CONTRADICTION_KINDS`: an actor conflict is about a ``place`` when
the two rivals are places, else about an ``agent``), both claims' spans, and inside each span
the offsets of the conflicting value. Two pairs that set the same two values against each other
(the same sentence pair found through two claims, or an outlet repeating itself) are one
contradiction.

The score is the reliability of the kind: the share of contradictions of that kind found real
on labelled pairs (:data:`RELIABILITY`, measured as docs/compare.md describes), smoothed
towards one half by one real and one false pseudo-pair. It reads as "how often a contradiction
of this kind was a real one", not as a strength of this one.
"""

from __future__ import annotations

from collections.abc import Sequence

from parallax.compare.align import ClaimView
from parallax.comparison import ClaimPair, Contradiction, ContradictionSide, Evidence

__all__ = ["KIND_NAMES", "RELIABILITY", "calibrated_score", "story_contradictions"]

#: A conflict rule's kind (:data:`parallax.comparison.CONFLICT_KINDS`) → the story's kind.
KIND_NAMES = {
    "numbers": "number",
    "dates": "date",
    "actors": "agent",
    "cause": "cause",
    "outcome": "outcome",
    "negation": "negation",
    "stance": "stance",
}
_PLACES = frozenset(("GPE", "LOC", "FAC"))

#: Kind → (real, false) contradictions counted on labelled pairs: the rules run on the 756
#: whole-headline pairs of iSTS-2016 headlines train (dev), a firing counted real when the pair
#: has an OPPO alignment (docs/compare.md); the actor rule's counts serve place and agent. A
#: kind no rule fired on there has (0, 0): its score, 0.5, says "not measured".
RELIABILITY: dict[str, tuple[int, int]] = {
    "number": (1, 6),
    "date": (0, 2),
    "place": (0, 6),
    "agent": (0, 6),
    "cause": (0, 0),
    "outcome": (1, 0),
    "negation": (0, 0),
    "stance": (0, 0),
}


def calibrated_score(kind: str) -> float:
    """Return the smoothed share of real contradictions of ``kind`` on labelled pairs."""
    real, false = RELIABILITY.get(kind, (0, 0))
    return round((real + 1) / (real + false + 2), 4)


def _value(span: Evidence, detail: Evidence | None) -> tuple[int, int] | None:
    if detail is None or detail.article_id != span.article_id:
        return None
    start, end = detail.start - span.start, detail.end - span.start
    return (start, end) if 0 <= start < end <= len(span.text) else None


def _detail(pair: ClaimPair, side: Evidence) -> Evidence | None:
    return next(
        (
            d
            for d in pair.details
            if d.article_id == side.article_id and side.start <= d.start and d.end <= side.end
        ),
        None,
    )


def _places(views: Sequence[ClaimView]) -> set[tuple[str, int, int]]:
    """Return the spans of the places mentioned inside the claims, as (article, start, end)."""
    by_span = {(view.evidence.article_id, view.evidence.start): view for view in views}
    return {
        (m.article_id, m.start, m.end)
        for view in by_span.values()
        for m in view.mentions
        if m.label in _PLACES
    }


def _kind(pair: ClaimPair, places: set[tuple[str, int, int]]) -> str:
    kind = KIND_NAMES.get(pair.kind or "stance", pair.kind or "stance")
    if pair.kind != "actors":
        return kind
    found = {(d.article_id, d.start, d.end) for d in pair.details}
    return "place" if found and found <= places else kind


def story_contradictions(
    pairs: Sequence[ClaimPair], views: Sequence[ClaimView]
) -> tuple[Contradiction, ...]:
    """Return the story's contradictions, each once, from its labelled pairs.

    Args:
        pairs: The story's labelled cross-outlet pairs; those labelled ``contradict`` count.
        views: The story's claims (their mentions tell a place from an agent).
    """
    places = _places(views)  # read once, not once per actor conflict
    found: dict[tuple[str, ...], Contradiction] = {}
    for pair in pairs:
        if pair.label != "contradict":
            continue
        first = ContradictionSide(pair.first, _value(pair.first, _detail(pair, pair.first)))
        second = ContradictionSide(pair.second, _value(pair.second, _detail(pair, pair.second)))
        kind = _kind(pair, places)
        values = sorted(
            (side.span.outlet, " ".join((side.value_text or side.span.text).casefold().split()))
            for side in (first, second)
        )
        key = (kind, *values[0], *values[1])
        if key in found:
            continue
        found[key] = Contradiction(
            kind=kind,
            first=first,
            second=second,
            score=calibrated_score(kind),
            explanation=pair.explanation,
            rule=pair.model,
        )
    return tuple(found.values())
