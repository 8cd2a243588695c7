"""How the story timeline dates a development, on BASIL articles (public data no one here
wrote): what a charge says is dated as what it reports, a future clause joined after a past one
is an outlook, a time clause of a verb inside a noun phrase describes that noun, and "this
year" of a state or a possibility dates no development (the fact-checker's sixth round, issue
#15).

Each article is read as ``parallax eval comparison --format basil`` ingests it (its paragraphs
joined by blank lines). BASIL 2010-2014 is dev data (2015-2019 is held out).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.nlp.test_basil_dating import _dating
from tests.nlp.test_basil_reading import ARTICLES

pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"BASIL is not at {ARTICLES}")

STEELE = "74708dbf-5dfc-4c66-8419-d7dbc00e4a06"  # 1 NYT
GOP_LETTER = "ae243a95-b2c2-410c-9e2b-b083b4b8eb48"  # 1 Fox News
MEDICARE = "2ec04201-2016-4227-baf7-ba8289058203"  # 2 HuffPost
BOEHNER = "f11c2566-848a-4e29-b8c5-4de0a81114e4"  # 3 Fox News


def test_a_that_clause_of_a_noun_says_what_the_noun_says(nlp: Language) -> None:
    """HuffPost, 2012-08-14: "Republicans also used the charge that Obamacare raided Medicare as
    a primary attack line in the 2010 congressional elections." The parser reads the "that"
    clause as a relative clause (a participant's detail), and the timeline showed the sentence
    as a development "reported by 2012-08-14"; it is background of 2010."""
    written, dating = _dating(
        nlp, "2012", f"{MEDICARE}_2", "Republicans also used the charge", "congressional elections."
    )
    assert written == {"2010": "complement"}
    assert dating is not None and (dating.value, dating.basis) == ("2010", "stated")


def test_a_future_clause_joined_after_a_past_one_is_an_outlook(nlp: Language) -> None:
    """Fox, 2010-12-01: "Lawmakers also passed a one-month extension of the "doc fix" …, but
    without action the rates paid to doctors … will plummet on Jan. 1." The development is the
    passing (reported by 2010-12-01); the timeline showed it as scheduled for 2011-01-01."""
    written, dating = _dating(
        nlp, "2010", f"{GOP_LETTER}_1", "Lawmakers also passed a one-month", "plummet on Jan. 1."
    )
    assert written["Jan. 1"] == "outlook"
    assert dating is not None and (dating.value, dating.basis) == ("2010-12-01", "published")


def test_a_time_clause_of_a_verb_inside_a_noun_phrase_describes_the_noun(nlp: Language) -> None:
    """Fox, 2012-04-23: "The House speaker, in an interview with Fox News to air Tuesday
    morning, gave his Republican Party a "two-in-three chance" of holding on to control of the
    House after taking power in the 2010 elections." 2010 is when the party took power, a
    detail of the chance; the timeline showed the interview as background 2010."""
    written, dating = _dating(
        nlp, "2012", f"{BOEHNER}_3", "The House speaker, in an interview", "the 2010 elections."
    )
    assert written["2010"] == "modifier"
    assert dating is None or dating.value != "2010"


@pytest.mark.parametrize(
    ("year", "name", "first", "last"),
    [
        ("2010", f"{STEELE}_1", "Mr. Steele’s tenure has been", "in the midterm elections."),
        ("2012", f"{BOEHNER}_3", "And control of the Senate could", "six-vote majority."),
        ("2012", f"{BOEHNER}_3", "In total, 33 Senate seats", "held by Republicans."),
    ],
)
def test_this_year_of_a_state_or_a_possibility_dates_no_development(
    nlp: Language, year: str, name: str, first: str, last: str
) -> None:
    """NYT, 2010-12-12: "Mr. Steele’s tenure has been one of the few blemishes this year for the
    Republican Party …"; Fox, 2012-04-23: "And control of the Senate could be up for grabs this
    year, too …", "In total, 33 Senate seats are in play this year …". A state, a possibility:
    the timeline showed each as a development of the year."""
    written, dating = _dating(nlp, year, name, first, last)
    assert written["this year"] == "main"
    assert dating is None


def test_this_week_of_a_plan_keeps_its_date(nlp: Language) -> None:
    """HuffPost, 2010-12-01: "But Reid plans to file cloture this week on at least three
    measures …": a plan (no modal) is dated by its week, as before."""
    _, dating = _dating(
        nlp, "2010", f"{GOP_LETTER}_3", "But Reid plans to file cloture", "a 9/11 health bill."
    )
    assert dating is not None and dating.value == "2010-W48"
