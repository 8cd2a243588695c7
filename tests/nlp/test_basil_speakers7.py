"""Who said what on BASIL story pages, the fact-checker's seventh round (issue #15): a title
before a lone surname fixes the person the article gave that title, and a name that owns the
person who speaks ("the president's budget director") is not who speaks, and a network the
model types a person ("Twitter") is no one's "she".

Each article is read as ``parallax eval comparison --format basil`` ingests it (its paragraphs
joined by blank lines). BASIL 2010-2014 is dev data (2015-2019 is held out).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.nlp.test_basil_speakers import ARTICLES, _analysed, _quotes

CHENEY = "2013/11c9f251-35c8-4452-b052-df9be61464c6"  # 1 NYT, 2 Fox News, 3 HuffPost
AARP = "2011/576116e5-2b18-4d35-be73-36f5863c9468"  # 1 HuffPost, 2 NYT, 3 Fox News
LAUTEN = "2014/96b7046f-f584-422f-a626-6f86a26dfd8b"  # 1 HuffPost, 2 Fox News, 3 NYT

pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"BASIL is not at {ARTICLES}")


def test_a_title_before_a_lone_surname_is_the_person_given_that_title(nlp: Language) -> None:
    """Fox, 2013-09-01, names "Mary Cheney, one of ex-Vice President Dick Cheney's two
    daughters", Liz and Elizabeth Cheney, then: "Former Vice President Cheney has publicly
    voiced support for same-sex marriage and, mirroring Elizabeth's stance, has reportedly said
    the matter should be decided on a state-by-state basis." That is Dick Cheney, the Cheney the
    article called (ex-)Vice President; it was Elizabeth Cheney, the nearest full name before."""
    analysis = _analysed(nlp, f"{CHENEY}_2")
    titled = [m for m in analysis.mentions if m.role == "Former Vice President"]
    assert [(m.text, m.entity) for m in titled] == [("Cheney", "Dick Cheney")]
    basis = _quotes(nlp, f"{CHENEY}_2", "the matter should be decided on a state-by-state")
    assert {q.speaker for q in basis if q.speaker is not None} == {"Dick Cheney"}


def test_a_name_that_owns_the_person_who_speaks_is_not_the_speaker(nlp: Language) -> None:
    """Fox, 2011-06-17: "But the president's budget director told Fox News that even when the
    trust funds run out, both Social Security and Medicare would still have some income." The
    director speaks, not the president; the article's first president is "President George W.
    Bush", who was given these words. The director is named only in the next sentence, so the
    words stay unnamed."""
    told = _quotes(nlp, f"{AARP}_3", "even when the trust funds run out")
    assert [(q.speaker, q.speaker_text) for q in told] == [
        (None, "the president's budget director")
    ]


def test_a_network_the_model_types_a_person_is_no_one_who_speaks(nlp: Language) -> None:
    """NYT, 2014-12-01: "On Friday, the aide, Elizabeth Lauten, 31, who has more than 14,000
    followers on Twitter as @DCGopGirl …, wrote an open letter …", then "“I get you're both in
    those awful teen years, …,” she wrote." The small model types "Twitter" a person, and the
    letter, its two quotes and "She went on to say …" were Twitter's (the nearest "person")."""
    analysis = _analysed(nlp, f"{LAUTEN}_3")
    speakers = {q.speaker for q in analysis.quotes}
    assert "Twitter" not in speakers
    teen = _quotes(nlp, f"{LAUTEN}_3", "awful teen years")
    assert {q.speaker for q in teen} == {"Elizabeth Lauten"}
