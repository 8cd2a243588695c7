"""Ukrainian place names by their lemmas (pycountry's and CLDR's names through pymorphy3), and
the person-name grammemes the span re-typer reads."""

from __future__ import annotations

import pytest

pytest.importorskip("pymorphy3_dicts_uk")

from parallax.nlp.place_names_uk import grammemes, lemma_key, name_readings, place_kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("України", "country"),  # the genitive of ISO 3166-1's "Україна"
        ("Чехії", "country"),
        ("Росія", "country"),
        ("Луганської області", "region"),  # ISO 3166-2 "Луганська область", inflected
        ("Луганська обл.", "region"),  # the abbreviated head noun
        ("Севастополя", "region"),
        ("Прагу", "city"),  # CLDR's exemplar city "Прага", in the accusative
        ("Російської", "adjective"),
        ("Зеленського", None),
        ("Харкова", None),  # a city neither ISO 3166-2 nor CLDR names
        ("україни", None),  # not capitalised
    ],
)
def test_places_are_found_by_their_lemmas(name: str, kind: str | None) -> None:
    assert place_kind(name) == kind


def test_lemma_keys_put_each_word_in_its_lemma() -> None:
    assert lemma_key("Луганської області") == "луганський область"
    assert lemma_key("Харкова") == "харків"
    assert lemma_key("Києві") == "київ"  # the place's reading, not the name "Кий"


def test_name_readings_say_which_words_read_as_a_person_s_name() -> None:
    assert name_readings("Іван Петренко") >= {"Name", "Surn", "all"}
    assert "all" not in name_readings("Іван Франко університет")
    assert name_readings("Луганської області") == frozenset()


def test_grammemes_give_animacy_case_and_whether_the_word_is_known() -> None:
    place, known = grammemes("Збаражі")
    assert known and {"inan", "loct", "NOUN"} <= place and "anim" not in place
    person, _ = grammemes("Паращенка")
    assert {"anim", "Surn", "gent"} <= person
    assert not grammemes("Ґзхщюфрд")[1]  # no such word: its readings are guessed
