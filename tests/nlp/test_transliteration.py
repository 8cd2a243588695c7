"""One entity across scripts: sound keys of Cyrillic and Latin names, and the merge that uses
them (:mod:`parallax.nlp.transliteration`, rule 4 of :func:`parallax.nlp.aliases.merge_entities`).
"""

from __future__ import annotations

from parallax.model import Mention
from parallax.nlp.aliases import merge_entities, resolve_mentions
from parallax.nlp.transliteration import latin, same_sound, sound_key


def _mention(text: str, entity: str, label: str = "PERSON") -> Mention:
    return Mention("a1", 0, len(text), text, label, entity, "test")


def test_the_russian_and_ukrainian_systems_are_chosen_by_letters() -> None:
    assert latin("Київ") == "Kyjiv"  # ї is Ukrainian only: и is y
    assert latin("Киев") == "Kiev"  # Russian: и is i
    assert latin("Zelensky") == "Zelensky"


def test_romanisations_of_one_name_share_a_sound_key() -> None:
    keys = {sound_key(n) for n in ("Зеленский", "Зеленський", "Zelensky", "Zelenskyy")}
    assert keys == {"zelenski"}
    assert sound_key("Росія") == sound_key("Россия")
    assert sound_key("Yevgeny Prigozhin") == sound_key("Евгений Пригожин")
    assert sound_key("Зеленського") != sound_key("Зеленський")  # inflection is the stage's job


def test_a_man_and_a_woman_of_one_surname_are_not_one_sound() -> None:
    assert not same_sound(sound_key("Зеленський"), sound_key("Зеленська"), person=True)
    assert same_sound(sound_key("Байден"), sound_key("Biden"), person=True)
    # Close names of places chain ("Ирландия", "Исландия"): only equal keys join them.
    assert not same_sound(sound_key("Ирландия"), sound_key("Исландия"), person=False)


def test_zelensky_in_three_languages_and_two_scripts_is_one_entity() -> None:
    mentions = [
        _mention("Зеленского", "Владимир Зеленский"),
        _mention("Зеленського", "Володимир Зеленський"),
        _mention("Zelenskyy", "Volodymyr Zelenskyy"),
        _mention("Zelensky", "Volodymyr Zelensky"),  # the English stage gives the full name
        _mention("Олена Зеленська", "Олена Зеленська"),
        _mention("Украины", "Украина", "GPE"),
        _mention("України", "Україна", "GPE"),
    ]
    entities = merge_entities(mentions)
    linked = resolve_mentions(mentions, entities)
    zelensky = {linked["PERSON", m.entity].id for m in mentions[:4]}
    assert len(zelensky) == 1
    assert linked["PERSON", "Олена Зеленська"].id not in zelensky
    assert linked["GPE", "Украина"] == linked["GPE", "Україна"]
    # Across scripts, the entity is named by its Latin spelling.
    assert linked["PERSON", "Volodymyr Zelensky"].name == "Volodymyr Zelensky"


def test_latin_names_alone_merge_as_before() -> None:
    mentions = [_mention("Ivanov", "Ivanov"), _mention("Ivanova", "Ivanova")]
    assert len(merge_entities(mentions)) == 2


def test_cities_join_by_their_cldr_names_across_languages() -> None:
    mentions = [
        _mention("Москве", "Москва", "GPE"),
        _mention("Moscow", "Moscow", "GPE"),
        _mention("Киеве", "Киев", "GPE"),
        _mention("Києві", "Київ", "GPE"),
        _mention("Kyiv", "Kyiv", "GPE"),
        _mention("Kiev", "Kiev", "GPE"),
        _mention("Германии", "Германия", "GPE"),
        _mention("Germany", "Germany", "GPE"),
        _mention("Лондоне", "Лондон", "GPE"),
    ]
    linked = resolve_mentions(mentions, merge_entities(mentions))
    assert linked["GPE", "Москва"] == linked["GPE", "Moscow"]
    kyiv = {linked["GPE", name].id for name in ("Киев", "Київ", "Kyiv", "Kiev")}
    assert len(kyiv) == 1 and linked["GPE", "Moscow"].id not in kyiv
    assert linked["GPE", "Германия"] == linked["GPE", "Germany"]
    assert linked["GPE", "Лондон"].id not in kyiv | {linked["GPE", "Moscow"].id}
