"""The Russian NLP stage (natasha) behind the language-stage interface, on written news text.

The paragraphs are written for these tests in the style of Russian news agencies; they are not
taken from any outlet.
"""

from __future__ import annotations

from datetime import date

import pytest

from parallax.model import ArticleAnalysis
from parallax.nlp.languages import skip_reason, stage_for, version_suffix
from parallax.nlp.russian import RussianStage, parse_russian
from parallax.nlp.stage import STAGES

THURSDAY = date(2024, 3, 14)
TEXT = (
    "Президент Украины Владимир Зеленский заявил в среду, что Киев не пойдёт на уступки.\n"
    "Переговоры в Стамбуле, по его словам, могут возобновиться на следующей неделе. "
    "Позже Зеленский встретился с генеральным секретарём НАТО Йенсом Столтенбергом.\n"
    "В 2014 году Россия аннексировала Крым."
)


def _analyse(text: str) -> ArticleAnalysis:
    [analysis] = RussianStage().analyze([("a", text, THURSDAY)], nlp=None)
    return analysis


def test_the_registry_picks_a_stage_by_language() -> None:
    assert isinstance(stage_for("ru"), RussianStage)
    assert stage_for("en") is STAGES.get("en")
    assert stage_for(None) is STAGES.get("en")  # unknown language: read as English
    assert stage_for("zh") is None
    assert skip_reason("ru") is None
    assert skip_reason("zh") == "language zh: no analysis pipeline yet"
    assert version_suffix("en") == version_suffix(None) == version_suffix("zh") == ""
    assert version_suffix("ru").startswith(" ru:natasha==1.6.0 ")


def test_a_stage_whose_extra_is_missing_is_skipped_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("parallax.nlp.russian.find_spec", lambda name: None)
    assert stage_for("ru") is None
    assert skip_reason("ru") == (
        "language ru: natasha is not installed (pip install 'parallax-news[ru]')"
    )
    assert version_suffix("ru") == " ru:unavailable"  # installing it marks articles again


def test_the_parse_has_sentences_lemmas_and_offsets_into_the_text() -> None:
    parsed = parse_russian(TEXT)
    assert [TEXT[start:end] for start, end in parsed.sentences][-1] == (
        "В 2014 году Россия аннексировала Крым."
    )
    assert all(TEXT[t.start : t.end] == t.text for t in parsed.tokens)
    lemmas = {t.text: t.lemma for t in parsed.tokens}
    assert lemmas["заявил"] == "заявить"
    assert lemmas["Стамбуле"] == "стамбул"
    said = next(t for t in parsed.tokens if t.text == "заявил")
    assert (said.pos, said.tense) == ("VERB", "Past")
    assert parsed.tokens[
        next(i for i, t in enumerate(parsed.tokens) if t.text == "Зеленский")
    ].rel in {"flat:name", "nsubj", "appos"}


def test_entities_have_base_forms_labels_and_a_surname_takes_the_full_name() -> None:
    mentions = _analyse(TEXT).mentions
    assert all(TEXT[m.start : m.end] == m.text for m in mentions)
    found = {(m.text, m.label, m.entity) for m in mentions}
    assert ("Украины", "GPE", "Украина") in found
    assert ("Стамбуле", "GPE", "Стамбул") in found
    assert ("Йенсом Столтенбергом", "PERSON", "Йенс Столтенберг") in found
    assert ("НАТО", "ORG", "НАТО") in found
    # "Зеленский" alone is the "Владимир Зеленский" named before it.
    assert ("Зеленский", "PERSON", "Владимир Зеленский") in found


def test_dates_are_resolved_against_the_article_date_with_the_verbs_tense() -> None:
    dates = {d.text: (d.type, d.value, d.event_tense) for d in _analyse(TEXT).dates}
    assert dates == {
        "в среду": ("DATE", "2024-03-13", "past"),
        "на следующей неделе": ("DATE", "2024-W12", "present"),
        "В 2014 году": ("DATE", "2014", "past"),
    }
    said = next(d for d in _analyse(TEXT).dates if d.text == "в среду")
    assert TEXT[said.event_start : said.event_end] == "заявил"  # type: ignore[misc]


def test_an_article_with_no_russian_entities_gives_an_empty_analysis() -> None:
    analysis = _analyse("Погода в четверг будет тёплой.")
    assert analysis.mentions == ()
    assert analysis.quotes == ()
    assert [(d.text, d.value) for d in analysis.dates] == [("в четверг", "2024-03-14")]


def test_the_european_union_is_an_organisation_and_the_media_no_name() -> None:
    # natasha tags the EU as a place and "СМИ" ("the media") as an organisation; factRuEval and
    # SlavicNER both annotate the EU as an organisation and "СМИ" as nothing.
    text = (
        "Глава МИД заявил, что ЕС и Евросоюз не договорились. Позиция Европейского союза ясна.\n"
        "Об этом сообщили СМИ."
    )
    found = {(e.text, e.label, e.base) for e in parse_russian(text).entities}
    assert found == {
        ("МИД", "ORG", "МИД"),
        ("ЕС", "ORG", "ЕС"),
        ("Евросоюз", "ORG", "Евросоюз"),
        ("Европейского союза", "ORG", "Европейский союз"),
    }


@pytest.mark.parametrize(
    ("tagged", "kept"),
    [
        # Spans as natasha tagged them in factRuEval and SlavicNER documents.
        ("ПАСЕ (", "ПАСЕ"),
        ("Кориера делла Сера»", "Кориера делла Сера"),
        ('Техрик-э-Лабаик Пакистан"', "Техрик-э-Лабаик Пакистан"),
        ("РИА «Новости»", "РИА «Новости»"),
        ('"Газпром"', '"Газпром"'),
    ],
)
def test_a_quote_or_bracket_left_unpaired_at_the_end_of_a_name_is_cut(
    tagged: str, kept: str
) -> None:
    from parallax.nlp.russian import _split

    [entity] = _split(10, tagged, "ORG", tagged)
    assert (entity.start, entity.end, entity.text, entity.base) == (10, 10 + len(kept), kept, kept)
