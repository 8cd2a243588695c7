"""The packaged eventive-noun model: which common nouns of a new story name events."""

from __future__ import annotations

from parallax.models.event_pairs import load_event_pairs


def test_the_packaged_model_calls_happenings_eventive_and_things_not() -> None:
    model = load_event_pairs()
    assert model.nouns is not None
    # None of these is in the lexicon or has an eventive suffix: without the noun model the
    # trigger finder misses them all.
    happenings = {"coup", "massacre", "ambush", "flood", "wildfire"}
    things = {"table", "coast", "lawyer", "harbour", "window", "street", "doctor", "river"}
    assert not (happenings | things) & model.lexicon
    found = model.eventive_nouns(happenings | things)
    assert found == happenings
    # Decisions are kept per word: asking again answers the same.
    assert model.eventive_nouns(["coup", "table"]) == {"coup"}
