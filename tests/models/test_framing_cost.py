"""The framing models' cheaper paths give the very findings of the plain code, on real text: the
technique spans that cannot reach the comparison's cut-off are not classified, a sentence's
character n-grams and TF-IDF weights, and the full bias head's rows with their embedding."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence

import numpy as np
import pytest

from parallax.compare.framing import MIN_TECHNIQUE_SCORE
from parallax.embeddings import embeddings_available
from parallax.models import techniques
from parallax.models.bias import load_bias_model
from parallax.models.bias_features import CHAR_SIZES, char_grams, sentence_row, word_grams
from parallax.models.techniques import detect_spans, find_techniques, load_propaganda_model
from parallax.models.text import sentences, tfidf_block, words
from parallax.models.vectors import cached_embedder
from tests.conftest import SHARED_DATA
from tests.models.test_fast_scoring import one_feature_at_a_time

#: A BASIL triplet: one event told by Fox News, The New York Times and HuffPost.
TRIPLET = "2014/b764f81f-6d08-4d7c-b1a8-8961bed0a455"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """The two bundled seed articles, and the BASIL triplet's when the shared data is here."""
    from tests.conftest import EXAMPLES

    found = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("seeds/*.txt"))]
    for part in (1, 2, 3):
        path = SHARED_DATA / "basil" / "articles" / f"{TRIPLET}_{part}.json"
        if path.is_file():
            paragraphs = json.loads(path.read_text("utf-8"))["body-paragraphs"]
            found.append("\n\n".join(" ".join(p) if isinstance(p, list) else p for p in paragraphs))
    assert len(found) >= 2
    return found


def test_spans_below_the_cut_off_are_not_classified_and_the_rest_are_unchanged(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    model = load_propaganda_model()
    classified: list[tuple[int, int]] = []
    span_rows = techniques.span_rows

    def counting(text: str, spans: Sequence[tuple[int, int]]) -> list[dict[str, float]]:
        classified.extend(spans)
        return span_rows(text, spans)

    skipped = kept = 0
    for text in texts:
        every = find_techniques(text, model=model)
        detected = detect_spans(text, model=model)
        monkeypatch.setattr(techniques, "span_rows", counting)
        classified.clear()
        cut = find_techniques(text, model=model, min_score=MIN_TECHNIQUE_SCORE)
        monkeypatch.undo()
        reach = [span.score >= MIN_TECHNIQUE_SCORE for span in detected]
        # The same technique and score for each span kept, and no span it leaves out could have
        # been found at the cut-off: the comparison's findings are the same.
        assert cut == [found for found, ok in zip(every, reach, strict=True) if ok]
        assert [f for f in cut if f.score >= MIN_TECHNIQUE_SCORE] == [
            f for f in every if f.score >= MIN_TECHNIQUE_SCORE
        ]
        assert classified == [(s.start, s.end) for s, ok in zip(detected, reach, strict=True) if ok]
        skipped += reach.count(False)
        kept += reach.count(True)
    assert skipped > 0 and kept > 0  # the tagger marks both kinds in these articles


def plain_char_grams(text: str) -> list[str]:
    """:func:`char_grams` as it was written first: each word's n-grams cut anew."""
    grams: list[str] = []
    for token in words(text):
        padded = f" {token} "
        for size in CHAR_SIZES:
            if size > len(padded):
                break
            grams.extend(f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1))
    return grams


def plain_tfidf(grams: Sequence[str], idf: Mapping[str, float]) -> dict[str, float]:
    """:func:`tfidf_block` as it was written first: counted in Python, every log taken."""
    counts: dict[str, int] = {}
    for gram in grams:
        if gram in idf:
            counts[gram] = counts.get(gram, 0) + 1
    weights = {g: (1.0 + math.log(c)) * idf[g] for g, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {g: w / norm for g, w in weights.items()}


def test_sentence_features_are_the_plain_codes_in_the_same_order(texts: list[str]) -> None:
    model = load_bias_model()
    every = [s for text in texts for s in sentences(text)]
    assert len(every) > 50
    repeated = 0
    for sentence in every:
        grams = char_grams(sentence)
        assert grams == plain_char_grams(sentence)
        for block in (word_grams(sentence), grams):
            # Same keys in the same order, same values to the last bit: the linear model adds a
            # row's features in its order.
            assert list(tfidf_block(block, model.idf).items()) == list(
                plain_tfidf(block, model.idf).items()
            )
        repeated += len(grams) != len(set(grams))
    assert repeated > 0  # grams seen twice in a sentence, whose weight takes the logarithm


@pytest.mark.skipif(not embeddings_available(), reason="the embeddings extra is not installed")
def test_the_full_bias_head_scores_embedded_rows_as_one_feature_at_a_time(
    texts: list[str],
) -> None:
    model = load_bias_model()
    every = [s for text in texts for s in sentences(text)][:80]
    vectors = cached_embedder().embed(every)
    rows = [
        sentence_row(s, model.idf, model.rates, vectors[i].tolist()) for i, s in enumerate(every)
    ]
    embedded = [(name, value) for name, value in rows[0].items() if name.startswith("e:")]
    assert embedded == [(f"e:{i}", value) for i, value in enumerate(vectors[0].tolist())]
    assert np.array_equal(model.full.raw(rows), one_feature_at_a_time(model.full, rows))
