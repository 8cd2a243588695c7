"""What a reader of a story page sees, on BASIL articles (public data no one here wrote):
one person is one entity and one speaker, a question put to someone is not their statement,
and a date that describes a participant does not date the development.

Each article is read as ``parallax eval comparison --format basil`` ingests it (its paragraphs
joined by blank lines). BASIL 2010 is dev data (2015-2019 is held out).
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache

import pytest
from spacy.language import Language

from parallax.model import ArticleAnalysis
from parallax.nlp.pipeline import analyze_text
from tests.nlp.conftest import SHARED_DATA

BASIL = SHARED_DATA / "basil" / "articles" / "2010"
ETHERIDGE = "6b541575-99b1-40d2-8730-9bb868ee38ed"  # 1 Fox News, 2 NYT, 3 HuffPost
SESTAK = "38f7cbb7-5d6a-4c89-bcbd-8e164144172a"  # 1 NYT, 2 Fox News, 3 HuffPost
STEELE = "2b95d2cf-e979-4f9c-ae27-9a5370934f23"  # 1 NYT, 2 Fox News, 3 HuffPost

pytestmark = pytest.mark.skipif(not BASIL.is_dir(), reason=f"BASIL is not at {BASIL}")


def _article(name: str) -> tuple[str, date]:
    record = json.loads((BASIL / f"{name}.json").read_text(encoding="utf-8"))
    paragraphs = [" ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"]]
    return "\n\n".join(paragraphs), date.fromisoformat(record["date"])


@cache
def _analysed(nlp: Language, name: str) -> ArticleAnalysis:
    text, published = _article(name)
    return analyze_text(name, text, published, nlp=nlp)


def test_a_lone_surname_is_the_person_the_article_named_in_full(nlp: Language) -> None:
    """spaCy's small model types "Etheridge", "Sestak", "Steele" as places or organisations;
    after the article has named "Bob Etheridge", each of them is him."""
    cases = {
        f"{ETHERIDGE}_1": ("Etheridge", "Bob Etheridge"),
        f"{ETHERIDGE}_3": ("Woodhouse", "Brad Woodhouse"),
        f"{SESTAK}_2": ("Sestak", "Joe Sestak"),
        f"{STEELE}_2": ("DeMint", "Jim DeMint"),
    }
    for name, (surname, person) in cases.items():
        analysis = _analysed(nlp, name)
        alone = [m for m in analysis.mentions if m.text == surname]
        assert alone, f"{surname} not found in {name}"
        assert {(m.label, m.entity) for m in alone} == {("PERSON", person)}, name


def test_one_speaker_per_person_in_an_article(nlp: Language) -> None:
    """HuffPost quotes Etheridge's apology; the speaker is "Bob Etheridge", as in the other
    two outlets, so the comparison's "also quoted by" links the three."""
    analysis = _analysed(nlp, f"{ETHERIDGE}_3")
    apology = [q for q in analysis.quotes if "I deeply and profoundly regret" in q.text]
    assert apology
    assert {q.speaker for q in apology} == {"Bob Etheridge"}
    speakers = {q.speaker for q in analysis.quotes if q.speaker}
    assert "Etheridge" not in speakers and "Woodhouse" not in speakers


def test_a_place_the_article_names_stays_a_place(nlp: Language) -> None:
    """The rule reads only words that end a full name the article gave before them."""
    analysis = _analysed(nlp, f"{ETHERIDGE}_1")
    places = {m.entity for m in analysis.mentions if m.label == "GPE"}
    assert "North Carolina" in places
    assert "Washington" in places


def test_a_question_put_to_someone_is_not_their_statement(nlp: Language) -> None:
    """ "the man approached the congressman and asked if he supported the 'Obama agenda'"
    (Fox News), "asked him whether he supports President Obama's agenda" (NYT): Etheridge
    said nothing about the agenda; the questions stay the askers'."""
    for part, asked in ((1, "Obama agenda"), (2, "President Obama’s agenda")):
        analysis = _analysed(nlp, f"{ETHERIDGE}_{part}")
        said = [
            q
            for q in analysis.quotes
            if q.speaker == "Bob Etheridge" and q.kind == "reported" and asked in q.text
        ]
        assert said == [], [q.text for q in said]
    fox = _analysed(nlp, f"{ETHERIDGE}_1")
    assert any(q.cue == "asked" and "Obama agenda" in q.text for q in fox.quotes)


def test_who_is_asked_is_not_who_asks(nlp: Language) -> None:
    """HuffPost: "A sitting Congressman-a presumed living extension of James Madison and other
    founding fathers-was asked on a public street whether he supported the President's agenda."
    Neither James Madison nor the congressman said it; the asker is not named."""
    analysis = _analysed(nlp, f"{ETHERIDGE}_3")
    assert not [q for q in analysis.quotes if q.speaker == "James Madison"]
    asked = [q for q in analysis.quotes if q.text.startswith("whether he supported")]
    assert asked
    assert {(q.speaker, q.cue) for q in asked} == {(None, "was asked")}
