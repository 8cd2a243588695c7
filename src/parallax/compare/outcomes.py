"""Outcome conflicts: two claims about one event report opposite results of it.

"The Senate *passed* the bill" / "The Senate *rejected* the bill", "the protesters were
*convicted*" / "the protesters were *acquitted*": each claim names the event's result with a
word of one side of an opposed pair (:data:`OPPOSED`). A difference of result is a
contradiction only when the two claims describe one event (with the two result words blanked
out they share most content words, :data:`OUTCOME_OVERLAP`), the two words fill the same slot
(the nearest content word before each is the same, and the words after them share one where
both have some: "*Smith* won the race" / "*Jones* lost the race" is no conflict, one won and
the other lost), neither word is negated ("did not win" / "lost" agree) and neither claim holds
both sides.

Left out on purpose: developments over time ("paused" / "resumed", "suspended" / "lifted"),
and directions ("rose" / "fell", "higher" / "lower"), which news tells of different days and
different measures in near-identical words ("France's CAC-40 rose 0.6 percent" / "… fell 1.6
percent", two days' trading, MRPC): each is two events, not a conflict about one.
"""

from __future__ import annotations

from dataclasses import dataclass

from parallax.compare.events import masked, same_event, slot
from parallax.models.text import NEGATIONS, word_spans

__all__ = ["OPPOSED", "OUTCOME_OVERLAP", "OutcomeConflict", "outcome_words", "outcomes_conflict"]

OUTCOME_OVERLAP = 0.6  # share of the shorter claim's content words (result words blanked out)
NEGATION_REACH = 3  # words before a result word in which a negation reverses it

#: Opposed results of one event: (the family's name, one side's word forms, the other's).
OPPOSED: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = tuple(
    (name, frozenset(yes.split()), frozenset(no.split()))
    for name, yes, no in (
        ("win", "win wins won winning", "lose loses lost losing"),
        ("approve", "pass passes passed approve approves approved",
         "fail fails failed reject rejects rejected veto vetoes vetoed"),
        ("verdict", "convict convicts convicted guilty", "acquit acquits acquitted innocent"),
        ("ruling", "uphold upholds upheld", "overturn overturns overturned"),
        ("survive", "survive survives survived", "die dies died"),
        ("confirm", "confirm confirms confirmed", "deny denies denied"),
        ("accept", "accept accepts accepted", "decline declines declined refuse refused"),
        ("strength", "strengthen strengthens strengthened", "weaken weakens weakened"),
    )
)  # fmt: skip
_FORMS: dict[str, tuple[str, int]] = {
    word: (name, side)
    for name, *sides in OPPOSED
    for side, forms in enumerate(sides)
    for word in forms
}


@dataclass(frozen=True, slots=True)
class OutcomeConflict:
    """Where two claims report opposite results: each word's offsets in its claim."""

    family: str
    first: tuple[int, int]
    second: tuple[int, int]
    explanation: str


def outcome_words(text: str) -> list[tuple[int, int, str, int]]:
    """Return ``(start, end, family, side)`` for each result word of ``text`` not negated."""
    spans = word_spans(text)
    found = []
    for k, (start, end, word) in enumerate(spans):
        if word not in _FORMS:
            continue
        before = {w for _, _, w in spans[max(0, k - NEGATION_REACH) : k]}
        if before & NEGATIONS:
            continue  # "did not win" says "lost": no opposite result
        found.append((start, end, *_FORMS[word]))
    return found


def _sides_agree(first: str, a: tuple[int, int], second: str, b: tuple[int, int]) -> bool:
    """Whether two result words fill one slot: the nearest content word before each (in its
    clause: who won, what passed) is the same, and where both have content words after them,
    those share one."""
    before_a, before_b = slot(first[: a[1]], *a, 1), slot(second[: b[1]], *b, 1)
    if not before_a or before_a != before_b:
        return False
    after_a = slot(first[a[0] :], 0, a[1] - a[0])
    after_b = slot(second[b[0] :], 0, b[1] - b[0])
    return not (after_a and after_b) or bool(after_a & after_b)


def outcomes_conflict(first: str, second: str) -> OutcomeConflict | None:
    """Return where two claims report opposite results of one event, or None."""
    found_a, found_b = outcome_words(first), outcome_words(second)
    sides_a = {(family, side) for _, _, family, side in found_a}
    sides_b = {(family, side) for _, _, family, side in found_b}
    for start_a, end_a, family, side in found_a:
        if (family, 1 - side) in sides_a or (family, side) in sides_b:
            continue  # a claim with both results, or both claims with this one
        for start_b, end_b, other, other_side in found_b:
            if other != family or other_side == side:
                continue
            rest_a = masked(first, [(start_a, end_a)])
            rest_b = masked(second, [(start_b, end_b)])
            if not same_event(rest_a, rest_b, OUTCOME_OVERLAP):
                continue  # two events
            if not _sides_agree(first, (start_a, end_a), second, (start_b, end_b)):
                continue
            explanation = f"{first[start_a:end_a]} vs {second[start_b:end_b]}"
            return OutcomeConflict(family, (start_a, end_a), (start_b, end_b), explanation)
    return None
