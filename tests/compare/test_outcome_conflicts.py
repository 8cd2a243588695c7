"""The outcome rule: opposite results of one event, on real headlines and minimal edits of them."""

from __future__ import annotations

from parallax.compare.conflicts import find_conflict, outcome_conflict
from parallax.compare.contradictions import calibrated_score, story_contradictions
from parallax.compare.outcomes import outcome_words, outcomes_conflict
from parallax.comparison import ClaimPair
from tests.compare.test_story_conflicts import DECISION, PAUSE, RESUME, view

# A headline of iSTS-2016 (train), and its pair with "non-terrorism" made "terrorism" (the
# original pair is about two sets of charges).
ACQUITTED = "NATO protesters acquitted of terrorism charges"
CONVICTED = "NATO protesters convicted on terrorism charges"
# BASIL-like sentences about one vote.
PASSED = "The House passed the bill to repeal the health care law on Wednesday, 245 to 189."
REJECTED = "The House rejected the bill to repeal the health care law on Wednesday, 245 to 189."


def test_opposite_results_of_one_event_are_an_outcome_conflict() -> None:
    found = outcomes_conflict(ACQUITTED, CONVICTED)
    assert found is not None and found.family == "verdict"
    assert ACQUITTED[slice(*found.first)] == "acquitted"
    assert CONVICTED[slice(*found.second)] == "convicted"
    conflict = outcome_conflict(view(PASSED, "A"), view(REJECTED, "B"))
    assert conflict is not None and conflict.kind == "outcome"
    assert [span.text for span in conflict.spans] == ["passed", "rejected"]
    assert conflict.explanation == "passed vs rejected"


def test_no_outcome_conflict_between_different_actors_negations_or_events() -> None:
    # One won and the other lost: the two results fill different slots.
    assert outcomes_conflict("Smith won the Senate race in Ohio.", "Jones lost the Senate race in Ohio.") is None  # fmt: skip
    # "did not win" says "lost".
    assert outcome_words("Smith did not win the Senate race.") == []
    assert outcomes_conflict("Smith did not win the Senate race in Ohio.", "Smith lost the Senate race in Ohio.") is None  # fmt: skip
    # Two events: the claims share too few words once the results are blanked out.
    assert outcomes_conflict(PASSED, "The senator lost his seat in the primary.") is None
    # A claim that holds both results ("failed to pass") is no opposite of either.
    failed = "The House failed to pass the bill to repeal the health care law on Wednesday."
    assert outcomes_conflict(PASSED, failed) is None


def test_directions_are_no_outcome_conflict() -> None:
    # MRPC (train): two days' trading told in near-identical words.
    first = (
        "In Europe, France's CAC-40 rose 0.6 percent, Britain's FTSE 100 slipped 0.02 percent "
        "and Germany's DAX index advanced 0.8 percent."
    )
    second = (
        "In afternoon trading in Europe, France's CAC-40 fell 1.6 percent, Britain's FTSE 100 "
        "dropped 1.2 percent and Germany's DAX index lost 1.9 percent."
    )
    assert outcome_words(first) == [] and outcomes_conflict(first, second) is None


def test_the_seed_suspension_and_resumption_are_no_outcome_conflict() -> None:
    # A pause and its end are two developments, not opposite results of one event.
    for first, second in ((PAUSE, RESUME), (DECISION, RESUME), (PAUSE, DECISION)):
        assert outcome_conflict(view(first, "A"), view(second, "B")) is None
    assert find_conflict(view(PASSED, "A"), view(REJECTED, "B")) is not None


def test_an_outcome_conflict_is_one_story_contradiction_with_its_values_and_score() -> None:
    a, b = view(PASSED, "Fox News"), view(REJECTED, "HuffPost")
    conflict = find_conflict(a, b)
    assert conflict is not None
    pair = ClaimPair(
        a.evidence, b.evidence, "contradict", 0.9, conflict.rule, kind=conflict.kind,
        explanation=conflict.explanation, details=conflict.spans,
    )  # fmt: skip
    [found] = story_contradictions([pair, pair], [a, b])
    assert found.kind == "outcome"
    assert (found.first.value_text, found.second.value_text) == ("passed", "rejected")
    assert found.score == calibrated_score("outcome") > 0.5
