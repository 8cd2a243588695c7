"""Who said what on BASIL story pages, the fact-checker's eighth round (issue #15): "he" or
"she" never stands for a person whose first name clearly has the other gender; who was told
is not who told; a participle shares its verb's subject, not a name among that verb's objects;
and a relative clause after "said X" describes X; "the president" is the one who held the
title on the article's day; what no one said is no one's words; "a Ryan spokesman" is not Ryan;
an "if" clause on an act is a condition, not what anyone said.

Each article is read as ``parallax eval comparison --format basil`` ingests it (its paragraphs
joined by blank lines). BASIL 2010-2014 is dev data (2015-2019 is held out).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.nlp.test_basil_speakers import ARTICLES, _analysed, _quotes

DEBATE = "2012/b5eefefb-2a33-45de-abe1-f855c94165f4"  # 1 Fox News, 2 HuffPost, 3 NYT
CHENEY = "2013/11c9f251-35c8-4452-b052-df9be61464c6"  # 1 NYT, 2 Fox News, 3 HuffPost
LERNER = "2013/84678e18-0b79-4570-9c9f-cb1cf88d968e"  # 1 Fox News, 3 HuffPost
AARP = "2011/576116e5-2b18-4d35-be73-36f5863c9468"  # 1 HuffPost, 2 NYT, 3 Fox News
LAUTEN = "2014/96b7046f-f584-422f-a626-6f86a26dfd8b"  # 1 HuffPost, 2 Fox News, 3 NYT
AKIN = "2012/08bb9bee-c167-4c17-9c6d-4a1259231eb7"  # 3 HuffPost
GEORGETOWN = "2012/29ffd053-7684-469b-a600-97000579bd01"  # 2 Fox News
BRALEY = "2014/22b6e900-4826-4b09-a9f8-5d7afe46e78b"  # 2 NYT
WEINER = "2011/c21cb217-3e2c-49bd-884d-5c74a165ef10"  # 2 Fox News

pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"BASIL is not at {ARTICLES}")


def test_he_is_never_a_woman_named_just_before(nlp: Language) -> None:
    """Fox, 2012-10-12: "… ABC News' Martha Raddatz …", then Ryan's ""This is becoming more
    troubling by the day. …" he said". Martha Raddatz was the nearest person, and the article
    gives her no honorific or role that says her gender; her first name does."""
    troubling = _quotes(nlp, f"{DEBATE}_1", "This is becoming more troubling by the day")
    assert {q.speaker for q in troubling} == {"Paul Ryan"}


def test_she_is_never_a_man_named_just_before(nlp: Language) -> None:
    """HuffPost, 2013-09-01: "The elder Cheney daughter is challenging Sen. Mike Enzi (R-Wyo.)
    …", then "she had spoken out against the military's former "don't ask, don't tell" …":
    Liz Cheney, not Mike Enzi. Fox, 2013-05-20: "Rep. Joseph Crowley, D-N.Y., asked her …
    She said: "Well there's a questionnaire …"" is Lois Lerner; and HuffPost's "… since she
    apologized for the IRS' inappropriate targeting …" is Lerner, not her lawyer William
    Taylor III."""
    spoken = _quotes(nlp, f"{CHENEY}_3", "don't ask, don't tell")
    assert {q.speaker for q in spoken} == {"Liz Cheney"}
    questionnaire = _quotes(nlp, f"{LERNER}_1", "there's a questionnaire that began")
    assert {q.speaker for q in questionnaire} == {"Lois Lerner"}
    apology = _quotes(nlp, f"{LERNER}_3", "inappropriate targeting of conservative groups")
    assert {q.speaker for q in apology} == {"Lois Lerner"}


def test_who_was_told_is_not_who_told(nlp: Language) -> None:
    """HuffPost, 2011-06-17: "The official said that he and other opponents of benefit cuts had
    been told that AARP's "longstanding position" hadn't changed." The partial quote is what
    they were told (by AARP, the passive names no teller); it went to Jonathan Cowan, the
    nearest name before "he". A "'s" that is "has" is no passive: Fox, 2011-06-01, "He said
    he's asked an Internet security firm and a law firm to take a "hard look"" stays Weiner's."""
    told = _quotes(nlp, f"{AARP}_1", "longstanding position")
    assert {(q.kind, q.speaker) for q in told} == {("reported", None), ("partial", None)}
    asked = _quotes(nlp, f"{WEINER}_2", "hard look")
    assert {q.speaker for q in asked} == {"Anthony Weiner"}


def test_a_participle_shares_its_verbs_subject_not_a_name_among_its_objects(
    nlp: Language,
) -> None:
    """NYT, 2014-12-01: "On Friday, the aide, Elizabeth Lauten, 31, who has more than 14,000
    followers on Twitter …, wrote an open letter to Sasha and Malia Obama on her Facebook page,
    saying they should "try showing a little class" …". The parser gives "wrote" no subject, and
    "saying" went to the last person named before it, "Malia Obama" (Barack Obama's entity)."""
    saying = _quotes(nlp, f"{LAUTEN}_3", "they should “try showing a little class”")
    assert {q.speaker for q in saying} == {"Elizabeth Lauten"}


def test_a_relative_clause_after_said_x_describes_x(nlp: Language) -> None:
    """Fox, 2014-11-30: ""Rise to the occasion. …" added Lauten, who works for Rep. Stephen
    Fincher, R-Tenn." The inversion took the last noun of the relative clause, "R-Tenn."."""
    rise = _quotes(nlp, f"{LAUTEN}_2", "Rise to the occasion")
    assert {q.speaker for q in rise} == {"Elizabeth Lauten"}


def test_the_president_is_who_held_the_title_on_the_articles_day(nlp: Language) -> None:
    """Fox, 2011-06-17, names "President George W. Bush" (the AARP opposed his push to
    privatise Social Security) and then "President Obama"; its ""The president supports
    measures to strengthen Social Security …"" and "the president's budget director" are
    Obama's, not Bush's (the first person the article gave the title). NYT, 2012-10-12: "the
    president's dismal performance at his debate with …" was Mitt Romney's."""
    bare = [m for m in _analysed(nlp, f"{AARP}_3").mentions if m.text == "president"]
    assert [m.entity for m in bare] == ["Barack Obama", "Barack Obama"]
    bare = [m for m in _analysed(nlp, f"{DEBATE}_3").mentions if m.text == "president"]
    # the first is "the president’s dismal performance"; the second, "the Republican nominee
    # for president, Mitt Romney", is Romney's
    assert [m.entity for m in bare] == ["Barack Obama", "Mitt Romney"]


def test_what_no_one_said_is_no_quote(nlp: Language) -> None:
    """Fox, 2014-11-30: "Neither the White House nor Fincher made any public comment about the
    issue Saturday." was Stephen Fincher's reported words ("the issue"). HuffPost, 2012-08-21:
    "… admitted that no senator had called him to ask him to stay in the race" is no one's."""
    comments = [q for q in _analysed(nlp, f"{LAUTEN}_2").quotes if "public comment" in q.cue]
    assert comments == []
    asked = [q for q in _analysed(nlp, f"{AKIN}_3").quotes if q.text.startswith("to ask him")]
    assert asked == []


def test_a_name_on_the_noun_of_who_speaks_for_them_is_not_the_speaker(nlp: Language) -> None:
    """Fox, 2012-04-25: ""Chairman Ryan remains grateful for Georgetown's invitation …," a Ryan
    spokesman said." and "“He looks forward to …”": the spokesman's words, not Paul Ryan's
    (the name hangs on the subject's head, a common noun of someone who speaks for him)."""
    grateful = _quotes(nlp, f"{GEORGETOWN}_2", "Chairman Ryan remains grateful")
    assert [(q.speaker, q.speaker_text) for q in grateful] == [(None, "a Ryan spokesman")]
    forward = _quotes(nlp, f"{GEORGETOWN}_2", "He looks forward to affirming")
    assert {q.speaker for q in forward} == {None}


def test_an_if_clause_on_an_act_is_a_condition_not_words(nlp: Language) -> None:
    """NYT, 2014-03-25: "But as the ranking Republican on the Judiciary Committee, Mr. Grassley
    could assume the chairmanship if his party takes control of the Senate this year." was read
    as Grassley's belief ("could assume") that "if his party takes control of the Senate"."""
    quotes = _analysed(nlp, f"{BRALEY}_2").quotes
    assert [q for q in quotes if q.text.startswith("if his party takes control")] == []
