"""Quotes in Russian (through the Russian stage) and Ukrainian (the same rules over a parse
built here, as a Ukrainian stage would give them), on news-style sentences written for these
tests, not taken from any outlet."""

from __future__ import annotations

import re
from datetime import date

from parallax.model import Mention, Quote
from parallax.nlp.parsed import EntitySpan, Parsed
from parallax.nlp.quotes_slavic import find_quotes, quote_marks
from parallax.nlp.russian import RussianStage

RUSSIAN = (
    "Глава МИД России Сергей Лавров заявил в понедельник, что Москва готова к переговорам.\n"
    "«Мы никогда не отказывались от диалога», — сказал Лавров на пресс-конференции в Москве.\n"
    "Пресс-секретарь Кремля Дмитрий Песков сказал: «Решение будет принято в ближайшее время».\n"
    "По словам министра обороны Сергея Шойгу, войска продолжат учения до конца месяца.\n"
    "— Мы готовы ответить на любые угрозы, — сказал Шойгу. — Но первыми не начнём.\n"
    "Как сообщил представитель Пентагона Джон Кирби, США внимательно следят за ситуацией.\n"
    "Газета назвала эти учения «демонстрацией силы».\n"
    "Позже она сообщила, что учения завершились."
)


def _found(quotes: tuple[Quote, ...]) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text, q.speaker) for q in quotes]


def test_russian_quotes_of_each_form_with_their_speakers() -> None:
    [analysis] = RussianStage().analyze([("a", RUSSIAN, date(2024, 3, 14))], nlp=None)
    assert _found(analysis.quotes) == [
        ("reported", "Москва готова к переговорам", "Сергей Лавров"),
        ("direct", "«Мы никогда не отказывались от диалога»", "Сергей Лавров"),
        ("direct", "«Решение будет принято в ближайшее время»", "Дмитрий Песков"),
        ("reported", "войска продолжат учения до конца месяца", "Сергей Шойгу"),
        ("direct", "Мы готовы ответить на любые угрозы", "Сергей Шойгу"),
        ("direct", "Но первыми не начнём.", "Сергей Шойгу"),
        ("reported", "США внимательно следят за ситуацией", "Джон Кирби"),
        # "она" is a woman (here the newspaper), never the man quoted last, Kirby; no woman is
        # named before, so no one ("«демонстрацией силы»" is no quote).
        ("reported", "учения завершились", None),
    ]
    for quote in analysis.quotes:
        assert RUSSIAN[quote.start : quote.end] == quote.text
        if quote.cue is not None:
            assert RUSSIAN[quote.cue_start : quote.cue_end] == quote.cue  # type: ignore[misc]
    said = analysis.quotes[1]
    assert (said.speaker_text, said.cue) == ("Лавров", "сказал")  # the surname as written


def _ukrainian(text: str, names: list[tuple[str, str, str]]) -> Parsed:
    """A parse with sentences split at full stops and the given entities (text, label, base)."""
    sentences = tuple(
        (m.start(), m.end()) for m in re.finditer(r"[^\n]+?(?:[.!?…](?=\s|$)|$)", text)
    )
    entities: list[EntitySpan] = []
    for written, label, base in names:  # each at its first place no entity holds yet
        start = next(
            m.start()
            for m in re.finditer(re.escape(written), text)
            if not any(e.start <= m.start() < e.end for e in entities)
        )
        entities.append(EntitySpan(start, start + len(written), written, label, base))
    return Parsed(text, sentences, (), tuple(sorted(entities, key=lambda e: e.start)))


def test_ukrainian_quotes_share_the_rules() -> None:
    text = (
        "Президент Володимир Зеленський заявив, що Україна не поступиться територіями.\n"
        "«Ми захищатимемо кожен метр нашої землі», — наголосив Зеленський.\n"
        "За словами міністра закордонних справ Дмитра Кулеби, переговори зайшли в глухий кут.\n"
        "Речник Кремля Дмитро Пєсков повідомив: „Позиція Москви не змінилася“.\n"
        "— Ми не відступимо, — сказав Кулеба. — Це наша земля."
    )
    names = [
        ("Володимир Зеленський", "PERSON", "Володимир Зеленський"),
        ("Зеленський", "PERSON", "Володимир Зеленський"),
        ("Дмитра Кулеби", "PERSON", "Дмитро Кулеба"),
        ("Дмитро Пєсков", "PERSON", "Дмитро Пєсков"),
        ("Кулеба", "PERSON", "Дмитро Кулеба"),
    ]
    parsed = _ukrainian(text, names)
    mentions = tuple(
        Mention("u", e.start, e.end, e.text, e.label, e.base, "test") for e in parsed.entities
    )
    assert _found(find_quotes("u", parsed, mentions)) == [
        ("reported", "Україна не поступиться територіями", "Володимир Зеленський"),
        ("direct", "«Ми захищатимемо кожен метр нашої землі»", "Володимир Зеленський"),
        ("reported", "переговори зайшли в глухий кут", "Дмитро Кулеба"),
        ("direct", "„Позиція Москви не змінилася“", "Дмитро Пєсков"),
        ("direct", "Ми не відступимо", "Дмитро Кулеба"),
        ("direct", "Це наша земля.", "Дмитро Кулеба"),
    ]


def test_quote_marks_keep_an_inner_quote_inside_the_outer_one() -> None:
    text = "Он сказал: «Это „провокация“ и ложь». Потом — „ещё одна“ цитата."
    assert [text[a:b] for a, b in quote_marks(text)] == [
        "«Это „провокация“ и ложь»",
        "„ещё одна“",
    ]
