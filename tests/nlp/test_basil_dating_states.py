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


JOBS_BILL = "2153fb3e-6b09-410c-bfea-d095c49a54ba"  # 1 NYT
VP_DEBATE = "b5eefefb-2a33-45de-abe1-f855c94165f4"  # 3 NYT
BENGHAZI = "9879bbc0-eab3-482f-bf6b-a4b519393986"  # 3 NYT
FISCAL_CLIFF = "cad4bba5-cf97-45cb-8059-ebeb47dcec7a"  # 2 NYT
TAX_DEAL = "df5fe55a-dfcb-4817-8631-830f47c21a72"  # 2 Fox News


def test_a_time_after_since_and_a_noun_bounds_a_state(nlp: Language) -> None:
    """NYT, 2012-12-09: "The meeting was the first face-to-face negotiation between the
    president and the speaker since a session three weeks ago, when …": the timeline dated the
    Sunday meeting 2012-11-18."""
    _, dating = _dating(
        nlp, "2012", f"{FISCAL_CLIFF}_2", "The meeting was the first face-to-face", "of Kentucky."
    )
    assert dating is not None and (dating.value, dating.basis) == ("2012-12-09", "published")


@pytest.mark.parametrize(
    ("year", "name", "first", "last", "compared"),
    [
        ("2011", f"{JOBS_BILL}_1", "Mr. Obama singled out the", "their two states.", "2011-09"),
        (
            "2012",
            f"{VP_DEBATE}_3",
            "And unlike the courtly Mr. Bentsen",
            "withering retorts.",
            "1988",
        ),
    ],
)
def test_the_time_of_what_an_event_is_compared_with_does_not_date_it(
    nlp: Language, year: str, name: str, first: str, last: str, compared: str
) -> None:
    """NYT, 2011-11-02: "Mr. Obama singled out the Republican leaders … just as he did in
    September when he visited an aging bridge …" (shown as background 2011-09); NYT, 2012-10-12:
    "And unlike the courtly Mr. Bentsen in 1988, Mr. Biden turned his temperature up …" (shown
    as background 1988). Both happened on the day the article reports."""
    _, dating = _dating(nlp, year, name, first, last)
    assert dating is None or dating.value != compared


def test_the_date_an_anniversary_is_of_dates_nothing_nor_the_day_after_it(nlp: Language) -> None:
    """NYT, 2013-01-23: "… why the Pentagon had few forces available on the anniversary of the
    Sept. 11, 2001, terrorist attacks …" then "One of the sharpest exchanges of the day came
    when Mrs. Clinton responded …": both sentences of the hearing were shown as background
    2001-09-11 ("the day" took the attacks' date)."""
    written, dating = _dating(
        nlp, "2013", f"{BENGHAZI}_3", "For all of the hours of testimony", "in the region."
    )
    assert written["Sept. 11, 2001"] == "modifier"
    assert dating is None or dating.value != "2001-09-11"
    _, dating = _dating(
        nlp, "2013", f"{BENGHAZI}_3", "One of the sharpest exchanges", "prevent a recurrence."
    )
    assert dating is None or dating.value != "2001-09-11"


def test_a_possibility_ahead_is_no_scheduled_event(nlp: Language) -> None:
    """NYT, 2012-12-09: "The overall result could be zero growth next year, …" was shown as an
    event scheduled for 2013; Fox, 2010-12-08: "… a tax cut bill could be on the Senate floor
    as early as Thursday" (a date set) stays scheduled for 2010-12-09."""
    _, dating = _dating(
        nlp, "2012", f"{FISCAL_CLIFF}_2", "The overall result could be", "projected by the I.M.F."
    )
    assert dating is None
    _, dating = _dating(
        nlp, "2010", f"{TAX_DEAL}_2", "Sen. Jon Kyl, the No. 2", "as early as Thursday."
    )
    assert dating is not None and (dating.value, dating.scheduled) == ("2010-12-09", True)
