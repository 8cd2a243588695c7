"""Who said it, and when, on BASIL story pages, the fact-checker's ninth round (issue #15): a
weekday after "in advance of" is a later event's, the coming one; a gerund under a noun, a
participle set on a place and where words appeared are no one's words; "of him warning" is
the sentence's subject; a title before a name the model types as an organisation is a
person; "she" after "Jackson's wife" is the wife, not a Jackson named before.

Each article is read as ``parallax eval comparison --format basil`` ingests it (its paragraphs
joined by blank lines). BASIL 2010-2014 is dev data (2015-2019 is held out).
"""

from __future__ import annotations

import json

import pytest
from spacy.language import Language

from tests.nlp.test_basil_speakers import ARTICLES, _analysed, _quotes

GEORGETOWN = "2012/29ffd053-7684-469b-a600-97000579bd01"  # 1 HuffPost, 2 Fox News, 3 NYT
BRALEY = "2014/22b6e900-4826-4b09-a9f8-5d7afe46e78b"  # 1 HuffPost, 2 NYT, 3 Fox News
JACKSON = "2013/f506aafc-8b43-427a-936e-bbd1ef33e076"  # 3 Fox News
BACHMANN = "2011/550b80db-bdd5-442b-8f70-c8e9f3203a13"  # 2 Fox News
KISS_DAY = "2012/450755dd-30d3-478b-933e-917be5c384ba"  # 2 NYT
ETHERIDGE = "2010/6b541575-99b1-40d2-8730-9bb868ee38ed"  # 1 Fox News
PERRY_AD = "2011/3db93526-a344-4ea4-8772-3734d0cfdfb1"  # 3 NYT
ARPAIO = "2011/0ffb34cd-c367-4d90-aca7-7fcac3ed8f3d"  # 3 NYT

pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"BASIL is not at {ARTICLES}")


def _text(name: str) -> str:
    record = json.loads((ARTICLES / f"{name}.json").read_text(encoding="utf-8"))
    paragraphs = [" ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"]]
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize(
    ("name", "before"),
    [
        (f"{GEORGETOWN}_1", "in advance of his appearance on the Catholic campus on "),
        (f"{GEORGETOWN}_3", "in advance of Mr. Ryan’s visit there on "),
    ],
)
def test_a_weekday_after_in_advance_of_is_the_coming_one(
    nlp: Language, name: str, before: str
) -> None:
    """HuffPost and NYT, Tuesday 2012-04-24: "The group sent a letter to Rep. Ryan in advance
    of his appearance on the Catholic campus on Thursday morning …"; "… a letter released
    Tuesday … in advance of Mr. Ryan's visit there on Thursday." The visit was on Thursday
    2012-04-26; the past tense of "sent" made it the Thursday before (2012-04-19)."""
    text = _text(name)
    after = [
        d
        for d in _analysed(nlp, name).dates
        if d.text.startswith("Thursday") and text[: d.start].endswith(before)
    ]
    assert len(after) == 1
    assert (after[0].value or "")[:10] == "2012-04-26"


def test_a_weekday_ahead_of_in_a_present_sentence_is_the_next_one(nlp: Language) -> None:
    """Fox, Tuesday 2011-08-09: Bachmann "is campaigning ahead of Thursday's Fox
    News/Washington Examiner debate and Saturday's Ames Straw Poll": 2011-08-11 and 08-13, not
    the Thursday and Saturday before (08-04 and 08-06)."""
    values = {d.text: d.value for d in _analysed(nlp, f"{BACHMANN}_2").dates}
    assert values["Thursday"] == "2011-08-11"
    assert values["Saturday"] == "2011-08-13"


@pytest.mark.parametrize(
    ("name", "words", "value"),
    [
        # NYT, Wednesday 2012-08-01: "a "National Same-Sex Kiss Day" planned for Friday at
        # Chick-fil-A restaurants. … Others are not waiting until Friday to post their photos."
        (f"{KISS_DAY}_2", "planned for Friday", "2012-08-03"),
        (f"{KISS_DAY}_2", "not waiting until Friday", "2012-08-03"),
        # Fox, Monday 2010-06-14: Etheridge "is running for re-election against Republican
        # Renee Ellmers, a registered nurse, in November".
        (f"{ETHERIDGE}_1", "registered nurse, in November", "2010-11"),
    ],
)
def test_a_plan_or_what_is_under_way_looks_ahead(
    nlp: Language, name: str, words: str, value: str
) -> None:
    """A present progressive or a scheduling participle looks ahead as a modal does: the
    weekday was the Friday before (2012-07-27), the month the November before (2009-11)."""
    text = _text(name)
    end = text.index(words) + len(words)
    found = [d.value for d in _analysed(nlp, name).dates if d.end == end]
    assert found == [value]


def test_a_weekday_after_in_advance_of_a_past_event_stays_past(nlp: Language) -> None:
    """The guard, on the same day's NYT: "Dozens of faculty members at Notre Dame … sent a
    letter … last Friday" and the letter "released Tuesday" keep their dates."""
    values = {d.text: d.value for d in _analysed(nlp, f"{GEORGETOWN}_3").dates}
    assert values["last Friday"] == "2012-04-20"
    assert values["Tuesday"] == "2012-04-24"


def test_an_act_named_under_a_noun_is_no_ones_words(nlp: Language) -> None:
    """Fox, 2012-04-25: Ryan "defended his budget …, saying for instance that the concept of
    denying tax credits to illegal immigrants is merely "following through on policy"". The
    gerund "denying" under "the concept of" was read as Ryan's denial of "tax credits"; what
    he said ("saying that …") stays his."""
    analysis = _analysed(nlp, f"{GEORGETOWN}_2")
    assert not [q for q in analysis.quotes if q.cue == "denying"]
    saying = _quotes(nlp, f"{GEORGETOWN}_2", "the concept of denying tax credits")
    assert {q.speaker for q in saying if q.cue == "saying"} == {"Paul Ryan"}


def test_a_place_known_for_something_is_no_ones_words(nlp: Language) -> None:
    """Fox, 2014-03-25: "… in the middle of Braley's campaign for Senate in the state known for
    its agriculture industry." was Chuck Grassley's (known for) "its agriculture industry",
    the nearest name: the participle describes the state, and no one is quoted."""
    known = _quotes(nlp, f"{BRALEY}_3", "its agriculture industry")
    assert {q.speaker for q in known if q.cue == "known for"} <= {None}


def test_where_words_appeared_is_not_what_they_said(nlp: Language) -> None:
    """HuffPost, 2014-03-26: "Both the Des Moines Register and the Quad-City Times featured the
    backlash over Braley's comments on their front pages." was Braley's (comments on) "their
    front pages": the pages are where the comments were printed, not what he said."""
    analysis = _analysed(nlp, f"{BRALEY}_1")
    assert not [q for q in analysis.quotes if q.text == "their front pages"]


def test_him_in_of_him_warning_is_the_sentences_subject(nlp: Language) -> None:
    """NYT, 2014-03-25: "Mr. Braley apologized to Senator Charles E. Grassley, Republican of
    Iowa, and "anyone I may have offended" after video emerged of him warning that "a farmer
    from Iowa who never went to law school, never practiced law" could become chairman …".
    The partial quote was unnamed ("anyone" taken for the subject of "warning")."""
    warning = _quotes(nlp, f"{BRALEY}_2", "a farmer from Iowa who never went to law school")
    assert {q.speaker for q in warning if q.cue == "warning"} == {"Bruce Braley"}


def test_a_bishop_named_in_full_and_by_surname_is_one_person(nlp: Language) -> None:
    """NYT, 2012-04-24: "Bishop Daniel Jenky, of Peoria, Ill., said that President Obama was so
    intolerant of religion …", then "Bishop Jenky has stood by his comments": the model typed
    both an organisation, and they were two speakers."""
    analysis = _analysed(nlp, f"{GEORGETOWN}_3")
    jenky = {(m.label, m.entity) for m in analysis.mentions if "Jenky" in m.text}
    assert jenky == {("PERSON", "Daniel Jenky")}
    stood = _quotes(nlp, f"{GEORGETOWN}_3", "his comments")
    assert {q.speaker for q in stood if q.cue == "has stood by"} == {"Daniel Jenky"}


def test_she_after_a_wife_is_not_a_man_named_before(nlp: Language) -> None:
    """Fox, 2013-02-20: "Tom Kirsch, an attorney for Jackson's wife, said she has signed a plea
    agreement … and would plead guilty to one tax count." "She" went to Jesse Jackson Jr. (the
    last name before it whose gender the article does not give): it is his wife, whom the
    sentence does not name. Kirsch's own words stay his."""
    plea = _quotes(nlp, f"{JACKSON}_3", "one tax count")
    assert {q.speaker for q in plea if q.cue == "would plead guilty to"} == {None}
    assert {q.speaker for q in plea if q.cue == "said"} == {"Tom Kirsch"}


def test_a_relative_pronoun_speaks_for_its_noun(nlp: Language) -> None:
    """NYT, 2011-12-07: "The Perry ad was denounced by the Log Cabin Republicans, a gay men and
    lesbian group, which said it was "wrong for Governor Perry to assume …"", and NYT,
    2011-11-29: "Sheriff Joe Arpaio of Maricopa County, Ariz., who unabashedly calls himself
    the "toughest sheriff" in the country": both were unnamed ("which", "who")."""
    wrong = _quotes(nlp, f"{PERRY_AD}_3", "wrong for Governor Perry to assume")
    assert {q.speaker for q in wrong if q.cue == "said"} == {"Log Cabin Republicans"}
    toughest = _quotes(nlp, f"{ARPAIO}_3", "toughest sheriff")
    assert {q.speaker for q in toughest if q.cue == "calls"} == {"Joe Arpaio"}


def test_he_is_not_a_name_that_only_modifies_a_noun(nlp: Language) -> None:
    """NYT, 2011-11-29: "The candidate sought to draw a contrast with the Obama administration,
    which he criticized as having a "catch-and-release" policy …" was Barack Obama's: "Obama"
    names the administration here, and "he" is the candidate, Rick Perry."""
    caught = _quotes(nlp, f"{ARPAIO}_3", "catch-and-release")
    assert {q.speaker for q in caught if q.cue == "criticized"} == {"Rick Perry"}


def test_a_dateline_is_not_the_subject(nlp: Language) -> None:
    """NYT, 2011-11-29: "AMHERST, N.H. — Gov. Rick Perry of Texas on Tuesday said he would back
    a federal policy "to detain and to deport every illegal alien that we apprehend."": the
    parser gave "said" two subjects, and the dateline left both quotes unnamed."""
    detain = _quotes(nlp, f"{ARPAIO}_3", "to detain and to deport every illegal alien")
    assert {q.speaker for q in detain if q.cue == "said"} == {"Rick Perry"}
