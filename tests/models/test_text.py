"""Words, sentences, stems and TF-IDF vectors shared by the comparison models."""

from __future__ import annotations

import pytest

from parallax.models.text import (
    WORD,
    content_terms,
    cosine,
    learn_idf,
    sentence_spans,
    sentences,
    stem,
    tfidf,
    word_spans,
    words,
)
from tests.conftest import EXAMPLES


def test_sentences_keep_abbreviations_and_closing_quotes() -> None:
    text = 'U.S. President Trump spoke. Mr. Smith said "no." Then he left!\n\nA new paragraph'
    assert sentences(text) == [
        "U.S. President Trump spoke.",
        'Mr. Smith said "no."',
        "Then he left!",
        "A new paragraph",
    ]
    for start, end in sentence_spans(text):
        assert text[start:end] == text[start:end].strip()


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("weapons", "weapon"),
        ("denied", "deny"),
        ("denies", "deny"),
        ("resumed", "resum"),
        ("resume", "resum"),
        ("deliveries", "delivery"),
        ("Trump's".lower(), "trump"),
        ("is", "is"),
        ("boss", "boss"),
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_content_terms_drop_function_words_keep_negations() -> None:
    assert content_terms("The US did not resume the deliveries") == ["not", "resum", "delivery"]


def test_word_spans_slice_back() -> None:
    text = "Kyiv’s air defences, again."
    assert [text[s:e].lower().replace("’", "'") for s, e, _ in word_spans(text)] == [
        w for _, _, w in word_spans(text)
    ]


def test_tfidf_cosine_by_hand() -> None:
    idf, default = learn_idf([["a", "b"], ["a"]])
    # n = 2: idf(a) = ln(3/3) + 1 = 1, idf(b) = ln(3/2) + 1
    assert idf["a"] == pytest.approx(1.0)
    first = tfidf(["a"], idf, default)
    second = tfidf(["a", "a"], idf, default)
    assert cosine(first, second) == pytest.approx(1.0)
    assert cosine(first, tfidf(["b"], idf, default)) == 0.0
    assert tfidf([], idf, default) == {}


@pytest.mark.parametrize("pad", [0, 3, 15, 40])
def test_an_abbreviation_ends_no_sentence_wherever_it_stands(pad: int) -> None:
    lead = "Rain fell. " * (pad // 11) + "a" * (pad % 11) + " " * bool(pad % 11)
    text = f"{lead}Gen. Smith came. Then xGen. Ray left. Mr.\nJones saw it."
    found = [text[s:e] for s, e in sentence_spans(text)][-4:]
    assert found[0].endswith("Gen. Smith came.")
    assert found[1:] == ["Then xGen.", "Ray left.", "Mr.\nJones saw it."]


@pytest.mark.parametrize("long", [False, True])
def test_words_lower_each_word_as_it_stands_alone(long: bool) -> None:
    # Words are lowered in one call over the words joined; a Greek final sigma, a dotted
    # capital I (two characters lowered), titlecase digraphs and curly apostrophes must come
    # out as each word lowered on its own. Long texts take the uncached path.
    seed = (EXAMPLES / "seeds" / "000_f1244bfe7fc0ce2e.txt").read_text(encoding="utf-8")
    tricky = "ΟΔΟΣ ΣΑΣ İstanbul ǅemal ǄAR DON’T Straße ẞ ı١٢ don’t’s _x_ ς'Σ"
    for text in (tricky * (40 if long else 1), seed[:500], seed):
        expected = [m.lower().replace("’", "'") for m in WORD.findall(text)]
        assert words(text) == expected
        assert [word for _, _, word in word_spans(text)] == expected
    assert words("") == [] and words("... !") == []
