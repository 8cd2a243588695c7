"""The hybrid Ukrainian NER's merge: the CNN's organisations (and the CRF's where the CNN found
nothing), the CRF's people and places."""

from __future__ import annotations

from parallax.nlp.ner_hybrid import merge

TEXT = "Голова Одеської обласної ради Сергій Паращенко поїхав до Києва ."


def _span(name: str, label: str) -> tuple[int, int, str]:
    start = TEXT.index(name)
    return start, start + len(name), label


def test_organisations_come_from_one_model_and_people_and_places_from_the_other() -> None:
    cnn = [
        _span("Одеської обласної ради", "ORG"),
        _span("Сергій", "PERS"),  # the CNN's people and places are not used
        _span("Києва", "LOC"),
    ]
    crf = [
        _span("Одеської", "LOC"),  # a place inside the organisation's name gives way to it
        _span("Сергій Паращенко", "PERS"),
        _span("Києва", "LOC"),
        _span("Голова", "ORG"),  # an organisation where the CNN found nothing is kept
        _span("обласної ради", "ORG"),  # one overlapping the CNN's is not
    ]
    found = [(TEXT[start:end], label) for start, end, label in merge(cnn, crf)]
    assert found == [
        ("Голова", "ORG"),
        ("Одеської обласної ради", "ORG"),
        ("Сергій Паращенко", "PERS"),
        ("Києва", "LOC"),
    ]


def test_without_organisations_the_crf_s_people_and_places_stand() -> None:
    crf = [_span("Сергій Паращенко", "PERS"), _span("Києва", "LOC")]
    assert merge([], crf) == sorted(crf)
    assert merge([_span("Києва", "LOC")], []) == []  # the CNN's places are not used
    # the CRF's organisation overlapping the CNN's person is not kept, nor is that person
    assert merge([_span("Сергій", "PERS")], [_span("Сергій Паращенко", "ORG")]) == []
