"""Which real sentences report a development, and the date of the event each reports."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from parallax.model import Claim
from parallax.nlp.pipeline import analyze_text, load_pipeline
from parallax.stories.developments import Dating, date_claim, reports_development
from parallax.stories.features import tokenize


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def dating(nlp: Language, text: str, published: date, sentence: str) -> Dating | None:
    """Date one sentence of a real paragraph, analysed as its article's text."""
    analysis = analyze_text("x", text, published, nlp=nlp)
    start = text.index(sentence)
    claim = Claim("x", start, start + len(sentence), sentence, 0.9, "test")
    return date_claim(claim, analysis.dates, published, set(tokenize(sentence)))


@pytest.mark.parametrize(
    "sentence",
    [
        # BASIL, The New York Times, 2014-12-18: a background state, not a development.
        "He has complained that marijuana arrests have strained his jail budget.",
        # The Independent (seed): a non-event.
        "But the US has not declared a pause in supply to any other nation.",
        # SouthFront (seed): a state reached, in the present perfect.
        "Yet, Zelensky has effectively rejected Moscow’s core demands, viewing concessions as "
        "politically untenable.",
        # SouthFront (seed): a present-tense stance; "outlined" describes the concerns.
        "Russia insists on addressing key security concerns outlined in its earlier memorandum "
        "before further talks.",
    ],
)
def test_states_and_non_events_are_no_development(sentence: str) -> None:
    assert not reports_development(sentence, set(tokenize(sentence)))


@pytest.mark.parametrize(
    "sentence",
    [
        "The Turkish Foreign Minister confirmed Moscow’s readiness for a third round of "
        "negotiations with Ukraine.",
        "U.S. President Donald Trump announced the resumption of arms deliveries to Ukraine, "
        "marking a shift in Washington’s stance amid escalating Russian attacks.",
    ],
)
def test_undated_reports_of_events_are_developments(sentence: str) -> None:
    assert reports_development(sentence, set(tokenize(sentence)))


def test_the_attached_date_not_the_first_one(nlp: Language) -> None:
    # BASIL, The New York Times, 2013-04-02: "in 2004" dates the ban's expiry (a relative
    # clause), not the plan's defeat, so the sentence has no stated date of its own.
    sentence = (
        "A plan to revive and revamp a ban on assault weapons, which expired in 2004, is almost "
        "certain to be defeated."
    )
    found = dating(nlp, sentence, date(2013, 4, 2), sentence)
    assert found is None


def test_a_weekday_resolves_against_publication(nlp: Language) -> None:
    # The Independent, 2025-07-04 (a Friday): "on Thursday" is 3 July.
    sentence = (
        "The pair spoke again at length on Thursday in what turned out to be another "
        "unsatisfactory call between the two presidents from the Oval Office perspective."
    )
    found = dating(nlp, sentence, date(2025, 7, 4), sentence)
    assert found is not None
    assert (found.value, found.basis, found.scheduled) == ("2025-07-03", "stated", False)


def test_a_scheduled_event_is_kept_and_marked(nlp: Language) -> None:
    # BASIL, The New York Times, 2013-01-23 (a Wednesday).
    sentence = (
        "The Senate Foreign Relations Committee’s chairman, Senator John Kerry, Democrat of "
        "Massachusetts, has been nominated to succeed Mrs. Clinton and is scheduled to appear "
        "before his committee on Thursday for a confirmation hearing."
    )
    found = dating(nlp, sentence, date(2013, 1, 23), sentence)
    assert found is not None
    assert (found.value, found.basis, found.scheduled) == ("2013-01-24", "stated", True)


def test_an_outlook_years_ahead_is_not_dated(nlp: Language) -> None:
    # BASIL, HuffPost, 2014-12-18: the sentence the 2014 story's "2017-01" entry came from.
    text = (
        "So far, the federal government has mostly taken a hands-off approach to state "
        "medicalizations and legalizations, but in January 2017, the country will have a new "
        "president. That person could order the attorney general to enforce federal prohibition "
        "regardless of state law."
    )
    sentence = text[: text.index(" That person")]
    found = dating(nlp, text, date(2014, 12, 18), sentence)
    assert found is None
