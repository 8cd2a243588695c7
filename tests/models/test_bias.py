"""The packaged bias classifier and the loaded-word spans on the seed articles."""

from __future__ import annotations

import pytest

from parallax.models.bias import loaded_terms, score_bias, score_biases
from tests.models.conftest import sentence_with

LOADED_PHRASES = ("the role for which he does not qualify for", "Trump’s vain attempts")
NEUTRAL_PHRASES = (
    "The Turkish Foreign Minister confirmed",
    "The renewed aid package includes",
)


@pytest.mark.parametrize(
    "embed",
    [False, True],
)
def test_loaded_sentences_score_above_neutral_ones(southfront: str, embed: bool) -> None:
    loaded = [sentence_with(southfront, p) for p in LOADED_PHRASES]
    neutral = [sentence_with(southfront, p) for p in NEUTRAL_PHRASES]
    scores = score_biases(loaded + neutral, embed=embed)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert min(scores[:2]) > max(scores[2:])


def test_score_bias_is_one_sentence() -> None:
    assert score_bias("The meeting is on Tuesday.", embed=False) < 0.5
    assert score_biases([]) == []


def test_loaded_terms_are_spans_of_open_lexicons(southfront: str) -> None:
    terms = loaded_terms(southfront)
    assert ("vain", "parallax.loaded") in {(t, s) for _, _, t, s in terms}
    for start, end, term, source in terms:
        assert southfront[start:end] == term
        assert source in {"parallax.loaded", "vader"}


def test_factual_words_are_not_loaded() -> None:
    assert loaded_terms("Three people were killed in the attack on Monday.") == []
    assert [t for _, _, t, _ in loaded_terms("The regime's thugs slammed the ridiculous plan")] == [
        "regime",
        "thugs",
        "slammed",
        "ridiculous",
    ]


def test_loaded_terms_skip_proper_names() -> None:
    text = (
        "The Supreme Court ruled. Supreme Court justices met. Critics called it a supreme "
        "insult. Outrageous, she said. He praised the Great Barrier Reef and the Evil plan."
    )
    found = [t for _, _, t, _ in loaded_terms(text)]
    assert "Supreme" not in found  # both places: inside a sentence, and opening one
    assert "Great" not in found and "Evil" not in found
    assert "supreme" in found  # the same word in lowercase still counts
    assert "Outrageous" in found  # a capital that only opens a sentence is not a name
