"""Who said what on BASIL story pages, the fact-checker's fifth round (issue #15): a cue's
subject names who speaks only through its head, "he" in reported words is the reporter, a
stance or a post is no quote, and a participle after a quote is not "said X".

Each article is read as ``parallax eval comparison --format basil`` ingests it (its paragraphs
joined by blank lines). BASIL 2010-2014 is dev data (2015-2019 is held out).
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache

import pytest
from spacy.language import Language

from parallax.compare.sourcing import says_something
from parallax.model import ArticleAnalysis, Quote
from parallax.nlp.pipeline import analyze_text
from tests.nlp.conftest import SHARED_DATA

ARTICLES = SHARED_DATA / "basil" / "articles"
PATRICK = "2013/d3a1ce0a-fc48-4827-a278-8f0ce8c7a519"  # 1 Fox News, 2 HuffPost, 3 NYT
BENGHAZI = "2013/1bb79cc1-5d69-4136-a23d-6dbd300cbf25"  # 1 NYT, 2 HuffPost, 3 Fox News
AKIN = "2012/08bb9bee-c167-4c17-9c6d-4a1259231eb7"  # 1 NYT, 2 Fox News, 3 HuffPost
SANTORUM = "2012/65cb14cb-2d27-41e5-a2be-6fd6314f4363"  # 1 NYT, 2 Fox News, 3 HuffPost
GRIMM = "2014/33521e65-12da-4521-b132-7b606243b0e4"  # 1 Fox News, 2 NYT, 3 HuffPost
CHRISTIE = "2014/d1344998-0e7c-409e-aaad-df5be687fc94"  # 1 NYT, 2 Fox News, 3 HuffPost
NSA = "2013/a4f1d515-d7d9-4319-b2e0-4d56e9d45554"  # 1 NYT, 2 HuffPost, 3 Fox News

pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"BASIL is not at {ARTICLES}")


@cache
def _analysed(nlp: Language, name: str) -> ArticleAnalysis:
    record = json.loads((ARTICLES / f"{name}.json").read_text(encoding="utf-8"))
    paragraphs = [" ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"]]
    text, published = "\n\n".join(paragraphs), date.fromisoformat(record["date"])
    return analyze_text(name, text, published, nlp=nlp)


def _quotes(nlp: Language, name: str, words: str) -> list[Quote]:
    found = [q for q in _analysed(nlp, name).quotes if words in q.text]
    assert found, f"no quote with {words!r} in {name}"
    return found


def test_a_participle_after_a_quote_is_no_said_x(nlp: Language) -> None:
    """Fox, 2013-05-13: 'It said "requests to provide a daily police presence have gone
    unanswered," adding there was also a "lack of host nation security support to the US
    mission."': the words are the cable's ("It said"), not those of "the US mission" (the last
    noun after "adding"), and "adding" is the cable's too, not the quoted words'."""
    said = _quotes(nlp, f"{BENGHAZI}_3", "have gone unanswered")
    assert {(q.kind, q.speaker_text, q.cue) for q in said} == {("direct", "It", "said")}
    adding = [q for q in _analysed(nlp, f"{BENGHAZI}_3").quotes if q.cue == "adding"]
    assert adding
    assert {q.speaker_text for q in adding} == {"It"}


def test_a_person_named_to_a_post_and_considering_are_no_quotes(nlp: Language) -> None:
    """Fox, 2013-01-30: "Kerry, … was confirmed Tuesday as the new secretary of state" (a post,
    not words anyone said), "Michael Dukakis … and Victoria Kennedy … had also been mentioned as
    possible candidates", and "… a likely favorite …, considering Massachusetts is among the most
    liberal states" ("considering" joins a clause as "given that" does) are no quotes."""
    analysis = _analysed(nlp, f"{PATRICK}_1")
    cues = {q.cue for q in analysis.quotes}
    assert not cues & {"was confirmed", "been mentioned", "considering"}
    assert "announced" in cues  # "Patrick also announced the general election date" stays


def test_a_stance_or_a_vote_is_not_whom_an_outlet_quotes(nlp: Language) -> None:
    """HuffPost, 2013-01-30: "Lynch holds more conservative positions than Markey; he opposes
    abortion rights and voted against President Barack Obama's health care law." PolNeAR counts
    such stances as attributions and the NLP stage keeps them, but the story's "whom each outlet
    quotes" does not show them as Lynch's words; what he is "expected to announce" still is."""
    analysis = _analysed(nlp, f"{PATRICK}_2")
    positions = [q for q in analysis.quotes if q.cue in {"opposes", "voted against"}]
    assert {q.speaker for q in positions} == {"Stephen Lynch"}
    assert len(positions) == 2
    assert not any(says_something(q) for q in positions)
    announce = [q for q in analysis.quotes if q.cue == "to announce" and q.text == "his bid"]
    assert announce and all(says_something(q) for q in announce)


def test_a_name_that_describes_the_subject_is_not_the_speaker(nlp: Language) -> None:
    """The speaker is the subject's head: "Aides to Mr. Romney declined to say …" (NYT, 2012)
    and "Some members of Pinto's congregation said they made … illegal contributions" (Fox,
    2014) are no words of Romney or Pinto; "A lawyer for Mr. Grimm, William J. McGinley, said
    that Mr. Grimm “asserts his innocence” …" (NYT, 2014) is McGinley's, "Obama campaign aide
    Robert Gibbs called his rhetoric “well over the line.”" (HuffPost, 2012) Gibbs's. A name
    after a title or in an appositive still speaks: "Director of National Intelligence James
    Clapper issued a statement" (Fox, 2013), "the mayor of Hoboken, Dawn Zimmer, said …" (NYT,
    2014)."""
    aides = [q for q in _analysed(nlp, f"{AKIN}_1").quotes if q.cue == "declined"]
    assert [(q.speaker, q.speaker_text) for q in aides] == [(None, "Aides to Mr. Romney")]
    members = _quotes(nlp, f"{GRIMM}_1", "illegal contributions")
    assert {q.speaker for q in members} == {None}
    lawyer = _quotes(nlp, f"{GRIMM}_2", "asserts his innocence")
    assert {q.speaker for q in lawyer} == {"William McGinley"}
    gibbs = _quotes(nlp, f"{SANTORUM}_3", "well over the line")
    assert {q.speaker for q in gibbs} == {"Robert Gibbs"}
    clapper = _quotes(nlp, f"{NSA}_3", "a statement late Thursday decrying the leak")
    assert {q.speaker for q in clapper} == {"James Clapper"}
    zimmer = _quotes(nlp, f"{CHRISTIE}_1", "had threatened in May")
    assert {q.speaker for q in zimmer} == {"Dawn Zimmer"}


def test_he_in_reported_words_is_who_reports_them(nlp: Language) -> None:
    """NYT, 2012-02-19: "Rick Santorum …, saying he was referring not to the president's faith
    …"; Fox: "Santorum, who has pulled ahead of Mitt Romney …, said Sunday that when he used the
    word "theology" he was referring to a "world view …"": "he" is Santorum (was Barack Obama,
    and Mitt Romney, the names written last). NYT, 2013-01-30: "He said this brief detour …
    was a sacrifice worth making because he wanted to give something back …" is William Cowan
    (was Deval Patrick)."""
    referring = [
        q for q in _analysed(nlp, f"{SANTORUM}_1").quotes if q.cue and "referring" in q.cue
    ]
    assert referring
    assert {q.speaker for q in referring} == {"Rick Santorum"}
    theology = _quotes(nlp, f"{SANTORUM}_2", "world view that elevates")
    assert {q.speaker for q in theology} == {"Rick Santorum"}
    wanted = _quotes(nlp, f"{PATRICK}_3", "to give something back")
    assert {q.speaker for q in wanted if q.cue == "wanted"} == {"William Cowan"}


def test_quoted_words_in_a_conjunct_of_a_reported_cue_are_the_reporters(nlp: Language) -> None:
    """Fox, 2014-04-25: 'The statement said Grimm "asserts his innocence of any wrongdoing" and
    "will be vindicated."'; NYT: "… said that Mr. Grimm “asserts his innocence” and that the
    investigation was “a politically driven vendetta.”": the second quoted words are the
    statement's and the lawyer's, not Grimm's ("asserts" does not report them)."""
    vindicated = _quotes(nlp, f"{GRIMM}_1", "will be vindicated.")
    assert {(q.speaker, q.speaker_text, q.cue) for q in vindicated} == {
        (None, "The statement", "said")
    }
    vendetta = [q for q in _quotes(nlp, f"{GRIMM}_2", "vendetta") if q.kind == "partial"]
    assert {q.speaker for q in vendetta} == {"William McGinley"}


def test_a_quote_after_a_sentence_is_its_main_cues(nlp: Language) -> None:
    """HuffPost, 2012-02-19: '"I've repeatedly said I don't question the president's faith,"
    Santorum told host Bob Schieffer, denying what some have said was a signal …. "I've
    repeatedly said that I believe the president's Christian …"': the second quote is Santorum's
    (it went to "some", the subject of a cue inside what he denied)."""
    second = _quotes(nlp, f"{SANTORUM}_3", "I believe the president's Christian")
    assert {q.speaker for q in second if q.kind == "direct"} == {"Rick Santorum"}


def test_he_told_him_is_not_one_person(nlp: Language) -> None:
    """HuffPost, 2012-08-21: "He later confirmed that vice presidential candidate Paul Ryan
    called him and told him to "give some thought to stepping down," but didn't tell him to get
    out.": the parser hangs "told" and "tell" on "confirmed", whose subject is Akin; the words
    and the advice are Ryan's (were Todd Akin's)."""
    analysis = _analysed(nlp, f"{AKIN}_3")
    told = [q for q in analysis.quotes if "give some thought" in q.text or q.text == "to get out"]
    assert len(told) == 2
    assert {q.speaker for q in told} == {"Paul Ryan"}
