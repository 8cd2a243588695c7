"""Who said what on BASIL story pages, the fact-checker's eighth round (issue #15): "he" or
"she" never stands for a person whose first name clearly has the other gender.

Each article is read as ``parallax eval comparison --format basil`` ingests it (its paragraphs
joined by blank lines). BASIL 2010-2014 is dev data (2015-2019 is held out).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.nlp.test_basil_speakers import ARTICLES, _quotes

DEBATE = "2012/b5eefefb-2a33-45de-abe1-f855c94165f4"  # 1 Fox News, 2 HuffPost, 3 NYT
CHENEY = "2013/11c9f251-35c8-4452-b052-df9be61464c6"  # 1 NYT, 2 Fox News, 3 HuffPost
LERNER = "2013/84678e18-0b79-4570-9c9f-cb1cf88d968e"  # 1 Fox News, 3 HuffPost

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
