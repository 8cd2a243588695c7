"""Who said what on BASIL story pages, the fact-checker's sixth round (issue #15): "he" after
"he" past a name between, a relative's gender, a name inside a person's appositive, a woman's
honorific before a surname, a cue conjunct of a reported clause about a thing, an order to the
reader, and a party in parentheses after a quote's speaker.

Each article is read as ``parallax eval comparison --format basil`` ingests it (its paragraphs
joined by blank lines). BASIL 2010-2014 is dev data (2015-2019 is held out); the guard for
"Mrs. Trump" is a PolNeAR train article.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from parallax.model import ArticleAnalysis
from parallax.nlp.pipeline import analyze_text
from tests.nlp.conftest import SHARED_DATA
from tests.nlp.test_basil_speakers import ARTICLES, _analysed, _quotes

SANTORUM = "2012/65cb14cb-2d27-41e5-a2be-6fd6314f4363"  # 1 NYT, 2 Fox News, 3 HuffPost
CHRISTIE = "2014/d1344998-0e7c-409e-aaad-df5be687fc94"  # 1 NYT, 2 Fox News, 3 HuffPost
BREWER = "2014/58ed2376-35a0-453a-a08e-5cd87e3bdea5"  # 1 Fox News, 2 HuffPost, 3 NYT
WEINER = "2011/c21cb217-3e2c-49bd-884d-5c74a165ef10"  # 1 NYT, 2 Fox News, 3 HuffPost
CANTOR = "2014/ee05c9b3-529c-4268-ad72-19bd34f7197e"  # 1 NYT, 2 HuffPost, 3 Fox News
CHENEY = "2013/11c9f251-35c8-4452-b052-df9be61464c6"  # 1 NYT, 2 Fox News, 3 HuffPost
BACHMANN = "2011/550b80db-bdd5-442b-8f70-c8e9f3203a13"  # 1 NYT, 2 Fox News, 3 HuffPost
DEBATE = "2012/b5eefefb-2a33-45de-abe1-f855c94165f4"  # 1 Fox News, 2 HuffPost, 3 NYT
TRUMP_CLINTON = (
    SHARED_DATA / "polnear/train/text/nyt_2015-12-31_trump-turns-attacks-on-another-c.txt"
)

pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"BASIL is not at {ARTICLES}")


def _people(analysis: ArticleAnalysis, written: str) -> set[str]:
    return {m.entity for m in analysis.mentions if m.label == "PERSON" and m.text == written}


def test_he_after_he_is_the_reporter_past_a_name_between(nlp: Language) -> None:
    """Fox, 2012-02-19: "Rick Santorum said Sunday he wasn't questioning whether President Obama
    is a Christian when he referred to his "phony theology" …": the second "he" is the first,
    Santorum (was Barack Obama, the name in the clause between)."""
    referred = _quotes(nlp, f"{SANTORUM}_2", "phony theology")
    assert {q.speaker for q in referred} == {"Rick Santorum"}


def test_a_relative_named_beside_a_noun_has_its_gender(nlp: Language) -> None:
    """NYT, 2012-02-19: "The former Pennsylvania senator has a 3-year-old daughter, Bella, …,
    and he said that doctors who detect such a condition … recommend abortion": Bella is a
    daughter, so "he" is not her (it is Santorum). NYT, 2011-06-01: "… his wife, Huma Abedin, a
    longtime aide to Secretary of State Hillary Rodham Clinton. "I'm protecting my wife …," he
    told CNN": Weiner (was Hillary Rodham Clinton, then Huma Abedin)."""
    doctors = _quotes(nlp, f"{SANTORUM}_1", "doctors who detect")
    assert {q.speaker for q in doctors} == {"Rick Santorum"}
    wife = _quotes(nlp, f"{WEINER}_1", "protecting my wife")
    assert {q.speaker for q in wife} == {"Anthony D. Weiner"}
    # NYT, 2013-08-31: "Their father, former Vice President Dick Cheney, supports same-sex
    # marriage, and the younger Cheney echoed some of his language on the issue when she added,
    # “Freedom means freedom for everyone.”": a father is a man, so "she" is Mary Cheney.
    freedom = _quotes(nlp, f"{CHENEY}_1", "Freedom means freedom")
    assert {q.speaker for q in freedom} == {"Mary Cheney"}


def test_a_name_inside_a_persons_appositive_is_not_the_speaker(nlp: Language) -> None:
    """HuffPost, 2014-01-23: "In a statement issued Thursday, Mark Sheridan, a partner with
    Patton Boggs, said his law firm had been retained …": Sheridan speaks (the parser gives
    "said" no subject, and the person named last before it is the firm, typed a person)."""
    retained = _quotes(nlp, f"{CHRISTIE}_3", "law firm had been retained")
    assert {q.speaker for q in retained} == {"Mark Sheridan"}


def test_a_womans_honorific_joins_the_one_full_name_with_her_surname(nlp: Language) -> None:
    """NYT style names a woman once in full and then "Ms.": "Dawn Zimmer" … "Ms. Zimmer" (NYT,
    2014-01-23) and "Representative Nancy Pelosi" … "Ms. Pelosi said" (NYT, 2014-06-12) are one
    person each, and so her words are hers."""
    christie = _analysed(nlp, f"{CHRISTIE}_1")
    assert _people(christie, "Ms. Zimmer") == {"Dawn Zimmer"}
    assert _people(christie, "Ms. Guadagno") == {"Kim Guadagno"}
    believe = _quotes(nlp, f"{CANTOR}_1", "I still can’t even believe it")
    assert {q.speaker for q in believe} == {"Nancy Pelosi"}


def test_mrs_trump_is_not_donald_trump(nlp: Language) -> None:
    """The guard (PolNeAR train, NYT 2015-12-31): "Donald J. Trump", "Mr. Trump", "Ivana Trump"
    and "the former Mrs. Trump"; "Bill Clinton", "Mr. Clinton" and "Mrs. Clinton": a woman's
    honorific joins no man's name, nor one of two full names; "Ms. Lewinsky" is Monica
    Lewinsky."""
    text = TRUMP_CLINTON.read_text(encoding="utf-8")
    analysis = analyze_text("trump-clinton", text, date(2015, 12, 31), nlp=nlp)
    assert _people(analysis, "Mrs. Trump") == {"Mrs. Trump"}
    assert _people(analysis, "Mrs. Clinton") == {"Mrs. Clinton"}
    assert _people(analysis, "Ms. Lewinsky") == {"Monica Lewinsky"}


def test_a_cue_joined_to_a_reported_clause_about_a_thing_is_the_reporters(
    nlp: Language,
) -> None:
    """Fox, 2014-02-26: 'Democrats say that argument doesn't wash and call SB1062 "toxic"
    legislation …': Democrats call it toxic, not "that argument" (the parser joins "call" to
    "wash", the reported clause)."""
    toxic = [q for q in _quotes(nlp, f"{BREWER}_1", "toxic") if q.kind == "partial"]
    assert {q.speaker for q in toxic} == {"Democrats"}


def test_an_order_to_the_reader_has_no_speaker(nlp: Language) -> None:
    """HuffPost, 2011-08-08: "See the Bachmann cover below, and tell us whether you think it
    crosses a line." is the outlet asking its readers: no one's words (it was Michele
    Bachmann's, the person named last before the cue)."""
    analysis = _analysed(nlp, f"{BACHMANN}_3")
    assert not [q for q in analysis.quotes if "crosses a line" in q.text]
    assert "Lois Romano" in {q.speaker for q in analysis.quotes}  # the author's words stay


def test_a_party_and_state_in_parentheses_keep_the_said_x(nlp: Language) -> None:
    """HuffPost, 2012-10-12: "“He had his Red Bull. He certainly had his caffeine,” Sen. John
    Thune (R-S.D.) said after the debate." is Thune's (the full stop of "S.D." before the
    closing parenthesis ended the sentence, so the quote took "Biden looked" before it)."""
    caffeine = _quotes(nlp, f"{DEBATE}_2", "Red Bull")
    assert {q.speaker for q in caffeine} == {"John Thune"}


def test_he_after_a_quoted_retort_is_who_retorted(nlp: Language) -> None:
    """Fox, 2012-10-12: 'Biden was quick to retort: "With all due respect, that's just a bunch of
    malarkey. ..." … He added: "This talk about this weakness, I don't understand what my
    friend's talking about."' is Biden's (the sentence before had its root inside the quote, so
    "He" went one sentence further back, to Ryan)."""
    weakness = _quotes(nlp, f"{DEBATE}_1", "This talk about this weakness")
    assert {q.speaker for q in weakness} == {"Joe Biden"}
