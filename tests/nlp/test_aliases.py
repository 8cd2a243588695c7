"""Corpus-wide merging of entity spellings, on hand-built mentions (no model)."""

from __future__ import annotations

from parallax.model import Mention
from parallax.nlp.aliases import entity_id, merge_counted, merge_entities, resolve_mentions


def _mention(
    text: str, label: str = "PERSON", entity: str | None = None, role: str | None = None
) -> Mention:
    return Mention("a", 0, len(text), text, label, entity or text, "test", role)


def test_trump_spellings_are_one_entity() -> None:
    mentions = [
        _mention("Trump"),
        _mention("Donald Trump"),
        _mention("U.S. President Donald Trump"),
    ]
    [entity] = merge_entities(mentions)
    assert entity.name == "Donald Trump"
    assert entity.aliases == ("Trump", "U.S. President Donald Trump")
    assert entity.id == entity_id("PERSON", "Donald Trump")


def test_putin_and_spelling_variants() -> None:
    mentions = [
        _mention("Putin"),
        _mention("Vladimir Putin"),
        _mention("Zelenskyy"),
        _mention("Volodymyr Zelenskiy"),
    ]
    names = {entity.name for entity in merge_entities(mentions)}
    assert names == {"Vladimir Putin", "Volodymyr Zelensky"}


def test_ambiguous_surname_stays_apart() -> None:
    mentions = [_mention("Clinton"), _mention("Hillary Clinton"), _mention("Bill Clinton")]
    names = sorted(entity.name for entity in merge_entities(mentions))
    assert names == ["Bill Clinton", "Clinton", "Hillary Clinton"]


def test_unknown_names_join_by_surname_initial_and_spelling() -> None:
    mentions = [
        _mention("Jane Doe"),
        _mention("Doe"),
        _mention("J. Doe"),
        _mention("Jane Doe"),
        _mention("Jon Smithson"),
        _mention("John Smithson"),
        _mention("John Smithson"),
    ]
    entities = {entity.name: entity for entity in merge_entities(mentions)}
    assert set(entities) == {"Jane Doe", "John Smithson"}
    assert entities["Jane Doe"].aliases == ("Doe", "J. Doe")


def test_labels_stay_apart_and_ids_are_stable() -> None:
    mentions = [
        _mention("the Kremlin", "ORG", "the Kremlin"),
        _mention("Kremlin", "ORG"),
        _mention("Georgia", "GPE"),
        _mention("Georgia", "PERSON"),
    ]
    first = merge_entities(mentions)
    assert [(e.label, e.name) for e in first] == [
        ("GPE", "Georgia"),
        ("ORG", "Kremlin"),
        ("PERSON", "Georgia"),
    ]
    assert merge_entities(reversed(mentions)) == first
    found = resolve_mentions(mentions, first)
    assert found[("ORG", "the Kremlin")].name == "Kremlin"


def test_a_group_and_its_plural_are_one_entity() -> None:
    mentions = [
        _mention("Republicans", "NORP"),
        _mention("Republicans", "NORP"),
        _mention("Republican", "NORP"),
        _mention("Democrats", "NORP"),
        _mention("Swiss", "NORP"),
        _mention("Swis", "NORP"),  # "ss" is not a plural ending
    ]
    entities = merge_entities(mentions)
    by_name = {entity.name: entity for entity in entities}
    assert set(by_name) == {"Republicans", "Democrats", "Swiss", "Swis"}
    assert by_name["Republicans"].aliases == ("Republican",)
    mapped = resolve_mentions(mentions, entities)
    assert mapped[("NORP", "Republican")] is by_name["Republicans"]


def _counted_cases() -> list[list[tuple[Mention, int]]]:
    people = [
        (_mention("Jon Smithson"), 3),
        (_mention("John Smithson"), 1),
        (_mention("Smithson"), 2),
        (_mention("Donald Trump"), 5),
        (_mention("Trump", role="President"), 4),
    ]
    places = [
        (_mention("ЕС", "ORG"), 1),
        (_mention("ЄС", "LOC"), 3),
        (_mention("Евросоюз", "ORG"), 2),
        (_mention("Германия", "GPE"), 2),
        (_mention("Німеччина", "LOC"), 1),
        (_mention("Germany", "GPE"), 1),
    ]
    return [people, places, people + places]


def test_merging_counted_mentions_equals_merging_every_occurrence() -> None:
    for counted in _counted_cases():
        every = [mention for mention, times in counted for _ in range(times)]
        assert merge_counted(counted) == merge_entities(every)
        # resolving each distinct mention once links the same names
        entities = merge_counted(counted)
        distinct = [mention for mention, _ in counted]
        assert resolve_mentions(distinct, entities) == resolve_mentions(every, entities)


def test_counts_decide_the_name_as_occurrences_do() -> None:
    few = [(_mention("Jon Smithson"), 1), (_mention("John Smithson"), 3)]
    many = [(_mention("Jon Smithson"), 3), (_mention("John Smithson"), 1)]
    assert [e.name for e in merge_counted(few)] == ["John Smithson"]
    assert [e.name for e in merge_counted(many)] == ["Jon Smithson"]
    # a territory's label is the one most of its mentions carry
    tagged = [(_mention("ЄС", "LOC"), 1), (_mention("ЕС", "ORG"), 4)]
    assert {e.label for e in merge_counted(tagged)} == {"ORG"}
    assert {e.label for e in merge_counted([(tagged[0][0], 4), (tagged[1][0], 1)])} == {"LOC"}
