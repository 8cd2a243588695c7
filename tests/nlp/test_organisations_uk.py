"""Organisations' quoted names closed as NER-UK spans them.

The sentences are written for these tests in the style of NER-UK's news (its legal forms and
quoted names); the spans given as the NER's are of the kinds the hybrid NER gets wrong on
NER-UK DEV: stopping before the closing quote, running on into one it never opened.
"""

from __future__ import annotations

from parallax.nlp.organisations_uk import quotes_balanced
from parallax.nlp.places_uk import find_places


def _span(text: str, name: str, label: str) -> tuple[int, int, str]:
    start = text.index(name)
    return start, start + len(name), label


def test_an_organisation_that_opens_a_quote_takes_in_its_close() -> None:
    text = "Договір уклало ТОВ «Аваліна Трейдінг Лімітед» (Кіпр) минулого року."
    cut = _span(text, "ТОВ «Аваліна Трейдінг Лімітед", "ORG")
    assert quotes_balanced(text, [cut]) == [_span(text, "ТОВ «Аваліна Трейдінг Лімітед»", "ORG")]


def test_an_organisation_that_closes_a_quote_it_never_opened_loses_it() -> None:
    text = "Ділянку отримав «Червоноармійський лісгосп» навесні."
    run_on = _span(text, "Червоноармійський лісгосп»", "ORG")
    assert quotes_balanced(text, [run_on]) == [_span(text, "Червоноармійський лісгосп", "ORG")]
    spaced = "Це Велотрек Авангард » на Борщагівці."
    assert quotes_balanced(spaced, [_span(spaced, "Велотрек Авангард »", "ORG")]) == [
        _span(spaced, "Велотрек Авангард", "ORG")
    ]


def test_any_entity_that_ends_in_a_straight_or_curly_quote_it_never_opened_loses_it() -> None:
    text = 'Будівництво "Північний потік-2" і „Турецький потік” зупинили, заявив "Нафтогаз".'
    pipeline = _span(text, 'Північний потік-2"', "LOC")
    curly = _span(text, "Турецький потік”", "ORG")
    assert quotes_balanced(text, [pipeline, curly]) == [
        _span(text, "Північний потік-2", "LOC"),
        _span(text, "Турецький потік", "ORG"),
    ]
    # quotes the name opens itself are its own
    kept = [_span(text, '"Нафтогаз"', "ORG"), _span(text, "„Турецький потік”", "ORG")]
    assert quotes_balanced(text, kept) == kept


def test_balanced_names_other_types_and_distant_quotes_are_left_alone() -> None:
    text = "ПАТ «Укргазвидобування» і Петро «Бобін» Коваль, а «Наш дім\nтут»."
    kept = [
        _span(text, "ПАТ «Укргазвидобування»", "ORG"),
        _span(text, "Петро «Бобін", "PERS"),  # not an organisation
        _span(text, "«Наш дім", "ORG"),  # its closing quote is on the next line
    ]
    assert quotes_balanced(text, kept) == kept
    nested = "Компанія «НАК «Нафтогаз України» заявила."
    start = nested.index("«НАК")
    # the first closing quote ends the run-on; a second one is not looked for
    assert quotes_balanced(nested, [(start, nested.index("»"), "ORG")]) == [
        (start, nested.index("»") + 1, "ORG")
    ]


def test_find_places_closes_the_quotes() -> None:
    text = "Директор КП «Маріупольське трамвайно-тролейбусне управління» звільнився."
    cut = _span(text, "КП «Маріупольське трамвайно-тролейбусне управління", "ORG")
    assert find_places(text, [cut]) == [
        _span(text, "КП «Маріупольське трамвайно-тролейбусне управління»", "ORG")
    ]
