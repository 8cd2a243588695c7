"""The word-level pieces of the NER over e5's token states (``parallax.nlp.ner_states``): words
per line, each word's first-piece state, BIO labels and back to spans, the CRF's features."""

from __future__ import annotations

import numpy as np

from parallax.nlp.ner_states import (
    _hashed,
    _spans,
    bio_labels,
    fit_state_projection,
    line_features,
    text_words,
    word_states,
)

TEXT = "Президент Володимир Зеленський прибув до Львова.\n\nПАТ «Укрнафта» звітувала."


def test_words_are_cut_per_line_with_offsets_into_the_text() -> None:
    lines = text_words(TEXT)
    assert len(lines) == 2
    for words in lines:
        for start, end, form in words:
            assert TEXT[start:end] == form
    assert [w[2] for w in lines[1]] == ["ПАТ", "«", "Укрнафта", "»", "звітувала", "."]


def test_each_word_takes_the_state_of_its_first_overlapping_piece() -> None:
    words = [(0, 5, "Київ."), (6, 9, "abc"), (20, 22, "zz")]
    # pieces: "Ки" [0,2) "їв" [2,4) "." [4,5) "abc" [6,9)
    states = np.arange(4 * 3, dtype=np.float32).reshape(4, 3)
    rows = word_states(words, [0, 2, 4, 6], [2, 4, 5, 9], states)
    assert rows[0].tolist() == states[0].tolist() and rows[1].tolist() == states[3].tolist()
    assert not rows[2].any()  # no piece there: zeros


def test_bio_labels_and_spans_round_trip() -> None:
    words = text_words(TEXT)[0]
    gold = [(10, 30, "PERS"), (41, 47, "LOC")]
    labels = bio_labels(words, gold)
    assert labels == ["O", "B-PERS", "I-PERS", "O", "O", "B-LOC", "O"]
    assert list(_spans(words, labels)) == gold
    # an I- without its B- opens a span; a change of type closes one
    assert list(_spans(words[:3], ["I-ORG", "B-PERS", "I-LOC"])) == [
        (0, 9, "ORG"), (10, 19, "PERS"), (20, 30, "LOC"),
    ]  # fmt: skip


def test_features_carry_the_projected_state_and_the_word_s_form() -> None:
    rows = np.random.default_rng(0).standard_normal((50, 384)).astype(np.float32)
    projection = fit_state_projection(rows, 4)
    projected = projection.apply(rows)
    assert projected.shape == (50, 4)
    assert abs(float(projected.std()) - 1.0) < 1e-3
    words = text_words(TEXT)[0]
    features = line_features(words, projected[: len(words)])
    assert features[2]["s"] == "Xx" and features[2]["t"] and features[0]["-1:edge"] == 1.0
    # words and affixes are hashed, the same form to the same feature, whatever its case
    assert features[2]["w"] == _hashed("зеленський") and "зелен" not in str(features[2])
    assert (
        features[2]["-1:w"]
        == features[1]["w"]
        == line_features([(0, 9, "ВОЛОДИМИР")], projected[:1])[0]["w"]
    )
    assert [features[2][f"e{k}"] for k in range(4)] == [float(v) for v in projected[2]]


def test_neighbours_states_and_quotes_are_features_when_asked() -> None:
    words = text_words(TEXT)[1]  # ПАТ « Укрнафта » звітувала .
    projected = np.arange(len(words) * 4, dtype=np.float32).reshape(len(words), 4)
    plain = line_features(words, projected)
    assert not any(k in ("1:e0", "-1:e0", "q") for row in plain for k in row)
    rich = line_features(words, projected, context=2, quotes=True)
    assert rich[2]["-1:e0"] == projected[1][0] and rich[2]["1:e1"] == projected[3][1]
    assert "-1:e0" not in rich[0] and "1:e0" not in rich[-1]
    assert [row["q"] for row in rich] == [False, False, True, False, False, False]
