"""Quotes in real Russian and Ukrainian news (SlavicNER's covid-19 documents, research use only,
read from the shared data and never copied here): straight quote marks, and speakers that agree
with the speech verb or pronoun in gender and number (the fact-checker's fifth round, #21)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from parallax.model import Mention, Quote
from parallax.nlp.parsed import EntitySpan, Parsed
from parallax.nlp.quotes_slavic import find_quotes, quote_marks
from tests.conftest import SHARED_DATA

SLAVICNER = SHARED_DATA / "multilingual" / "slavicner"
_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}


def _document(language: str, name: str) -> Path:
    path = SLAVICNER / "raw" / "covid-19" / language / name
    if not path.is_file():
        pytest.skip(f"SlavicNER is not at {SLAVICNER}")
    return path


def _russian(name: str) -> tuple[str, tuple[Quote, ...]]:
    pytest.importorskip("natasha")
    from parallax.nlp.russian import RussianStage

    text = _document("ru", name).read_text(encoding="utf-8")
    [analysis] = RussianStage().analyze([(name, text, date(2021, 1, 29))], nlp=None)
    return text, analysis.quotes


def _said(quotes: tuple[Quote, ...], opening: str) -> Quote:
    return next(q for q in quotes if q.text.lstrip('«"„“').startswith(opening))


def test_straight_quote_marks_are_quotes_with_their_speakers() -> None:
    text, quotes = _russian("coronavirus_ru_35.txt")
    virus = _said(quotes, "Вирус быстро распространяется")
    assert (virus.kind, virus.speaker, virus.cue) == ("direct", "фон дер Ляйен", "сказала")
    assert virus.text.startswith('"') and virus.text.endswith('"')
    assert text[virus.start : virus.end] == virus.text
    third_wave = _said(quotes, "Если мы слишком расслабимся")
    assert (third_wave.speaker, third_wave.speaker_text) == ("Питер Пиот", "Пиот")


def test_straight_marks_pair_only_in_a_paragraph_with_an_even_count() -> None:
    text = 'Он сказал: "Мы готовы". Потом добавил 5" и ушёл.\n"Это ложь", — заявил Песков.'
    assert [text[a:b] for a, b in quote_marks(text)] == ['"Это ложь"']


def test_a_woman_said_what_a_woman_said() -> None:
    # "Она рассказала, что вакцина ее спасла": Марианна, not the academic Гинцбург who
    # warned her in the sentence before (main gave Гинцбург).
    _, quotes = _russian("coronavirus_ru_86.txt")
    assert _said(quotes, "вакцина ее спасла").speaker == "Марианна"


@pytest.mark.parametrize(
    ("name", "opening"),
    [
        # "они говорят, что им нечего есть": the people of Tripoli, not the university quoted
        # before (main: "Университет Джонса Хопкинса").
        ("coronavirus_ru_50.txt", "им нечего есть"),
        # "некоторых авиакомпаний, которые уже объявили, что …": airlines, not the geneticist
        # named in the sentence before (main: "Wolfgang Henn").
        ("coronavirus_ru_36.txt", "впредь будут пускать"),
    ],
)
def test_a_plural_verb_is_no_one_person(name: str, opening: str) -> None:
    _, quotes = _russian(name)
    assert _said(quotes, opening).speaker is None


def _gold_parse(name: str) -> tuple[Parsed, tuple[Mention, ...]]:
    """A Ukrainian document parsed with SlavicNER's gold entities and sentences split at full
    stops: what the Ukrainian stage gives the rules, without its model."""
    text = _document("uk", name).read_text(encoding="utf-8")
    entities = []
    gold = SLAVICNER / "ner" / "covid-19" / "uk" / f"{name[:-4]}.tsv"
    for line in gold.read_text(encoding="utf-8").splitlines():
        start, end, surface, lemma, kind, _ = line.split("\t")
        if kind in _LABELS:
            entities.append(EntitySpan(int(start), int(end), surface, _LABELS[kind], lemma))
    sentences = tuple(
        (m.start(), m.end()) for m in re.finditer(r"[^\n]+?(?:[.!?…](?=\s|$)|$)", text)
    )
    parsed = Parsed(text, sentences, (), tuple(sorted(entities, key=lambda e: e.start)))
    mentions = tuple(Mention(name, e.start, e.end, e.text, e.label, e.base, "gold")
                     for e in parsed.entities)  # fmt: skip
    return parsed, mentions


def test_he_is_the_man_named_before_not_the_woman_quoted_before() -> None:
    # "… лікар-інфекціоніст Іштван Варконі. Він зазначив, що відчув лише незначні побічні
    # ефекти": main gave the quote to Зіта Сонді, the woman quoted the paragraph before.
    parsed, mentions = _gold_parse("coronavirus_vaccine_uk.txt_file_10039.txt")
    quotes = find_quotes("u", parsed, mentions)
    assert _said(quotes, "Наразі у нас достатньо вакцин").speaker == "Зіта Сонді"
    assert _said(quotes, "відчув лише незначні").speaker == "Іштван Варконі"


def test_ukrainian_straight_quotes_and_a_plural_verb() -> None:
    # "Команда дослідників з Інституту Бутантан в Сан-Паулу заявили 7 січня, що …": the
    # institute's team, not Erdoğan named in the headline link before (main: "Ердоган").
    parsed, mentions = _gold_parse("coronavirus_vaccine_uk.txt_file_10319.txt")
    quotes = find_quotes("u", parsed, mentions)
    said = _said(quotes, "ефективність китайської вакцини у запобіганні")
    assert said.speaker != "Ердоган"
    assert any(q.text.startswith('"') for q in quotes)


def test_he_after_an_organisation_is_the_man_named_before() -> None:
    # "… заявив міністр охорони здоров'я Максим Степанов … "…", - сказав глава МОЗ. Він також
    # наголосив, що …": "він" is Степанов, not the ministry the attribution named.
    parsed, mentions = _gold_parse("coronavirus_vaccine_uk.txt_file_10333.txt")
    quotes = find_quotes("u", parsed, mentions)
    assert _said(quotes, "національний план вакцинації").speaker == "Максим Степанов"


@pytest.mark.parametrize(
    ("name", "marked"),
    [
        # 'Эффективность вакцины "Спутник V" — 92 процента, заявили в РФПИ': a name in marks
        # inside the sentence, not the fund's words.
        ("coronavirus_ru_44.txt", '"Спутник V"'),
        # 'Альберто Фернандес, который проявляет интерес к "Спутнику", пообещал …'
        ("coronavirus_ru_16.txt", '"Спутнику"'),
        # '"… нас ждет еще один "год пандемии" в 2021-м", - сказал Панетта': straight marks
        # nested in straight marks pair wrongly; the piece after the inner quote is no quote.
        ("coronavirus_ru_52.txt", '" в 2021-м"'),
    ],
)
def test_marks_inside_a_sentence_are_no_quote_of_the_verb_after_them(
    name: str, marked: str
) -> None:
    _, quotes = _russian(name)
    assert marked not in {q.text for q in quotes}


def test_where_a_woman_wrote_is_not_who_wrote() -> None:
    # '"Все расслабились, но еще рано …" — написала на своей странице в Facebook
    # инфекционист': Facebook is where, not who (main's fifth round gave Facebook).
    _, quotes = _russian("coronavirus_ru_23.txt")
    assert _said(quotes, "Все расслабились").speaker != "Facebook"


@pytest.mark.parametrize(
    ("name", "opening", "closing"),
    [
        ("coronavirus_ru_52.txt", '"Другими словами', 'в 2021-м"'),
        ("coronavirus_ru_85.txt", '"Вакцина характеризуется', 'добровольцев"'),
        ("coronavirus_ru_60.txt", '"Вакцинация от COVID-19', 'контролем"'),
    ],
)
def test_a_straight_quote_inside_a_straight_quote_stays_inside(
    name: str, opening: str, closing: str
) -> None:
    # '"… И "Вектор" приступит … добровольцев", - заявила … Голикова': one quote, not the
    # pieces around "Вектор" (the fifth round's pairing gave three).
    text = _document("ru", name).read_text(encoding="utf-8")
    start = text.index(opening)
    spans = {a: b for a, b in quote_marks(text)}
    assert text[start : spans[start]].endswith(closing)


def test_the_verb_before_a_colon_names_the_speaker() -> None:
    # 'Родриго Тутерте тоже пообещал публично привиться …: "Экспериментируйте на мне, это
    # хорошо", - заявил он': Duterte, not Putin, whose quote came before.
    _, quotes = _russian("coronavirus_ru_16.txt")
    assert _said(quotes, "Экспериментируйте на мне").speaker == "Родриго Тутерте"
