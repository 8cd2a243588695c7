"""Agency datelines and organisations as speakers in real Russian and Ukrainian news
(SlavicNER's documents, research use only, read from the shared data and never copied here;
the held-out ``nord_stream`` topic is not used): the fact-checker's sixth round (#21)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from parallax.datelines import read_dateline
from parallax.model import ArticleAnalysis
from tests.conftest import SHARED_DATA

RAW = SHARED_DATA / "multilingual" / "slavicner" / "raw"


def _body(topic: str, language: str, name: str) -> str:
    path = RAW / topic / language / name
    if not path.is_file():
        pytest.skip(f"SlavicNER is not at {RAW}")
    return Path(path).read_text(encoding="utf-8").partition("\n")[2].strip()


def _russian(topic: str, name: str, published: date | None = None) -> tuple[str, ArticleAnalysis]:
    pytest.importorskip("natasha")
    from parallax.nlp.russian import RussianStage

    text = _body(topic, "ru", name)
    [analysis] = RussianStage().analyze([(name, text, published)], nlp=None)
    return text, analysis


def _parts(text: str) -> tuple[str | None, ...]:
    dateline = read_dateline(text)
    assert dateline is not None

    def part(span: tuple[int, int] | None) -> str | None:
        return text[span[0] : span[1]] if span else None

    return (
        text[: dateline.end], part(dateline.place), part(dateline.day), part(dateline.agency),
        part(dateline.author),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("topic", "language", "name", "expected"),
    [
        ("covid-19", "ru", "coronavirus_ru_17.txt",
         ("МОСКВА, 15 янв — РИА Новости. ", "МОСКВА", "15 янв", "РИА Новости", None)),
        ("ryanair", "uk", "ryan-ua_file_103.txt",
         ("КИЇВ. 19 липня. УНН. ", "КИЇВ", "19 липня", "УНН", None)),
        ("brexit", "ru", "brexit_ru.txt_file_1034.txt",
         ("БРЮССЕЛЬ. КАЗИНФОРМ - ", "БРЮССЕЛЬ", None, "КАЗИНФОРМ", None)),
        ("asia_bibi", "ru", "asia_bibi_ru.txt_file_203.txt",
         ("ТАСС, 24 ноября. ", None, "24 ноября", "ТАСС", None)),
        ("ryanair", "ru", "ryan-ru_file_143.txt",  # a Latin "c" in "cен"
         ("БРЮССЕЛЬ, 26 cен ПРАЙМ. ", "БРЮССЕЛЬ", "26 cен", "ПРАЙМ", None)),
        ("ryanair", "ru", "ryan-ru_file_129.txt", ("БЕРЛИН. ", "БЕРЛИН", None, None, None)),
    ],
)  # fmt: skip
def test_agency_datelines_are_read(
    topic: str, language: str, name: str, expected: tuple[str | None, ...]
) -> None:
    assert _parts(_body(topic, language, name)) == expected


def test_no_dateline_in_a_story_that_opens_without_one() -> None:
    text = _body("covid-19", "ru", "coronavirus_ru_35.txt")
    assert read_dateline(text) is None
    assert read_dateline("США. Вашингтон заявил") is None  # four capitals with no day or agency


def test_the_english_wire_dateline_is_still_read() -> None:
    dateline = read_dateline("DENVER — The mayor said")
    assert dateline is not None and dateline.end == len("DENVER — ")


def test_a_dateline_is_no_claim_and_its_place_is_a_place_in_its_base_form() -> None:
    # "ХАБАРОВСК, 14 апр - РИА Новости." int32 gave the place the base form "ХАБАРОВСК" (not
    # merged with "Хабаровск"), and read "КАЗИНФОРМ - Новым министром …" as one claim.
    _, analysis = _russian("russia_-_ukraine_war", "_file_171.txt")
    place = next(m for m in analysis.mentions if m.text == "ХАБАРОВСК")
    assert (place.label, place.entity) == ("GPE", "Хабаровск")
    _, analysis = _russian("brexit", "brexit_ru.txt_file_1034.txt")
    assert all(not c.text.startswith("КАЗИНФОРМ") for c in analysis.claims)
    assert any(c.text.startswith("Новым министром Великобритании") for c in analysis.claims)


def test_the_dateline_day_is_no_time_expression_and_dates_the_article() -> None:
    # "ЛОНДОН, 10 июля, ФедералПресс. Все станет известно в четверг." With a stored date two
    # days late (a feed's fetch day), "в четверг" is read from the dateline's day, 2018-07-10
    # (a Tuesday): Thursday 2018-07-12; the dateline's "10 июля" is no time expression.
    _, analysis = _russian("brexit", "brexit_ru.txt_file_1132.txt", date(2018, 7, 12))
    assert all(d.text != "10 июля" for d in analysis.dates)
    thursday = next(d for d in analysis.dates if d.text == "в четверг")
    assert thursday.value == "2018-07-12"


def test_a_ministry_named_by_a_common_noun_is_the_speaker() -> None:
    # "«…», — подчеркнули в министерстве": the МИД named before (int32: no speaker), and the
    # ministry's base form in capitals (int32: "мид").
    _, analysis = _russian("russia_-_ukraine_war", "_file_113.txt")
    quote = next(q for q in analysis.quotes if q.cue == "подчеркнули")
    assert quote.speaker == "МИД"


def test_the_airline_is_the_company_not_the_channel_quoted_last() -> None:
    # "«…», — пояснили в авиакомпании": Ryanair (named twice), not Sky News (named once, last).
    _, analysis = _russian("ryanair", "ryan-ru_file_54.txt")
    quote = next(q for q in analysis.quotes if q.cue == "пояснили")
    assert quote.speaker == "Ryanair"


def test_a_centre_is_the_centre_named_before() -> None:
    # '"…", - уточнили в центре': the Federal Centre for Health Education named in the sentence
    # before, not the Robert Koch Institute named earlier (int32: no speaker).
    _, analysis = _russian("covid-19", "coronavirus_ru_57.txt")
    quote = next(q for q in analysis.quotes if q.cue == "уточнили")
    assert quote.speaker == "Федеральный центр санитарного просвещения"
