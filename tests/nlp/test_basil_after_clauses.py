"""Which event a sentence's date belongs to when a clause opened by "after" or "following"
carries its own time, on BASIL articles (public data no one here wrote): that time dates the
clause's event, a lower bound of the sentence's own, so it dates no development (the
fact-checker's seventh round, issue #15). MEANTIME's gold links agree: every gold time this
rule passes over is linked to the event of its own clause, none to the sentence's other events.

Each article is read as ``parallax eval comparison --format basil`` ingests it (its paragraphs
joined by blank lines). BASIL 2010-2014 is dev data (2015-2019 is held out).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.nlp.test_basil_dating import _dating
from tests.nlp.test_basil_reading import ARTICLES

pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"BASIL is not at {ARTICLES}")

WEINER = "c21cb217-3e2c-49bd-884d-5c74a165ef10"  # 2 Fox News, 2011-06-01
JOBS_BILL = "2153fb3e-6b09-410c-bfea-d095c49a54ba"  # 1 NYT, 2011-11-02
STEELE = "74708dbf-5dfc-4c66-8419-d7dbc00e4a06"  # 1 NYT, 2010-12-12
IMMIGRATION = "ccf19ab6-7878-4378-b99c-2b08cc21371f"  # 2 NYT, 2014-01-25
FISCAL_CLIFF = "cad4bba5-cf97-45cb-8059-ebeb47dcec7a"  # 3 Fox News, 2012-12-10
DEBATE = "b5eefefb-2a33-45de-abe1-f855c94165f4"  # 1 Fox News, 2 HuffPost, 2012-10-12
BENGHAZI_EMAILS = "1bb79cc1-5d69-4136-a23d-6dbd300cbf25"  # 2 HuffPost, 2013-05-15
GUN_PLAN = "526cabb7-02a3-4adb-8e90-ec781c40c498"  # 3 HuffPost, 2013-01-16
WAL_MART = "2058ec60-5372-4f5f-83a3-da780be3a350"  # 1 NYT, 2011-03-29


@pytest.mark.parametrize(
    ("year", "name", "first", "last", "time"),
    [
        ("2011", f"{WEINER}_2", "The New York Democrat, who is known", "late Tuesday.", "Tuesday"),
        ("2012", f"{FISCAL_CLIFF}_3", "It came after Boehner publicly", "to date,", "Friday"),
        ("2012", f"{FISCAL_CLIFF}_3", "After the bruising debt-ceiling", 'game" again.', "2011"),
        (
            "2012",
            f"{DEBATE}_1",
            "But it was the vice president who",
            "opening debate.",
            "last week",
        ),
        ("2012", f"{DEBATE}_2", "But since vice presidential debates", "last week.", "last week"),
    ],
)
def test_the_time_of_an_after_clause_dates_its_own_event_not_the_sentence(
    nlp: Language, year: str, name: str, first: str, last: str, time: str
) -> None:
    """Fox, 2011-06-01: "The New York Democrat … granted a series of TV interviews after getting
    testy with reporters late Tuesday" (the interviews were Wednesday's); Fox, 2012-12-10: "It
    came after Boehner publicly chided Obama on Friday …" (Sunday's meeting), "After the
    bruising debt-ceiling fight from 2011, Obama recently warned …"; Fox and HuffPost,
    2012-10-12: the vice president "set the aggressive tone … after President Obama was panned
    for his lackluster performance at last week's opening debate", "… rallying the Democratic
    base after Obama's woeful debate performance last week" (Thursday's debate). The timeline
    dated each by the time of the "after" clause: 2011-05-31, 2012-12-07, 2011, 2012-W40."""
    written, dating = _dating(nlp, year, name, first, last)
    assert any(time in text for text in written)
    assert dating is None or dating.basis == "published"


@pytest.mark.parametrize(
    ("year", "name", "first", "last", "value"),
    [
        ("2013", f"{BENGHAZI_EMAILS}_2", "In a response shortly after", "just that.", "2013-05-15"),
        ("2013", f"{GUN_PLAN}_3", '"It is unfortunate that', "last week.", "2013-W02"),
        ("2011", f"{WAL_MART}_1", "The issue before the justices", "against women", "2011-03-29"),
    ],
)
def test_a_time_of_what_follows_at_once_keeps_its_date(
    nlp: Language, year: str, name: str, first: str, last: str, value: str
) -> None:
    """The guards: HuffPost, 2013-05-15: "In a response shortly after the emails were made public
    on Wednesday, Brendan Buck … said just that" (Wednesday's response); 2013-01-16: "… the NRA
    said after meeting with Biden last week" (its statement was that week's); NYT, 2011-03-29:
    "The issue before the justices at Tuesday's arguments …" ("before" is a place here, so the
    rule leaves "before" alone)."""
    _, dating = _dating(nlp, year, name, first, last)
    assert dating is not None and dating.value == value


@pytest.mark.parametrize(
    ("year", "name", "first", "last", "time"),
    [
        ("2011", f"{JOBS_BILL}_1", "He tweaked House Republicans for", "creating jobs.", "Tuesday"),
        ("2010", f"{STEELE}_1", "He has argued that he deserves", "last month.", "last month"),
    ],
)
def test_the_time_of_a_reason_dates_the_reason_not_the_sentence(
    nlp: Language, year: str, name: str, first: str, last: str, time: str
) -> None:
    """NYT, 2011-11-02: "He tweaked House Republicans for passing a resolution on Tuesday
    reaffirming the national motto …" (the tweak was Wednesday's); NYT, 2010-12-12: "He has
    argued that he deserves credit for building the party … and winning control of the House
    of Representatives last month" (a state). The timeline dated them 2011-11-01 and 2010-11."""
    written, dating = _dating(nlp, year, name, first, last)
    assert time in written
    assert dating is None or dating.basis == "published"


def test_a_purpose_ahead_keeps_its_date(nlp: Language) -> None:
    """The guard: NYT, 2014-01-25: "House Republicans are preparing to unveil their own broad
    template for overhauling the nation's immigration system this week …" keeps this week."""
    _, dating = _dating(
        nlp, "2014", f"{IMMIGRATION}_2", "WASHINGTON — House Republicans are", "end of the year."
    )
    assert dating is not None and dating.value == "2014-W04"


GEORGETOWN = "29ffd053-7684-469b-a600-97000579bd01"  # 1 HuffPost, 3 NYT, 2012-04-24


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        (f"{GEORGETOWN}_1", "The group sent a letter to Rep. Ryan", "Whittington Lecture."),
        (f"{GEORGETOWN}_3", "The latest criticism comes in a letter", "visit there on Thursday."),
    ],
)
def test_the_time_of_a_later_event_dates_nothing_before_it(
    nlp: Language, name: str, first: str, last: str
) -> None:
    """HuffPost and NYT, Tuesday 2012-04-24: "The group sent a letter to Rep. Ryan in advance of
    his appearance on the Catholic campus on Thursday morning …", "… a letter released Tuesday
    … in advance of Mr. Ryan's visit there on Thursday." (the eighth round). The Thursday is
    the visit's, after the letter; the timeline dated the letter by it (2012-04-19)."""
    written, dating = _dating(nlp, "2012", name, first, last)
    assert any("Thursday" in text for text in written)
    assert dating is None or dating.basis == "published"
