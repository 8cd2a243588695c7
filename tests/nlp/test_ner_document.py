"""The Ukrainian span re-typer's document features: what the rest of a text says of a name."""

from __future__ import annotations

import pytest

pytest.importorskip("pymorphy3_dicts_uk")

from parallax.nlp.ner_document import document_features, other_mentions

TEXT = "Збараж святкує . Депутат Збаража Петро Коваль сказав , що у Збаражі тихо ."


def _span(name: str, label: str, after: int = 0) -> tuple[int, int, str]:
    start = TEXT.index(name, after)
    return start, start + len(name), label


def test_other_mentions_of_a_name_in_any_inflection_give_their_labels() -> None:
    mistaken, person, place = (
        _span("Збаража", "PERS"),
        _span("Петро Коваль", "PERS"),
        _span("Збаражі", "LOC"),
    )
    hybrid = [mistaken, person, place]
    cnn = [place]
    features = document_features(TEXT, hybrid, hybrid, cnn, [])
    # "Збаража": its other mentions are "Збараж" (untagged) and "Збаражі" (a place)
    assert features[0] == {
        "docn=2": 1.0,
        "dlab=none": 0.5,
        "dlab=LOC": 0.5,
        "dv2=none": 0.5,
        "dv2=LOC": 0.5,
        "dcrf=none": 1.0,
    }
    assert features[1] == {"doc0": 1.0}  # Петро Коваль is named once
    # "Збаражі": the hybrid read one of its other mentions as a person, the spaCy model neither
    assert features[2]["dlab=PERS"] == 0.5 and features[2]["dv2=none"] == 1.0


def test_a_span_s_own_words_are_not_its_other_mentions() -> None:
    text = "Київ і Київ"
    assert document_features(text, [(0, 4, "LOC")], [], [], []) == [
        {"docn=1": 1.0, "dlab=none": 1.0, "dv2=none": 1.0, "dcrf=none": 1.0}
    ]
    assert document_features(text, [(0, 11, "LOC")], [], [], []) == [{"doc0": 1.0}]


def test_a_one_word_name_s_other_mentions_become_candidates_with_its_label() -> None:
    place = _span("Збаражі", "LOC")
    person = _span("Петро Коваль", "PERS")
    found = [(place, False), (person, False), (_span("Депутат", "ORG"), True)]
    # "Збараж" and "Збаража" share the place's lemma and no candidate covers them; "Депутат"
    # is covered by a candidate; "Петро Коваль" is two words, so never propagated
    assert other_mentions(TEXT, found) == [_span("Збараж", "LOC"), _span("Збаража", "LOC")]
    # an alternative's name is not propagated, nor is a word some candidate already overlaps
    assert other_mentions(TEXT, [(place, True)]) == []
    assert other_mentions(TEXT, [(place, False), (_span("Збараж", "PERS"), True)]) == [
        _span("Збаража", "LOC")
    ]
