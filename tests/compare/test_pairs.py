"""The comparison's decision about two claims alone (compare_claims, same_claim)."""

from __future__ import annotations

import numpy as np

from parallax.compare.align import SAME, ClaimView, group_claims, similarity
from parallax.compare.conflicts import cause_conflict
from parallax.compare.pairs import compare_claims, same_claim
from parallax.comparison import Evidence
from parallax.model import Quantity

DEAL = "Yucaipa sold the Dominick's grocery chain to Safeway in 1998 for 2.5 billion dollars."


def view(text: str, outlet: str, quantities: tuple[Quantity, ...] = ()) -> ClaimView:
    return ClaimView(Evidence(outlet, outlet, 0, len(text), text), None, quantities=quantities)


def dollars(text: str, value: float) -> tuple[Quantity, ...]:
    start = text.index("billion") - 4
    return (Quantity(start, start + 11, text[start : start + 11], value, "dollars"),)


def test_a_sentence_and_its_copy_are_one_claim() -> None:
    decision = compare_claims(view(DEAL, "a"), view(DEAL, "b"), embed=False)
    assert decision.same and decision.related and decision.conflict is None
    assert decision.label == "agree"
    assert decision.score >= SAME[False] and not decision.embedded


def test_different_events_are_unique() -> None:
    other = view("The central bank raised interest rates by half a point on Tuesday.", "b")
    decision = compare_claims(view(DEAL, "a"), other, embed=False)
    assert not decision.same and decision.label == "unique"
    assert not same_claim(view(DEAL, "a"), other, embed=False)


def test_a_different_number_about_one_event_is_a_contradiction_within_one_group() -> None:
    changed = DEAL.replace("2.5", "1.8")
    first = view(DEAL, "a", dollars(DEAL, 2.5e9))
    second = view(changed, "b", dollars(changed, 1.8e9))
    decision = compare_claims(first, second, embed=False)
    assert decision.score >= SAME[False]  # one event, told with two numbers
    assert decision.conflict is not None and decision.conflict.kind == "numbers"
    # Both report the deal (one group); the numbers are the contradiction, listed on its own.
    assert decision.same and decision.label == "contradiction"


def test_the_score_is_the_story_similarity_of_the_two_claims() -> None:
    first, second = view(DEAL, "a"), view("Safeway bought Dominick's from Yucaipa.", "b")
    texts = [DEAL, second.text, "Grocery chains merge often."]
    sim = similarity([first, second], texts, embed=False)
    decision = compare_claims(first, second, texts=texts, embed=False)
    assert np.isclose(decision.score, sim.combined[0, 1])
    _, group_of = group_claims([first, second], sim)
    assert decision.same == (group_of[0] == group_of[1])


def test_a_cause_inside_the_other_is_no_conflict() -> None:
    # MRPC train pair 1: "driven by headlines" lies within "terrorism fears driven by the
    # headlines"; cause_conflict divided by zero on it.
    first = view(
        "In 2002 the Dow dropped more than 1,500 points, due largely to terrorism fears "
        "driven by headlines.",
        "a",
    )
    second = view(
        "The Dow dropped more than 1,500 points in 2002, largely because of terrorism fears "
        "driven by the headlines.",
        "b",
    )
    assert cause_conflict(first, second) is None
    assert cause_conflict(second, first) is None
