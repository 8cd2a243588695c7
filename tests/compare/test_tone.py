"""Tone toward entities from the sentences that mention them."""

from __future__ import annotations

import pytest

from parallax.compare.tone import entity_tone, sentence_valence
from parallax.model import Mention

TEXT = "Alice won a wonderful award. Bob was blamed for the terrible failure. Alice met Bob."


def _mention(text: str, name: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return Mention("a1", start, start + len(text), text, "PERSON", name, "test")


def test_entity_tone_follows_its_sentences() -> None:
    mentions = [
        _mention("Alice", "Alice"),
        _mention("Bob", "Bob"),
        _mention("Alice", "Alice", 1),
        _mention("Bob", "Bob", 1),
    ]
    tone = entity_tone(TEXT, mentions)
    assert tone["Alice"] > 0 > tone["Bob"]
    assert set(tone) == {"Alice", "Bob"}


def test_sentence_valence_by_hand() -> None:
    # "good" is 1.9 in VADER: 1.9 / sqrt(1.9² + 15)
    assert sentence_valence("good", 0, 4) == pytest.approx(1.9 / (1.9**2 + 15) ** 0.5)
    # a negation within three words flips and damps it (VADER's -0.74)
    negated = 1.9 * -0.74
    assert sentence_valence("not good", 0, 8) == pytest.approx(negated / (negated**2 + 15) ** 0.5)
    assert sentence_valence("good", 0, 4, skip=[(0, 4)]) == 0.0
    assert entity_tone(TEXT, []) == {}
