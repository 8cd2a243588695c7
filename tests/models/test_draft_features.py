"""The framing models' features computed fast are the same features, to the last bit and in the
same order, on real text: the bias model's character n-gram blocks counted in numpy for many
sentences at once (:class:`CharBlocks`, :func:`lexical_rows`) against :func:`sentence_row` one
sentence at a time, and the CRF's word features built from per-word names (:func:`sentence_rows`)
against the word-by-word builder they replace, and the tagger's rows without their zeros giving
the same marginals from CRFsuite as the full rows."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from parallax.models.bias import lexical_rows, load_bias_model
from parallax.models.bias_features import CharBlocks, embedding_names, sentence_row
from parallax.models.cues import HEDGE, INTENSIFIERS, LOADED, vader_valence
from parallax.models.techniques import INSIDE, inside_probabilities, load_propaganda_model
from parallax.models.techniques_features import sentence_rows
from parallax.models.text import sentence_spans, word_spans
from tests.conftest import EXAMPLES, SHARED_DATA

#: BASIL's 2014 articles (dev years): Fox News, The New York Times and HuffPost.
BASIL_2014 = SHARED_DATA / "basil" / "articles" / "2014"

#: Text the corpora rarely hold: quotes opened in one sentence and closed in the next, «»,
#: a word repeated within a sentence (n-grams counted more than once), capitals, a sentence
#: of digits and symbols only, one over the word caches' length, and a title line.
EDGES = (
    "BREAKING: «Outrageous» lies!\n"
    'He said "the regime is brutal. Truly brutal" and left. Banana banana banana bananas. '
    "“Never,” she said, “never again.” 12 34 — 56. "
    + " ".join(["The very shameful, disgraceful cover-up went on"] * 20)
    + ". Mr. Smith’s aide didn’t reply?"
)


def _texts() -> list[tuple[str, str]]:
    found = [(p.stem, p.read_text("utf-8")) for p in sorted(EXAMPLES.glob("seeds/*.txt"))]
    for path in sorted(BASIL_2014.glob("*.json"))[:12]:
        record = json.loads(path.read_text("utf-8"))
        paragraphs = [" ".join(p) if isinstance(p, list) else p for p in record["body-paragraphs"]]
        found.append((path.stem, "\n\n".join(paragraphs)))
    found.append(("edges", EDGES))
    return found


TEXTS = _texts()


def _items(rows: list[dict[str, float]]) -> list[list[tuple[str, float]]]:
    return [list(row.items()) for row in rows]


def test_real_text_is_read() -> None:
    assert len(TEXTS) >= 3  # the two seeds and the edges at least
    if BASIL_2014.is_dir():
        assert len(TEXTS) == 15


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=[name for name, _ in TEXTS])
def test_lexical_rows_are_sentence_rows(name: str, text: str) -> None:
    model = load_bias_model()
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    expected = [sentence_row(s, model.idf, model.rates) for s in sentences]
    found = lexical_rows(sentences, model=model)
    # The same names in the same order, the same values to the last bit.
    assert _items(found) == _items(expected)
    assert any(k.startswith("c:") for row in found for k in row)


def test_char_blocks_count_repeats_and_skip_unknown_grams() -> None:
    idf = {"c: a": 2.0, "c:ab": 3.0, "c:b ": 1.5, "w:ab": 9.0}
    blocks = CharBlocks(idf).blocks(["ab ab zz", "zz", "", "ab"])
    norm = math.sqrt(
        (2.0 * (1 + math.log(2))) ** 2
        + (3.0 * (1 + math.log(2))) ** 2
        + 2.25 * (1 + math.log(2)) ** 2
    )
    assert list(blocks[0]) == ["c: a", "c:ab", "c:b "]  # "zz" has no known n-gram
    assert blocks[0]["c:ab"] == 3.0 * (1 + math.log(2)) / norm
    assert blocks[1] == {} and blocks[2] == {}
    assert blocks[3] == pytest.approx(
        {"c: a": 2 / 15.25**0.5, "c:ab": 3 / 15.25**0.5, "c:b ": 1.5 / 15.25**0.5}
    )
    assert CharBlocks(idf).blocks(["zz", "!"]) == [{}, {}]
    assert CharBlocks(idf).blocks([]) == []


def _reference_rows(text: str) -> list[list[tuple[int, int, dict[str, float]]]]:
    """The CRF's word features as they were built before, word by word."""
    quotes = '"“”«»'
    valence = vader_valence()
    sentences = []
    for number, (s_start, s_end) in enumerate(sentence_spans(text)):
        spans = word_spans(text[s_start:s_end])
        if spans:
            sentences.append((number, s_start, s_end, spans))
    n_words = sum(len(spans) for *_, spans in sentences)
    n_loaded = sum(1 for *_, spans in sentences for _, _, token in spans if token in LOADED)
    article_loaded = min(20.0 * n_loaded / max(n_words, 1), 1.0)
    result = []
    for number, s_start, s_end, spans in sentences:
        tokens = [token for _, _, token in spans]
        charged = min(sum(1 for t in tokens if t in LOADED or t in INTENSIFIERS), 3)
        quote_depth = 0
        cursor = s_start
        rows = []
        for i, (w_start, w_end, token) in enumerate(spans):
            start, end = s_start + w_start, s_start + w_end
            quote_depth += sum(text[cursor:start].count(q) for q in quotes)
            cursor = start
            following = tokens[i + 1] if i + 1 < len(tokens) else "</s>"
            row = {
                f"t:{token}": 1.0,
                f"p:{tokens[i - 1] if i else '<s>'}": 1.0,
                f"n:{following}": 1.0,
                f"pp:{tokens[i - 2] if i > 1 else '<s>'}": 1.0,
                f"nn:{tokens[i + 2] if i + 2 < len(tokens) else '</s>'}": 1.0,
                f"tb:{token}|{following}": 1.0,
                f"sfx:{token[-3:]}": 1.0,
                f"sl:{charged}": 1.0,
                f"pos:{min(number, 10)}": 1.0,
                "x:loaded": float(token in LOADED),
                "x:intensifier": float(token in INTENSIFIERS),
                "x:hedge": float(token in HEDGE),
                "x:valence_abs": abs(valence.get(token, 0.0)) / 4.0,
                "x:capitalised": float(text[start].isupper()),
                "x:all_caps": float(text[start:end].isupper() and end - start > 1),
                "x:in_quotes": float(quote_depth % 2 == 1),
                "x:title": float(number == 0),
                "x:position": i / len(spans),
                "x:sentence_words": math.log1p(len(spans)),
                "x:sentence_exclaims": float("!" in text[s_start:s_end]),
                "x:art_loaded": article_loaded,
            }
            rows.append((start, end, row))
        result.append(rows)
    return result


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=[name for name, _ in TEXTS])
def test_crf_rows_and_marginals_are_the_same(name: str, text: str) -> None:
    expected = _reference_rows(text)
    found = sentence_rows(text)
    flat = [(s, e, list(row.items())) for sentence in found for s, e, row in sentence]
    assert flat == [(s, e, list(row.items())) for sentence in expected for s, e, row in sentence]
    assert [len(sentence) for sentence in found] == [len(sentence) for sentence in expected]
    # The tagger's rows leave the zeros out, the rest in the same order.
    sparse = [
        (s, e, list(row.items()))
        for sentence in sentence_rows(text, zeros=False)
        for s, e, row in sentence
    ]
    assert sparse == [(s, e, [(k, v) for k, v in items if v]) for s, e, items in flat]
    assert len(sparse) == len(flat) and sum(map(len, (i for *_, i in sparse))) < sum(
        map(len, (i for *_, i in flat))
    )
    if name == "edges":  # words inside quotes, across a sentence's end too, are marked
        assert sum(row["x:in_quotes"] for sentence in found for *_, row in sentence) >= 5
    model = load_propaganda_model()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(Path(model.tagger)))
    try:
        marginals = []
        for sentence in expected:
            tagger.set(pycrfsuite.ItemSequence([row for _, _, row in sentence]))
            marginals.append(
                [(s, e, tagger.marginal(INSIDE, i)) for i, (s, e, _) in enumerate(sentence)]
            )
    finally:
        tagger.close()
    assert inside_probabilities(text, model=model) == marginals


@pytest.mark.parametrize(("name", "text"), TEXTS[:4], ids=[name for name, _ in TEXTS[:4]])
def test_dense_features_score_as_merged_rows(name: str, text: str) -> None:
    """An embedding given apart (``dense``) scores as the rows with it merged in, to the bit."""
    model = load_bias_model()
    rows = lexical_rows([text[s:e] for s, e in sentence_spans(text)], model=model)
    rows[0] = {}  # a row of no known n-gram still has its embedding
    vectors = np.random.default_rng(7).normal(size=(len(rows), 384)).astype(np.float32)
    names = [*embedding_names(384)[:-1], "e:unknown"]  # a name the model lacks is skipped
    merged = [
        {**row, **dict(zip(names, map(float, vector.tolist()), strict=True))}
        for row, vector in zip(rows, vectors, strict=True)
    ]
    expected = model.full.raw(merged)
    found = model.full.raw(rows, (names, vectors))
    assert np.array_equal(found, expected)
    assert not np.array_equal(found, model.full.raw(rows))  # the embedding counts
    assert np.array_equal(
        model.full.probabilities(rows, (names, vectors)), model.full.probabilities(merged)
    )
