"""Claims in Russian (the rules serve any stage that gives a Parsed): check-worthy sentences
with offsets into the cleaned text, their figures normalised, dated by their time expressions
into timeline developments.

The article is the bundled Russian example (written by the project from the seed articles'
facts, labelled as an example); the short paragraphs are written for these tests.
"""

from __future__ import annotations

from datetime import date

from parallax.model import ArticleAnalysis
from parallax.nlp.claims_slavic import EXTRACTOR, find_quantities
from parallax.nlp.russian import RussianStage
from parallax.stories.timeline import TimelineArticle, build_timeline
from tests.conftest import EXAMPLES

TUESDAY = date(2025, 7, 8)


def _example_body() -> str:
    """The Russian example without its ``date`` header line (which ingest turns into the date)."""
    text = (EXAMPLES / "ru" / "000_example_ru.txt").read_text(encoding="utf-8")
    return text.split("\n", 1)[1].lstrip("\n")


def _analyse(text: str, published: date = TUESDAY) -> ArticleAnalysis:
    [analysis] = RussianStage().analyze([("ru", text, published)], nlp=None)
    return analysis


def test_a_russian_article_gets_claims_whose_offsets_slice_to_their_text() -> None:
    text = _example_body()
    analysis = _analyse(text)
    assert analysis.claims, "a Russian article must contribute claims"
    for claim in analysis.claims:
        assert text[claim.start : claim.end] == claim.text
        assert claim.extractor == EXTRACTOR
        for quantity in claim.quantities:
            assert text[quantity.start : quantity.end] == quantity.text
    texts = [claim.text for claim in analysis.claims]
    # The checkable statements: who announced what, what was attacked with how much.
    assert (
        "Президент США Дональд Трамп заявил, что Вашингтон возобновит поставки оружия Украине."
        in texts
    )
    [attack] = [c for c in analysis.claims if "беспилотников" in c.text]
    assert [(q.text, q.value) for q in attack.quantities] == [("500", 500.0)]
    # The disclaimer about the example is no claim (it asserts nothing checkable).
    assert not any(t.startswith("Пример статьи") for t in texts)


def test_a_dated_russian_claim_becomes_a_timeline_development_on_its_day() -> None:
    text = (
        "В понедельник президент США Дональд Трамп заявил, что Вашингтон возобновит поставки "
        "оружия Украине.\nВ Кремле заявили, что Москва готова к третьему раунду переговоров."
    )
    analysis = _analyse(text)
    [monday] = [c for c in analysis.claims if c.text.startswith("В понедельник")]
    article = TimelineArticle("ru", "РИА", TUESDAY, analysis.claims, analysis.dates)
    entries = build_timeline([article])
    [entry] = [e for e in entries if e.summary == monday.text]
    assert (entry.date, entry.precision, entry.basis) == ("2025-07-07", "day", "stated")
    [source] = entry.sources
    assert text[source.start : source.end] == monday.text


def test_figures_are_read_with_their_scale_and_unit_and_dates_are_not_figures() -> None:
    text = "Бюджет вырос на 2,5 млрд долларов, или на 12%, а 24 февраля 2022 года цены упали."
    analysis = _analyse(text)
    found = find_quantities(text, 0, len(text), analysis.dates)
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("2,5 млрд долларов", 2.5e9, "USD"),
        ("12%", 12.0, "percent"),
    ]


def test_a_question_or_an_opinion_is_not_a_claim() -> None:
    text = "Что будет дальше?\nМы думаем, что нам надо надеяться на лучшее."
    assert _analyse(text).claims == ()
