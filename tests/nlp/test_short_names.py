"""Abbreviations, stump compounds and country synonyms across ru, uk and en
(:mod:`parallax.nlp.short_names`, :mod:`parallax.nlp.territories`, and the merge that uses them).
"""

from __future__ import annotations

from collections import Counter

from parallax.model import Mention
from parallax.nlp.aliases import merge_entities, resolve_mentions
from parallax.nlp.short_names import initials, join_short_names, stump_compounds
from parallax.nlp.territories import territory


def _mention(text: str, label: str = "GPE", entity: str | None = None) -> Mention:
    return Mention("a1", 0, len(text), text, label, entity or text, "test")


def _ids(mentions: list[Mention]) -> dict[tuple[str, str], str]:
    linked = resolve_mentions(mentions, merge_entities(mentions))
    return {key: entity.id for key, entity in linked.items()}


def test_initials_and_stump_compounds_of_a_name() -> None:
    assert initials("российская федерация") == "рф"
    assert initials("сполучені штати америки") == "сша"
    assert initials("рим-фьюмичино") is None  # a hyphenated name is not two words
    assert initials("германия") is None
    assert "евросоюз" in set(stump_compounds("европейский союз"))
    assert "євросоюз" in set(stump_compounds("європейський союз"))
    assert not list(stump_compounds("федеративная республика германия"))


def test_iso_3166_names_and_their_initials_name_countries() -> None:
    assert territory("российская федерация") == territory("россия") == "RU"
    assert territory("фрг") == territory("німеччина") == "DE"
    assert territory("сша") == territory("united states") == "US"
    assert territory("соединенное королевство") == "GB"  # ISO's "ё" read as "е"
    assert territory("ес") == territory("єс") == territory("евросоюз") == "EU"
    # "ФРН" is Germany's and Nigeria's initials in Ukrainian: it names neither.
    assert territory("фрн") is None


def test_the_european_union_in_three_languages_and_two_labels_is_one_entity() -> None:
    # Natasha tags the EU as an organisation, the Ukrainian NER as a place.
    names = [("ЕС", "ORG"), ("Евросоюз", "ORG"), ("Европейский союз", "ORG"), ("ЄС", "GPE"),
             ("Євросоюз", "GPE"), ("Європейський Союз", "ORG"), ("EU", "ORG")]  # fmt: skip
    mentions = [_mention(text, label) for text, label in names]
    ids = _ids(mentions)
    assert len({ids[label, text] for text, label in names}) == 1


def test_abbreviations_and_official_names_join_their_country() -> None:
    names = ["Россия", "РФ", "Российская Федерация", "Росія", "Германия", "ФРГ", "Німеччина",
             "США", "Соединенные Штаты", "Сполучені Штати", "United States"]  # fmt: skip
    ids = _ids([_mention(name) for name in names])
    assert len({ids["GPE", n] for n in ("Россия", "РФ", "Российская Федерация", "Росія")}) == 1
    assert len({ids["GPE", n] for n in ("Германия", "ФРГ", "Німеччина")}) == 1
    assert len({ids["GPE", n] for n in names[7:]}) == 1
    assert len({ids["GPE", n] for n in ("Россия", "Германия", "США")}) == 3


def test_a_latin_abbreviation_of_cyrillic_look_alikes_is_the_cyrillic_one() -> None:
    ids = _ids([_mention("ЕС", "ORG"), _mention("ЕС", "ORG", entity="EC"), _mention("ЄС", "ORG")])
    assert ids["ORG", "EC"] == ids["ORG", "ЕС"] == ids["ORG", "ЄС"]


def test_a_corpus_abbreviation_joins_the_one_full_name_it_abbreviates() -> None:
    names = {"министерство иностранных дел": "Министерство иностранных дел", "мид": "МИД",
             "мзс": "МЗС", "всемирная организация здравоохранения":
             "Всемирная организация здравоохранения", "воз": "ВОЗ"}  # fmt: skip
    parent = {key: key for key in names}

    def find(key: str) -> str:
        return parent[key]

    def union(a: str, b: str) -> None:
        parent[a] = find(b)

    join_short_names({k: Counter([v]) for k, v in names.items()}, find=find, union=union)
    assert parent["мид"] == "министерство иностранных дел"
    assert parent["воз"] == "всемирная организация здравоохранения"
    assert parent["мзс"] == "мзс"  # no Ukrainian full name here


def test_an_abbreviation_two_full_names_share_joins_neither() -> None:
    ids = _ids([_mention(n, "ORG") for n in ("Единая Россия", "ЕР", "Европейский суд",
                                             "Европейский совет", "ЕСС")])  # fmt: skip
    assert ids["ORG", "ЕР"] == ids["ORG", "Единая Россия"]
    keys = ["европейский суд", "европейский совет", "ес"]
    parent = {key: key for key in keys}
    join_short_names(
        {key: Counter([key.upper()]) for key in keys},
        find=parent.__getitem__,
        union=lambda a, b: parent.__setitem__(a, b),
    )
    assert parent["ес"] == "ес"


def test_latin_names_alone_merge_as_before() -> None:
    english = [_mention("ABC", "ORG"), _mention("Alpha Beta Corporation", "ORG")]
    ids = _ids(english)
    assert ids["ORG", "ABC"] != ids["ORG", "Alpha Beta Corporation"]
    ids = _ids([*english, _mention("Газпром", "ORG")])  # a Cyrillic corpus reads initials
    assert ids["ORG", "ABC"] == ids["ORG", "Alpha Beta Corporation"]
