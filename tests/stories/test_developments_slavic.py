"""Undated Russian and Ukrainian sentences enter the timeline by the English rule written in
their words (:mod:`parallax.stories.developments_slavic`): an event word, a finite past verb,
no negation. The articles are the bundled examples (written by the project from the seeds'
facts, labelled as examples); the short sentences are written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from parallax.ingest.clean import clean_text
from parallax.ingest.text import parse_text_article
from parallax.model import Claim
from parallax.nlp.russian import RussianStage
from parallax.nlp.ukrainian import UkrainianStage
from parallax.stories.developments import date_claim
from parallax.stories.developments_slavic import reports_development_slavic
from parallax.stories.features import tokenize
from parallax.stories.timeline import TimelineArticle, build_timeline
from tests.conftest import EXAMPLES


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ранее Пентагон приостановил отправку части вооружений.", "ru"),
        ("В Кремле заявили, что Москва готова к третьему раунду переговоров.", "ru"),
        ("Армия захватила два села на востоке.", "ru"),
        ("Раніше Пентагон призупинив відправлення частини озброєнь.", "uk"),
        ("Міністр закликав США відновити постачання.", "uk"),
    ],
)
def test_a_past_event_is_a_development(text: str, language: str) -> None:
    assert reports_development_slavic(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # No event word: an utterance, not a development (as "…," said Sikorski in English).
        ("«Господин Трамп, Путин насмехается над вашими усилиями», — заявил Сикорский.", "ru"),
        # Present tense: a state or a stance, not an event.
        ("Россия настаивает на переговорах и отвергает санкции.", "ru"),
        # Negated.
        ("Пентагон не приостановил поставки.", "ru"),
        ("Україна ніколи не погодилася на переговори.", "uk"),
        # Past-looking words that are no verbs: a surname, a noun, "около".
        ("Лавров и посол обсуждают поставки около границы.", "ru"),
        # A Ukrainian genitive plural in "-ів" is no past verb.
        ("Переговори щодо постачання дронів тривають.", "uk"),
    ],
)
def test_no_development_without_a_past_event(text: str, language: str) -> None:
    assert not reports_development_slavic(text, language)


def test_english_sentences_keep_the_english_rule() -> None:
    text = "The Pentagon paused deliveries of Patriot missiles."
    claim = Claim("a", 0, len(text), text, 0.9, "test")
    published = date(2025, 7, 4)
    for language in (None, "en"):
        dating = date_claim(claim, (), published, set(tokenize(text)), language=language)
        assert dating is not None and dating.basis == "published"
    # The Slavic rule does not read English: the language decides which rule runs.
    assert date_claim(claim, (), published, set(tokenize(text)), language="ru") is None


def _article(language: str) -> TimelineArticle:
    path = EXAMPLES / language / f"000_example_{language}.txt"
    raw = parse_text_article(path.read_text(encoding="utf-8"), source=path.name)
    text = clean_text(raw).text
    stage = RussianStage() if language == "ru" else UkrainianStage()
    [found] = stage.analyze([(language, text, raw.published)], nlp=None)
    return TimelineArticle(language, None, raw.published, found.claims, found.dates, language)


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_the_examples_undated_developments_enter_the_timeline(language: str) -> None:
    article = _article(language)
    entries = build_timeline([article])
    undated = [e for e in entries if e.basis == "published"]
    # "Ранее Пентагон приостановил …" / "Раніше Пентагон призупинив …": the US pause.
    assert any("Пентагон" in e.summary for e in undated)
    assert all(e.date == "2025-07-08" for e in undated)  # reported by the article's day
    stated = [e for e in entries if e.basis == "stated"]
    assert [e.date for e in stated] == ["2025-07-04"]  # the air attack "в ночь на пятницу"
    # The example's label (a sentence about the text itself) is neither claim nor development.
    assert not any("текст" in claim.text for claim in article.claims)
    assert not any("текст" in e.summary for e in entries)
