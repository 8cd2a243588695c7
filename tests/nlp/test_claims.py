"""Claims: numbers, quantities and the check-worthiness score."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from parallax.model import ArticleAnalysis
from parallax.nlp.claims import parse_number
from parallax.nlp.pipeline import analyze_text


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,500", 1500.0), ("2.5 million", 2.5e6), ("three", 3.0), ("dozens", 24.0), ("n/a", None)],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_seed_claims_carry_quantities(analyses: dict[str, ArticleAnalysis]) -> None:
    claims = analyses["000"].claims
    swarms = next(c for c in claims if "swarms of 500 drones and missiles" in c.text)
    assert [(q.value, q.unit) for q in swarms.quantities] == [(500.0, "drones and missiles")]
    pause = next(c for c in claims if "30-day pause" in c.text)
    assert (30.0, "day") in [(q.value, q.unit) for q in pause.quantities]
    assert all(0.0 <= c.score <= 1.0 for c in claims)


def test_money_and_questions(nlp: Language) -> None:
    text = (
        "The Pentagon approved $2 billion in aid to Ukraine on Monday. "
        "Is this really the best we can do?"
    )
    claims = analyze_text("t", text, date(2025, 7, 4), nlp=nlp).claims
    assert len(claims) == 1
    assert [(q.text, q.value, q.unit) for q in claims[0].quantities] == [("$2 billion", 2e9, "USD")]


def test_features_from_the_sentences_text_are_the_spans(nlp: Language) -> None:
    from parallax.nlp.claims import features, sentence_entities
    from tests.nlp.conftest import read_seed

    doc = nlp(read_seed("000")[0])
    entities = sentence_entities(doc)
    sentences = list(doc.sents)
    assert len(sentences) > 10
    for sentence in sentences:
        said = doc.text[sentence.start_char : sentence.end_char]
        assert said == sentence.text
        ents = entities.get(sentence.start, [])
        assert features(sentence, (), ents, said) == features(sentence, (), ents)
    assert features(sentences[0], text="Is it 5-4?")["question"] == 1.0  # the text given is read
