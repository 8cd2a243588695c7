"""Names that differ by more than spelling across ru, uk and en: a country's everyday name,
its adjectives and demonyms (as a place or as an actor), and a first name's two forms."""

from __future__ import annotations

from parallax.model import Mention
from parallax.nlp.aliases import merge_entities, resolve_mentions
from parallax.nlp.territories import demonym, derived_forms, territory
from parallax.nlp.transliteration import sound_key


def _mention(article: str, text: str, entity: str, label: str) -> Mention:
    return Mention(article, 0, len(text), text, label, entity, "test")


def _groups(mentions: list[Mention]) -> list[set[str]]:
    """The mentions' entity names grouped by the entity each resolves to."""
    found = resolve_mentions(mentions, merge_entities(mentions))
    groups: dict[str, set[str]] = {}
    for m in mentions:
        entity = found.get((m.label, m.entity))
        groups.setdefault(entity.id if entity else m.entity, set()).add(m.entity)
    return sorted(groups.values(), key=sorted)


def test_britain_by_its_everyday_names_is_one_territory() -> None:
    names = ["Британия", "Британія", "Великобритания", "Сполучене Королівство", "Britain"]
    assert {territory(name.lower()) for name in names} == {"GB"}
    mentions = [
        _mention(str(n), name, name, "GPE") for n, name in enumerate([*names, "United Kingdom"])
    ]
    assert _groups(mentions) == [{*names, "United Kingdom"}]


def test_english_place_names_alone_merge_as_before() -> None:
    """The English gazetteer already joins these; the new names change nothing without Cyrillic."""
    mentions = [_mention("a", "Britain", "Britain", "GPE"), _mention("b", "Wales", "Wales", "GPE")]
    mentions.append(_mention("c", "United Kingdom", "United Kingdom", "GPE"))
    assert _groups(mentions) == [{"Britain", "United Kingdom"}, {"Wales"}]


def test_adjectives_and_demonyms_come_from_the_names() -> None:
    assert {"российский", "российская", "россияне"} <= set(derived_forms("россия"))
    assert {"російський", "росіяни"} <= set(derived_forms("росія"))
    assert {"украинский", "украинцы"} <= set(derived_forms("украина"))
    assert {"український", "українці"} <= set(derived_forms("україна"))
    assert not set(derived_forms("китай")) and not set(derived_forms("new york"))
    assert demonym("россияне") == demonym("російський") == "RU"
    assert demonym("немецкий") == demonym("німці") == "DE"
    assert demonym("россия") is None and demonym("зеленский") is None  # a name, not a demonym


def test_a_demonym_tagged_as_a_person_stands_for_its_country() -> None:
    mentions = [
        _mention("a", "России", "Россия", "GPE"),
        _mention("b", "Росії", "Росія", "GPE"),
        _mention("c", "россиян", "россияне", "PERSON"),
        _mention("d", "російських", "російський", "GPE"),
        _mention("e", "Зеленского", "Зеленский", "PERSON"),
    ]
    assert _groups(mentions) == [{"Зеленский"}, {"Россия", "Росія", "россияне", "російський"}]


def test_a_first_name_in_its_russian_and_ukrainian_forms_is_one_name() -> None:
    assert sound_key("Володимир Зеленський") == sound_key("Vladimir Zelensky")
    assert sound_key("Олександр Усик") == sound_key("Александр Усик") == sound_key("Oleksandr Usyk")
    assert sound_key("Олександр") != sound_key("Александр")  # alone it is not a full name
    mentions = [
        _mention("a", "Олександр Усик", "Олександр Усик", "PERSON"),
        _mention("b", "Александр Усик", "Александр Усик", "PERSON"),
        _mention("c", "Микола Азаров", "Микола Азаров", "PERSON"),
        _mention("d", "Николай Азаров", "Николай Азаров", "PERSON"),
        _mention("e", "Олександр Петров", "Олександр Петров", "PERSON"),
    ]
    assert _groups(mentions) == [
        {"Александр Усик", "Олександр Усик"},
        {"Микола Азаров", "Николай Азаров"},
        {"Олександр Петров"},
    ]
