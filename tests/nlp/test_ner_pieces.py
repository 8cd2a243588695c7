"""The names inside a span the Ukrainian NERs read as one: the re-typer's piece candidates."""

from __future__ import annotations

from parallax.nlp.ner_pieces import piece_features, span_pieces


def _pieces(text: str, label: str = "ORG") -> list[str]:
    found = span_pieces(text, [(0, len(text), label)])
    assert all(found_label == label for _, _, found_label in found)
    return [text[start:end] for start, end, _ in found]


def test_coordinated_names_are_cut_at_the_conjunction() -> None:
    assert _pieces("Nord Stream AG та Nord Stream 2 AG") == ["Nord Stream AG", "Nord Stream 2 AG"]
    assert _pieces("Чижикова, Куйбишева", "LOC") == ["Чижикова", "Куйбишева"]
    # a part that begins in lower case is no name ("у м. Києві"); "м." ends no sentence
    assert _pieces("у м. Києві та Київській області", "LOC") == ["Київській області"]


def test_a_settlement_run_on_into_its_region_is_two_places() -> None:
    assert _pieces("Рашків Чернівецької області", "LOC") == ["Рашків", "Чернівецької області"]
    assert _pieces("Сакському районі Криму", "LOC") == ["Сакському районі", "Криму"]
    assert _pieces("Харківська та Сумська області", "LOC") == ["Харківська", "Сумська області"]


def test_a_sentence_end_and_a_trailing_preposition_cut_a_span() -> None:
    assert _pieces("Nord Stream 2. Раніше Вищий адміністративний суд")[:1] == ["Nord Stream 2"]
    assert "Nord Stream 2 AG" in _pieces("Nord Stream AG та Nord Stream 2 AG з переліку")
    assert _pieces("Nord Stream AG та") == ["Nord Stream AG"]


def test_quotes_that_close_nothing_are_trimmed_and_a_quoted_name_is_a_piece() -> None:
    assert _pieces('Газпрому"') == ["Газпрому"]
    # the closing quote of an opened one stays with the whole; the name inside is a piece
    assert _pieces("ПАТ «Газпром»") == ["Газпром"]
    text = "компанія «Київ» працює"
    assert span_pieces(text, [(9, 15, "ORG")]) == [(10, 14, "ORG")]


def test_spans_already_given_and_repeated_pieces_are_left_out() -> None:
    text = "Київ і Львів"
    given = [(0, len(text), "LOC"), (0, 4, "LOC")]
    assert span_pieces(text, given) == [(7, 12, "LOC")]
    assert span_pieces("Київ", [(0, 4, "LOC")]) == []


def test_piece_features_say_whether_a_span_runs_names_together() -> None:
    text = "Nord Stream AG та Nord Stream 2 AG"
    assert piece_features(text, 0, len(text)) == {"coord=2": 1.0, "coordw=3": 1.0}
    text = "Nord Stream 2. Раніше Вищий суд"
    assert piece_features(text, 0, len(text))["coordend"] == 1.0
    assert piece_features("Державна служба України", 0, 23) == {}
    assert piece_features("Київ", 0, 4) == {}
